// models pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go (v1.32: scores on the requested
// totals, not the non-zero ones; cpu and memory).
import type { NodeInfo } from '../NodeInfo.ts';
import type { PodInfo } from '../PodInfo.ts';
import { MAX_NODE_SCORE, type CycleState, type ScorePlugin } from '../types.ts';

/** balancedResourceScorer for two resources: (1 - |fraction_cpu - fraction_mem| / 2) * 100, fractions capped at 1. */
export function balancedScore(fractions: number[]): number {
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(((fractions[0] ?? 0) - (fractions[1] ?? 0)) / 2);
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** Favours nodes whose cpu and memory would be used in the same proportion after placing the pod. */
export class NodeResourcesBalancedAllocation implements ScorePlugin {
  readonly name = 'NodeResourcesBalancedAllocation';
  readonly weight = 1;
  private readonly fractions: number[] = [];

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const f = this.fractions;
    f.length = 0;
    const allocCpu = node.allocatable.milliCpu;
    if (allocCpu !== 0) f.push(Math.min(1, (node.requested.milliCpu + pod.requests.milliCpu) / allocCpu));
    const allocMem = node.allocatable.memory;
    if (allocMem !== 0) f.push(Math.min(1, (node.requested.memory + pod.requests.memory) / allocMem));
    return balancedScore(f);
  }
}
