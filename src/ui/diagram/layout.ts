// The fixed layout, left to right as a request travels: the terminal (with etcd below it, behind the apiserver),
// kube-apiserver with its stages, then the control-plane components and one group per Node. Sized so that
// fit-view keeps the text legible at 1280×720 and on a projector.
import type { Edge, Node } from '@xyflow/react';

export const SIZE = {
  user: { w: 230, h: 172 },
  etcd: { w: 230, h: 104 },
  apiserver: { w: 320, h: 540 },
  scheduler: { w: 188, h: 112 },
  controllerManager: { w: 272, h: 112 },
  group: { w: 470, h: 150 },
  inner: { w: 210, h: 46 },
};

const API_X = 370;
const RIGHT_X = 780;
const GROUPS_Y = 132;
const GROUP_GAP = 12;
const INNER_Y = 38;

/** Where, in apiserver coordinates, each left/right handle sits. */
export const HANDLE = {
  user: 150,
  etcd: 420,
  scheduler: SIZE.scheduler.h / 2,
  /** The i-th node's kubelet, level with it (clamped to the apiserver's height). */
  kubelet: (i: number): number => Math.min(SIZE.apiserver.h - 12, GROUPS_Y + i * (SIZE.group.h + GROUP_GAP) + INNER_Y + SIZE.inner.h / 2),
};

export interface ApiserverData extends Record<string, unknown> {
  nodes: string[];
}
export interface GroupData extends Record<string, unknown> {
  node: string;
}
/** Which way an edge's packet label reaches from its dot: away from kube-apiserver, so it never hides a stage. */
export interface EdgeData extends Record<string, unknown> {
  labelSide: 'left' | 'right';
}
const left: EdgeData = { labelSide: 'left' };
const right: EdgeData = { labelSide: 'right' };

export interface InnerData extends Record<string, unknown> {
  node: string;
  role: 'kubelet' | 'containerd';
}

const box = (s: { w: number; h: number }): { width: number; height: number } => ({ width: s.w, height: s.h });

export function buildLayout(nodeNames: string[]): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [
    { id: 'user', type: 'user', position: { x: 0, y: HANDLE.user - SIZE.user.h / 2 }, data: {}, style: box(SIZE.user) },
    { id: 'etcd', type: 'etcd', position: { x: 0, y: HANDLE.etcd - SIZE.etcd.h / 2 }, data: {}, style: box(SIZE.etcd) },
    { id: 'apiserver', type: 'apiserver', position: { x: API_X, y: 0 }, data: { nodes: nodeNames } satisfies ApiserverData, style: box(SIZE.apiserver) },
    { id: 'scheduler', type: 'scheduler', position: { x: RIGHT_X, y: 0 }, data: {}, style: box(SIZE.scheduler) },
    { id: 'controller-manager', type: 'controllerManager', position: { x: RIGHT_X + SIZE.group.w - SIZE.controllerManager.w, y: 0 }, data: {}, style: box(SIZE.controllerManager) },
  ];
  const edges: Edge[] = [
    { id: 'e:user', source: 'user', target: 'apiserver', targetHandle: 'l', type: 'packet', data: left },
    { id: 'e:etcd', source: 'apiserver', sourceHandle: 'l-etcd', target: 'etcd', type: 'packet', data: left },
    { id: 'e:scheduler', source: 'apiserver', sourceHandle: 'r-sched', target: 'scheduler', type: 'packet', data: right },
    { id: 'e:controller-manager', source: 'apiserver', sourceHandle: 't-cm', target: 'controller-manager', type: 'packet', data: right },
  ];
  nodeNames.forEach((name, i) => {
    const group = `node:${name}`;
    nodes.push({ id: group, type: 'nodeGroup', position: { x: RIGHT_X, y: GROUPS_Y + i * (SIZE.group.h + GROUP_GAP) }, data: { node: name } satisfies GroupData, style: box(SIZE.group), selectable: false });
    nodes.push({ id: `kubelet:${name}`, type: 'inner', parentId: group, extent: 'parent', position: { x: 14, y: INNER_Y }, data: { node: name, role: 'kubelet' } satisfies InnerData, style: box(SIZE.inner), draggable: false });
    nodes.push({ id: `containerd:${name}`, type: 'inner', parentId: group, extent: 'parent', position: { x: SIZE.group.w - 14 - SIZE.inner.w, y: INNER_Y }, data: { node: name, role: 'containerd' } satisfies InnerData, style: box(SIZE.inner), draggable: false });
    edges.push({ id: `e:kubelet:${name}`, source: 'apiserver', sourceHandle: `r-${i}`, target: `kubelet:${name}`, type: 'packet', data: right });
    edges.push({ id: `e:containerd:${name}`, source: `kubelet:${name}`, sourceHandle: 'r', target: `containerd:${name}`, type: 'packet', data: right });
  });
  return { nodes, edges };
}
