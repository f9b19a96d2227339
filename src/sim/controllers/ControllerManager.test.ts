import type { ClusterRole } from 'kubernetes-types/rbac/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { RES } from '../client/paths.ts';
import { CONTROLLER_SERVICE_ACCOUNTS } from './ControllerManager.ts';
import { newCluster, settle } from './testing.ts';

describe('ControllerManager', () => {
  it('ensures each controller ServiceAccount in kube-system and writes with its token (--use-service-account-credentials)', () => {
    const c = newCluster();
    const sas = c.admin.list<KubeObject>(RES.serviceaccounts, 'kube-system').items.map((s) => s.metadata?.name);
    for (const name of CONTROLLER_SERVICE_ACCOUNTS) expect(sas).toContain(name);
    c.admin.create(RES.replicasets, 'default', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    });
    settle(c, 100);
    const userOf = (span: number | undefined): string | undefined => {
      const a = c.engine.tracer.events.find((e) => e.type === 'authn' && e.span === span);
      return a?.type === 'authn' ? a.user?.name : undefined;
    };
    const create = c.engine.tracer.events.find((e) => e.type === 'request' && e.method === 'POST' && e.path === '/api/v1/namespaces/default/pods' && e.from === 'kube-controller-manager');
    expect(userOf(create?.span)).toBe('system:serviceaccount:kube-system:replicaset-controller');
    // The shared informers list and watch as the manager itself.
    const list = c.engine.tracer.events.find((e) => e.type === 'request' && e.path.startsWith('/api/v1/pods') && e.from === 'kube-controller-manager');
    expect(userOf(list?.span)).toBe('system:kube-controller-manager');
    // Nothing any controller sent was refused.
    expect(c.engine.tracer.events.filter((e) => e.type === 'response' && e.to === 'kube-controller-manager' && e.code === 403)).toEqual([]);
  });

  it('records controller decisions in the trace', () => {
    const c = newCluster({ controllers: ['replicaset-controller'] });
    c.admin.create(RES.replicasets, 'default', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    });
    settle(c, 100);
    const d = c.engine.tracer.events.find((e) => e.type === 'controller' && e.action === 'scale-up');
    expect(d).toMatchObject({ controller: 'replicaset-controller', object: 'replicaset default/web', detail: 'too few replicas: have 0, need 2, creating 2' });
  });
});

describe('ServiceAccountController and root-ca-cert-publisher', () => {
  it('give every new namespace a default ServiceAccount and the kube-root-ca.crt ConfigMap of kube-system', () => {
    const c = newCluster({ controllers: ['serviceaccount-controller', 'root-ca-certificate-publisher-controller'] });
    c.admin.create(RES.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    settle(c, 100);
    expect(c.admin.list<KubeObject>(RES.serviceaccounts, 'team').items.map((s) => s.metadata?.name)).toEqual(['default']);
    const cm = c.admin.get<KubeObject>(RES.configmaps, 'team', 'kube-root-ca.crt');
    const ref = c.admin.get<KubeObject>(RES.configmaps, 'kube-system', 'kube-root-ca.crt');
    expect(cm.data).toEqual(ref.data);
    expect(cm.metadata?.annotations).toEqual(ref.metadata?.annotations);
  });

  it('put back a deleted default ServiceAccount and an edited CA ConfigMap', () => {
    const c = newCluster({ controllers: ['serviceaccount-controller', 'root-ca-certificate-publisher-controller'] });
    const ref = c.admin.get<KubeObject>(RES.configmaps, 'kube-system', 'kube-root-ca.crt');
    c.admin.delete(RES.serviceaccounts, 'default', 'default');
    c.admin.patch(RES.configmaps, 'default', 'kube-root-ca.crt', 'merge', { data: { 'ca.crt': 'tampered' } });
    settle(c, 100);
    expect(c.admin.get(RES.serviceaccounts, 'default', 'default').metadata?.name).toBe('default');
    expect(c.admin.get<KubeObject>(RES.configmaps, 'default', 'kube-root-ca.crt').data).toEqual(ref.data);
  });
});

describe('ClusterRoleAggregationController', () => {
  it('fills admin, edit and view, and follows labelled ClusterRoles', () => {
    const c = newCluster({ controllers: ['clusterrole-aggregation-controller'] });
    settle(c, 100);
    const view = (): ClusterRole => c.admin.get<KubeObject>(RES.clusterroles, '', 'view') as ClusterRole;
    expect((view().rules ?? []).length).toBeGreaterThan(0);
    expect(((c.admin.get<KubeObject>(RES.clusterroles, '', 'admin') as ClusterRole).rules ?? []).length).toBeGreaterThan((view().rules ?? []).length);
    c.admin.create(RES.clusterroles, '', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
      metadata: { name: 'widgets-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      rules: [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list', 'watch'] }],
    });
    settle(c, 100);
    expect(view().rules).toContainEqual({ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list', 'watch'] });
    // view is labelled aggregate-to-edit and edit aggregate-to-admin, so the rule reaches edit and admin too.
    const admin = c.admin.get<KubeObject>(RES.clusterroles, '', 'admin') as ClusterRole;
    expect(admin.rules).toContainEqual({ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list', 'watch'] });
  });
});
