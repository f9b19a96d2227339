// The scheduler's view of the cluster: NodeInfos in iteration order, pods placed on them (bound or only assumed),
// and which nodes hold which images. Updated from informer events and by the scheduler itself on assume.
// models pkg/scheduler/backend/cache/cache.go; one NodeInfo list read directly by the cycle instead of a
// per-cycle snapshot (the simulation is single-threaded, so nothing changes under a running cycle).
import type { Node } from 'kubernetes-types/core/v1';
import { NodeInfo } from './NodeInfo.ts';
import type { PodInfo } from './PodInfo.ts';
import type { ClusterEvent } from './types.ts';

interface PodState {
  pod: PodInfo;
  node: string;
  /** Placed by the scheduler, not yet seen bound through the informer. */
  assumed: boolean;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** What changed between two versions of a Node, as the queue's node-update events (framework.NodeSchedulingPropertiesChange). */
export function nodeUpdateEvents(oldNode: Node, newNode: Node): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  if (!sameJson(oldNode.status?.allocatable, newNode.status?.allocatable)) out.push('NodeUpdateAllocatable');
  if (!sameJson(oldNode.metadata?.labels, newNode.metadata?.labels)) out.push('NodeUpdateLabel');
  if (!sameJson(oldNode.spec?.taints, newNode.spec?.taints) || (oldNode.spec?.unschedulable ?? false) !== (newNode.spec?.unschedulable ?? false)) out.push('NodeUpdateTaint');
  if (!sameJson(oldNode.status?.conditions?.map((c) => [c.type, c.status]), newNode.status?.conditions?.map((c) => [c.type, c.status]))) out.push('NodeUpdateOther');
  return out;
}

export class SchedulerCache {
  private readonly nodeMap = new Map<string, NodeInfo>();
  /** Nodes with a Node object, in the order they were added (upstream's node tree without zones). */
  readonly nodeList: NodeInfo[] = [];
  private readonly podStates = new Map<string, PodState>();
  private readonly imageNodes = new Map<string, Set<string>>();

  getNode(name: string): NodeInfo | undefined {
    const n = this.nodeMap.get(name);
    return n?.node ? n : undefined;
  }

  imageNodeCount(image: string): number {
    return this.imageNodes.get(image)?.size ?? 0;
  }

  private nodeInfo(name: string): NodeInfo {
    let n = this.nodeMap.get(name);
    if (!n) this.nodeMap.set(name, (n = new NodeInfo(name)));
    return n;
  }

  addNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const n = this.nodeInfo(name);
    const present = n.node !== undefined;
    if (present) this.removeImages(n);
    n.setNode(node);
    this.addImages(n);
    if (!present) this.nodeList.push(n);
  }

  /** Returns the events the change amounts to, for the queue. */
  updateNode(oldNode: Node, newNode: Node): ClusterEvent[] {
    this.addNode(newNode);
    return nodeUpdateEvents(oldNode, newNode);
  }

  removeNode(name: string): void {
    const n = this.nodeMap.get(name);
    if (!n?.node) return;
    this.removeImages(n);
    n.node = undefined;
    const i = this.nodeList.indexOf(n);
    if (i >= 0) this.nodeList.splice(i, 1);
    // Pods still listed keep the NodeInfo alive until they go, as upstream keeps a node without its object.
    if (n.pods.size === 0) this.nodeMap.delete(name);
  }

  private addImages(n: NodeInfo): void {
    for (const image of n.images.keys()) {
      let s = this.imageNodes.get(image);
      if (!s) this.imageNodes.set(image, (s = new Set()));
      s.add(n.name);
    }
  }

  private removeImages(n: NodeInfo): void {
    for (const image of n.images.keys()) {
      const s = this.imageNodes.get(image);
      if (!s) continue;
      s.delete(n.name);
      if (s.size === 0) this.imageNodes.delete(image);
    }
  }

  isAssumed(uid: string): boolean {
    return this.podStates.get(uid)?.assumed ?? false;
  }

  /** The node a pod is placed on (bound or assumed), if any. */
  nodeOf(uid: string): string | undefined {
    return this.podStates.get(uid)?.node;
  }

  /** AssumePod: counts the pod on the node before the binding is confirmed. */
  assumePod(pod: PodInfo, nodeName: string): void {
    if (this.podStates.has(pod.uid)) return;
    const placed: PodInfo = { ...pod, nodeName };
    this.nodeInfo(nodeName).addPod(placed);
    this.podStates.set(pod.uid, { pod: placed, node: nodeName, assumed: true });
  }

  /** ForgetPod: undoes an assume whose binding failed. */
  forgetPod(uid: string): void {
    const st = this.podStates.get(uid);
    if (!st?.assumed) return;
    this.removeState(uid, st);
  }

  /** A bound pod seen through the informer; confirms an assumed one. */
  addPod(pod: PodInfo): void {
    const st = this.podStates.get(pod.uid);
    if (st) {
      if (st.node === pod.nodeName) {
        // Confirm in place: same node, refresh what the pod looks like now.
        const n = this.nodeInfo(st.node);
        n.removePod(pod.uid);
        n.addPod(pod);
        st.pod = pod;
        st.assumed = false;
        return;
      }
      this.removeState(pod.uid, st);
    }
    this.nodeInfo(pod.nodeName).addPod(pod);
    this.podStates.set(pod.uid, { pod, node: pod.nodeName, assumed: false });
  }

  updatePod(pod: PodInfo): void {
    this.addPod(pod);
  }

  removePod(uid: string): void {
    const st = this.podStates.get(uid);
    if (st) this.removeState(uid, st);
  }

  private removeState(uid: string, st: PodState): void {
    const n = this.nodeMap.get(st.node);
    if (n) {
      n.removePod(uid);
      if (!n.node && n.pods.size === 0) this.nodeMap.delete(st.node);
    }
    this.podStates.delete(uid);
  }

  podCount(): number {
    return this.podStates.size;
  }
}
