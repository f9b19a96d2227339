// models pkg/scheduler/framework/plugins/nodename/node_name.go
import type { NodeInfo } from '../NodeInfo.ts';
import type { PodInfo } from '../PodInfo.ts';
import { newStatus, type ClusterEvent, type EnqueuePlugin, type FilterPlugin, type Status } from '../types.ts';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

/** A pod naming spec.nodeName fits only that node. */
export class NodeName implements FilterPlugin, EnqueuePlugin {
  readonly name = 'NodeName';
  readonly events: readonly ClusterEvent[] = ['NodeAdd'];
  private readonly rejected: Status = newStatus('UnschedulableAndUnresolvable', this.name, ERR_REASON_NODE_NAME);

  alwaysPasses(pod: PodInfo): boolean {
    return pod.nodeName === '';
  }

  filter(_state: unknown, pod: PodInfo, node: NodeInfo): Status | null {
    return pod.nodeName === '' || pod.nodeName === node.name ? null : this.rejected;
  }
}
