// The kinds this apiserver serves: where each lives in the URL space and in etcd, and what discovery says of it.
// Facts from pkg/registry/*/rest storage and `kubectl api-resources` on a v1.32 cluster.

export interface ResourceInfo {
  group: string;
  version: string;
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** etcd key prefix, without the trailing slash: /registry/<prefix>/<ns>/<name> or /registry/<prefix>/<name>. */
  etcdPrefix: string;
  subresources: Record<string, { kind: string; group?: string; version?: string; verbs: string[] }>;
  /** Kinds that are only POSTed and never stored (reviews). */
  createOnly?: boolean;
}

const all = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const noColl = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

function r(group: string, version: string, resource: string, kind: string, namespaced: boolean, extra: Partial<ResourceInfo> = {}): ResourceInfo {
  return {
    group, version, resource, kind, namespaced,
    singular: kind.toLowerCase(),
    shortNames: [], categories: [], verbs: all,
    etcdPrefix: `/registry/${resource}`,
    subresources: {},
    ...extra,
  };
}

export const RESOURCES: ResourceInfo[] = [
  r('', 'v1', 'bindings', 'Binding', true, { verbs: ['create'], createOnly: true }),
  r('', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  r('', 'v1', 'events', 'Event', true, { shortNames: ['ev'] }),
  r('', 'v1', 'limitranges', 'LimitRange', true, { shortNames: ['limits'] }),
  r('', 'v1', 'namespaces', 'Namespace', false, {
    shortNames: ['ns'], verbs: noColl,
    subresources: { status: { kind: 'Namespace', verbs: ['get', 'patch', 'update'] }, finalize: { kind: 'Namespace', verbs: ['update'] } },
  }),
  r('', 'v1', 'nodes', 'Node', false, {
    shortNames: ['no'], etcdPrefix: '/registry/minions',
    subresources: { status: { kind: 'Node', verbs: ['get', 'patch', 'update'] } },
  }),
  r('', 'v1', 'pods', 'Pod', true, {
    shortNames: ['po'], categories: ['all'],
    subresources: {
      binding: { kind: 'Binding', verbs: ['create'] },
      status: { kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      log: { kind: 'Pod', verbs: ['get'] },
      eviction: { kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
    },
  }),
  r('', 'v1', 'resourcequotas', 'ResourceQuota', true, {
    shortNames: ['quota'],
    subresources: { status: { kind: 'ResourceQuota', verbs: ['get', 'patch', 'update'] } },
  }),
  r('', 'v1', 'secrets', 'Secret', true),
  r('', 'v1', 'serviceaccounts', 'ServiceAccount', true, {
    shortNames: ['sa'],
    subresources: { token: { kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] } },
  }),
  r('apps', 'v1', 'deployments', 'Deployment', true, {
    shortNames: ['deploy'], categories: ['all'],
    subresources: {
      scale: { kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
      status: { kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
    },
  }),
  r('apps', 'v1', 'replicasets', 'ReplicaSet', true, {
    shortNames: ['rs'], categories: ['all'],
    subresources: {
      scale: { kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
      status: { kind: 'ReplicaSet', verbs: ['get', 'patch', 'update'] },
    },
  }),
  r('authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', false, { verbs: ['create'], createOnly: true }),
  r('authentication.k8s.io', 'v1', 'tokenreviews', 'TokenReview', false, { verbs: ['create'], createOnly: true }),
  r('authorization.k8s.io', 'v1', 'localsubjectaccessreviews', 'LocalSubjectAccessReview', true, { verbs: ['create'], createOnly: true }),
  r('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, { verbs: ['create'], createOnly: true }),
  r('authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, { verbs: ['create'], createOnly: true }),
  r('authorization.k8s.io', 'v1', 'subjectaccessreviews', 'SubjectAccessReview', false, { verbs: ['create'], createOnly: true }),
  r('coordination.k8s.io', 'v1', 'leases', 'Lease', true, { etcdPrefix: '/registry/leases' }),
  r('events.k8s.io', 'v1', 'events', 'Event', true, { shortNames: ['ev'], etcdPrefix: '/registry/events' }),
  r('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  r('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  r('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  r('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  r('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false, { shortNames: ['pc'] }),
];

/** Group-versions in the order discovery lists them (the legacy core group is served at /api). */
export const API_GROUPS: { name: string; versions: string[]; preferred: string }[] = [
  { name: 'apps', versions: ['v1'], preferred: 'v1' },
  { name: 'events.k8s.io', versions: ['v1'], preferred: 'v1' },
  { name: 'authentication.k8s.io', versions: ['v1'], preferred: 'v1' },
  { name: 'authorization.k8s.io', versions: ['v1'], preferred: 'v1' },
  { name: 'coordination.k8s.io', versions: ['v1'], preferred: 'v1' },
  { name: 'rbac.authorization.k8s.io', versions: ['v1'], preferred: 'v1' },
  { name: 'scheduling.k8s.io', versions: ['v1'], preferred: 'v1' },
];

const byGvr = new Map<string, ResourceInfo>();
const byKind = new Map<string, ResourceInfo>();
for (const info of RESOURCES) {
  byGvr.set(`${info.group}/${info.version}/${info.resource}`, info);
  if (!byKind.has(`${info.group}/${info.kind}`)) byKind.set(`${info.group}/${info.kind}`, info);
}

export function lookupResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return byGvr.get(`${group}/${version}/${resource}`);
}

export function lookupKind(group: string, kind: string): ResourceInfo | undefined {
  return byKind.get(`${group}/${kind}`);
}

/** The etcd key kube-apiserver writes for an object. */
export function etcdKey(info: ResourceInfo, namespace: string, name: string): string {
  return info.namespaced ? `${info.etcdPrefix}/${namespace}/${name}` : `${info.etcdPrefix}/${name}`;
}

/** The prefix a list reads: every namespace, or one. */
export function etcdListPrefix(info: ResourceInfo, namespace: string): string {
  return info.namespaced && namespace !== '' ? `${info.etcdPrefix}/${namespace}/` : `${info.etcdPrefix}/`;
}
