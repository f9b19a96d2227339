import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { isNotFound } from '../client/Client.ts';
import { RES } from '../client/paths.ts';
import { finishTerminating, newCluster, pods, runPods, settle, type Cluster } from './testing.ts';

function conditions(c: Cluster, ns: string): [string, string, string, string][] {
  const obj = c.admin.get<KubeObject>(RES.namespaces, '', ns);
  return ((obj.status as { conditions?: { type: string; status: string; reason: string; message: string }[] }).conditions ?? [])
    .map((x) => [x.type, x.status, x.reason, x.message]);
}

describe('NamespaceController', () => {
  function setup(): Cluster {
    const c = newCluster({ controllers: ['namespace-controller', 'serviceaccount-controller', 'root-ca-certificate-publisher-controller'] });
    c.admin.create(RES.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    settle(c, 100);
    c.admin.create(RES.configmaps, 'team', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } });
    c.admin.create(RES.pods, 'team', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    runPods(c, 'team');
    c.admin.delete(RES.namespaces, '', 'team');
    settle(c, 100);
    return c;
  }

  it('deletes the namespace content and reports what remains in the deletion conditions', () => {
    const c = setup();
    expect(c.admin.list(RES.configmaps, 'team').items).toEqual([]);
    expect(c.admin.list(RES.serviceaccounts, 'team').items).toEqual([]);
    // The bound pod terminates gracefully through its kubelet.
    expect(pods(c, 'team')[0]?.metadata?.deletionTimestamp).toBeDefined();
    expect(conditions(c, 'team')).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: pods. has 1 resource instances'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
    ]);
  });

  it('removes the kubernetes finalizer through PUT namespaces/<ns>/finalize once the namespace is empty', () => {
    const c = setup();
    finishTerminating(c, 'team');
    settle(c, 16_100);
    const finalizeCalls = c.engine.tracer.events.filter((e) => e.type === 'request' && e.method === 'PUT' && e.path === '/api/v1/namespaces/team/finalize');
    expect(finalizeCalls.length).toBeGreaterThan(0);
  });

  it('lets the apiserver remove the finalized namespace (the pod\'s 30s grace brings the controller back after 16s)', () => {
    const c = setup();
    finishTerminating(c, 'team');
    settle(c, 16_100);
    let gone = false;
    try {
      c.admin.get(RES.namespaces, '', 'team');
    } catch (e) {
      gone = isNotFound(e);
    }
    expect(gone).toBe(true);
  });
});
