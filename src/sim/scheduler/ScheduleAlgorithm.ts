// One scheduling cycle's search for a node: PreFilter, Filter over enough nodes (percentageOfNodesToScore, from a
// rotating start index), PreScore/Score/NormalizeScore with weights, and a uniformly random pick among the best.
// models pkg/scheduler/schedule_one.go (schedulePod, findNodesThatFitPod, findNodesThatPassFilters,
// numFeasibleNodesToFind, prioritizeNodes, selectHost), sequential where upstream runs 16 goroutines.
import type { SchedulingFilterResult, SchedulingNodeResult } from '../trace/types.ts';
import { FitError, newDiagnosis, type Diagnosis } from './FitError.ts';
import type { Framework } from './Framework.ts';
import type { NodeInfo } from './NodeInfo.ts';
import type { PodInfo } from './PodInfo.ts';
import { isRejected, type CycleState } from './types.ts';

/** minFeasibleNodesToFind: below this many nodes every node is checked. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** minFeasibleNodesPercentageToFind. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind: how many feasible nodes a cycle looks for. With percentage 0 (the default) the
 * percentage adapts: 50 - nodes/125, at least 5; the result is never below 100 nodes.
 */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** The table the trace carries for one cycle (built only when someone reads the trace). */
export interface CycleTrace {
  numNodesToFind: number;
  startIndex: number;
  preFilter: SchedulingFilterResult[];
  scorePlugins: { plugin: string; weight: number; skipped: boolean }[];
  nodes: SchedulingNodeResult[];
  nominatedNode?: string;
}

export interface ScheduleOutcome {
  /** The chosen node; undefined when none fits. */
  host: string | undefined;
  /** Set when no node fits (absent with noNodes). */
  fitError: FitError | undefined;
  /** No node exists at all (ErrNoNodesAvailable). */
  noNodes: boolean;
  diagnosis: Diagnosis;
  evaluatedNodes: number;
  feasibleNodes: number;
  trace: CycleTrace | undefined;
}

export interface AlgorithmDeps {
  framework: Framework;
  nodes(): readonly NodeInfo[];
  node(name: string): NodeInfo | undefined;
  /** Uniform integer in [0, n): selectHost's reservoir sampling. */
  randomInt(n: number): number;
}

export class ScheduleAlgorithm {
  /** Where the next cycle starts looking (nextStartNodeIndex). */
  nextStartNodeIndex = 0;
  // Reused across cycles: one allocation per growth, not per cycle.
  private totals = new Float64Array(64);
  private scores: number[] = [];

  constructor(private readonly deps: AlgorithmDeps, readonly percentageOfNodesToScore = 0) {}

  schedulePod(state: CycleState, pod: PodInfo, traced: boolean): ScheduleOutcome {
    const nodes = this.deps.nodes();
    const diagnosis = newDiagnosis();
    const trace: CycleTrace | undefined = traced
      ? { numNodesToFind: 0, startIndex: this.nextStartNodeIndex, preFilter: [], scorePlugins: [], nodes: [] }
      : undefined;
    const out: ScheduleOutcome = { host: undefined, fitError: undefined, noNodes: false, diagnosis, evaluatedNodes: 0, feasibleNodes: 0, trace };
    if (nodes.length === 0) {
      out.noNodes = true;
      return out;
    }
    const feasible = this.findNodesThatFitPod(state, pod, diagnosis, nodes, trace);
    out.evaluatedNodes = feasible.length + diagnosis.nodeToStatus.size;
    out.feasibleNodes = feasible.length;
    if (feasible.length === 0) {
      out.fitError = new FitError(nodes.length, diagnosis);
      return out;
    }
    // One feasible node: no need to score it.
    if (feasible.length === 1) {
      out.host = (feasible[0] as NodeInfo).name;
      return out;
    }
    const totals = this.prioritizeNodes(state, pod, feasible, trace);
    out.host = (feasible[this.selectHost(totals, feasible.length)] as NodeInfo).name;
    return out;
  }

