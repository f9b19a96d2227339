// models plugin/pkg/auth/authorizer/rbac/bootstrappolicy/{policy.go,controller_policy.go,namespace_policy.go}: the
// RBAC objects kube-apiserver writes at start (feature gates at their v1.32 defaults; gated roles left out).
// Rule contents follow the upstream golden files in bootstrappolicy/testdata.
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import type { KubeObject, ObjectMeta } from '../../api/types.ts';
import { aggregateClusterRoles } from './clusterRoleAggregation.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const API_VERSION = 'rbac.authorization.k8s.io/v1';

export const BOOTSTRAP_LABELS: Readonly<Record<string, string>> = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';

const READ = 'get,list,watch';
const WRITE = 'create,update,patch,delete,deletecollection';
const READ_WRITE = `${READ},${WRITE}`;

/** rbacv1helpers.NewRule(...): every list sorted and de-duplicated, as the builder's string sets leave them. */
function sorted(csv: string): string[] {
  return [...new Set(csv.split(',').map((s) => s.trim()))].sort();
}

/** A resource rule: verbs, groups, resources (comma-separated; '' is the core group), optional names. */
function rule(verbs: string, groups: string[], resources: string, names?: string): PolicyRule {
  const r: PolicyRule = { verbs: sorted(verbs), apiGroups: [...new Set(groups)].sort(), resources: sorted(resources) };
  if (names !== undefined) r.resourceNames = sorted(names);
  return r;
}

function urls(verbs: string, paths: string): PolicyRule {
  return { verbs: sorted(verbs), nonResourceURLs: sorted(paths) };
}

const core = [''];
const apps = ['apps'];
const appsExt = ['apps', 'extensions'];
const batch = ['batch'];
const storage = ['storage.k8s.io'];
const coordination = ['coordination.k8s.io'];
const certificates = ['certificates.k8s.io'];
const authn = ['authentication.k8s.io'];
const authz = ['authorization.k8s.io'];
const policy = ['policy'];
const discovery = ['discovery.k8s.io'];

/** eventsRule(): create/update/patch events in the core and events.k8s.io groups. */
const events = (): PolicyRule => rule('create,update,patch', ['', 'events.k8s.io'], 'events');

function meta(name: string, namespace?: string, extraLabels: Record<string, string> = {}): ObjectMeta {
  const m: ObjectMeta = { name };
  if (namespace !== undefined) m.namespace = namespace;
  m.labels = { ...extraLabels, ...BOOTSTRAP_LABELS };
  m.annotations = { [AUTOUPDATE_ANNOTATION]: 'true' };
  return m;
}

function clusterRole(name: string, rules: PolicyRule[], labels: Record<string, string> = {}): ClusterRole {
  return { kind: 'ClusterRole', apiVersion: API_VERSION, metadata: meta(name, undefined, labels), rules };
}

/** A ClusterRole filled by the clusterrole-aggregation controller; stored without rules. */
function aggregatedRole(name: string, selectLabel: string, labels: Record<string, string> = {}): ClusterRole {
  return {
    kind: 'ClusterRole', apiVersion: API_VERSION, metadata: meta(name, undefined, labels),
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [selectLabel]: 'true' } }] },
  };
}

const AGG_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
const AGG_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
const AGG_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

/** NodeRules(): what system:node grants (the Node authorizer reuses these). */
export function nodeRules(): PolicyRule[] {
  return [
    rule('create', authn, 'tokenreviews'),
    rule('create', authz, 'subjectaccessreviews,localsubjectaccessreviews'),
    rule(READ, core, 'services'),
    rule('create,get,list,watch', core, 'nodes'),
    rule('update,patch', core, 'nodes/status'),
    rule('update,patch', core, 'nodes'),
    rule('create,update,patch', core, 'events'),
    rule(READ, core, 'pods'),
    rule('create,delete', core, 'pods'),
    rule('update,patch', core, 'pods/status'),
    rule('create', core, 'pods/eviction'),
    rule('get,list,watch', core, 'secrets,configmaps'),
    rule('get', core, 'persistentvolumeclaims,persistentvolumes'),
    rule('get', core, 'endpoints'),
    rule('create,get,list,watch', certificates, 'certificatesigningrequests'),
    rule('get,create,update,patch,delete', coordination, 'leases'),
    rule('get', storage, 'volumeattachments'),
    rule('create', core, 'serviceaccounts/token'),
    rule('get,update,patch', core, 'persistentvolumeclaims/status'),
    rule('get,watch,list', storage, 'csidrivers'),
    rule('get,create,update,patch,delete', storage, 'csinodes'),
    rule(READ, ['node.k8s.io'], 'runtimeclasses'),
  ];
}

