// models pkg/scheduler/framework/plugins/nodeports/node_ports.go
import type { NodeInfo } from '../NodeInfo.ts';
import type { PodInfo } from '../PodInfo.ts';
import { newStatus, type ClusterEvent, type CycleState, type EnqueuePlugin, type FilterPlugin, type PreFilterPlugin, type Status } from '../types.ts';

export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

/** A pod's host ports must be free on the node (same protocol and port; 0.0.0.0 overlaps every IP). */
export class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueuePlugin {
  readonly name = 'NodePorts';
  readonly events: readonly ClusterEvent[] = ['NodeAdd', 'NodeUpdateAllocatable', 'NodeUpdateLabel', 'NodeUpdateTaint', 'NodeUpdateOther', 'AssignedPodDelete'];
  private readonly rejected: Status = newStatus('Unschedulable', this.name, ERR_REASON_PORTS);
  private readonly skip: Status = newStatus('Skip', this.name);

  preFilter(_state: CycleState, pod: PodInfo): Status | null {
    return pod.hostPorts.length === 0 ? this.skip : null;
  }

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    for (const hp of pod.hostPorts) if (node.portConflicts(hp)) return this.rejected;
    return null;
  }
}
