import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import type { UserInfo } from '../../api/types.ts';
import type { AuthorizationAttributes, PolicyRule } from './types.ts';
import { RbacAuthorizer, PrivilegedGroupsAuthorizer, ruleAllows } from './RbacAuthorizer.ts';
import { MemoryRbacSource } from './MemoryRbacSource.ts';
import { bootstrapPolicy } from './bootstrapPolicy.ts';

const G = 'rbac.authorization.k8s.io';

function attrs(user: UserInfo, over: Partial<AuthorizationAttributes>): AuthorizationAttributes {
  return { user, verb: 'get', resourceRequest: true, namespace: '', apiGroup: '', apiVersion: 'v1', resource: '', subresource: '', name: '', path: '', ...over };
}
const role = (ns: string, name: string, rules: PolicyRule[]): Role => ({ metadata: { namespace: ns, name }, rules });
const clusterRole = (name: string, rules: PolicyRule[]): ClusterRole => ({ metadata: { name }, rules });
const rb = (ns: string, name: string, kind: 'Role' | 'ClusterRole', roleName: string, subjects: Subject[]): RoleBinding =>
  ({ metadata: { namespace: ns, name }, roleRef: { apiGroup: G, kind, name: roleName }, subjects });
const crb = (name: string, roleName: string, subjects: Subject[]): ClusterRoleBinding =>
  ({ metadata: { name }, roleRef: { apiGroup: G, kind: 'ClusterRole', name: roleName }, subjects });

const jane: UserInfo = { name: 'jane', groups: ['system:authenticated'] };
const admin: UserInfo = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };

function bootstrapSource(aggregated: boolean): MemoryRbacSource {
  return MemoryRbacSource.fromObjects(bootstrapPolicy({ aggregated }));
}

