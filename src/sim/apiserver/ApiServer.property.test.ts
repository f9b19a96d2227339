// Robustness properties of the whole request path (Engine.request → ApiServer.handle → RestHandler → Store):
// whatever a client sends, kube-apiserver answers with a status it chose — never a 500 from an unexpected
// exception, never an exception out of the handler — and every 4xx carries a metav1.Status
// (staging/src/k8s.io/apimachinery/pkg/api/errors: Status{Status: "Failure", Code: <http code>, Message}).
//
// Reproducing a failure: fast-check prints `seed` and `path`, and the failure message prints the request as JSON
// with the stack of the exception the handler swallowed. Paste seed and path into REPLAY below to rerun just that
// case, or send the printed request to a fresh `new Engine()` (the shared-engine property also says whether the
// request fails on a fresh engine by itself).
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isApiError } from '../api/status.ts';
import type { Json } from '../api/types.ts';
import { Engine } from '../Engine.ts';
import { base64Encode } from '../util/base64.ts';
import { ApiServer, type ApiRequest, type ApiResponse } from './ApiServer.ts';
import { RESOURCES, type ResourceInfo } from './resources.ts';

/** Set to fast-check's printed `{ seed, path }` to replay one failing case (keep `{}` in CI). */
const REPLAY: { seed?: number; path?: string } = {};
const SEED = 0x6b387332;

// ---- object templates: one valid object per kind the server decodes ------------------------------------------

type Template = (name: string, ns: string) => Json;

const podSpec = (): Json => ({
  containers: [{
    name: 'c', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', command: ['sh'], args: ['-c', 'sleep 1'],
    ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
    env: [{ name: 'A', value: '1' }, { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
    volumeMounts: [{ name: 'v', mountPath: '/data' }],
    securityContext: { runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
    livenessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 1 },
    readinessProbe: { tcpSocket: { port: 'http' } },
  }],
  initContainers: [{ name: 'init', image: 'busybox', command: ['true'] }],
  volumes: [{ name: 'v', emptyDir: { sizeLimit: '1Gi' } }, { name: 'cm', configMap: { name: 'fuzz', items: [{ key: 'a', path: 'a' }] } }],
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }],
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] }] } } },
  restartPolicy: 'Always', terminationGracePeriodSeconds: 5, dnsPolicy: 'ClusterFirst', securityContext: { fsGroup: 2000 },
});

const meta = (name: string, ns: string): Json => (ns === '' ? { name, labels: { app: 'fuzz' } } : { name, namespace: ns, labels: { app: 'fuzz' }, annotations: { note: 'x' } });
const selectorTemplate = (): Json => ({ matchLabels: { app: 'fuzz' } });
const rules = (): Json => [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] }, { apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['fuzz'], verbs: ['get'] }];
const subjects = (): Json => [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'default', namespace: 'default' }, { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' }];
const resourceAttributes = (ns: string): Json => ({ namespace: ns, verb: 'get', group: '', resource: 'pods', subresource: 'log', name: 'fuzz' });

function podTemplate(name: string, ns: string): Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta(name, ns), spec: podSpec() };
}

