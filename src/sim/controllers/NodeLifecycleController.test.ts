import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { RES } from '../client/paths.ts';
import { eventsFor, newCluster, pods, runPods, settle, type Cluster } from './testing.ts';

const node = (c: Cluster, name: string): Node => c.admin.get<KubeObject>(RES.nodes, '', name) as Node;
const taints = (c: Cluster, name: string): string[] => (node(c, name).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
const ready = (c: Cluster, name: string): { status?: string; reason?: string; message?: string } | undefined =>
  node(c, name).status?.conditions?.find((x) => x.type === 'Ready');

/** Plays the kubelets' Lease heartbeats (every 10s) for the nodes still alive. */
function heartbeats(c: Cluster, alive: Set<string>): void {
  const { clock } = c.engine;
  for (const n of ['control-plane', 'node-1', 'node-2']) {
    c.admin.create(RES.leases, 'kube-node-lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: n }, spec: { holderIdentity: n, leaseDurationSeconds: 40, renewTime: clock.microTimestamp() } });
  }
  const beat = (): void => {
    for (const n of alive) c.admin.patch(RES.leases, 'kube-node-lease', n, 'merge', { spec: { renewTime: clock.microTimestamp() } });
    clock.schedule(10_000, 'test lease renew', beat);
  };
  clock.schedule(10_000, 'test lease renew', beat);
}

describe('NodeLifecycleController and taint eviction', () => {
  it('marks a silent node Unknown after the 50s grace period, taints it and evicts its pods after tolerationSeconds', () => {
    const alive = new Set(['control-plane', 'node-1', 'node-2']);
    const c = newCluster({ controllers: ['node-lifecycle-controller', 'taint-eviction-controller'] }, (x) => heartbeats(x, alive));
    c.admin.create(RES.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx-pod' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    runPods(c, 'default', ['node-1']);
    settle(c, 5);
    alive.delete('node-1'); // its kubelet stops: the last renewal was at t=0
    c.engine.clock.advanceTo(54_000);
    expect(ready(c, 'node-1')?.status).toBe('True');
    c.engine.clock.advanceTo(55_050);
    // Monitor passes run every 5s; at t=55s the last heartbeat (t=0) is more than 50s old.
    expect(ready(c, 'node-1')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node(c, 'node-1').status?.conditions?.filter((x) => x.status === 'Unknown').map((x) => x.type).sort()).toEqual(['DiskPressure', 'MemoryPressure', 'PIDPressure', 'Ready']);
    expect(ready(c, 'node-2')?.status).toBe('True');
    expect(taints(c, 'node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    expect(eventsFor(c, 'default', 'Node', 'node-1')).toContain('NodeNotReady: Node node-1 status is now: NodeNotReady');
    expect(eventsFor(c, 'default', 'Pod', 'nginx-pod')).toContain('NodeNotReady: Node is not ready');
    expect(pods(c)[0]?.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('False');
    // The next pass queues the NoExecute taint; the tainter adds it within 100ms.
    c.engine.clock.advanceTo(60_200);
    expect(taints(c, 'node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(node(c, 'node-1').spec?.taints?.[1]?.timeAdded).toBeDefined();
    // DefaultTolerationSeconds gave the pod 300s of tolerance for unreachable:NoExecute.
    c.engine.clock.advanceTo(360_000);
    expect(pods(c)[0]?.metadata?.deletionTimestamp).toBeUndefined();
    c.engine.clock.advanceTo(360_300);
    const p = pods(c)[0];
    expect(p?.metadata?.deletionTimestamp).toBeDefined();
    expect(p?.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    expect(eventsFor(c, 'default', 'Pod', 'nginx-pod')).toContain('TaintManagerEviction: Marking for deletion Pod default/nginx-pod');
  });

  it('removes the NoExecute taint when the node is ready again, cancelling scheduled evictions', () => {
    const alive = new Set(['control-plane', 'node-2']);
    const c = newCluster({ controllers: ['node-lifecycle-controller', 'taint-eviction-controller'] }, (x) => heartbeats(x, alive));
    c.admin.create(RES.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx-pod' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    runPods(c, 'default', ['node-1']);
    c.engine.clock.advanceTo(61_000);
    expect(taints(c, 'node-1')).toContain('node.kubernetes.io/unreachable:NoExecute');
    // The kubelet comes back and posts Ready.
    alive.add('node-1');
    c.admin.patch(RES.nodes, '', 'node-1', 'strategic', { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: c.engine.clock.timestamp() }] } }, 'status');
    c.engine.clock.advanceTo(76_000);
    expect(taints(c, 'node-1')).toEqual([]);
    expect(eventsFor(c, 'default', 'Pod', 'nginx-pod')).toContain('TaintManagerEviction: Cancelling deletion of Pod default/nginx-pod');
    c.engine.clock.advanceTo(400_000);
    expect(pods(c)[0]?.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('stops NoExecute tainting when every node is not ready (master disruption mode)', () => {
    const c = newCluster({ controllers: ['node-lifecycle-controller'] });
    c.engine.clock.advanceTo(70_000);
    for (const n of ['control-plane', 'node-1', 'node-2']) {
      expect(ready(c, n)?.status).toBe('Unknown');
      expect(taints(c, n).filter((t) => t.endsWith(':NoExecute'))).toEqual([]);
    }
    expect(taints(c, 'node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
  });

  it('taints a cordoned node node.kubernetes.io/unschedulable:NoSchedule and untaints it on uncordon', () => {
    const c = newCluster({ controllers: ['node-lifecycle-controller'] });
    c.admin.patch(RES.nodes, '', 'node-2', 'strategic', { spec: { unschedulable: true } });
    settle(c, 10);
    expect(taints(c, 'node-2')).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    c.admin.patch(RES.nodes, '', 'node-2', 'strategic', { spec: { unschedulable: null } });
    settle(c, 10);
    expect(taints(c, 'node-2')).toEqual([]);
    expect(taints(c, 'control-plane')).toEqual(['node-role.kubernetes.io/control-plane:NoSchedule']);
  });

  it('records RegisteredNode for each node it starts watching', () => {
    const c = newCluster({ controllers: ['node-lifecycle-controller'] });
    settle(c, 10);
    expect(eventsFor(c, 'default', 'Node', 'node-1')).toEqual(['RegisteredNode: Node node-1 event: Registered Node node-1 in Controller']);
  });
});
