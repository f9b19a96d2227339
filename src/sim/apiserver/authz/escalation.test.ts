import { describe, expect, it } from 'vitest';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { UserInfo } from '../../api/types.ts';
import type { Authorizer, PolicyRule } from './types.ts';
import { RbacAuthorizer, RuleResolver } from './RbacAuthorizer.ts';
import { PrivilegedGroupsAuthorizer } from './PrivilegedGroupsAuthorizer.ts';
import { MemoryRbacSource } from './MemoryRbacSource.ts';
import { checkBindingWrite, checkRoleWrite, confirmNoEscalation, type EscalationRequest } from './escalation.ts';
import { compactRules, compactString, covers } from './policyComparator.ts';

const G = 'rbac.authorization.k8s.io';
const alice: UserInfo = { name: 'alice', groups: ['system:authenticated'] };

function world(aliceRules: PolicyRule[], extra: { clusterRoles?: ClusterRole[]; roles?: Role[] } = {}): { src: MemoryRbacSource; req: (ns: string, name?: string, user?: UserInfo) => EscalationRequest } {
  const src = new MemoryRbacSource({
    clusterRoles: [{ metadata: { name: 'alice-powers' }, rules: aliceRules }, ...(extra.clusterRoles ?? [])],
    roles: extra.roles ?? [],
    roleBindings: [{ metadata: { namespace: 'default', name: 'alice' }, roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'alice-powers' }, subjects: [{ kind: 'User', apiGroup: G, name: 'alice' }] }],
  });
  const rbac = new RbacAuthorizer(src);
  const chain: Authorizer = {
    name: 'union',
    authorize: (a) => {
      const p = new PrivilegedGroupsAuthorizer().authorize(a);
      return p.decision === 'Allow' ? p : rbac.authorize(a);
    },
  };
  const resolver = new RuleResolver(src, { notFound: 'registry' });
  return { src, req: (ns, name = '', user = alice) => ({ user, namespace: ns, requestName: name, authorizer: chain, resolver }) };
}

const podReader: Role = { metadata: { namespace: 'default', name: 'pod-reader' }, rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }] };

