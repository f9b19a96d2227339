import { describe, expect, it } from 'vitest';
import type { AuthorizationAttributes } from './types.ts';
import { forbiddenError, forbiddenMessage, forbiddenReason } from './forbiddenMessage.ts';

const alice = { name: 'alice', groups: ['system:authenticated'] };
function attrs(over: Partial<AuthorizationAttributes>): AuthorizationAttributes {
  return { user: alice, verb: 'get', resourceRequest: true, namespace: '', apiGroup: '', apiVersion: 'v1', resource: '', subresource: '', name: '', path: '', ...over };
}

describe('forbiddenMessage (responsewriters/errors.go)', () => {
  it('namespaced resource', () => {
    expect(forbiddenMessage(attrs({ verb: 'create', namespace: 'default', resource: 'pods' })))
      .toBe('User "alice" cannot create resource "pods" in API group "" in the namespace "default"');
  });
  it('subresource joins with a slash; the name never appears', () => {
    expect(forbiddenMessage(attrs({ verb: 'create', namespace: 'default', resource: 'pods', subresource: 'binding', name: 'nginx' })))
      .toBe('User "alice" cannot create resource "pods/binding" in API group "" in the namespace "default"');
  });
  it('cluster scope and a named group', () => {
    expect(forbiddenMessage(attrs({ verb: 'list', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' })))
      .toBe('User "alice" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope');
  });
  it('non-resource path', () => {
    expect(forbiddenMessage(attrs({ resourceRequest: false, path: '/foo' }))).toBe('User "alice" cannot get path "/foo"');
  });
});

describe('forbiddenError (NewForbidden around the message)', () => {
  it('unnamed request: "<resource> is forbidden: …", Status 403 Forbidden with details', () => {
    const e = forbiddenError(attrs({ verb: 'create', namespace: 'default', resource: 'pods' }));
    expect(e.status.message).toBe('pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"');
    expect(e.status.reason).toBe('Forbidden');
    expect(e.status.code).toBe(403);
    expect(e.status.details).toEqual({ name: '', group: '', kind: 'pods' });
  });
  it('named request puts the quoted name after the group-qualified resource', () => {
    const e = forbiddenError(attrs({ verb: 'get', namespace: 'default', apiGroup: 'apps', resource: 'deployments', name: 'web' }));
    expect(e.status.message).toBe('deployments.apps "web" is forbidden: User "alice" cannot get resource "deployments" in API group "apps" in the namespace "default"');
  });
  it('non-resource: "forbidden: …"', () => {
    expect(forbiddenError(attrs({ resourceRequest: false, path: '/metrics' })).status.message).toBe('forbidden: User "alice" cannot get path "/metrics"');
  });
  it('appends the authorizer reason after ": " only when there is one (RBAC: resolution errors)', () => {
    const a = attrs({ verb: 'list', namespace: 'default', resource: 'pods' });
    expect(forbiddenReason(a)).toBe('User "alice" cannot list resource "pods" in API group "" in the namespace "default"');
    expect(forbiddenError(a, 'RBAC: role.rbac.authorization.k8s.io "x" not found').status.message)
      .toBe('pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "x" not found');
  });
  it('escapes &, < and > in its own text (the sanitizer), quotes with Go escapes', () => {
    expect(forbiddenReason(attrs({ user: { name: 'a<b>&"c"', groups: [] }, resourceRequest: false, path: '/x' })))
      .toBe('User "a&lt;b&gt;&amp;\\"c\\"" cannot get path "/x"');
  });
});