/** Keyed by `group/Kind`; the bodies the apiserver decodes, including subresource kinds and DeleteOptions. */
const TEMPLATES: Record<string, Template> = {
  '/Binding': (name, ns) => ({ apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } }),
  '/ConfigMap': (name, ns) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, ns), data: { a: 'b', 'key.txt': 'line\n' }, binaryData: { bin: 'AAEC' } }),
  '/Event': (name, ns) => ({
    apiVersion: 'v1', kind: 'Event', metadata: meta(name, ns), involvedObject: { kind: 'Pod', namespace: ns, name: 'fuzz', apiVersion: 'v1' },
    reason: 'Scheduled', message: 'Successfully assigned', type: 'Normal', source: { component: 'default-scheduler' },
    firstTimestamp: '2026-01-15T09:00:00Z', lastTimestamp: '2026-01-15T09:00:00Z', count: 1,
  }),
  '/LimitRange': (name, ns) => ({
    apiVersion: 'v1', kind: 'LimitRange', metadata: meta(name, ns),
    spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '64Mi' }, max: { cpu: '2', memory: '1Gi' }, min: { cpu: '10m' }, maxLimitRequestRatio: { cpu: '10' } }, { type: 'Pod', max: { cpu: '4' } }] },
  }),
  '/Namespace': (name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'pod-security.kubernetes.io/enforce': 'privileged', 'pod-security.kubernetes.io/warn': 'baseline' } }, spec: { finalizers: ['kubernetes'] } }),
  '/Node': (name) => ({
    apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: { podCIDR: '10.250.0.0/24', podCIDRs: ['10.250.0.0/24'], taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
    status: { capacity: { cpu: '2', memory: '4Gi', pods: '110' }, allocatable: { cpu: '2', memory: '4Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: '192.168.49.99' }] },
  }),
  '/Pod': podTemplate,
  '/ResourceQuota': (name, ns) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta(name, ns), spec: { hard: { pods: '100', 'requests.cpu': '40', 'limits.memory': '80Gi', configmaps: '100' } } }),
  '/Secret': (name, ns) => ({ apiVersion: 'v1', kind: 'Secret', metadata: meta(name, ns), type: 'Opaque', data: { a: 'YmFy' }, stringData: { b: 'baz' } }),
  '/ServiceAccount': (name, ns) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name, ns), automountServiceAccountToken: false, imagePullSecrets: [{ name: 'regcred' }], secrets: [{ name: 'tok' }] }),
  'apps/Deployment': (name, ns) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(name, ns),
    spec: { replicas: 2, selector: selectorTemplate(), strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } }, revisionHistoryLimit: 3, template: { metadata: { labels: { app: 'fuzz' } }, spec: podSpec() } },
  }),
  'apps/ReplicaSet': (name, ns) => ({
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta(name, ns),
    spec: { replicas: 1, minReadySeconds: 0, selector: { matchLabels: { app: 'fuzz' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['fuzz'] }] }, template: { metadata: { labels: { app: 'fuzz' } }, spec: podSpec() } },
  }),
  'authentication.k8s.io/SelfSubjectReview': () => ({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }),
  'authentication.k8s.io/TokenReview': () => ({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'alice-token', audiences: ['https://kubernetes.default.svc'] } }),
  'authentication.k8s.io/TokenRequest': (name, ns) => ({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: { name, namespace: ns }, spec: { audiences: ['api'], expirationSeconds: 3600 } }),
  'authorization.k8s.io/LocalSubjectAccessReview': (_n, ns) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', metadata: { namespace: ns }, spec: { resourceAttributes: resourceAttributes(ns), user: 'alice', groups: ['system:authenticated'] } }),
  'authorization.k8s.io/SelfSubjectAccessReview': (_n, ns) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: resourceAttributes(ns) } }),
  'authorization.k8s.io/SelfSubjectRulesReview': (_n, ns) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: ns } }),
  'authorization.k8s.io/SubjectAccessReview': () => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' }, user: 'bob', groups: ['developers'], extra: { scopes: ['a'] }, uid: 'u1' } }),
  'coordination.k8s.io/Lease': (name, ns) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: meta(name, ns), spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, acquireTime: '2026-01-15T09:00:00.000000Z', renewTime: '2026-01-15T09:00:00.000000Z', leaseTransitions: 0 } }),
  'events.k8s.io/Event': (name, ns) => ({
    apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: meta(name, ns), eventTime: '2026-01-15T09:00:00.000000Z', reportingController: 'default-scheduler',
    reportingInstance: 'default-scheduler-1', action: 'Binding', reason: 'Scheduled', regarding: { kind: 'Pod', namespace: ns, name: 'fuzz' }, note: 'assigned', type: 'Normal',
  }),
  'rbac.authorization.k8s.io/ClusterRoleBinding': (name) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name }, subjects: subjects(), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } }),
  'rbac.authorization.k8s.io/ClusterRole': (name) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, rules: [...(rules() as Json[]), { nonResourceURLs: ['/healthz'], verbs: ['get'] }] }),
  'rbac.authorization.k8s.io/RoleBinding': (name, ns) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta(name, ns), subjects: subjects(), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' } }),
  'rbac.authorization.k8s.io/Role': (name, ns) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(name, ns), rules: rules() }),
  'scheduling.k8s.io/PriorityClass': (name) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: 1000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority', description: 'fuzz' }),
  'autoscaling/Scale': (name, ns) => ({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name, namespace: ns }, spec: { replicas: 3 } }),
  'policy/Eviction': (name, ns) => ({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns }, deleteOptions: { gracePeriodSeconds: 0 } }),
  'meta.k8s.io/DeleteOptions': () => ({ apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, propagationPolicy: 'Background', preconditions: { uid: 'x', resourceVersion: '1' }, dryRun: ['All'] }),
};
const TEMPLATE_KEYS = Object.keys(TEMPLATES);

function templateFor(info: ResourceInfo): string {
  return `${info.group}/${info.kind}`;
}

// ---- the shapes a fuzzed request is built from ---------------------------------------------------------------

const RAW = '__RAW__:';
/** Values that fail type and range checks; `__RAW__:x` is spliced into the text as the number literal x. */
const WEIRD: Json[] = [
  5, -1, 0, 1.5, 1e308, -1e308, 2 ** 53 + 1, 'x', '', ' ', '-', 'Always', '100m', '1Gi', '-1Gi', '1e3', 'NaN', 'None', '*', '/',
  '日本', '\u0000', 'a'.repeat(300), true, false, null, [], {}, ['x'], [null], [{}], [5], [[]], { a: 1 }, { '': '' }, { a: null },
  [[[[['deep']]]]], { a: { b: { c: { d: {} } } } }, `${RAW}1e400`, `${RAW}-1e400`, `${RAW}123456789012345678901234567890`, `${RAW}-0`, `${RAW}1E2`,
  '2026-13-45T99:99:99Z', '10.0.0.0/33', 'UPPER_CASE', 'a/b', '..', '$patch', { $patch: 'delete' }, { $patch: 'replace' },
  { name: 'c', image: 'x' }, { key: 'a', operator: 'Exists' }, { kind: 'User', name: 'x' },
];

const weirdArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WEIRD) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer() },
);

type MutationOp = 'set' | 'delete' | 'addKey' | 'wrap' | 'stringify' | 'dup';
interface Mutation { at: number; op: MutationOp; value: Json; key: string }

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom<MutationOp>('set', 'set', 'set', 'delete', 'addKey', 'wrap', 'stringify', 'dup'),
  value: weirdArb,
  key: fc.constantFrom('zzz', 'metadata', 'spec', 'status', 'name', 'namespace', 'items', 'containers', 'labels', '$patch', '$retainKeys', 'apiVersion', 'kind', ''),
});

type Path = (string | number)[];

function allPaths(v: Json, here: Path = [], out: Path[] = []): Path[] {
  out.push(here);
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...here, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) allPaths(x, [...here, k], out);
  return out;
}

function getAt(v: Json, p: Path): Json {
  let cur: Json = v;
  for (const k of p) cur = (cur as Record<string | number, Json>)[k] as Json;
  return cur;
}