describe('Role / ClusterRole writes (role/policybased/storage.go)', () => {
  it('allows a role whose rules the user already holds', () => {
    const { req } = world([{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] }]);
    expect(checkRoleWrite(req('default'), 'Role', podReader)).toBeUndefined();
  });

  it('forbids granting what one lacks, with upstream wording and compacted, sorted missing rules', () => {
    const { req } = world([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
    const role: Role = { metadata: { namespace: 'default', name: 'x' }, rules: [
      { verbs: ['get', 'create', 'delete'], apiGroups: [''], resources: ['pods', 'secrets'] },
      { verbs: ['get'], nonResourceURLs: ['/metrics'] },
    ] };
    const e = checkRoleWrite(req('default'), 'Role', role);
    expect(e?.status.code).toBe(403);
    expect(e?.status.reason).toBe('Forbidden');
    expect(e?.status.message).toBe(
      'roles.rbac.authorization.k8s.io "x" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n'
      + '{APIGroups:[""], Resources:["pods"], Verbs:["create" "delete"]}\n'
      + '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "create" "delete"]}\n'
      + '{NonResourceURLs:["/metrics"], Verbs:["get"]}');
  });

  it('the brief example: one missing verb', () => {
    const { req } = world([]);
    const role: Role = { metadata: { namespace: 'default', name: 'x' }, rules: [{ verbs: ['create'], apiGroups: [''], resources: ['pods'] }] };
    expect(checkRoleWrite(req('default'), 'Role', role)?.status.message).toBe(
      'roles.rbac.authorization.k8s.io "x" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["create"]}');
  });

  it('resourceNames rules stay uncompacted and print ResourceNames', () => {
    const { req } = world([]);
    const role: Role = { metadata: { namespace: 'default', name: 'x' }, rules: [{ verbs: ['get', 'update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }] };
    expect(checkRoleWrite(req('default'), 'Role', role)?.status.message).toContain(
      ':\n{APIGroups:[""], Resources:["configmaps"], ResourceNames:["a"], Verbs:["get"]}\n{APIGroups:[""], Resources:["configmaps"], ResourceNames:["a"], Verbs:["update"]}');
  });

  it('adds "; resolution errors: [...]" when some of the user\'s own roles could not be resolved', () => {
    const { src, req } = world([]);
    src.objects.roleBindings.push({ metadata: { namespace: 'default', name: 'broken' }, roleRef: { apiGroup: G, kind: 'Role', name: 'gone' }, subjects: [{ kind: 'User', apiGroup: G, name: 'alice' }] });
    const role: Role = { metadata: { namespace: 'default', name: 'x' }, rules: [{ verbs: ['create'], apiGroups: [''], resources: ['pods'] }] };
    expect(checkRoleWrite(req('default'), 'Role', role)?.status.message).toBe(
      'roles.rbac.authorization.k8s.io "x" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["create"]}; resolution errors: [roles.rbac.authorization.k8s.io "gone" not found]');
  });

  it('the escalate verb, or system:masters, skips the check', () => {
    const { req } = world([{ verbs: ['escalate'], apiGroups: [G], resources: ['roles'] }]);
    const role: Role = { metadata: { namespace: 'default', name: 'x' }, rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] };
    expect(checkRoleWrite(req('default'), 'Role', role)).toBeUndefined();
    expect(checkRoleWrite(req('', '', { name: 'root', groups: ['system:masters'] }), 'ClusterRole', role)).toBeUndefined();
  });

  it('a ClusterRole checks the user\'s cluster-wide rules only: a RoleBinding does not count', () => {
    const { req } = world([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
    const cr: ClusterRole = { metadata: { name: 'c' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] };
    expect(checkRoleWrite(req(''), 'ClusterRole', cr)?.status.message).toBe(
      'clusterroles.rbac.authorization.k8s.io "c" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["get"]}');
  });

  it('an aggregationRule needs full authority', () => {
    const src = new MemoryRbacSource({
      // Everything but `escalate` (a `*` verb would include it and skip the check).
      clusterRoles: [{ metadata: { name: 'lots' }, rules: [{ verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], apiGroups: ['*'], resources: ['*'] }] }],
      clusterRoleBindings: [{ metadata: { name: 'b' }, roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'lots' }, subjects: [{ kind: 'User', apiGroup: G, name: 'alice' }] }],
    });
    const req: EscalationRequest = { user: alice, namespace: '', requestName: '', authorizer: new RbacAuthorizer(src), resolver: new RuleResolver(src, { notFound: 'registry' }) };
    const agg: ClusterRole = { metadata: { name: 'agg' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } };
    expect(checkRoleWrite(req, 'ClusterRole', agg)?.status.message).toBe('clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule');
  });

  it('an update that only touches ownerReferences/finalizers is not checked', () => {
    const { req } = world([]);
    const old: Role = { metadata: { namespace: 'default', name: 'x' }, rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] };
    const next: Role = { ...old, metadata: { ...old.metadata, finalizers: ['f'] } };
    expect(checkRoleWrite(req('default', 'x'), 'Role', next, old)).toBeUndefined();
    expect(checkRoleWrite(req('default', 'x'), 'Role', next)).toBeDefined();
  });
});

describe('RoleBinding / ClusterRoleBinding writes (rolebinding/policybased/storage.go)', () => {
  const binding = (roleKind: 'Role' | 'ClusterRole', roleName: string): RoleBinding => ({
    metadata: { namespace: 'default', name: 'rb' }, roleRef: { apiGroup: G, kind: roleKind, name: roleName }, subjects: [{ kind: 'User', apiGroup: G, name: 'bob' }],
  });

  it('allows binding a role whose rules the user holds', () => {
    const { req } = world([{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }], { roles: [podReader] });
    expect(checkBindingWrite(req('default'), 'RoleBinding', binding('Role', 'pod-reader'))).toBeUndefined();
  });

  it('forbids binding a role with more power, naming the binding', () => {
    const { req } = world([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], { roles: [podReader] });
    expect(checkBindingWrite(req('default'), 'RoleBinding', binding('Role', 'pod-reader'))?.status.message).toBe(
      'rolebindings.rbac.authorization.k8s.io "rb" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["list"]}');
  });

  it('the bind verb on the role (by name) skips the check', () => {
    const { req } = world([{ verbs: ['bind'], apiGroups: [G], resources: ['clusterroles'], resourceNames: ['admin'] }], { clusterRoles: [{ metadata: { name: 'admin' }, rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] }, { metadata: { name: 'other' }, rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] }] });
    expect(checkBindingWrite(req('default'), 'RoleBinding', binding('ClusterRole', 'admin'))).toBeUndefined();
    expect(checkBindingWrite(req('default'), 'RoleBinding', binding('ClusterRole', 'other'))?.status.code).toBe(403);
  });

  it('a missing role is the registry\'s 404, with the plural resource', () => {
    const { req } = world([]);
    const e = checkBindingWrite(req('default'), 'RoleBinding', binding('Role', 'nope'));
    expect(e?.status.code).toBe(404);
    expect(e?.status.message).toBe('roles.rbac.authorization.k8s.io "nope" not found');
    const crb: ClusterRoleBinding = { metadata: { name: 'c' }, roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'nope' } };
    expect(checkBindingWrite(req(''), 'ClusterRoleBinding', crb)?.status.message).toBe('clusterroles.rbac.authorization.k8s.io "nope" not found');
  });

  it('system:masters may bind anything, even a role that does not exist yet', () => {
    const { req } = world([]);
    expect(checkBindingWrite(req('default', '', { name: 'root', groups: ['system:masters'] }), 'RoleBinding', binding('Role', 'nope'))).toBeUndefined();
  });
});

describe('policy comparator', () => {
  it('covers: */sub and url prefixes, resourceNames only when the owner has none or the same', () => {
    expect(covers([{ verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }], [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'] }]).covered).toBe(true);
    expect(covers([{ verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }], [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] }]).covered).toBe(false);
    expect(covers([{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }], [{ verbs: ['get'], nonResourceURLs: ['/apis/apps'] }]).covered).toBe(true);
    expect(covers([{ verbs: ['get'], apiGroups: [''], resources: ['cm'], resourceNames: ['a'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['cm'] }]).covered).toBe(false);
    expect(covers([{ verbs: ['get'], apiGroups: [''], resources: ['cm'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['cm'], resourceNames: ['a'] }]).covered).toBe(true);
    // A rule with no resources and no URLs grants nothing, so granting it escalates nothing.
    expect(covers([], [{ verbs: ['*'], apiGroups: ['*'] }]).covered).toBe(true);
  });
  it('compactRules merges verbs of single group/resource rules; compactString spells Go %q lists', () => {
    const merged = compactRules([{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] }, { verbs: ['list'], apiGroups: ['apps'], resources: ['deployments'] }]);
    expect(merged.map(compactString)).toEqual(['{APIGroups:["apps"], Resources:["deployments"], Verbs:["get" "list"]}']);
  });
  it('confirmNoEscalation prints groups with %q and an empty list as []', () => {
    expect(confirmNoEscalation({ name: 'u', groups: [] }, { rules: [], errors: [] }, [{ verbs: ['get'], nonResourceURLs: ['/x'] }]))
      .toBe('user "u" (groups=[]) is attempting to grant RBAC permissions not currently held:\n{NonResourceURLs:["/x"], Verbs:["get"]}');
  });
});
