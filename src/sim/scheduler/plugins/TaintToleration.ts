// models pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { NodeInfo } from '../NodeInfo.ts';
import type { PodInfo } from '../PodInfo.ts';
import { MAX_NODE_SCORE, newStatus, type ClusterEvent, type CycleState, type EnqueuePlugin, type FilterPlugin, type ScorePlugin, type Status } from '../types.ts';
import { defaultNormalizeScore, findUntoleratedTaint, tolerationsTolerateTaint } from './helpers.ts';

const doNotSchedule = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
const STATE_KEY = 'PreScoreTaintToleration';

/**
 * Filter: the first NoSchedule/NoExecute taint the pod does not tolerate rejects the node.
 * Score: the number of PreferNoSchedule taints not tolerated, normalized in reverse (fewer is better).
 */
export class TaintToleration implements FilterPlugin, ScorePlugin, EnqueuePlugin {
  readonly name = 'TaintToleration';
  readonly weight = 3;
  readonly events: readonly ClusterEvent[] = ['NodeAdd', 'NodeUpdateTaint', 'UnscheduledPodUpdate'];

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    if (node.taints.length === 0) return null;
    const taint = findUntoleratedTaint(node.taints, pod.tolerations, doNotSchedule);
    if (!taint) return null;
    return newStatus('UnschedulableAndUnresolvable', this.name, `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    // getAllTolerationPreferNoSchedule: only tolerations that can match a PreferNoSchedule taint.
    state.write(STATE_KEY, pod.tolerations.filter((t) => !t.effect || t.effect === '' || t.effect === 'PreferNoSchedule'));
    return null;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    if (node.taints.length === 0) return 0;
    const tolerations = state.read<Toleration[]>(STATE_KEY) ?? pod.tolerations;
    let n = 0;
    for (const taint of node.taints) if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) n++;
    return n;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: number[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  }
}