/** Applies mutations to a deep copy; index `at` picks a node (root included) modulo the node count. */
function mutate(value: Json, mutations: Mutation[]): Json {
  let root = structuredJsonClone(value);
  for (const m of mutations) {
    const paths = allPaths(root);
    const p = paths[m.at % paths.length] ?? [];
    const node = getAt(root, p);
    const value = structuredJsonClone(m.value); // WEIRD's objects are shared: never put them in the tree itself
    let next: Json | undefined;
    switch (m.op) {
      case 'set': next = value; break;
      case 'delete': next = undefined; break;
      case 'addKey':
        next = node !== null && typeof node === 'object' && !Array.isArray(node) ? { ...node, [m.key]: value } : value;
        break;
      case 'wrap': next = [node]; break;
      case 'stringify': next = JSON.stringify(node); break;
      case 'dup': next = Array.isArray(node) ? [...node, ...node] : node; break;
    }
    if (p.length === 0) {
      root = next === undefined ? null : next;
      continue;
    }
    const parent = getAt(root, p.slice(0, -1)) as Record<string | number, Json> | Json[];
    const last = p[p.length - 1] as string | number;
    if (next === undefined) {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete (parent as Record<string, Json>)[last];
    } else (parent as Record<string | number, Json>)[last] = next;
  }
  return root;
}

function structuredJsonClone(v: Json): Json {
  return v === null || typeof v !== 'object' ? v : JSON.parse(JSON.stringify(v)) as Json;
}

type Encoding = 'json' | 'yaml' | 'truncated' | 'bom' | 'trailing' | 'pretty';

function encode(value: Json, enc: Encoding, cut: number): string {
  const splice = (s: string): string => s.replace(/"?__RAW__:([^"\s,}\]]+)"?/g, '$1');
  switch (enc) {
    case 'json': return splice(JSON.stringify(value));
    case 'pretty': return splice(JSON.stringify(value, null, 2));
    case 'yaml': return splice(toYaml(value));
    case 'truncated': {
      const s = splice(JSON.stringify(value));
      return s.slice(0, cut % Math.max(1, s.length));
    }
    case 'bom': return `\ufeff${splice(JSON.stringify(value))}`;
    case 'trailing': return `${splice(JSON.stringify(value))} {"extra":1}`;
  }
}

const RAW_BODIES = [
  '', ' ', 'null', '[]', '{}', '""', '"str"', '5', '1e400', '-', 'true', '{', '}', '[', '{"a":', '{"kind":', '{"apiVersion":5}', '{"kind":5}',
  '{"kind":"Pod","apiVersion":"v1","metadata":5}', '{"kind":"Pod","apiVersion":"v1","metadata":null}', '{"kind":"Pod","apiVersion":"v1","metadata":[]}',
  '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":[]}', '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":{"containers":"x"}}',
  '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":{"containers":[5]}}', '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":{"containers":[{"name":5,"image":[]}]}}',
  '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","labels":5,"annotations":[],"finalizers":"x","ownerReferences":{}}}',
  '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","namespace":5,"generateName":7}}', '{"metadata":{"name":{"a":1}}}',
  'a: b\nc: [', 'key: value\nkey: dup', '- a\n- b', '---\na: 1\n---\nb: 2', 'a: &x [*x]', '!!binary aGVsbG8=', 'a: !!int x', '\t{}', '{"a":1}garbage',
  '[{"op":"add","path":"/metadata/labels/x","value":"y"}]', '[{"op":"remove","path":"/spec"}]', '[{"op":"replace","path":"/metadata","value":5}]',
  '[{"op":"move","from":"/metadata","path":"/metadata/labels"}]', '[{"op":"copy","from":"/nope","path":"/x"}]', '[{"op":"test","path":"/kind","value":"Pod"}]',
  '[{"op":"bogus"}]', '[5]', '[null]', '[{"path":5}]', '{"spec":{"replicas":"x"}}', '{"spec":{"replicas":1e400}}', '{"spec":null}', '{"status":{"replicas":-1}}',
  '{"$patch":"delete"}', '{"$patch":"replace"}', '{"$patch":5}', '{"metadata":{"$patch":"delete"}}', '{"spec":{"$retainKeys":5}}', '{"spec":{"$retainKeys":["x"],"x":1}}',
  '{"spec":{"$setElementOrder/containers":"x"}}', '{"spec":{"$setElementOrder/containers":[{"name":"zz"}]}}', '{"spec":{"containers":[{"$patch":"delete","name":"c"}]}}',
  '{"spec":{"containers":[{"image":"x"}]}}', '{"spec":{"containers":[{"name":"c","$patch":"replace"}]}}', '{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}',
  '{"metadata":{"$deleteFromPrimitiveList/finalizers":5}}', '{"spec":{"containers":{"$patch":"replace"}}}', '{"rules":[{"$patch":"delete"}]}',
  '{"gracePeriodSeconds":"x","preconditions":5}', '{"propagationPolicy":7,"orphanDependents":"yes"}', '{"preconditions":{"uid":5,"resourceVersion":[]}}',
  '{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":-5}', '{"target":5}', '{"target":{"name":5,"kind":[]}}',
];

type BodySpec = { t: 'object'; template: string | null; mutations: Mutation[]; enc: Encoding; cut: number } | { t: 'raw'; text: string } | { t: 'none' };

const bodyArb: fc.Arbitrary<BodySpec> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('object' as const),
      // null: the kind the path names (so the body gets past kind checks).
      template: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...TEMPLATE_KEYS) }),
      mutations: fc.oneof({ weight: 2, arbitrary: fc.constant<Mutation[]>([]) }, { weight: 5, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) }),
      enc: fc.oneof(
        { weight: 12, arbitrary: fc.constant<Encoding>('json') },
        { weight: 2, arbitrary: fc.constant<Encoding>('yaml') },
        { weight: 1, arbitrary: fc.constantFrom<Encoding>('truncated', 'bom', 'trailing', 'pretty') },
      ),
      cut: fc.nat(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('raw' as const), text: fc.constantFrom(...RAW_BODIES) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('raw' as const), text: fc.oneof(fc.string({ maxLength: 40 }), fc.json({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v))) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('raw' as const), text: fc.array(jsonPatchOpArb(), { maxLength: 4 }).map((ops) => JSON.stringify(ops)) }) },
  { weight: 2, arbitrary: fc.constant({ t: 'none' as const }) },
);

