// PostFilter: when no node fits, find a node where evicting lower-priority pods would make room, pick the least
// harmful one, and nominate it. The evictions themselves (DisruptionTarget condition, delete, Preempted event) are
// API calls the scheduler makes from the returned decision.
// models pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go and
// pkg/scheduler/framework/preemption/preemption.go (v1.32, synchronous preemption; no PodDisruptionBudgets, no
// extenders; the dry run is sequential from a random offset, where upstream's is parallel).
import type { Pod } from 'kubernetes-types/core/v1';
import { FitError, newDiagnosis, type Diagnosis } from '../FitError.ts';
import type { Framework, Nominator } from '../Framework.ts';
import type { NodeInfo } from '../NodeInfo.ts';
import type { PodInfo } from '../PodInfo.ts';
import { newStatus, type CycleState, type Status } from '../types.ts';

export const NAME = 'DefaultPreemption';
export const MSG_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const MSG_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const MSG_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const MSG_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';

export interface DefaultPreemptionArgs {
  /** minCandidateNodesPercentage: 10. */
  minCandidateNodesPercentage: number;
  /** minCandidateNodesAbsolute: 100. */
  minCandidateNodesAbsolute: number;
}

export interface Candidate {
  node: string;
  /** Ordered from the most to the least important. */
  victims: PodInfo[];
}

export interface PreemptionResult {
  /** Success, or Unschedulable with the message FitError will carry ("preemption: …"). */
  status: Status | null;
  message: string;
  /** Set: nominate this node. '' : clear the pod's nomination. undefined: leave it as it is. */
  nominatedNode: string | undefined;
  victims: PodInfo[];
  /** Lower-priority pods nominated to the chosen node, whose nomination is to be cleared. */
  clearNominated: PodInfo[];
  /** Nodes examined in the dry run and why they were no candidates. */
  nodeStatuses: Map<string, Status>;
  candidates: Candidate[];
}

export interface PreemptionDeps {
  framework: Framework;
  nodes(): readonly NodeInfo[];
  node(name: string): NodeInfo | undefined;
  nominator: Nominator;
  /** Uniform integer in [0, n): the dry run's random offset. */
  randomInt(n: number): number;
  /** Wall-clock ms, for pods without status.startTime (util.GetPodStartTime uses now). */
  nowWallMs(): number;
}

/** podTerminatingByPreemption: being deleted and carrying DisruptionTarget=True, reason PreemptionByScheduler. */
export function terminatingByPreemption(pod: Pod): boolean {
  if (!pod.metadata?.deletionTimestamp) return false;
  for (const c of pod.status?.conditions ?? []) {
    if (c.type === 'DisruptionTarget') return c.status === 'True' && c.reason === 'PreemptionByScheduler';
  }
  return false;
}

export class DefaultPreemption {
  readonly name = NAME;
  private readonly args: DefaultPreemptionArgs;

  constructor(private readonly deps: PreemptionDeps, args: Partial<DefaultPreemptionArgs> = {}) {
    this.args = { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100, ...args };
  }

  /** calculateNumCandidates: 10% of the potential nodes, at least 100, at most all of them. */
  numCandidates(numNodes: number): number {
    let n = Math.trunc((numNodes * this.args.minCandidateNodesPercentage) / 100);
    if (n < this.args.minCandidateNodesAbsolute) n = this.args.minCandidateNodesAbsolute;
    if (n > numNodes) n = numNodes;
    return n;
  }

  /** PostFilter (Evaluator.Preempt), with the "preemption: " prefix the plugin adds to any message. */
  postFilter(state: CycleState, pod: PodInfo, diagnosis: Diagnosis): PreemptionResult {
    const r = this.preempt(state, pod, diagnosis);
    if (r.message !== '') {
      r.message = `preemption: ${r.message}`;
      if (r.status) r.status = newStatus(r.status.code, NAME, r.message);
    }
    return r;
  }

  private result(status: Status | null, message: string, nominatedNode: string | undefined): PreemptionResult {
    return { status, message, nominatedNode, victims: [], clearNominated: [], nodeStatuses: new Map(), candidates: [] };
  }

