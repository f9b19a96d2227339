// models pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go
import type { NodeInfo } from '../NodeInfo.ts';
import type { PodInfo } from '../PodInfo.ts';
import { newStatus, type ClusterEvent, type EnqueuePlugin, type FilterPlugin, type Status } from '../types.ts';
import { tolerationsTolerateTaint } from './helpers.ts';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;

/** Rejects cordoned nodes (spec.unschedulable) unless the pod tolerates node.kubernetes.io/unschedulable:NoSchedule. */
export class NodeUnschedulable implements FilterPlugin, EnqueuePlugin {
  readonly name = 'NodeUnschedulable';
  readonly events: readonly ClusterEvent[] = ['NodeAdd', 'NodeUpdateTaint', 'UnscheduledPodUpdate'];
  private readonly rejected: Status = newStatus('UnschedulableAndUnresolvable', this.name, ERR_REASON_UNSCHEDULABLE);

  filter(_state: unknown, pod: PodInfo, node: NodeInfo): Status | null {
    if (!node.unschedulable) return null;
    return tolerationsTolerateTaint(pod.tolerations, UNSCHEDULABLE_TAINT) ? null : this.rejected;
  }
}