function jsonPatchOpArb(): fc.Arbitrary<Json> {
  const pointer = fc.constantFrom('', '/', 'noslash', '/metadata', '/metadata/labels/a', '/metadata/labels/a~1b', '/metadata/labels/~2', '/metadata/name',
    '/metadata/finalizers/-', '/metadata/finalizers/0', '/spec', '/spec/containers/0/image', '/spec/containers/-', '/spec/containers/99', '/spec/containers/01',
    '/spec/containers/-1', '/spec/replicas', '/spec/template/spec/containers/0', '/status/phase', '/apiVersion', '/kind', '/rules/0/verbs/-', '/data/a', '/x/y/z');
  return fc.record({
    op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus', 5 as unknown as string),
    path: pointer,
    from: pointer,
    value: weirdArb,
  }, { requiredKeys: ['op'] });
}

const NAMESPACES = ['kube-system', 'fuzz', 'missing', 'kube-public', '', 'UPPER', 'a.b', '-x', 'x'.repeat(70), '%2F', '..', 'ns with space', '日本'];
const NAMES = ['missing', 'default', 'node-1', 'control-plane', 'kube-system', 'cluster-admin', 'admin', 'pod-reader', 'alice-reads-pods', 'kube-root-ca.crt', 'system:masters',
  'system:node', 'UPPER', 'a..b', '-x', 'x'.repeat(300), '%2F', '%zz', '.', '..', '日本', 'a b', 'x:y', 'a@b'];
