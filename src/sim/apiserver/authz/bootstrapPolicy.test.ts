import { describe, expect, it } from 'vitest';
import type { ClusterRole, ClusterRoleBinding } from 'kubernetes-types/rbac/v1';
import { allBootstrapClusterRoles, bootstrapClusterRoleBindings, bootstrapNamespaceRoleBindings, bootstrapNamespaceRoles, bootstrapPolicy } from './bootstrapPolicy.ts';

const roles = allBootstrapClusterRoles();
const byName = (n: string): ClusterRole | undefined => roles.find((r) => r.metadata?.name === n);

describe('bootstrap ClusterRoles (v1.32, default feature gates)', () => {
  it('has the ClusterRoles a fresh cluster lists, sorted by name', () => {
    const names = roles.map((r) => r.metadata?.name);
    expect(names).toEqual([...names].sort());
    for (const n of ['admin', 'cluster-admin', 'edit', 'view', 'system:aggregate-to-admin', 'system:aggregate-to-edit', 'system:aggregate-to-view',
      'system:auth-delegator', 'system:basic-user', 'system:discovery', 'system:heapster', 'system:kube-aggregator', 'system:kube-controller-manager',
      'system:kube-dns', 'system:kube-scheduler', 'system:kubelet-api-admin', 'system:monitoring', 'system:node', 'system:node-bootstrapper',
      'system:node-problem-detector', 'system:node-proxier', 'system:persistent-volume-provisioner', 'system:public-info-viewer',
      'system:service-account-issuer-discovery', 'system:volume-scheduler', 'system:certificates.k8s.io:legacy-unknown-approver',
      'system:controller:deployment-controller', 'system:controller:replicaset-controller', 'system:controller:namespace-controller',
      'system:controller:service-account-controller', 'system:controller:generic-garbage-collector', 'system:controller:node-controller',
      'system:controller:clusterrole-aggregation-controller']) {
      expect(names, n).toContain(n);
    }
    // Feature-gated controllers are off by default in v1.32.
    expect(names).not.toContain('system:controller:resource-claim-controller');
    // 31 from policy.go, 33 controller roles.
    expect(roles).toHaveLength(31 + 33);
  });

  it('labels every object kubernetes.io/bootstrapping=rbac-defaults and annotates autoupdate=true', () => {
    for (const o of bootstrapPolicy()) {
      expect(o.metadata?.labels?.['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
      expect(o.metadata?.annotations?.['rbac.authorization.kubernetes.io/autoupdate']).toBe('true');
    }
  });

  it('cluster-admin, system:discovery, system:basic-user, system:public-info-viewer are exact', () => {
    expect(byName('cluster-admin')?.rules).toEqual([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }]);
    expect(byName('system:discovery')?.rules).toEqual([{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] }]);
    expect(byName('system:basic-user')?.rules).toEqual([
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
    ]);
    expect(byName('system:public-info-viewer')?.rules).toEqual([{ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] }]);
  });

  it('system:kube-scheduler binds pods and reads what it schedules against', () => {
    const rules = byName('system:kube-scheduler')?.rules ?? [];
    expect(rules[0]).toEqual({ verbs: ['create', 'patch', 'update'], apiGroups: ['', 'events.k8s.io'], resources: ['events'] });
    expect(rules[2]).toEqual({ verbs: ['get', 'update'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['kube-scheduler'] });
    expect(rules[4]).toEqual({ verbs: ['delete', 'get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] });
    expect(rules[5]).toEqual({ verbs: ['create'], apiGroups: [''], resources: ['bindings', 'pods/binding'] });
    expect(rules[6]).toEqual({ verbs: ['patch', 'update'], apiGroups: [''], resources: ['pods/status'] });
    expect(rules).toHaveLength(18);
  });

  it('controller roles for the controllers we run', () => {
    expect(byName('system:controller:deployment-controller')?.rules).toEqual([
      { verbs: ['get', 'list', 'update', 'watch'], apiGroups: ['apps', 'extensions'], resources: ['deployments'] },
      { verbs: ['update'], apiGroups: ['apps', 'extensions'], resources: ['deployments/status'] },
      { verbs: ['update'], apiGroups: ['apps', 'extensions'], resources: ['deployments/finalizers'] },
      { verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], apiGroups: ['apps', 'extensions'], resources: ['replicasets'] },
      { verbs: ['get', 'list', 'update', 'watch'], apiGroups: [''], resources: ['pods'] },
      { verbs: ['create', 'patch', 'update'], apiGroups: ['', 'events.k8s.io'], resources: ['events'] },
    ]);
    expect(byName('system:controller:replicaset-controller')?.rules?.[3]).toEqual({ verbs: ['create', 'delete', 'list', 'patch', 'watch'], apiGroups: [''], resources: ['pods'] });
    expect(byName('system:controller:service-account-controller')?.rules?.[0]).toEqual({ verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts'] });
    expect(byName('system:controller:generic-garbage-collector')?.rules?.[0]).toEqual({ verbs: ['delete', 'get', 'list', 'patch', 'update', 'watch'], apiGroups: ['*'], resources: ['*'] });
    expect(byName('system:controller:clusterrole-aggregation-controller')?.rules).toEqual([{ verbs: ['escalate', 'get', 'list', 'patch', 'update', 'watch'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'] }]);
  });

  it('admin/edit/view are stored with only an aggregationRule, and aggregated by bootstrapPolicy()', () => {
    expect(byName('admin')).toEqual({
      kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }] },
    });
    expect(byName('edit')?.metadata?.labels?.['rbac.authorization.k8s.io/aggregate-to-admin']).toBe('true');
    expect(byName('view')?.metadata?.labels?.['rbac.authorization.k8s.io/aggregate-to-edit']).toBe('true');
    const aggregated = bootstrapPolicy().filter((o) => o.kind === 'ClusterRole') as ClusterRole[];
    const admin = aggregated.find((r) => r.metadata?.name === 'admin');
    // Selected roles are taken in name order: admin = edit (= system:aggregate-to-edit + view) + system:aggregate-to-admin.
    expect(admin?.rules?.[0]).toEqual({ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'] });
    expect(admin?.rules?.at(-1)).toEqual({ verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'] });
    const view = aggregated.find((r) => r.metadata?.name === 'view');
    expect(view?.rules).toEqual(byName('system:aggregate-to-view')?.rules);
  });
});

describe('bootstrap bindings', () => {
  const bindings = bootstrapClusterRoleBindings();
  const b = (n: string): ClusterRoleBinding | undefined => bindings.find((x) => x.metadata?.name === n);
  it('cluster-admin binds the group system:masters', () => {
    expect(b('cluster-admin')?.subjects).toEqual([{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:masters' }]);
    expect(b('cluster-admin')?.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' });
  });
  it('discovery and basic-user are for authenticated users; public-info-viewer also for unauthenticated', () => {
    expect(b('system:discovery')?.subjects?.map((s) => s.name)).toEqual(['system:authenticated']);
    expect(b('system:basic-user')?.subjects?.map((s) => s.name)).toEqual(['system:authenticated']);
    expect(b('system:public-info-viewer')?.subjects?.map((s) => s.name)).toEqual(['system:authenticated', 'system:unauthenticated']);
  });
  it('system:node keeps no subjects; each controller role binds its kube-system ServiceAccount', () => {
    expect(b('system:node')).not.toHaveProperty('subjects');
    expect(b('system:controller:deployment-controller')?.subjects).toEqual([{ kind: 'ServiceAccount', name: 'deployment-controller', namespace: 'kube-system' }]);
    expect(b('system:kube-scheduler')?.subjects).toEqual([{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'system:kube-scheduler' }]);
  });
  it('namespaced roles and bindings live in kube-system and kube-public', () => {
    expect(bootstrapNamespaceRoles().map((r) => `${r.metadata?.namespace}/${r.metadata?.name}`)).toContain('kube-system/extension-apiserver-authentication-reader');
    for (const rb of bootstrapNamespaceRoleBindings()) expect(['kube-system', 'kube-public']).toContain(rb.metadata?.namespace);
  });
});