  private findNodesThatFitPod(state: CycleState, pod: PodInfo, diagnosis: Diagnosis, nodes: readonly NodeInfo[], trace: CycleTrace | undefined): NodeInfo[] {
    const fw = this.deps.framework;
    const s = fw.runPreFilter(state, pod, trace?.preFilter);
    if (s !== null) {
      // Every node gets the PreFilter's status, so preemption sees it.
      diagnosis.absentStatus = s;
      diagnosis.preFilterMsg = s.reasons.join(', ');
      if (isRejected(s)) diagnosis.unschedulablePlugins.add(s.plugin);
      return [];
    }
    // A pod nominated by an earlier preemption tries its nominated node first.
    if (pod.nominatedNodeName !== '') {
      const nominated = this.deps.node(pod.nominatedNodeName);
      if (nominated) {
        if (trace) trace.nominatedNode = nominated.name;
        const feasible = this.findNodesThatPassFilters(state, pod, diagnosis, [nominated], trace);
        if (feasible.length > 0) return feasible;
      }
    }
    return this.findNodesThatPassFilters(state, pod, diagnosis, nodes, trace);
  }

  private findNodesThatPassFilters(state: CycleState, pod: PodInfo, diagnosis: Diagnosis, nodes: readonly NodeInfo[], trace: CycleTrace | undefined): NodeInfo[] {
    const fw = this.deps.framework;
    const numAll = nodes.length;
    const numToFind = numFeasibleNodesToFind(this.percentageOfNodesToScore, numAll);
    if (trace) trace.numNodesToFind = numToFind;
    const start = this.nextStartNodeIndex % numAll;
    if (trace && nodes.length > 1) trace.startIndex = start;
    const feasible: NodeInfo[] = [];
    let processed = 0;
    for (let i = 0; i < numAll; i++) {
      const node = nodes[(start + i) % numAll] as NodeInfo;
      const filters: SchedulingFilterResult[] | undefined = trace ? [] : undefined;
      const s = fw.runFilterWithNominated(state, pod, node, filters);
      if (trace && filters) trace.nodes.push({ node: node.name, filters });
      processed++;
      if (s === null) {
        feasible.push(node);
        if (feasible.length >= numToFind) break;
        continue;
      }
      diagnosis.nodeToStatus.set(node.name, s);
      if (isRejected(s)) diagnosis.unschedulablePlugins.add(s.plugin);
    }
    // Upstream's quirk kept: the modulus is the length of the list searched (1 for a nominated node).
    this.nextStartNodeIndex = (start + processed) % numAll;
    return feasible;
  }

  /** prioritizeNodes: the weighted sum of every score plugin's normalized score, per feasible node. */
  private prioritizeNodes(state: CycleState, pod: PodInfo, feasible: NodeInfo[], trace: CycleTrace | undefined): Float64Array {
    const n = feasible.length;
    if (this.totals.length < n) this.totals = new Float64Array(Math.max(n, this.totals.length * 2));
    const totals = this.totals;
    totals.fill(0, 0, n);
    // NormalizeScore sees exactly one score per feasible node.
    const scores = this.scores;
    if (scores.length !== n) scores.length = n;
    const byNode = trace ? new Map(trace.nodes.map((r) => [r.node, r])) : undefined;
    for (const p of this.deps.framework.scorePlugins) {
      const pre = p.preScore?.(state, pod, feasible) ?? null;
      const skipped = pre !== null && pre.code === 'Skip';
      trace?.scorePlugins.push({ plugin: p.name, weight: p.weight, skipped });
      if (skipped) continue;
      for (let i = 0; i < n; i++) scores[i] = p.score(state, pod, feasible[i] as NodeInfo);
      const raw = trace ? scores.slice() : undefined;
      p.normalizeScore?.(state, pod, scores);
      const w = p.weight;
      for (let i = 0; i < n; i++) totals[i] = (totals[i] as number) + (scores[i] as number) * w;
      if (byNode && raw) {
        for (let i = 0; i < n; i++) {
          const r = byNode.get((feasible[i] as NodeInfo).name);
          if (!r) continue;
          (r.scores ??= []).push({ plugin: p.name, raw: raw[i] as number, normalized: scores[i] as number, weighted: (scores[i] as number) * w });
        }
      }
    }
    if (byNode) for (let i = 0; i < n; i++) {
      const r = byNode.get((feasible[i] as NodeInfo).name);
      if (r) r.total = totals[i] as number;
    }
    return totals;
  }

  /** selectHost: the highest total; ties are broken uniformly at random (reservoir sampling). */
  selectHost(totals: ArrayLike<number>, n: number): number {
    let best = -Infinity;
    let count = 0;
    let selected = 0;
    for (let i = 0; i < n; i++) {
      const t = totals[i] as number;
      if (t > best) {
        best = t;
        count = 1;
        selected = i;
      } else if (t === best) {
        count++;
        if (this.deps.randomInt(count) === 0) selected = i;
      }
    }
    return selected;
  }
}
