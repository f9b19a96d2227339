// models pkg/scheduler/framework/plugins/noderesources/fit.go (Filter: fitsRequest) and least_allocated.go
// (the default scoring strategy LeastAllocated, cpu and memory weight 1 each).
import type { NodeInfo } from '../NodeInfo.ts';
import type { PodInfo } from '../PodInfo.ts';
import { MAX_NODE_SCORE, newStatus, type ClusterEvent, type CycleState, type EnqueuePlugin, type FilterPlugin, type ScorePlugin, type Status } from '../types.ts';

/** One unmet request, as fit.go's InsufficientResource. */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** fitsRequest: every request that does not fit in allocatable minus requested, in upstream's order. */
export function insufficientResources(pod: PodInfo, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  if (node.pods.size + 1 > node.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: node.pods.size, capacity: node.allowedPodNumber });
  }
  const r = pod.requests;
  if (r.milliCpu === 0 && r.memory === 0 && r.ephemeralStorage === 0 && r.scalar === null) return out;
  const a = node.allocatable;
  const u = node.requested;
  if (r.milliCpu > 0 && r.milliCpu > a.milliCpu - u.milliCpu) {
    out.push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: r.milliCpu, used: u.milliCpu, capacity: a.milliCpu });
  }
  if (r.memory > 0 && r.memory > a.memory - u.memory) {
    out.push({ resourceName: 'memory', reason: 'Insufficient memory', requested: r.memory, used: u.memory, capacity: a.memory });
  }
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > a.ephemeralStorage - u.ephemeralStorage) {
    out.push({ resourceName: 'ephemeral-storage', reason: 'Insufficient ephemeral-storage', requested: r.ephemeralStorage, used: u.ephemeralStorage, capacity: a.ephemeralStorage });
  }
  if (r.scalar) {
    // Go ranges over a map in random order; sorting keeps the reasons deterministic.
    for (const name of [...r.scalar.keys()].sort()) {
      const want = r.scalar.get(name) ?? 0;
      if (want === 0) continue;
      const cap = a.scalar?.get(name) ?? 0;
      const used = u.scalar?.get(name) ?? 0;
      if (want > cap - used) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: want, used, capacity: cap });
    }
  }
  return out;
}

/** leastRequestedScore: the free fraction of capacity after placing the pod, 0..100; over capacity scores 0. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export class NodeResourcesFit implements FilterPlugin, ScorePlugin, EnqueuePlugin {
  readonly name = 'NodeResourcesFit';
  readonly weight = 1;
  readonly events: readonly ClusterEvent[] = ['NodeAdd', 'NodeUpdateAllocatable', 'NodeUpdateTaint', 'NodeUpdateLabel', 'AssignedPodDelete', 'UnscheduledPodUpdate'];

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    // The common case decides without allocating.
    const r = pod.requests;
    const a = node.allocatable;
    const u = node.requested;
    if (node.pods.size + 1 <= node.allowedPodNumber
      && r.milliCpu <= a.milliCpu - u.milliCpu
      && r.memory <= a.memory - u.memory
      && r.ephemeralStorage <= a.ephemeralStorage - u.ephemeralStorage
      && r.scalar === null) return null;
    const insufficient = insufficientResources(pod, node);
    if (insufficient.length === 0) return null;
    return newStatus('Unschedulable', this.name, ...insufficient.map((i) => i.reason));
  }

  /** LeastAllocated over cpu and memory (weights 1), on the node's non-zero requests plus the pod's. */
  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    let sum = 0;
    let weights = 0;
    const allocCpu = node.allocatable.milliCpu;
    if (allocCpu !== 0) {
      sum += leastRequestedScore(node.nonZeroMilliCpu + pod.nonZeroMilliCpu, allocCpu);
      weights++;
    }
    const allocMem = node.allocatable.memory;
    if (allocMem !== 0) {
      sum += leastRequestedScore(node.nonZeroMemory + pod.nonZeroMemory, allocMem);
      weights++;
    }
    return weights === 0 ? 0 : Math.trunc(sum / weights);
  }
}