function approver(name: string, signer: string): ClusterRole {
  return clusterRole(`system:certificates.k8s.io:${name}`, [rule('approve', certificates, 'signers', signer)]);
}

/** clusterRoles(): the non-controller ClusterRoles, sorted by name as `kubectl get clusterroles` lists them. */
export function bootstrapClusterRoles(): ClusterRole[] {
  const roles: ClusterRole[] = [
    clusterRole('cluster-admin', [rule('*', ['*'], '*'), urls('*', '*')]),
    clusterRole('system:discovery', [urls('get', '/livez,/readyz,/healthz,/version,/version/,/openapi,/openapi/*,/api,/api/*,/apis,/apis/*')]),
    clusterRole('system:monitoring', [urls('get', '/metrics,/metrics/slis,/livez,/readyz,/healthz,/livez/*,/readyz/*,/healthz/*')]),
    clusterRole('system:basic-user', [
      rule('create', authz, 'selfsubjectaccessreviews,selfsubjectrulesreviews'),
      rule('create', authn, 'selfsubjectreviews'),
    ]),
    clusterRole('system:public-info-viewer', [urls('get', '/livez,/readyz,/healthz,/version,/version/')]),
    aggregatedRole('admin', AGG_ADMIN),
    aggregatedRole('edit', AGG_EDIT, { [AGG_ADMIN]: 'true' }),
    aggregatedRole('view', AGG_VIEW, { [AGG_EDIT]: 'true' }),
    clusterRole('system:aggregate-to-admin', [
      rule('create', authz, 'localsubjectaccessreviews'),
      rule(READ_WRITE, [RBAC_GROUP], 'roles,rolebindings'),
    ], { [AGG_ADMIN]: 'true' }),
    clusterRole('system:aggregate-to-edit', [
      rule(READ, core, 'pods/attach,pods/proxy,pods/exec,pods/portforward,secrets,services/proxy'),
      rule('impersonate', core, 'serviceaccounts'),
      rule(WRITE, core, 'pods,pods/attach,pods/proxy,pods/exec,pods/portforward'),
      rule('create', core, 'pods/eviction'),
      rule(WRITE, core, 'replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/proxy,persistentvolumeclaims,configmaps,secrets,events'),
      rule('create', core, 'serviceaccounts/token'),
      rule(WRITE, apps, 'statefulsets,statefulsets/scale,daemonsets,deployments,deployments/scale,deployments/rollback,replicasets,replicasets/scale'),
      rule(WRITE, ['autoscaling'], 'horizontalpodautoscalers'),
      rule(WRITE, batch, 'jobs,cronjobs'),
      rule(WRITE, ['extensions'], 'daemonsets,deployments,deployments/scale,deployments/rollback,ingresses,replicasets,replicasets/scale,replicationcontrollers/scale,networkpolicies'),
      rule(WRITE, policy, 'poddisruptionbudgets'),
      rule(WRITE, ['networking.k8s.io'], 'networkpolicies,ingresses'),
      rule(READ_WRITE, coordination, 'leases'),
    ], { [AGG_EDIT]: 'true' }),
    clusterRole('system:aggregate-to-view', [
      rule(READ, core, 'pods,replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/status,endpoints,persistentvolumeclaims,persistentvolumeclaims/status,configmaps'),
      rule(READ, core, 'limitranges,resourcequotas,bindings,events,pods/status,resourcequotas/status,namespaces/status,replicationcontrollers/status,pods/log'),
      rule(READ, core, 'namespaces'),
      rule(READ, discovery, 'endpointslices'),
      rule(READ, apps, 'controllerrevisions,statefulsets,statefulsets/status,statefulsets/scale,daemonsets,daemonsets/status,deployments,deployments/status,deployments/scale,replicasets,replicasets/status,replicasets/scale'),
      rule(READ, ['autoscaling'], 'horizontalpodautoscalers,horizontalpodautoscalers/status'),
      rule(READ, batch, 'jobs,cronjobs,cronjobs/status,jobs/status'),
      rule(READ, ['extensions'], 'daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,ingresses,ingresses/status,replicasets,replicasets/scale,replicasets/status,replicationcontrollers/scale,networkpolicies'),
      rule(READ, policy, 'poddisruptionbudgets,poddisruptionbudgets/status'),
      rule(READ, ['networking.k8s.io'], 'ingresses,ingresses/status,networkpolicies'),
    ], { [AGG_VIEW]: 'true' }),
    clusterRole('system:heapster', [
      rule(READ, core, 'events,pods,nodes,namespaces'),
      rule(READ, ['extensions'], 'deployments'),
    ]),
    clusterRole('system:node', nodeRules()),
    clusterRole('system:node-problem-detector', [
      rule('get', core, 'nodes'),
      rule('patch', core, 'nodes/status'),
      events(),
    ]),
    clusterRole('system:kubelet-api-admin', [
      rule(READ, core, 'nodes'),
      rule('proxy', core, 'nodes'),
      rule('*', core, 'nodes/proxy,nodes/metrics,nodes/stats,nodes/log'),
    ]),
    clusterRole('system:node-bootstrapper', [rule('create,get,list,watch', certificates, 'certificatesigningrequests')]),
    clusterRole('system:auth-delegator', [
      rule('create', authn, 'tokenreviews'),
      rule('create', authz, 'subjectaccessreviews'),
    ]),
    clusterRole('system:kube-aggregator', [rule(READ, core, 'services,endpoints')]),
    clusterRole('system:kube-controller-manager', [
      events(),
      rule('create', coordination, 'leases'),
      rule('get,update', coordination, 'leases', 'kube-controller-manager'),
      rule('create', core, 'secrets,serviceaccounts'),
      rule('delete', core, 'secrets'),
      rule('get', core, 'namespaces,secrets,serviceaccounts,configmaps'),
      rule('update', core, 'secrets,serviceaccounts'),
      rule('create', authn, 'tokenreviews'),
      rule('create', authz, 'subjectaccessreviews'),
      rule('list,watch', ['*'], '*'),
      rule('create', core, 'serviceaccounts/token'),
    ]),
    clusterRole('system:kube-dns', [rule('list,watch', core, 'endpoints,services')]),
    clusterRole('system:persistent-volume-provisioner', [
      rule('get,list,watch,create,delete', core, 'persistentvolumes'),
      rule('get,list,watch,update', core, 'persistentvolumeclaims'),
      rule(READ, storage, 'storageclasses'),
      rule('watch', core, 'events'),
      events(),
    ]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [rule('create', certificates, 'certificatesigningrequests/nodeclient')]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [rule('create', certificates, 'certificatesigningrequests/selfnodeclient')]),
    approver('kube-apiserver-client-approver', 'kubernetes.io/kube-apiserver-client'),
    approver('kube-apiserver-client-kubelet-approver', 'kubernetes.io/kube-apiserver-client-kubelet'),
    approver('kubelet-serving-approver', 'kubernetes.io/kubelet-serving'),
    approver('legacy-unknown-approver', 'kubernetes.io/legacy-unknown'),
    clusterRole('system:service-account-issuer-discovery', [urls('get', '/.well-known/openid-configuration,/openid/v1/jwks')]),
    clusterRole('system:node-proxier', [
      rule('list,watch', core, 'services,endpoints'),
      rule(READ, core, 'nodes'),
      events(),
      rule('list,watch', discovery, 'endpointslices'),
    ]),
    clusterRole('system:volume-scheduler', [
      rule('get,list,watch,patch,update', core, 'persistentvolumes'),
      rule(READ, storage, 'storageclasses'),
      rule('get,list,watch,patch,update', core, 'persistentvolumeclaims'),
    ]),
    clusterRole('system:kube-scheduler', [
      events(),
      rule('create', coordination, 'leases'),
      rule('get,update', coordination, 'leases', 'kube-scheduler'),
      rule(READ, core, 'nodes'),
      rule('get,list,watch,delete', core, 'pods'),
      rule('create', core, 'pods/binding,bindings'),
      rule('patch,update', core, 'pods/status'),
      rule(READ, core, 'services,replicationcontrollers'),
      rule(READ, appsExt, 'replicasets'),
      rule(READ, apps, 'statefulsets'),
      rule(READ, policy, 'poddisruptionbudgets'),
      rule(READ, core, 'persistentvolumeclaims,persistentvolumes'),
      rule('create', authn, 'tokenreviews'),
      rule('create', authz, 'subjectaccessreviews'),
      rule(READ, storage, 'csinodes'),
      rule(READ, core, 'namespaces'),
      rule(READ, storage, 'csidrivers'),
      rule(READ, storage, 'csistoragecapacities'),
    ]),
  ];
  return byName(roles);
}