describe('RbacAuthorizer', () => {
  it('allows system:masters through the cluster-admin binding, with upstream reason text and the matching rule', () => {
    const rbac = new RbacAuthorizer(bootstrapSource(false));
    const r = rbac.authorize(attrs(admin, { verb: 'delete', resource: 'nodes', name: 'node-1' }));
    expect(r.decision).toBe('Allow');
    expect(r.reason).toBe('RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"');
    expect(r.match).toEqual({ binding: 'ClusterRoleBinding/cluster-admin', role: 'ClusterRole/cluster-admin', ruleIndex: 0, rule: { verbs: ['*'], apiGroups: ['*'], resources: ['*'] } });
    const np = rbac.authorize(attrs(admin, { resourceRequest: false, path: '/metrics' }));
    expect(np.match?.ruleIndex).toBe(1);
  });

  it('describes RoleBindings as "name/namespace" and ServiceAccount subjects with the binding namespace as default', () => {
    const src = new MemoryRbacSource({
      roles: [role('default', 'pod-reader', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }])],
      roleBindings: [
        rb('default', 'read-pods', 'Role', 'pod-reader', [{ kind: 'User', apiGroup: G, name: 'jane' }]),
        rb('default', 'builder-reads', 'Role', 'pod-reader', [{ kind: 'ServiceAccount', name: 'builder' }]),
      ],
    });
    const rbac = new RbacAuthorizer(src);
    expect(rbac.authorize(attrs(jane, { namespace: 'default', resource: 'pods', name: 'x' })).reason)
      .toBe('RBAC: allowed by RoleBinding "read-pods/default" of Role "pod-reader" to User "jane"');
    const sa: UserInfo = { name: 'system:serviceaccount:default:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] };
    const r = rbac.authorize(attrs(sa, { namespace: 'default', verb: 'list', resource: 'pods' }));
    expect(r.reason).toBe('RBAC: allowed by RoleBinding "builder-reads/default" of Role "pod-reader" to ServiceAccount "builder/default"');
    expect(r.match?.role).toBe('Role/default/pod-reader');
    // The same SA name in another namespace is another user.
    const other: UserInfo = { name: 'system:serviceaccount:dev:builder', groups: [] };
    expect(rbac.authorize(attrs(other, { namespace: 'default', verb: 'list', resource: 'pods' })).decision).toBe('NoOpinion');
  });

  it('an SA subject of a ClusterRoleBinding needs its namespace (no binding namespace to default to)', () => {
    const src = new MemoryRbacSource({
      clusterRoles: [clusterRole('reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }])],
      clusterRoleBindings: [crb('b', 'reader', [{ kind: 'ServiceAccount', name: 'x' }])],
    });
    const sa: UserInfo = { name: 'system:serviceaccount:default:x', groups: [] };
    expect(new RbacAuthorizer(src).authorize(attrs(sa, { namespace: 'default', resource: 'pods' })).decision).toBe('NoOpinion');
  });

  it('a RoleBinding to a ClusterRole grants in its own namespace only', () => {
    const src = new MemoryRbacSource({
      clusterRoles: [clusterRole('pod-creator', [{ verbs: ['create'], apiGroups: [''], resources: ['pods'] }])],
      roleBindings: [rb('team-a', 'jane-pods', 'ClusterRole', 'pod-creator', [{ kind: 'User', apiGroup: G, name: 'jane' }])],
    });
    const rbac = new RbacAuthorizer(src);
    const inNs = rbac.authorize(attrs(jane, { verb: 'create', namespace: 'team-a', resource: 'pods' }));
    expect(inNs.decision).toBe('Allow');
    expect(inNs.reason).toBe('RBAC: allowed by RoleBinding "jane-pods/team-a" of ClusterRole "pod-creator" to User "jane"');
    expect(inNs.match?.role).toBe('ClusterRole/pod-creator');
    expect(rbac.authorize(attrs(jane, { verb: 'create', namespace: 'team-b', resource: 'pods' })).decision).toBe('NoOpinion');
    expect(rbac.authorize(attrs(jane, { verb: 'create', namespace: '', resource: 'pods' })).decision).toBe('NoOpinion');
  });

  it('reports unresolvable roles only in the NoOpinion reason, aggregated like utilerrors', () => {
    const src = new MemoryRbacSource({
      roleBindings: [rb('default', 'a', 'Role', 'missing', [{ kind: 'User', apiGroup: G, name: 'jane' }])],
      clusterRoleBindings: [crb('c', 'gone', [{ kind: 'Group', apiGroup: G, name: 'system:authenticated' }])],
    });
    const rbac = new RbacAuthorizer(src);
    const r = rbac.authorize(attrs(jane, { namespace: 'default', resource: 'pods' }));
    expect(r.decision).toBe('NoOpinion');
    // Listers answer with the singular resource: role.rbac.authorization.k8s.io "x" not found.
    expect(r.reason).toBe('RBAC: [clusterrole.rbac.authorization.k8s.io "gone" not found, role.rbac.authorization.k8s.io "missing" not found]');
    expect(r.considered).toEqual(['ClusterRoleBinding/c', 'RoleBinding/default/a']);
    const one = rbac.authorize(attrs(jane, { namespace: '', resource: 'nodes' }));
    expect(one.reason).toBe('RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found');
    // Nothing bound at all: no reason.
    expect(rbac.authorize(attrs({ name: 'bob', groups: [] }, { resource: 'pods' }))).toEqual({ decision: 'NoOpinion', reason: '', considered: [] });
  });

  it('visits ClusterRoleBindings before RoleBindings and records what it considered up to the match', () => {
    const src = new MemoryRbacSource({
      clusterRoles: [clusterRole('nothing-useful', [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }]), clusterRole('pods', [{ verbs: ['*'], apiGroups: [''], resources: ['pods'] }])],
      clusterRoleBindings: [crb('x', 'nothing-useful', [{ kind: 'User', apiGroup: G, name: 'jane' }]), crb('y', 'nothing-useful', [{ kind: 'User', apiGroup: G, name: 'bob' }])],
      roleBindings: [rb('default', 'p', 'ClusterRole', 'pods', [{ kind: 'Group', apiGroup: G, name: 'system:authenticated' }])],
    });
    const r = new RbacAuthorizer(src).authorize(attrs(jane, { namespace: 'default', resource: 'pods', verb: 'watch' }));
    expect(r.considered).toEqual(['ClusterRoleBinding/x', 'RoleBinding/default/p']);
    expect(r.reason).toBe('RBAC: allowed by RoleBinding "p/default" of ClusterRole "pods" to Group "system:authenticated"');
  });

  it('sees aggregated rules: admin/edit/view grant through the aggregation even before the controller wrote them', () => {
    const src = bootstrapSource(false);
    src.objects.roleBindings.push(rb('default', 'jane-admin', 'ClusterRole', 'admin', [{ kind: 'User', apiGroup: G, name: 'jane' }]));
    const live = new RbacAuthorizer(src);
    const r = live.authorize(attrs(jane, { verb: 'create', namespace: 'default', apiGroup: 'apps', resource: 'deployments' }));
    expect(r.decision).toBe('Allow');
    expect(r.reason).toBe('RBAC: allowed by RoleBinding "jane-admin/default" of ClusterRole "admin" to User "jane"');
    expect(live.authorize(attrs(jane, { verb: 'create', namespace: 'default', apiGroup: G, resource: 'rolebindings' })).decision).toBe('Allow');
    // admin holds no cluster-scoped power.
    expect(live.authorize(attrs(jane, { verb: 'list', resource: 'nodes' })).decision).toBe('NoOpinion');
    // With stored rules only (upstream before the controller runs), admin grants nothing.
    const stored = new RbacAuthorizer(src, { liveAggregation: false });
    expect(stored.authorize(attrs(jane, { verb: 'create', namespace: 'default', apiGroup: 'apps', resource: 'deployments' })).decision).toBe('NoOpinion');
  });

  it('bootstrap: every authenticated user may discover and create self reviews; anonymous may read /version and /healthz only', () => {
    const rbac = new RbacAuthorizer(bootstrapSource(true));
    const anon: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
    for (const path of ['/api', '/apis/apps/v1', '/openapi/v3', '/version']) {
      expect(rbac.authorize(attrs(jane, { resourceRequest: false, path })).decision).toBe('Allow');
    }
    expect(rbac.authorize(attrs(jane, { resourceRequest: false, path: '/metrics' })).decision).toBe('NoOpinion');
    expect(rbac.authorize(attrs(anon, { resourceRequest: false, path: '/version' })).decision).toBe('Allow');
    expect(rbac.authorize(attrs(anon, { resourceRequest: false, path: '/api' })).decision).toBe('NoOpinion');
    expect(rbac.authorize(attrs(jane, { verb: 'create', apiGroup: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' })).decision).toBe('Allow');
    const sched: UserInfo = { name: 'system:kube-scheduler', groups: ['system:authenticated'] };
    expect(rbac.authorize(attrs(sched, { verb: 'create', namespace: 'default', resource: 'pods', subresource: 'binding', name: 'nginx' })).reason)
      .toBe('RBAC: allowed by ClusterRoleBinding "system:kube-scheduler" of ClusterRole "system:kube-scheduler" to User "system:kube-scheduler"');
    const dc: UserInfo = { name: 'system:serviceaccount:kube-system:deployment-controller', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] };
    expect(rbac.authorize(attrs(dc, { verb: 'create', namespace: 'default', apiGroup: 'apps', resource: 'replicasets' })).reason)
      .toBe('RBAC: allowed by ClusterRoleBinding "system:controller:deployment-controller" of ClusterRole "system:controller:deployment-controller" to ServiceAccount "deployment-controller/kube-system"');
    expect(rbac.authorize(attrs(dc, { verb: 'create', namespace: 'default', resource: 'pods' })).decision).toBe('NoOpinion');
  });
});

describe('ruleAllows (pkg/apis/rbac/v1 evaluation helpers)', () => {
  const u = jane;
  const cases: [string, PolicyRule, Partial<AuthorizationAttributes>, boolean][] = [
    ['exact', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, { resource: 'pods' }, true],
    ['verb *', { verbs: ['*'], apiGroups: [''], resources: ['pods'] }, { verb: 'deletecollection', resource: 'pods' }, true],
    ['group mismatch', { verbs: ['get'], apiGroups: ['apps'], resources: ['pods'] }, { resource: 'pods' }, false],
    ['group *', { verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }, { apiGroup: 'apps', resource: 'deployments' }, true],
    ['no apiGroups matches nothing', { verbs: ['get'], resources: ['pods'] }, { resource: 'pods' }, false],
    ['resource does not cover subresource', { verbs: ['create'], apiGroups: [''], resources: ['pods'] }, { verb: 'create', resource: 'pods', subresource: 'binding' }, false],
    ['res/sub', { verbs: ['create'], apiGroups: [''], resources: ['pods/binding'] }, { verb: 'create', resource: 'pods', subresource: 'binding' }, true],
    ['res/sub does not cover res', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, { resource: 'pods' }, false],
    ['* covers subresources', { verbs: ['get'], apiGroups: ['*'], resources: ['*'] }, { resource: 'pods', subresource: 'log' }, true],
    ['*/scale', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, { apiGroup: 'apps', resource: 'deployments', subresource: 'scale' }, true],
    ['*/scale not */status', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, { resource: 'pods', subresource: 'status' }, false],
    ['*/scale not the resource', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, { resource: 'deployments' }, false],
    ['resourceNames match', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, { resource: 'configmaps', name: 'a' }, true],
    ['resourceNames other', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, { resource: 'configmaps', name: 'b' }, false],
    ['resourceNames: list has no name', { verbs: ['list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, { verb: 'list', resource: 'configmaps' }, false],
    ['url exact', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, { resourceRequest: false, path: '/healthz' }, true],
    ['url exact is not prefix', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, { resourceRequest: false, path: '/healthz/etcd' }, false],
    ['url *', { verbs: ['get'], nonResourceURLs: ['*'] }, { resourceRequest: false, path: '/anything' }, true],
    ['url prefix*', { verbs: ['get'], nonResourceURLs: ['/apis/*'] }, { resourceRequest: false, path: '/apis/apps/v1' }, true],
    ['url prefix* needs the prefix', { verbs: ['get'], nonResourceURLs: ['/apis/*'] }, { resourceRequest: false, path: '/apis' }, false],
    ['resource rule never matches a URL', { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { resourceRequest: false, path: '/healthz' }, false],
    ['URL rule never matches a resource', { verbs: ['*'], nonResourceURLs: ['*'] }, { resource: 'pods' }, false],
  ];
  it.each(cases)('%s', (_name, rule, over, expected) => {
    expect(ruleAllows(attrs(u, over), rule)).toBe(expected);
  });
});

describe('PrivilegedGroupsAuthorizer', () => {
  it('allows system:masters with an empty reason and has no opinion otherwise', () => {
    const a = new PrivilegedGroupsAuthorizer();
    expect(a.authorize(attrs(admin, { verb: 'escalate', resource: 'anything' }))).toEqual({ decision: 'Allow', reason: '', considered: [] });
    expect(a.authorize(attrs(jane, { resource: 'pods' })).decision).toBe('NoOpinion');
  });
});

// --- property test: RBAC against a naive oracle ---

const VERBS = ['get', 'list', 'create', 'delete', '*'];
const GROUPS = ['', 'apps', '*'];
const RESOURCES = ['pods', 'pods/log', 'deployments', '*', '*/log'];
const NAMES = ['a', 'b'];
const USERS = ['alice', 'bob', 'system:serviceaccount:ns1:sa', 'system:serviceaccount:ns2:sa'];
const GROUP_NAMES = ['g1', 'g2'];
const NAMESPACES = ['ns1', 'ns2'];
const URLS = ['/healthz', '/apis/*', '*'];

const ruleArb = fc.oneof(
  fc.record({
    verbs: fc.subarray(VERBS, { minLength: 1 }),
    apiGroups: fc.subarray(GROUPS),
    resources: fc.subarray(RESOURCES),
    resourceNames: fc.subarray(NAMES),
  }).map((r): PolicyRule => {
    const out: PolicyRule = { verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources };
    if (r.resourceNames.length > 0) out.resourceNames = r.resourceNames;
    return out;
  }),
  fc.record({ verbs: fc.subarray(VERBS, { minLength: 1 }), nonResourceURLs: fc.subarray(URLS, { minLength: 1 }) }),
);
const subjectArb: fc.Arbitrary<Subject> = fc.oneof(
  fc.constantFrom(...USERS.slice(0, 2)).map((name) => ({ kind: 'User', apiGroup: G, name })),
  fc.constantFrom(...GROUP_NAMES).map((name) => ({ kind: 'Group', apiGroup: G, name })),
  fc.record({ name: fc.constant('sa'), ns: fc.constantFrom('', ...NAMESPACES) }).map(({ name, ns }) => (ns === '' ? { kind: 'ServiceAccount', name } : { kind: 'ServiceAccount', name, namespace: ns })),
);
const worldArb = fc.record({
  clusterRoles: fc.array(fc.array(ruleArb, { maxLength: 3 }), { maxLength: 3 }),
  roles: fc.array(fc.record({ ns: fc.constantFrom(...NAMESPACES), rules: fc.array(ruleArb, { maxLength: 3 }) }), { maxLength: 3 }),
  crbs: fc.array(fc.record({ role: fc.nat(4), subjects: fc.array(subjectArb, { maxLength: 2 }) }), { maxLength: 3 }),
  rbs: fc.array(fc.record({ ns: fc.constantFrom(...NAMESPACES), kind: fc.constantFrom('Role' as const, 'ClusterRole' as const), role: fc.nat(4), subjects: fc.array(subjectArb, { maxLength: 2 }) }), { maxLength: 4 }),
});
const requestArb = fc.record({
  user: fc.constantFrom(...USERS),
  groups: fc.subarray(GROUP_NAMES),
  resourceRequest: fc.boolean(),
  verb: fc.constantFrom('get', 'list', 'create', 'delete'),
  namespace: fc.constantFrom('', ...NAMESPACES),
  apiGroup: fc.constantFrom('', 'apps'),
  resource: fc.constantFrom('pods', 'deployments'),
  subresource: fc.constantFrom('', 'log'),
  name: fc.constantFrom('', ...NAMES),
  path: fc.constantFrom('/healthz', '/apis/apps', '/metrics'),
});

type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;
type Request = typeof requestArb extends fc.Arbitrary<infer R> ? R : never;

/** Independent restatement of RBAC: a naive reading of the documented rules. */
function oracleAllows(world: World, req: Request): boolean {
  const subjectIs = (s: Subject, defaultNs: string): boolean => {
    if (s.kind === 'User') return s.name === req.user;
    if (s.kind === 'Group') return req.groups.includes(s.name);
    const ns = s.namespace ?? defaultNs;
    return ns !== '' && req.user === `system:serviceaccount:${ns}:${s.name}`;
  };
  const grants = (rule: PolicyRule): boolean => {
    const verbOk = rule.verbs.includes('*') || rule.verbs.includes(req.verb);
    if (!req.resourceRequest) {
      return verbOk && (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === req.path || (u.endsWith('*') && req.path.startsWith(u.slice(0, -1))));
    }
    const full = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
    const resOk = (rule.resources ?? []).some((r) => r === '*' || r === full || (req.subresource !== '' && r === `*/${req.subresource}`));
    const groupOk = (rule.apiGroups ?? []).some((g) => g === '*' || g === req.apiGroup);
    const names = rule.resourceNames ?? [];
    return verbOk && resOk && groupOk && (names.length === 0 || names.includes(req.name));
  };
  for (const b of world.crbs) {
    const rules = world.clusterRoles[b.role];
    if (rules && b.subjects.some((s) => subjectIs(s, '')) && rules.some(grants)) return true;
  }
  if (req.namespace === '') return false;
  for (const b of world.rbs) {
    if (b.ns !== req.namespace || !b.subjects.some((s) => subjectIs(s, b.ns))) continue;
    const rules = b.kind === 'ClusterRole'
      ? world.clusterRoles[b.role]
      : world.roles.filter((r) => r.ns === b.ns)[b.role]?.rules;
    if (rules?.some(grants)) return true;
  }
  return false;
}

function toSource(world: World): MemoryRbacSource {
  const rolesByNs = new Map<string, number>();
  return new MemoryRbacSource({
    clusterRoles: world.clusterRoles.map((rules, i) => clusterRole(`cr${i}`, rules)),
    roles: world.roles.map((r) => {
      const i = rolesByNs.get(r.ns) ?? 0;
      rolesByNs.set(r.ns, i + 1);
      return role(r.ns, `r${i}`, r.rules);
    }),
    clusterRoleBindings: world.crbs.map((b, i) => crb(`crb${i}`, `cr${b.role}`, b.subjects)),
    roleBindings: world.rbs.map((b, i) => rb(b.ns, `rb${i}`, b.kind, b.kind === 'Role' ? `r${b.role}` : `cr${b.role}`, b.subjects)),
  });
}

describe('RBAC property: allow iff some applicable binding holds a covering rule', () => {
  it('agrees with the oracle; no match is NoOpinion, never Deny; an Allow names a rule that allows', () => {
    fc.assert(fc.property(worldArb, requestArb, (world, req) => {
      const rbac = new RbacAuthorizer(toSource(world));
      const a: AuthorizationAttributes = {
        user: { name: req.user, groups: req.groups }, verb: req.verb, resourceRequest: req.resourceRequest, namespace: req.namespace,
        apiGroup: req.apiGroup, apiVersion: 'v1', resource: req.resource, subresource: req.subresource, name: req.name, path: req.path,
      };
      const result = rbac.authorize(a);
      const expected = oracleAllows(world, req);
      expect(result.decision).toBe(expected ? 'Allow' : 'NoOpinion');
      if (result.decision === 'Allow') {
        expect(result.match).toBeDefined();
        expect(ruleAllows(a, result.match?.rule as unknown as PolicyRule)).toBe(true);
        expect(result.reason.startsWith('RBAC: allowed by ')).toBe(true);
      } else {
        expect(result.match).toBeUndefined();
      }
    }), { numRuns: 2000 });
  });
});
