// Declared once at module scope: React Flow re-mounts every node when these objects change identity.
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { PacketEdge } from './edges/PacketEdge.tsx';
import { ApiserverNode } from './nodes/ApiserverNode.tsx';
import { ControllerManagerNode } from './nodes/ControllerManagerNode.tsx';
import { EtcdNode } from './nodes/EtcdNode.tsx';
import { InnerNode } from './nodes/InnerNode.tsx';
import { NodeGroupNode } from './nodes/NodeGroupNode.tsx';
import { SchedulerNode } from './nodes/SchedulerNode.tsx';
import { UserNode } from './nodes/UserNode.tsx';

export const nodeTypes: NodeTypes = {
  user: UserNode,
  apiserver: ApiserverNode,
  etcd: EtcdNode,
  scheduler: SchedulerNode,
  controllerManager: ControllerManagerNode,
  nodeGroup: NodeGroupNode,
  inner: InnerNode,
};

export const edgeTypes: EdgeTypes = { packet: PacketEdge };
