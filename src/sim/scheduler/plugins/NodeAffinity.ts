// models pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go (without the profile's addedAffinity).
import type { NodeInfo } from '../NodeInfo.ts';
import type { PodInfo } from '../PodInfo.ts';
import { MAX_NODE_SCORE, newStatus, type ClusterEvent, type CycleState, type EnqueuePlugin, type FilterPlugin, type PreFilterPlugin, type ScorePlugin, type Status } from '../types.ts';
import { defaultNormalizeScore, termMatches, termsMatch } from './helpers.ts';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

/**
 * Filter: spec.nodeSelector (every label equal) and requiredDuringScheduling node affinity (terms ORed).
 * Score: the sum of the weights of the preferred terms the node matches, normalized by the highest.
 */
export class NodeAffinity implements PreFilterPlugin, FilterPlugin, ScorePlugin, EnqueuePlugin {
  readonly name = 'NodeAffinity';
  readonly weight = 2;
  readonly events: readonly ClusterEvent[] = ['NodeAdd', 'NodeUpdateLabel', 'UnscheduledPodUpdate'];
  private readonly rejected: Status = newStatus('UnschedulableAndUnresolvable', this.name, ERR_REASON_POD);
  private readonly skip: Status = newStatus('Skip', this.name);

  /** Nothing to check without a nodeSelector or required affinity: Skip, so Filter does not run. */
  preFilter(_state: CycleState, pod: PodInfo): Status | null {
    return pod.nodeSelector === null && pod.requiredTerms === null ? this.skip : null;
  }

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const sel = pod.nodeSelector;
    if (sel) {
      const labels = node.labels;
      for (const k in sel) if (!Object.hasOwn(labels, k) || labels[k] !== sel[k]) return this.rejected;
    }
    const terms = pod.requiredTerms;
    if (terms && !termsMatch(terms, node.labels, node.name)) return this.rejected;
    return null;
  }

  preScore(_state: CycleState, pod: PodInfo): Status | null {
    return pod.preferredTerms ? null : this.skip;
  }

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    let sum = 0;
    for (const t of pod.preferredTerms ?? []) {
      // Zero weights and empty preferences are dropped, as NewPreferredSchedulingTerms does.
      if (!t.weight || !t.preference) continue;
      if (termMatches(t.preference, node.labels, node.name)) sum += t.weight;
    }
    return sum;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: number[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }
}
