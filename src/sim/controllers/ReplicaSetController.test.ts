import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { RES } from '../client/paths.ts';
import { eventsFor, newCluster, pods, runPods, setPodReady, settle, type Cluster } from './testing.ts';

const only = { controllers: ['replicaset-controller'] as const };

function createRS(c: Cluster, replicas: number, extra: Record<string, unknown> = {}): void {
  c.admin.create(RES.replicasets, 'default', {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, ...extra },
  });
}
const rs = (c: Cluster): ReplicaSet => c.admin.get<KubeObject>(RES.replicasets, 'default', 'web') as ReplicaSet;

describe('ReplicaSetController', () => {
  it('creates pods from the template with generateName and a controller ownerReference, recording Created pod events', () => {
    const c = newCluster({ controllers: [...only.controllers] });
    createRS(c, 2);
    settle(c, 100);
    const ps = pods(c);
    expect(ps).toHaveLength(2);
    const uid = rs(c).metadata?.uid;
    for (const p of ps) {
      expect(p.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata?.generateName).toBe('web-');
      expect(p.metadata?.labels).toEqual({ app: 'web', tier: 'fe' });
      expect(p.metadata?.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(eventsFor(c, 'default', 'ReplicaSet', 'web').sort()).toEqual(ps.map((p) => `SuccessfulCreate: Created pod: ${p.metadata?.name ?? ''}`).sort());
    expect(rs(c).status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 });
  });

  it('creates in slow-start batches of 1, 2, 4 and stops after a failing batch', () => {
    const c = newCluster({ controllers: [...only.controllers] });
    c.admin.create(RES.resourcequotas, 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '3' } } });
    createRS(c, 10);
    // One sync: the ReplicaSet's watch event arrives after 1ms; the created pods' events come after it.
    settle(c, 1);
    const ev = eventsFor(c, 'default', 'ReplicaSet', 'web');
    // Batches 1 and 2 succeed (3 pods, the quota), the batch of 4 fails entirely, the last 3 are never tried.
    expect(ev.filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(3);
    const failed = ev.filter((e) => e.startsWith('FailedCreate'));
    expect(failed).toHaveLength(4);
    expect(failed[0]).toMatch(/^FailedCreate: Error creating: pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=3$/);
    expect(rs(c).status?.conditions?.[0]).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
  });

  it('scales down unscheduled, then not-ready pods first, recording Deleted pod events', () => {
    const c = newCluster({ controllers: [...only.controllers] });
    createRS(c, 3);
    settle(c, 100);
    runPods(c);
    settle(c, 10);
    const [a, b] = pods(c);
    setPodReady(c, 'default', b?.metadata?.name ?? '', false);
    c.admin.create(RES.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-extra', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    settle(c, 100);
    // The orphan was adopted and, being unscheduled, is the first to go when the extra replica is removed.
    expect(eventsFor(c, 'default', 'ReplicaSet', 'web')).toContain('SuccessfulDelete: Deleted pod: web-extra');
    c.admin.patch(RES.replicasets, 'default', 'web', 'merge', { spec: { replicas: 2 } });
    settle(c, 100);
    expect(eventsFor(c, 'default', 'ReplicaSet', 'web')).toContain(`SuccessfulDelete: Deleted pod: ${b?.metadata?.name ?? ''}`);
    expect(pods(c).find((p) => p.metadata?.name === a?.metadata?.name)?.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('adopts matching orphans and releases pods whose labels stop matching', () => {
    const c = newCluster({ controllers: [...only.controllers] });
    c.admin.create(RES.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    createRS(c, 1);
    settle(c, 100);
    expect(pods(c).map((p) => p.metadata?.name)).toEqual(['orphan']);
    expect(pods(c)[0]?.metadata?.ownerReferences?.[0]?.name).toBe('web');
    c.admin.patch(RES.pods, 'default', 'orphan', 'merge', { metadata: { labels: { app: 'other' } } });
    settle(c, 100);
    const released = pods(c).find((p) => p.metadata?.name === 'orphan');
    // (Go's omitempty would drop the emptied list; this apiserver stores it as [].)
    expect(released?.metadata?.ownerReferences ?? []).toEqual([]);
    expect(pods(c)).toHaveLength(2);
  });

  it('counts available replicas only after minReadySeconds', () => {
    const c = newCluster({ controllers: [...only.controllers] });
    createRS(c, 1, { minReadySeconds: 10 });
    settle(c, 100);
    runPods(c);
    settle(c, 100);
    expect(rs(c).status).toMatchObject({ replicas: 1, readyReplicas: 1 });
    expect(rs(c).status?.availableReplicas).toBeUndefined();
    settle(c, 11_000);
    expect(rs(c).status?.availableReplicas).toBe(1);
  });
});