const SUBRESOURCES = ['status', 'scale', 'log', 'binding', 'eviction', 'token', 'finalize', 'exec', 'proxy', 'attach', 'ephemeralcontainers', 'resize', 'x', ''];
const nsArb = fc.oneof(
  { weight: 12, arbitrary: fc.constant('default') },
  { weight: 3, arbitrary: fc.constantFrom(...NAMESPACES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const nameArb = fc.oneof(
  { weight: 10, arbitrary: fc.constant('fuzz') },
  { weight: 2, arbitrary: fc.constantFrom('fuzz-bound', 'new') },
  { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
/** A number picks one of the resource's own subresources; a string is sent as is. */
const subArb: fc.Arbitrary<string | number | null> = fc.oneof(
  { weight: 8, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.nat() },
  { weight: 1, arbitrary: fc.constantFrom(...SUBRESOURCES) },
);

/** `coherent` paths fit their method (no name on POST, a name on PUT/PATCH, the namespace a resource needs). */
interface ResourcePath { coherent: boolean; res: number; nsMode: 'auto' | 'none' | 'force'; ns: string; nameMode: 'none' | 'name'; name: string; sub: string | number | null; watchSeg: boolean; style: 'plain' | 'doubleSlash' | 'trailing' | 'noLead' | 'upper' }

const resourcePathArb: fc.Arbitrary<ResourcePath> = fc.record({
  coherent: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  res: fc.nat({ max: RESOURCES.length - 1 }),
  nsMode: fc.constantFrom('auto', 'auto', 'auto', 'none', 'force'),
  ns: nsArb,
  nameMode: fc.constantFrom('none', 'name', 'name'),
  name: nameArb,
  sub: subArb,
  watchSeg: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  style: fc.constantFrom('plain', 'plain', 'plain', 'plain', 'plain', 'doubleSlash', 'trailing', 'noLead', 'upper'),
});

const FIXED_PATHS = ['/', '', '/api', '/api/', '/api/v1', '/api/v2', '/apis', '/apis/apps', '/apis/apps/v1', '/apis/apps/v2', '/apis/nope', '/apis/nope/v1',
  '/apis/nope/v1/things', '/version', '/healthz', '/livez', '/readyz', '/healthz/etcd', '/metrics', '/openapi/v2', '/openapi/v3', '/openapi/v3/api/v1',
  '/openapi/v3/apis/apps/v1', '/openapi/v3/apis/nope/v1', '/openapi/v3/x', '/api/v1/namespaces', '/api/v1/namespaces/default', '/api/v1/namespaces/default/status',
  '/api/v1/namespaces/default/finalize', '/api/v1/watch/namespaces/default/pods', '/api/v1/watch/pods', '/api/v1/namespaces/default/pods/fuzz/log',
  '/api/v1/nodes/node-1/proxy', '/apis/apps/v1/namespaces/default/deployments/fuzz/scale', '/api/v1/namespaces/default/pods/fuzz-bound/binding',
  '/api/v1/namespaces/default/bindings', '/api/v1/bindings', '/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews',
  '/api/v1/namespaces//pods', '/api//v1/pods', '/api/v1/namespaces/default/pods/fuzz/status/extra', '/api/v1/namespaces/%2e%2e/pods', '/api/v1/%zz',
  '/api/v1/namespaces/default/pods/%', '/api/v1/pods?x', '/api/v1/pods#frag', '/apis/apps/v1/watch/deployments', '/apis/rbac.authorization.k8s.io/v1/clusterroles/admin'];

const SEGMENTS = ['api', 'apis', 'v1', 'namespaces', 'default', 'pods', 'watch', 'status', 'fuzz', '', '.', '..', '%2e%2e', '%', '%zz', '%00', '日本', 'apps', 'x'];
const rawPathArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FIXED_PATHS) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...SEGMENTS), fc.string({ maxLength: 6 })), { maxLength: 8 }).map((s) => `/${s.join('/')}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

const METHODS = ['GET', 'GET', 'POST', 'POST', 'POST', 'PUT', 'PUT', 'PATCH', 'PATCH', 'PATCH', 'DELETE', 'DELETE'];
const ODD_METHODS = ['HEAD', 'OPTIONS', 'get', 'PoSt', 'CONNECT', 'TRACE', '', ' ', 'BREW', 'LIST', 'WATCH'];
const methodArb = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom(...METHODS) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_METHODS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

const b64 = (v: unknown): string => base64Encode(typeof v === 'string' ? v : JSON.stringify(v));
const CONTINUE_TOKENS = [
  'garbage', '', '%%%', '====', b64('null'), b64('[]'), b64('5'), b64('{'), b64({}),
  b64({ v: 'meta.k8s.io/v1', rv: 50, start: 'fuzz\u0000' }), b64({ v: 'meta.k8s.io/v1', rv: 99999999, start: 'a' }), b64({ v: 'meta.k8s.io/v1', rv: 1.5, start: '' }),
  b64({ v: 'meta.k8s.io/v1', rv: -1, start: '' }), b64({ v: 'meta.k8s.io/v1', rv: 0, start: '' }), b64('{"v":"meta.k8s.io/v1","rv":1e400,"start":""}'),
  b64({ v: 'meta.k8s.io/v1', rv: 60, start: 5 }), b64({ v: 'x', rv: 60, start: '' }), b64({ v: 'meta.k8s.io/v1', rv: 60, start: '../../secrets/' }),
  b64({ v: 'meta.k8s.io/v1', rv: 60, start: '\uffff' }), b64({ v: 'meta.k8s.io/v1', rv: 2, start: '' }), b64({ v: 'meta.k8s.io/v1', rv: '60', start: '' }),
];

const QUERY_VALUES: Record<string, string[]> = {
  watch: ['true', 'false', '1', '0', 'yes', ''],
  labelSelector: ['app=fuzz', 'app!=fuzz', 'app', '!app', 'app in (fuzz,x)', 'app notin (fuzz)', 'a=b,c=d', 'app==fuzz', '=', 'app in (', 'app in ()', '!', 'a b', ',',
    'a=b=c', 'x/y=z', '-a=b', `a=${'x'.repeat(70)}`, 'a.b/c=d', ' app = fuzz ', 'app in fuzz', 'app>1', 'app<', 'a,!', '%', 'app notin', 'in (a)', '!!a', 'a!=', '(', ')'],
  fieldSelector: ['metadata.name=fuzz', 'metadata.namespace=default', 'metadata.name!=fuzz', 'spec.nodeName=node-1', 'spec.nodeName=', 'status.phase=Running',
    'spec.schedulerName=x', 'involvedObject.name=fuzz', 'type=Opaque', 'bogus=1', 'metadata.name', '=', 'metadata.name==fuzz', 'metadata.name=a,metadata.name=b', ',',
    'metadata.labels.app=fuzz', 'spec.restartPolicy=Always', 'status.podIP=1.2.3.4', 'metadata.name in (a)', 'spec.unschedulable=false', 'status.nominatedNodeName=x',
    'spec.serviceAccountName=default', 'regarding.name=fuzz', 'reason=x', 'source=x', 'metadata.name=\\,', 'a\\=b=c'],
  limit: ['0', '-1', '1', '2', '500', 'abc', '1e400', 'NaN', 'Infinity', '9007199254740993', '1.5', ''],
  continue: CONTINUE_TOKENS,
  resourceVersion: ['', '0', '1', '5', '99999999', '-1', 'abc', '1.5', '1e3', 'NaN', ' '],
  resourceVersionMatch: ['NotOlderThan', 'Exact', 'x', ''],
  timeoutSeconds: ['0', '1', '-1', 'abc', '1e10', '0.001', 'Infinity'],
  allowWatchBookmarks: ['true', 'false', 'x'],
  sendInitialEvents: ['true', 'false'],
  dryRun: ['All', 'All', 'all', '', 'x', 'All,All'],
  fieldValidation: ['Strict', 'Strict', 'Warn', 'Ignore', 'strict', '', 'x'],
  gracePeriodSeconds: ['0', '-1', '30', 'abc', '1e400', '', 'NaN', '1.5', '-0', '99999999999'],
  propagationPolicy: ['Orphan', 'Background', 'Foreground', '', 'x'],
  orphanDependents: ['true', 'false', 'x'],
  includeObject: ['Object', 'None', 'Metadata', 'x', ''],
  container: ['c', 'init', 'x', ''],
  tailLines: ['1', '-1', 'abc', '0', '1e400'],
  previous: ['true', 'x'],
  follow: ['true', 'false'],
  sinceSeconds: ['-1', 'x', '10'],
  limitBytes: ['0', '-5', 'x'],
  pretty: ['true'],
  fieldManager: ['kubectl', '', 'x'.repeat(200)],
  force: ['true', 'x'],
};
const QUERY_KEYS = Object.keys(QUERY_VALUES);

const queryPairArb: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...QUERY_KEYS).chain((k) => fc.tuple(fc.constant(k), fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...(QUERY_VALUES[k] ?? [''])) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }))) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })) },
);

const queryArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 8, arbitrary: fc.tuple(fc.array(queryPairArb, { maxLength: 3 }), fc.constantFrom('encoded', 'encoded', 'encoded', 'raw', 'leadingQ')).map(([pairs, mode]) => {
    const text = pairs.map(([k, v]) => (mode === 'raw' ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join('&');
    return mode === 'leadingQ' ? `?${text}` : text;
  }) },
  { weight: 1, arbitrary: fc.constantFrom('%', '&&=&', '?', '??watch=true', '=x', 'watch', 'watch=true&watch=false', 'dryRun=All&dryRun=x', 'limit=%zz', 'a=%E0%A4%A') },
);

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/yaml', 'application/merge-patch+json', 'application/strategic-merge-patch+json',
  'application/json-patch+json', 'application/apply-patch+yaml', 'application/vnd.kubernetes.protobuf', 'text/plain', '*/*', '', ';', 'APPLICATION/JSON',
  'application/json;;', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/strategic-merge-patch+json; charset=utf-8'];
const PATCH_TYPES = ['application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json'];
const ACCEPTS = ['application/json', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
  'application/json;as=Table;v=v1;g=meta.k8s.io', 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1', 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
  'application/yaml', 'application/vnd.kubernetes.protobuf', '*/*', 'text/html', '', 'as=Table;g=meta.k8s.io', 'application/json;as=Table;g=meta.k8s.io;v=v9'];

type UserName = 'kubernetes-admin' | 'alice' | 'bob' | 'dev-cert' | 'default-sa' | 'anonymous';
const USERS: UserName[] = ['kubernetes-admin', 'alice', 'bob', 'dev-cert', 'default-sa', 'anonymous'];

interface HeaderSpec {
  ct: { mode: 'auto' | 'explicit' | 'none'; value: string; multi: boolean };
  accept: string | null;
  impersonate: { user: string | null; groups: string[]; uid: string | null; extra: [string, string][] } | null;
  auth: 'user' | 'garbageBearer' | 'basic' | 'emptyBearer' | 'twoBearers';
}

const headersArb: fc.Arbitrary<HeaderSpec> = fc.record({
  ct: fc.record({ mode: fc.constantFrom('auto', 'auto', 'auto', 'explicit', 'none'), value: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }), multi: fc.boolean() }),
  accept: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: fc.constantFrom(...ACCEPTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }),
  impersonate: fc.oneof({ weight: 15, arbitrary: fc.constant(null) }, {
    weight: 1,
    arbitrary: fc.record({
      user: fc.oneof(fc.constant(null), fc.constantFrom('alice', 'bob', 'system:serviceaccount:default:default', 'system:serviceaccount:x', 'system:anonymous', 'system:admin', '', 'system:node:node-1')),
      groups: fc.array(fc.constantFrom('system:masters', 'system:authenticated', 'devs', '', 'system:serviceaccounts'), { maxLength: 2 }),
      uid: fc.oneof(fc.constant(null), fc.constantFrom('u1', '')),
      extra: fc.array(fc.tuple(fc.constantFrom('scopes', '%zz', 'a%2Fb', 'UPPER', '', '%'), fc.constantFrom('x', '', 'y')), { maxLength: 2 }),
    }),
  }),
  auth: fc.oneof({ weight: 15, arbitrary: fc.constant('user' as const) }, { weight: 1, arbitrary: fc.constantFrom('garbageBearer', 'basic', 'emptyBearer', 'twoBearers') }),
});

interface Shape {
  user: UserName;
  method: string;
  path: { t: 'resource'; p: ResourcePath } | { t: 'raw'; path: string };
  query: string | undefined;
  headers: HeaderSpec;
  body: BodySpec;
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  user: fc.oneof({ weight: 12, arbitrary: fc.constant<UserName>('kubernetes-admin') }, { weight: 2, arbitrary: fc.constantFrom(...USERS) }),
  method: methodArb,
  path: fc.oneof({ weight: 6, arbitrary: resourcePathArb.map((p) => ({ t: 'resource' as const, p })) }, { weight: 1, arbitrary: rawPathArb.map((path) => ({ t: 'raw' as const, path })) }),
  query: queryArb,
  headers: headersArb,
  body: bodyArb,
});

/** Credentials as the default scenario issues them; deterministic, so they hold on every fresh Engine. */
let CREDS: Record<UserName, Pick<ApiRequest, 'headers' | 'clientCert'>>;

function buildPath(p: ResourcePath, method: string): { path: string; info: ResourceInfo; name: string; ns: string; sub: string | null } {
  const info = RESOURCES[p.res] as ResourceInfo;
  const own = Object.keys(info.subresources);
  const sub = typeof p.sub === 'number' ? (own.length > 0 ? own[p.sub % own.length] as string : null) : p.sub;
  if (p.coherent) {
    const collection = method === 'POST' ? sub === null || !['binding', 'eviction', 'token'].includes(sub) : method === 'PUT' || method === 'PATCH' ? false : p.nameMode === 'none';
    p = { ...p, nsMode: 'auto', style: 'plain', nameMode: collection ? 'none' : 'name', ns: info.namespaced && p.ns === '' ? 'default' : p.ns };
  }
  const base = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
  const ns = p.nsMode === 'none' || (p.nsMode === 'auto' && !info.namespaced) ? '' : p.ns;
  const name = p.nameMode === 'name' ? p.name : '';
  const segs = [base.slice(1)];
  if (p.watchSeg) segs.push('watch');
  if (ns !== '' || p.nsMode === 'force') segs.push('namespaces', ns);
  segs.push(info.resource);
  if (name !== '') {
    segs.push(name);
    if (sub !== null) segs.push(sub);
  }
  let path = `/${segs.join('/')}`;
  switch (p.style) {
    case 'plain': break;
    case 'doubleSlash': path = path.replace('/namespaces/', '//namespaces//'); break;
    case 'trailing': path = `${path}/`; break;
    case 'noLead': path = path.slice(1); break;
    case 'upper': path = path.toUpperCase(); break;
  }
  return { path, info, name, ns, sub };
}

function toRequest(s: Shape): ApiRequest {
  const method = s.method;
  const M = method.toUpperCase();
  let path: string;
  let templateKey: string;
  let name = 'fuzz';
  let ns = 'default';
  if (s.path.t === 'resource') {
    const built = buildPath(s.path.p, M);
    path = built.path;
    ({ name, ns } = built);
    const sub = built.sub;
    const subInfo = sub !== null ? built.info.subresources[sub] : undefined;
    templateKey = subInfo ? `${subInfo.group ?? built.info.group}/${subInfo.kind}` : templateFor(built.info);
    if (M === 'DELETE') templateKey = 'meta.k8s.io/DeleteOptions';
    if (name === '') name = M === 'POST' ? 'new' : 'fuzz';
  } else {
    path = s.path.path;
    templateKey = '/Pod';
  }

  const headers: Record<string, string | string[]> = { ...(CREDS[s.user].headers as Record<string, string>) };
  const req: ApiRequest = { method, path, headers };
  const cert = CREDS[s.user].clientCert;
  if (cert) req.clientCert = cert;
  if (s.query !== undefined) req.query = s.query;

  let bodyIsPatchish = false;
  if (s.body.t === 'object') {
    const key = s.body.template ?? templateKey;
    const tpl = TEMPLATES[key] ?? podTemplate;
    let value = tpl(name, ns);
    // A PATCH sends a fragment of the object; the template itself is also a valid merge patch.
    if (M === 'PATCH') bodyIsPatchish = true;
    value = mutate(value, s.body.mutations);
    req.body = encode(value, s.body.enc, s.body.cut);
    if (s.body.enc === 'yaml' && s.headers.ct.mode === 'auto') headers['content-type'] = 'application/yaml';
  } else if (s.body.t === 'raw') {
    req.body = s.body.text;
    bodyIsPatchish = s.body.text.startsWith('[');
  }

  const ct = s.headers.ct;
  if (ct.mode === 'explicit') headers['content-type'] = ct.multi ? [ct.value, 'application/json'] : ct.value;
  else if (ct.mode === 'auto' && headers['content-type'] === undefined && req.body !== undefined) {
    headers['content-type'] = M === 'PATCH' ? (bodyIsPatchish && req.body.startsWith('[') ? 'application/json-patch+json' : PATCH_TYPES[ct.value.length % PATCH_TYPES.length] as string) : 'application/json';
  }
  if (s.headers.accept !== null) headers['accept'] = s.headers.accept;
  const imp = s.headers.impersonate;
  if (imp) {
    if (imp.user !== null) headers['Impersonate-User'] = imp.user;
    if (imp.groups.length > 0) headers['Impersonate-Group'] = imp.groups;
    if (imp.uid !== null) headers['Impersonate-Uid'] = imp.uid;
    for (const [k, v] of imp.extra) headers[`Impersonate-Extra-${k}`] = v;
  }
  switch (s.headers.auth) {
    case 'user': break;
    case 'garbageBearer': headers['authorization'] = 'Bearer not-a-token'; break;
    case 'basic': headers['Authorization'] = 'Basic YWRtaW46YWRtaW4='; break;
    case 'emptyBearer': headers['authorization'] = 'Bearer '; break;
    case 'twoBearers': headers['authorization'] = ['Bearer admin-token', 'Bearer alice-token']; break;
  }
  return req;
}

// ---- checking one response -----------------------------------------------------------------------------------

/** The last exception ApiServer.handle turned into a 500, with its stack (captured by a spy on errorResponse). */
let lastInternal: unknown;
/** The status code of the last response check() saw. */
let lastCode = 0;

interface Proto { errorResponse: (this: unknown, e: unknown, ...rest: unknown[]) => ApiResponse }
const proto = ApiServer.prototype as unknown as Proto;
const originalErrorResponse = proto.errorResponse;

function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
}

/**
 * The one 500 kube-apiserver itself answers: a patch library's plain Go error (e.g. strategic merge's "does not
 * contain declared merge key") reaches responsewriters.ErrorToAPIStatus, which makes it a 500 with reason
 * StatusReasonUnknown ("") and the error text as the message (handlers/patch.go, patchErrors.unknown here). An
 * exception caught by ApiServer.handle is always reason "InternalError" instead.
 */
function upstreamPatch500(req: ApiRequest, res: ApiResponse): boolean {
  const st = res.body as { reason?: unknown; message?: unknown } | null;
  return req.method.toUpperCase() === 'PATCH' && st !== null && typeof st === 'object' && st.reason === undefined
    && typeof st.message === 'string' && !st.message.startsWith('Internal error occurred');
}

/**
 * Sends one request and returns a description of what is wrong with the answer, or undefined when it is fine.
 * Opens watches are drained for a few virtual ms (event rendering runs on the clock) and closed.
 */
function check(engine: Engine, req: ApiRequest): string | undefined {
  lastInternal = undefined;
  let res: ApiResponse;
  try {
    res = engine.request(req);
  } catch (e) {
    return `engine.request threw: ${describeError(e)}`;
  }
  lastCode = res.code;
  if (res.code === 500 && !upstreamPatch500(req, res)) {
    return `500 ${JSON.stringify(res.body)}\ncaused by: ${describeError(lastInternal)}`;
  }
  try {
    JSON.stringify(res.body);
  } catch (e) {
    return `the body does not serialize: ${describeError(e)}`;
  }
  if (res.code >= 400 && res.code < 500) {
    // The one 4xx that is not a Status: the mux's NotFound for non-resource paths (net/http's "404 page not found").
    const plainNotFound = res.code === 404 && res.contentType.startsWith('text/plain') && res.body === '404 page not found\n';
    if (!plainNotFound) {
      const st = res.body as { kind?: unknown; apiVersion?: unknown; status?: unknown; message?: unknown; code?: unknown } | null;
      const ok = st !== null && typeof st === 'object' && st.kind === 'Status' && st.apiVersion === 'v1' && st.status === 'Failure'
        && typeof st.message === 'string' && st.message !== '' && st.code === res.code && res.contentType === 'application/json';
      if (!ok) return `${res.code} with a body that is not a failure Status: ${JSON.stringify(res.body)}`;
    }
  }
  if (res.watch) {
    const w = res.watch;
    try {
      w.onEvent((e) => { JSON.stringify(e); });
      engine.clock.advanceBy(5);
    } catch (e) {
      return `delivering watch events threw: ${describeError(e)}`;
    } finally {
      w.close();
    }
  }
  return undefined;
}

// ---- fixtures --------------------------------------------------------------------------------------------------

const admin = (): Pick<ApiRequest, 'headers' | 'clientCert'> => CREDS['kubernetes-admin'];

function post(engine: Engine, path: string, obj: Json): ApiResponse {
  return engine.request({ method: 'POST', path, headers: { ...admin().headers, 'content-type': 'application/json' }, body: JSON.stringify(obj) });
}

/** One object named "fuzz" of every stored kind (in "default" when namespaced), plus a pod bound to node-1. */
function seed(engine: Engine): ApiResponse[] {
  const out: ApiResponse[] = [];
  out.push(post(engine, '/api/v1/namespaces', TEMPLATES['/Namespace']?.('fuzz', '') ?? null));
  for (const info of RESOURCES) {
    // events.k8s.io Events are the core Events' storage seen through another API: one "fuzz" serves both.
    if (info.createOnly || info.resource === 'namespaces' || info.group === 'events.k8s.io') continue;
    const base = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
    const ns = info.namespaced ? 'default' : '';
    const path = info.namespaced ? `${base}/namespaces/default/${info.resource}` : `${base}/${info.resource}`;
    const tpl = TEMPLATES[templateFor(info)] as Template;
    out.push(post(engine, path, tpl('fuzz', ns)));
  }
  const bound = podTemplate('fuzz-bound', 'default') as { spec: Record<string, Json> };
  bound.spec['nodeName'] = 'node-1';
  delete bound.spec['affinity'];
  out.push(post(engine, '/api/v1/namespaces/default/pods', bound));
  return out;
}

function freshEngine(): Engine {
  const e = new Engine(undefined, { record: false });
  seed(e);
  return e;
}

/** Writes the shared engine accepted, newest last: the suspects when a request fails only there. */
const acceptedWrites: ApiRequest[] = [];

/** The most recent accepted write after which `req` fails on a fresh engine too (looks back 60 writes at most). */
function culprit(req: ApiRequest): string {
  for (const w of acceptedWrites.slice(-60).reverse()) {
    const e = freshEngine();
    e.request(w);
    const p = check(e, req);
    if (p !== undefined) return `fails on a fresh seeded engine after this earlier write:\n${JSON.stringify(w)}\n${p}`;
  }
  return 'passes on a fresh seeded engine; no single one of the last 60 accepted writes explains it';
}

function checkShared(engine: Engine, req: ApiRequest): boolean {
  const problem = check(engine, req);
  if (problem === undefined) {
    const m = req.method.toUpperCase();
    if (m !== 'GET' && m !== 'HEAD' && lastCode >= 200 && lastCode < 300) acceptedWrites.push(req);
    return true;
  }
  // Tell apart "fails on its own" from "fails after what earlier runs did to the shared engine".
  const alone = check(freshEngine(), req);
  throw new Error(`${problem}\n\nrequest: ${JSON.stringify(req)}\n${alone === undefined ? culprit(req) : `on a fresh seeded engine too: ${alone}`}`);
}

// ---- the properties ---------------------------------------------------------------------------------------------

describe('ApiServer: no request gets a 500, every 4xx is a Status', () => {
  let shared: Engine;

  beforeAll(() => {
    proto.errorResponse = function (this: unknown, e: unknown, ...rest: unknown[]): ApiResponse {
      if (!isApiError(e)) lastInternal = e;
      return originalErrorResponse.call(this, e, ...rest);
    };
    const ref = new Engine(undefined, { record: false });
    CREDS = Object.fromEntries(USERS.map((u) => [u, ref.credentialsFor(u)])) as typeof CREDS;
    shared = freshEngine();
  });
  afterAll(() => {
    proto.errorResponse = originalErrorResponse;
  });

  it('every template is a valid object: the fixtures are created', () => {
    const e = new Engine(undefined, { record: false });
    const results = seed(e).map((r) => ({ code: r.code, what: (r.body as { message?: string; metadata?: { name?: string }; kind?: string }).message ?? (r.body as { kind?: string }).kind }));
    expect(results.filter((r) => r.code !== 201)).toEqual([]);
    // The create-only kinds accept their templates too.
    for (const info of RESOURCES.filter((r) => r.createOnly && r.resource !== 'bindings')) {
      const base = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
      const path = info.namespaced ? `${base}/namespaces/default/${info.resource}` : `${base}/${info.resource}`;
      const r = post(e, path, (TEMPLATES[templateFor(info)] as Template)('', 'default'));
      expect([info.resource, r.code]).toEqual([info.resource, 201]);
    }
  });

  it('single requests against one shared engine (state accumulates across runs)', () => {
    fc.assert(fc.property(shapeArb.map(toRequest), (req) => checkShared(shared, req)), { seed: SEED, numRuns: 5000, ...REPLAY });
  });

  it('sequences of requests on a fresh engine, each aimed at the same object', () => {
    // Same resource and name across the sequence, so create → patch → get as Table → watch → delete chains happen.
    const seqArb = fc.tuple(fc.nat({ max: RESOURCES.length - 1 }), fc.constantFrom('fuzz', 'new', 'fuzz-bound'), fc.array(shapeArb, { minLength: 2, maxLength: 6 }))
      .map(([res, name, shapes]) => shapes.map((s) => toRequest(s.path.t === 'resource' ? { ...s, path: { t: 'resource', p: { ...s.path.p, res, name } } } : s)));
    fc.assert(fc.property(seqArb, (reqs) => {
      const engine = freshEngine();
      for (const [i, req] of reqs.entries()) {
        const problem = check(engine, req);
        if (problem !== undefined) throw new Error(`step ${i + 1} of ${reqs.length}: ${problem}\n\nrequests: ${JSON.stringify(reqs, null, 1)}`);
      }
      return true;
    }), { seed: SEED + 1, numRuns: 120, ...REPLAY });
  });
});
