import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { isNotFound } from '../client/Client.ts';
import { RES } from '../client/paths.ts';
import { finishTerminating, newCluster, pods, runPods, settle, type Cluster } from './testing.ts';

const controllers = ['deployment-controller', 'replicaset-controller', 'garbage-collector-controller'] as const;

function deploy(c: Cluster): void {
  c.admin.create(RES.deployments, 'default', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
  });
  settle(c, 100);
  runPods(c);
  settle(c, 100);
}

const exists = (c: Cluster, ref: typeof RES.deployments | typeof RES.replicasets, name: string): boolean => {
  try {
    c.admin.get(ref, 'default', name);
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
};
const rsNames = (c: Cluster): string[] => c.admin.list<KubeObject>(RES.replicasets, 'default').items.map((r) => r.metadata?.name ?? '');

describe('GarbageCollector', () => {
  it('background: deletes the dependents after the owner is gone', () => {
    const c = newCluster({ controllers: [...controllers] });
    deploy(c);
    c.admin.delete(RES.deployments, 'default', 'web', { propagationPolicy: 'Background' });
    expect(exists(c, RES.deployments, 'web')).toBe(false);
    settle(c, 100);
    expect(rsNames(c)).toEqual([]);
    // Bound pods terminate gracefully: their kubelets finish the deletion.
    expect(pods(c).every((p) => p.metadata?.deletionTimestamp !== undefined)).toBe(true);
    finishTerminating(c);
    expect(pods(c)).toEqual([]);
  });

  it('foreground: the owner keeps the foregroundDeletion finalizer until its blocking dependents are gone', () => {
    const c = newCluster({ controllers: [...controllers] });
    deploy(c);
    c.admin.delete(RES.deployments, 'default', 'web', { propagationPolicy: 'Foreground' });
    settle(c, 100);
    const d = c.admin.get<KubeObject>(RES.deployments, 'default', 'web');
    expect(d.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(d.metadata?.deletionTimestamp).toBeDefined();
    // The ReplicaSet has dependents of its own, so it is deleted in the foreground too, and waits for its pods.
    const [rs] = rsNames(c);
    const rsObj = c.admin.get<KubeObject>(RES.replicasets, 'default', rs ?? '');
    expect(rsObj.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(pods(c).every((p) => p.metadata?.deletionTimestamp !== undefined)).toBe(true);
    finishTerminating(c);
    settle(c, 100);
    expect(rsNames(c)).toEqual([]);
    expect(exists(c, RES.deployments, 'web')).toBe(false);
  });

  it('orphan: removes the owner references from the dependents, then the orphan finalizer', () => {
    const c = newCluster({ controllers: ['replicaset-controller', 'garbage-collector-controller'] });
    c.admin.create(RES.replicasets, 'default', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    });
    settle(c, 100);
    c.admin.delete(RES.replicasets, 'default', 'web', { propagationPolicy: 'Orphan' });
    settle(c, 100);
    expect(exists(c, RES.replicasets, 'web')).toBe(false);
    const ps = pods(c);
    expect(ps).toHaveLength(2);
    for (const p of ps) {
      expect(p.metadata?.deletionTimestamp).toBeUndefined();
      expect(p.metadata?.ownerReferences ?? []).toEqual([]);
    }
  });

  it('deletes a dependent whose owner never existed (dangling reference, verified by a live GET)', () => {
    const c = newCluster({ controllers: ['garbage-collector-controller'] });
    c.admin.create(RES.configmaps, 'default', {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'child', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-4000-8000-000000000000' }] },
    });
    c.admin.create(RES.configmaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep' } });
    settle(c, 100);
    const names = c.admin.list<KubeObject>(RES.configmaps, 'default').items.map((x) => x.metadata?.name);
    expect(names).not.toContain('child');
    expect(names).toContain('keep');
  });
});