function byName<T extends { metadata?: ObjectMeta }>(items: T[]): T[] {
  return items.sort((a, b) => {
    const x = a.metadata?.name ?? '';
    const y = b.metadata?.name ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

const SA_ROLE_PREFIX = 'system:controller:';

/** controllerRoles(): one ClusterRole per kube-controller-manager controller (service-account credentials). */
export function controllerClusterRoles(): ClusterRole[] {
  const c = (name: string, rules: PolicyRule[]): ClusterRole => clusterRole(SA_ROLE_PREFIX + name, rules);
  return byName([
    c('attachdetach-controller', [
      rule('list,watch', core, 'persistentvolumes,persistentvolumeclaims'),
      rule(READ, core, 'nodes'),
      rule('patch,update', core, 'nodes/status'),
      rule('list,watch', core, 'pods'),
      events(),
      rule('get,create,delete,list,watch', storage, 'volumeattachments'),
      rule(READ, storage, 'csidrivers'),
      rule(READ, storage, 'csinodes'),
    ]),
    c('certificate-controller', [
      rule('get,list,watch,delete', certificates, 'certificatesigningrequests'),
      rule('update', certificates, 'certificatesigningrequests/status,certificatesigningrequests/approval'),
      rule('approve', certificates, 'signers', 'kubernetes.io/kube-apiserver-client-kubelet'),
      rule('sign', certificates, 'signers', 'kubernetes.io/kube-apiserver-client,kubernetes.io/kube-apiserver-client-kubelet,kubernetes.io/kubelet-serving,kubernetes.io/legacy-unknown'),
      rule('create', authz, 'subjectaccessreviews'),
      events(),
    ]),
    c('clusterrole-aggregation-controller', [rule('escalate,get,list,watch,update,patch', [RBAC_GROUP], 'clusterroles')]),
    c('cronjob-controller', [
      rule('get,list,watch,update', batch, 'cronjobs'),
      rule('get,list,watch,create,update,delete,patch', batch, 'jobs'),
      rule('update', batch, 'cronjobs/status'),
      rule('update', batch, 'cronjobs/finalizers'),
      rule('list,watch,delete', core, 'pods'),
      events(),
    ]),
    c('daemon-set-controller', [
      rule(READ, appsExt, 'daemonsets'),
      rule('update', appsExt, 'daemonsets/status'),
      rule('update', appsExt, 'daemonsets/finalizers'),
      rule('list,watch', core, 'nodes'),
      rule('list,watch,create,delete,patch', core, 'pods'),
      rule('create', core, 'pods/binding'),
      rule('get,list,watch,create,delete,update,patch', apps, 'controllerrevisions'),
      events(),
    ]),
    c('deployment-controller', [
      rule('get,list,watch,update', appsExt, 'deployments'),
      rule('update', appsExt, 'deployments/status'),
      rule('update', appsExt, 'deployments/finalizers'),
      rule('get,list,watch,create,update,patch,delete', appsExt, 'replicasets'),
      rule('get,list,watch,update', core, 'pods'),
      events(),
    ]),
    c('disruption-controller', [
      rule(READ, appsExt, 'deployments'),
      rule(READ, appsExt, 'replicasets'),
      rule(READ, core, 'replicationcontrollers'),
      rule(READ, policy, 'poddisruptionbudgets'),
      rule(READ, apps, 'statefulsets'),
      rule('update', policy, 'poddisruptionbudgets/status'),
      rule('patch,update', core, 'pods/status'),
      rule('get', ['*'], '*/scale'),
      events(),
    ]),
    c('endpoint-controller', [
      rule(READ, core, 'services,pods'),
      rule('get,list,watch,create,update,delete', core, 'endpoints'),
      rule('create', core, 'endpoints/restricted'),
      events(),
    ]),
    c('endpointslice-controller', [
      rule(READ, core, 'services,pods,nodes'),
      rule('update', core, 'services/finalizers'),
      rule('get,list,watch,create,update,delete', discovery, 'endpointslices'),
      events(),
    ]),
    c('endpointslicemirroring-controller', [
      rule(READ, core, 'services,endpoints'),
      rule('update', core, 'services/finalizers'),
      rule('update', core, 'endpoints/finalizers'),
      rule('get,list,watch,create,update,delete', discovery, 'endpointslices'),
      events(),
    ]),
    c('ephemeral-volume-controller', [
      rule(READ, core, 'pods'),
      rule('update', core, 'pods/finalizers'),
      rule('get,list,watch,create', core, 'persistentvolumeclaims'),
      events(),
    ]),
    c('expand-controller', [
      rule('get,list,watch,update,patch', core, 'persistentvolumes'),
      rule('update,patch', core, 'persistentvolumeclaims/status'),
      rule(READ, core, 'persistentvolumeclaims'),
      events(),
    ]),
    c('generic-garbage-collector', [rule('get,list,watch,patch,update,delete', ['*'], '*'), events()]),
    c('horizontal-pod-autoscaler', [
      rule(READ, ['autoscaling'], 'horizontalpodautoscalers'),
      rule('update', ['autoscaling'], 'horizontalpodautoscalers/status'),
      rule('get,update', ['*'], '*/scale'),
      rule('list,watch', core, 'pods'),
      rule('list,watch', ['metrics.k8s.io'], 'pods'),
      rule(READ, ['custom.metrics.k8s.io'], '*'),
      rule(READ, ['external.metrics.k8s.io'], '*'),
      events(),
    ]),
    c('job-controller', [
      rule('get,list,watch,update,patch', batch, 'jobs'),
      rule('update', batch, 'jobs/status'),
      rule('update', batch, 'jobs/finalizers'),
      rule('list,watch,create,delete,patch', core, 'pods'),
      events(),
    ]),
    c('legacy-service-account-token-cleaner', [
      rule('get', core, 'configmaps', 'kube-apiserver-legacy-service-account-token-tracking'),
      rule('delete,patch', core, 'secrets'),
    ]),
    c('namespace-controller', [
      rule('get,list,watch,delete', core, 'namespaces'),
      rule('update', core, 'namespaces/finalize,namespaces/status'),
      rule('get,list,watch,delete,deletecollection', ['*'], '*'),
    ]),
    c('node-controller', [
      rule('get,list,update,delete,patch,watch', core, 'nodes'),
      rule('patch,update', core, 'nodes/status'),
      rule('patch,update', core, 'pods/status'),
      rule('list,watch,get,delete', core, 'pods'),
      events(),
    ]),
    c('persistent-volume-binder', [
      rule('get,list,watch,update,create,delete', core, 'persistentvolumes'),
      rule('update', core, 'persistentvolumes/status'),
      rule('get,list,watch,update', core, 'persistentvolumeclaims'),
      rule('update', core, 'persistentvolumeclaims/status'),
      rule('get,list,watch,create,delete', core, 'pods'),
      rule(READ, storage, 'storageclasses'),
      rule('list,watch', core, 'nodes'),
      events(),
      rule('watch', core, 'events'),
    ]),
    c('pod-garbage-collector', [
      rule('list,watch,delete', core, 'pods'),
      rule(READ, core, 'nodes'),
      rule('patch', core, 'pods/status'),
    ]),
    c('pv-protection-controller', [rule('get,list,watch,update', core, 'persistentvolumes'), events()]),
    c('pvc-protection-controller', [
      rule('get,list,watch,update', core, 'persistentvolumeclaims'),
      rule('update', core, 'persistentvolumeclaims/status'),
      rule(READ, core, 'pods'),
      events(),
    ]),
    c('replicaset-controller', [
      rule('get,list,watch,update', appsExt, 'replicasets'),
      rule('update', appsExt, 'replicasets/status'),
      rule('update', appsExt, 'replicasets/finalizers'),
      rule('list,watch,patch,create,delete', core, 'pods'),
      events(),
    ]),
    c('replication-controller', [
      rule('get,list,watch,update', core, 'replicationcontrollers'),
      rule('update', core, 'replicationcontrollers/status'),
      rule('update', core, 'replicationcontrollers/finalizers'),
      rule('list,watch,patch,create,delete', core, 'pods'),
      events(),
    ]),
    c('resourcequota-controller', [
      rule('list,watch', ['*'], '*'),
      rule('update', core, 'resourcequotas/status'),
      events(),
    ]),
    c('root-ca-cert-publisher', [rule('create,update', core, 'configmaps'), events()]),
    c('route-controller', [rule('list,watch', core, 'nodes'), rule('patch', core, 'nodes/status'), events()]),
    c('service-account-controller', [rule('create', core, 'serviceaccounts'), events()]),
    c('service-controller', [
      rule(READ, core, 'services'),
      rule('patch,update', core, 'services/status'),
      rule('list,watch', core, 'nodes'),
      events(),
    ]),
    c('statefulset-controller', [
      rule('list,watch', core, 'pods'),
      rule(READ, apps, 'statefulsets'),
      rule('update', apps, 'statefulsets/status'),
      rule('update', apps, 'statefulsets/finalizers'),
      rule('get,create,delete,update,patch', core, 'pods'),
      rule('get,list,watch,create,delete,update,patch', apps, 'controllerrevisions'),
      rule('get,list,watch,create', core, 'persistentvolumeclaims'),
      rule('update,delete', core, 'persistentvolumeclaims'),
      rule('update', core, 'pods/finalizers'),
      events(),
    ]),
    c('ttl-after-finished-controller', [rule('get,list,watch,delete', batch, 'jobs'), events()]),
    c('ttl-controller', [rule('update,patch,list,watch', core, 'nodes'), events()]),
    c('validatingadmissionpolicy-status-controller', [
      rule(READ, ['admissionregistration.k8s.io'], 'validatingadmissionpolicies'),
      rule('get,patch,update', ['admissionregistration.k8s.io'], 'validatingadmissionpolicies/status'),
      events(),
    ]),
  ]);
}

const userSubject = (name: string): Subject => ({ kind: 'User', apiGroup: RBAC_GROUP, name });
const groupSubject = (name: string): Subject => ({ kind: 'Group', apiGroup: RBAC_GROUP, name });
const saSubject = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', name, namespace });

function clusterBinding(name: string, subjects: Subject[], roleName = name): ClusterRoleBinding {
  const b: ClusterRoleBinding = {
    kind: 'ClusterRoleBinding', apiVersion: API_VERSION, metadata: meta(name),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: roleName },
  };
  if (subjects.length > 0) b.subjects = subjects;
  return b;
}

/** clusterRoleBindings() plus one binding per controller role to its kube-system ServiceAccount. */
export function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  const bindings = [
    clusterBinding('cluster-admin', [groupSubject('system:masters')]),
    clusterBinding('system:monitoring', [groupSubject('system:monitoring')]),
    clusterBinding('system:discovery', [groupSubject('system:authenticated')]),
    clusterBinding('system:basic-user', [groupSubject('system:authenticated')]),
    clusterBinding('system:public-info-viewer', [groupSubject('system:authenticated'), groupSubject('system:unauthenticated')]),
    clusterBinding('system:node-proxier', [userSubject('system:kube-proxy')]),
    clusterBinding('system:kube-controller-manager', [userSubject('system:kube-controller-manager')]),
    clusterBinding('system:kube-dns', [saSubject('kube-system', 'kube-dns')]),
    clusterBinding('system:kube-scheduler', [userSubject('system:kube-scheduler')]),
    clusterBinding('system:volume-scheduler', [userSubject('system:kube-scheduler')]),
    clusterBinding('system:service-account-issuer-discovery', [groupSubject('system:serviceaccounts')]),
    // Deprecated since the Node authorizer: kept with no subjects so reconciliation can tighten it.
    clusterBinding('system:node', []),
    ...controllerClusterRoles().map((r) => {
      const name = r.metadata?.name ?? '';
      return clusterBinding(name, [saSubject('kube-system', name.slice(SA_ROLE_PREFIX.length))]);
    }),
  ];
  return byName(bindings);
}

/** Every bootstrap ClusterRole (policy + controllers), sorted by name; aggregated ones without rules. */
export function allBootstrapClusterRoles(): ClusterRole[] {
  return byName([...bootstrapClusterRoles(), ...controllerClusterRoles()]);
}

function nsRole(namespace: string, name: string, rules: PolicyRule[]): Role {
  return { kind: 'Role', apiVersion: API_VERSION, metadata: meta(name, namespace), rules };
}

function nsBinding(namespace: string, name: string, roleName: string, subjects: Subject[]): RoleBinding {
  return {
    kind: 'RoleBinding', apiVersion: API_VERSION, metadata: meta(name, namespace),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: roleName }, subjects,
  };
}

