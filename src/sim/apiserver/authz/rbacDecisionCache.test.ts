// The RBAC authorizer remembers decisions while no Role, ClusterRole or binding changes (Store.changeRevision):
// every change must be seen at once, and decisions that depend on resourceNames must stay per name.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../Engine.ts';

describe('RBAC decision cache', () => {
  const engine = new Engine(undefined, { record: false, components: false });
  const req = (token: string, method: string, path: string, body?: unknown, ct = 'application/json'): number =>
    engine.request({ method, path, headers: { authorization: `Bearer ${token}`, 'content-type': ct }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }).code;
  const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  const rbac = 'rbac.authorization.k8s.io';

  it('sees new and removed bindings and roles at once', () => {
    expect(req('bob-token', 'POST', '/api/v1/namespaces/default/pods', pod('a'))).toBe(201);
    expect(req('bob-token', 'DELETE', '/api/v1/namespaces/default/pods/a')).toBe(403);
    expect(req('admin-token', 'POST', `/apis/${rbac}/v1/namespaces/default/roles`, { apiVersion: `${rbac}/v1`, kind: 'Role', metadata: { name: 'd' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] })).toBe(201);
    expect(req('admin-token', 'POST', `/apis/${rbac}/v1/namespaces/default/rolebindings`, { apiVersion: `${rbac}/v1`, kind: 'RoleBinding', metadata: { name: 'd' }, subjects: [{ kind: 'User', name: 'bob', apiGroup: rbac }], roleRef: { kind: 'Role', name: 'd', apiGroup: rbac } })).toBe(201);
    expect(req('bob-token', 'DELETE', '/api/v1/namespaces/default/pods/a')).toBe(403);
    // The role gains delete: the binding's decision changes with the role, not only with the binding.
    expect(req('admin-token', 'PATCH', `/apis/${rbac}/v1/namespaces/default/roles/d`, { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'delete'] }] }, 'application/merge-patch+json')).toBe(200);
    expect(req('bob-token', 'DELETE', '/api/v1/namespaces/default/pods/a')).toBe(200);
    expect(req('admin-token', 'DELETE', `/apis/${rbac}/v1/namespaces/default/rolebindings/d`)).toBe(200);
    expect(req('bob-token', 'POST', '/api/v1/namespaces/default/pods', pod('b'))).toBe(201);
    expect(req('bob-token', 'DELETE', '/api/v1/namespaces/default/pods/b')).toBe(403);
  });

  it('keeps decisions that depend on resourceNames per object name', () => {
    expect(req('admin-token', 'POST', `/apis/${rbac}/v1/namespaces/default/roles`, { apiVersion: `${rbac}/v1`, kind: 'Role', metadata: { name: 'named' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['patch'], resourceNames: ['n1'] }] })).toBe(201);
    expect(req('admin-token', 'POST', `/apis/${rbac}/v1/namespaces/default/rolebindings`, { apiVersion: `${rbac}/v1`, kind: 'RoleBinding', metadata: { name: 'named' }, subjects: [{ kind: 'User', name: 'bob', apiGroup: rbac }], roleRef: { kind: 'Role', name: 'named', apiGroup: rbac } })).toBe(201);
    for (const n of ['n1', 'n2']) expect(req('bob-token', 'POST', '/api/v1/namespaces/default/pods', pod(n))).toBe(201);
    const patch = (n: string): number => req('bob-token', 'PATCH', `/api/v1/namespaces/default/pods/${n}`, { metadata: { labels: { x: 'y' } } }, 'application/merge-patch+json');
    expect([patch('n2'), patch('n1'), patch('n2'), patch('n1')]).toEqual([403, 200, 403, 200]);
  });
});
