// Why a pod fits no node, in kube-scheduler's words: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had
// untolerated taint {…}. preemption: 0/3 nodes are available: …".
// models pkg/scheduler/framework/types.go (Diagnosis, FitError.Error, NodeToStatus with an absent-nodes status).
import type { Status } from './types.ts';

/** schedule_one.go ErrNoNodesAvailable. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface Diagnosis {
  /** Statuses of nodes rejected explicitly, by node name. */
  nodeToStatus: Map<string, Status>;
  /** The status of every node not in nodeToStatus (NodeToStatus.AbsentNodesStatus). */
  absentStatus: Status | null;
  /** Plugins that rejected the pod (Unschedulable or UnschedulableAndUnresolvable). */
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  return { nodeToStatus: new Map(), absentStatus: null, unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
}

/** Go's sort.Strings: byte order (every reason is ASCII, so UTF-16 order is the same). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class FitError {
  constructor(readonly numAllNodes: number, readonly diagnosis: Diagnosis) {}

  /** FitError.Error(): "0/N nodes are available: <PreFilterMsg>. <counted reasons>. <PostFilterMsg>". */
  message(): string {
    const d = this.diagnosis;
    let msg = `0/${this.numAllNodes} nodes are available:`;
    if (d.preFilterMsg !== '') {
      msg += ` ${d.preFilterMsg}.`;
    } else {
      const counts = new Map<string, number>();
      for (const s of d.nodeToStatus.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
      const absent = this.numAllNodes - d.nodeToStatus.size;
      if (absent > 0 && d.absentStatus) for (const r of d.absentStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
      const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort(byteOrder);
      if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
    }
    if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
    return msg;
  }
}