/** namespace_policy.go: the Roles in kube-system and kube-public. */
export function bootstrapNamespaceRoles(): Role[] {
  const leaderLocking = (): PolicyRule[] => [
    rule('watch,get,list,create,update', coordination, 'leases'),
    rule('watch,get,list,create,update', coordination, 'leasecandidates'),
  ];
  return [
    nsRole('kube-public', 'system:controller:bootstrap-signer', [
      rule(READ, core, 'configmaps'),
      rule('update', core, 'configmaps', 'cluster-info'),
      events(),
    ]),
    nsRole('kube-system', 'extension-apiserver-authentication-reader', [rule(READ, core, 'configmaps', 'extension-apiserver-authentication')]),
    nsRole('kube-system', 'system::leader-locking-kube-controller-manager', leaderLocking()),
    nsRole('kube-system', 'system::leader-locking-kube-scheduler', leaderLocking()),
    nsRole('kube-system', 'system:controller:bootstrap-signer', [rule(READ, core, 'secrets')]),
    nsRole('kube-system', 'system:controller:cloud-provider', [rule('create,get,list,watch', core, 'configmaps')]),
    nsRole('kube-system', 'system:controller:token-cleaner', [rule('delete,get,list,watch', core, 'secrets'), events()]),
  ];
}

/** namespace_policy.go: the RoleBindings in kube-system and kube-public. */
export function bootstrapNamespaceRoleBindings(): RoleBinding[] {
  return [
    nsBinding('kube-public', 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', [saSubject('kube-system', 'bootstrap-signer')]),
    nsBinding('kube-system', 'system::extension-apiserver-authentication-reader', 'extension-apiserver-authentication-reader', [userSubject('system:kube-controller-manager'), userSubject('system:kube-scheduler')]),
    nsBinding('kube-system', 'system::leader-locking-kube-controller-manager', 'system::leader-locking-kube-controller-manager', [userSubject('system:kube-controller-manager'), saSubject('kube-system', 'kube-controller-manager'), saSubject('kube-system', 'leader-election-controller')]),
    nsBinding('kube-system', 'system::leader-locking-kube-scheduler', 'system::leader-locking-kube-scheduler', [userSubject('system:kube-scheduler'), saSubject('kube-system', 'kube-scheduler')]),
    nsBinding('kube-system', 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', [saSubject('kube-system', 'bootstrap-signer')]),
    nsBinding('kube-system', 'system:controller:cloud-provider', 'system:controller:cloud-provider', [saSubject('kube-system', 'cloud-provider')]),
    nsBinding('kube-system', 'system:controller:token-cleaner', 'system:controller:token-cleaner', [saSubject('kube-system', 'token-cleaner')]),
  ];
}

/**
 * Every RBAC object of a fresh cluster: ClusterRoles, ClusterRoleBindings, then the kube-system/kube-public Roles
 * and RoleBindings. `aggregated` (default true) fills admin/edit/view as the clusterrole-aggregation controller
 * does within seconds of start; false returns them as kube-apiserver writes them, without rules.
 */
export function bootstrapPolicy(options: { aggregated?: boolean } = {}): KubeObject[] {
  const roles = allBootstrapClusterRoles();
  const objects: object[] = [
    ...(options.aggregated ?? true ? aggregateClusterRoles(roles) : roles),
    ...bootstrapClusterRoleBindings(),
    ...bootstrapNamespaceRoles(),
    ...bootstrapNamespaceRoleBindings(),
  ];
  // rbac/v1 interfaces carry no index signature; as stored objects they are plain KubeObjects.
  return objects.map((o) => o as KubeObject);
}