  private preempt(state: CycleState, pod: PodInfo, m: Diagnosis): PreemptionResult {
    const statusOf = (node: string): Status | null => m.nodeToStatus.get(node) ?? m.absentStatus;
    // 1) Is the pod eligible to preempt?
    const notEligible = this.notEligibleReason(pod, statusOf(pod.nominatedNodeName));
    if (notEligible !== '') return this.result(newStatus('Unschedulable', NAME, notEligible), notEligible, undefined);

    // 2) Candidates: only nodes a filter rejected as Unschedulable (resolvable by removing pods).
    const allNodes = this.deps.nodes();
    const potential = allNodes.filter((n) => statusOf(n.name)?.code === 'Unschedulable');
    const nodeStatuses = new Map<string, Status>();
    const candidates: Candidate[] = [];
    if (potential.length > 0) {
      const offset = this.deps.randomInt(potential.length);
      const wanted = this.numCandidates(potential.length);
      for (let i = 0; i < potential.length; i++) {
        const node = potential[(offset + i) % potential.length] as NodeInfo;
        const { victims, status } = this.selectVictimsOnNode(state, pod, node.clone());
        if (status === null && victims.length > 0) {
          candidates.push({ node: node.name, victims });
          if (candidates.length >= wanted) break;
          continue;
        }
        nodeStatuses.set(node.name, status ?? newStatus('Error', NAME, `expected at least one victim pod on node "${node.name}"`));
      }
    }

    if (candidates.length === 0) {
      const diagnosis = newDiagnosis();
      for (const [k, v] of nodeStatuses) diagnosis.nodeToStatus.set(k, v);
      diagnosis.absentStatus = newStatus('UnschedulableAndUnresolvable', NAME, MSG_NOT_HELPFUL);
      const msg = new FitError(allNodes.length, diagnosis).message();
      const r = this.result(newStatus('Unschedulable', NAME, msg), msg, '');
      r.nodeStatuses = nodeStatuses;
      return r;
    }

    // 4) The best candidate, then 5) what to evict and whose nomination to clear.
    const best = this.pickOneNodeForPreemption(candidates);
    const r = this.result(null, '', best.node);
    r.victims = best.victims;
    r.candidates = candidates;
    r.nodeStatuses = nodeStatuses;
    r.clearNominated = this.deps.nominator.nominatedPodsForNode(best.node).filter((p) => p.priority < pod.priority);
    return r;
  }

  /** PodEligibleToPreemptOthers: "" when eligible, else the reason. */
  private notEligibleReason(pod: PodInfo, nominatedNodeStatus: Status | null): string {
    if (pod.preemptionPolicy === 'Never') return MSG_POLICY_NEVER;
    if (pod.nominatedNodeName !== '') {
      // A nominated node the filters now reject outright is no reason to wait: preempt again.
      if (nominatedNodeStatus?.code === 'UnschedulableAndUnresolvable') return '';
      const node = this.deps.node(pod.nominatedNodeName);
      if (node) {
        for (const p of node.pods.values()) {
          if (p.priority < pod.priority && terminatingByPreemption(p.pod)) return MSG_TERMINATING;
        }
      }
    }
    return '';
  }

  private startTime(p: PodInfo): number {
    return p.startTime ?? this.deps.nowWallMs();
  }

  /** MoreImportantPod: higher priority, then the one that started earlier. */
  private moreImportant(a: PodInfo, b: PodInfo): boolean {
    if (a.priority !== b.priority) return a.priority > b.priority;
    return this.startTime(a) < this.startTime(b);
  }

  /**
   * SelectVictimsOnNode: remove every lower-priority pod; if the preemptor then fits, add them back from the most
   * important down, keeping as victims only those whose return makes it not fit.
   */
  selectVictimsOnNode(state: CycleState, pod: PodInfo, node: NodeInfo): { victims: PodInfo[]; status: Status | null } {
    const potential: PodInfo[] = [];
    for (const p of node.pods.values()) if (p.priority < pod.priority) potential.push(p);
    for (const p of potential) node.removePod(p.uid);
    if (potential.length === 0) return { victims: [], status: newStatus('UnschedulableAndUnresolvable', NAME, MSG_NO_VICTIMS) };
    const fw = this.deps.framework;
    const fits = fw.runFilterWithNominated(state, pod, node);
    if (fits !== null) return { victims: [], status: fits };
    potential.sort((a, b) => (this.moreImportant(a, b) ? -1 : this.moreImportant(b, a) ? 1 : 0));
    const victims: PodInfo[] = [];
    for (const p of potential) {
      node.addPod(p);
      if (fw.runFilterWithNominated(state, pod, node) !== null) {
        node.removePod(p.uid);
        victims.push(p);
      }
    }
    return { victims, status: null };
  }

  /** pickOneNodeForPreemption's criteria in order (PDB violations are always 0 here); ties keep the first. */
  pickOneNodeForPreemption(candidates: Candidate[]): Candidate {
    const INT32_SHIFT = 2147483648;
    const scoreFuncs: ((c: Candidate) => number)[] = [
      (c) => -(c.victims[0]?.priority ?? 0),
      (c) => -c.victims.reduce((s, p) => s + p.priority + INT32_SHIFT, 0),
      (c) => -c.victims.length,
      (c) => this.earliestStartOfHighestPriority(c.victims),
    ];
    let all = candidates;
    for (const f of scoreFuncs) {
      let best = -Infinity;
      let selected: Candidate[] = [];
      for (const c of all) {
        const s = f(c);
        if (s > best) {
          best = s;
          selected = [];
        }
        if (s === best) selected.push(c);
      }
      if (selected.length === 1) return selected[0] as Candidate;
      all = selected;
    }
    return all[0] as Candidate;
  }

  /** GetEarliestPodStartTime over the highest-priority victims. */
  private earliestStartOfHighestPriority(victims: PodInfo[]): number {
    let maxPriority = victims[0]?.priority ?? 0;
    let earliest = victims[0] ? this.startTime(victims[0]) : 0;
    for (const p of victims) {
      if (p.priority === maxPriority) earliest = Math.min(earliest, this.startTime(p));
      else if (p.priority > maxPriority) {
        maxPriority = p.priority;
        earliest = this.startTime(p);
      }
    }
    return earliest;
  }
}
