import { describe, expect, it } from 'vitest';
import { MemoryReader } from '../admission/testing.ts';
import { NodeAuthorizer, nodeIdentity } from './NodeAuthorizer.ts';
import type { AuthorizationAttributes } from './types.ts';

const node1 = { name: 'system:node:node-1', groups: ['system:nodes', 'system:authenticated'] };

function store(): MemoryReader {
  return new MemoryReader()
    .add('', 'nodes', { metadata: { name: 'node-1' } })
    .add('', 'pods', { metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: 'node-1', serviceAccountName: 'web-sa', containers: [{ name: 'c', envFrom: [{ configMapRef: { name: 'web-config' } }] }], volumes: [{ name: 'v', secret: { secretName: 'web-tls' } }] } })
    .add('', 'pods', { metadata: { name: 'other', namespace: 'default' }, spec: { nodeName: 'node-2', containers: [{ name: 'c', envFrom: [{ secretRef: { name: 'other-secret' } }] }] } });
}

function attrs(over: Partial<AuthorizationAttributes>): AuthorizationAttributes {
  return { user: node1, verb: 'get', resourceRequest: true, namespace: 'default', apiGroup: '', apiVersion: 'v1', resource: 'pods', subresource: '', name: '', path: '', ...over };
}

describe('NodeAuthorizer (plugin/pkg/auth/authorizer/node)', () => {
  const authz = new NodeAuthorizer(store());
  const decide = (over: Partial<AuthorizationAttributes>): string => {
    const r = authz.authorize(attrs(over));
    return r.decision === 'Allow' ? 'Allow' : `NoOpinion: ${r.reason}`;
  };

  it('identifies nodes by the system:node: prefix and the system:nodes group', () => {
    expect(nodeIdentity(node1)).toEqual({ nodeName: 'node-1' });
    expect(nodeIdentity({ name: 'system:node:node-1', groups: [] })).toBeUndefined();
    expect(new NodeAuthorizer(store()).authorize(attrs({ user: { name: 'alice', groups: [] } })).decision).toBe('NoOpinion');
  });

  it('lets a node read its own Node only, and write its node and status', () => {
    expect(decide({ resource: 'nodes', namespace: '', name: 'node-1', fieldSelector: '' })).toBe('Allow');
    expect(decide({ resource: 'nodes', namespace: '', name: 'node-2', fieldSelector: '' })).toBe("NoOpinion: node 'node-1' cannot read 'node-2', only its own Node object");
    expect(decide({ resource: 'nodes', namespace: '', verb: 'list', fieldSelector: '' })).toBe("NoOpinion: node 'node-1' cannot read all nodes, only its own Node object");
    expect(decide({ resource: 'nodes', namespace: '', verb: 'patch', subresource: 'status', name: 'node-2', fieldSelector: '' })).toBe('Allow'); // NodeRestriction's job
  });

  it('lists and watches pods only with the spec.nodeName field selector; gets only its own pods', () => {
    expect(decide({ verb: 'list', namespace: '', fieldSelector: 'spec.nodeName=node-1' })).toBe('Allow');
    expect(decide({ verb: 'watch', namespace: '', fieldSelector: 'spec.nodeName=node-2' })).toBe('NoOpinion: can only list/watch pods with spec.nodeName field selector');
    expect(decide({ name: 'web', fieldSelector: '' })).toBe('Allow');
    expect(decide({ name: 'other', fieldSelector: '' })).toBe("NoOpinion: no relationship found between node 'node-1' and this object");
    expect(decide({ verb: 'patch', subresource: 'status', name: 'other', fieldSelector: '' })).toBe('Allow');
  });

  it('without selectors from the request chain, falls back to the system:node rules for pods', () => {
    expect(decide({ verb: 'list', namespace: '' })).toBe('Allow');
  });

  it('reads secrets and configmaps only when a pod on the node references them', () => {
    expect(decide({ resource: 'configmaps', name: 'web-config' })).toBe('Allow');
    expect(decide({ resource: 'secrets', name: 'web-tls' })).toBe('Allow');
    expect(decide({ resource: 'secrets', name: 'other-secret' })).toBe("NoOpinion: no relationship found between node 'node-1' and this object");
    expect(decide({ resource: 'secrets', verb: 'create', name: 'x' })).toBe('NoOpinion: can only read resources of this type');
    expect(decide({ resource: 'configmaps', verb: 'list' })).toBe('NoOpinion: No Object name found');
  });

  it('creates tokens only for service accounts of its pods', () => {
    expect(decide({ resource: 'serviceaccounts', subresource: 'token', verb: 'create', name: 'web-sa' })).toBe('Allow');
    expect(decide({ resource: 'serviceaccounts', verb: 'get', name: 'web-sa' })).toBe('NoOpinion: can only create tokens for individual service accounts');
  });

  it('touches only its own Lease in kube-node-lease', () => {
    const lease = { apiGroup: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-node-lease' };
    expect(decide({ ...lease, verb: 'update', name: 'node-1' })).toBe('Allow');
    expect(decide({ ...lease, verb: 'create' })).toBe('Allow');
    expect(decide({ ...lease, verb: 'update', name: 'node-2' })).toBe('NoOpinion: can only access node lease with the same name as the requesting node');
    expect(decide({ ...lease, namespace: 'default', verb: 'get', name: 'node-1' })).toBe('NoOpinion: can only access leases in the "kube-node-lease" system namespace');
    expect(decide({ ...lease, verb: 'list' })).toBe('NoOpinion: can only get, create, update, patch, or delete a node lease');
  });

  it('creates events through the static node rules, and nothing outside them', () => {
    expect(decide({ resource: 'events', verb: 'create' })).toBe('Allow');
    expect(decide({ resource: 'deployments', apiGroup: 'apps', verb: 'list' })).toBe('NoOpinion: ');
  });
});
