// The generators: `kubectl run`, `kubectl create deployment|role|clusterrole|rolebinding|clusterrolebinding`. Each
// builds the object kubectl v1.32 builds (fields in its Go structs' order, which -o json keeps), POSTs it with
// kubectl's query (fieldManager, fieldValidation, dryRun) and prints it with kubectl's PrintFlags ("created",
// "(dry run)", "(server dry run)", -o name|yaml|json).
// models staging/src/k8s.io/kubectl/pkg/cmd/run/run.go and pkg/cmd/create/create_{deployment,role,clusterrole,
// rolebinding,clusterrolebinding}.go. Bodies go as JSON here; kubectl sends the create generators' as protobuf.
import type { Json, KubeObject } from '../api/types.ts';
import type { ApiResponse } from '../apiserver/ApiServer.ts';
import type { ResourceInfo } from '../apiserver/resources.ts';
import { formatRfc3339 } from '../clock.ts';
import { goJson } from '../kubectl/goJson.ts';
import { toGoYaml } from '../kubectl/goYaml.ts';
import { serverErrorText, statusOf } from './apiClient.ts';
import { flagString, flagStrings, type FlagSpec, type ParsedFlags } from './flags.ts';
import type { KubectlEnv } from './kubectlEnv.ts';
import { kindGroup, resolveResourceType, resourcePath } from './resourceTypes.ts';

const OUTPUT: FlagSpec = { name: 'output', short: 'o', type: 'string' };
const DRY_RUN: FlagSpec = { name: 'dry-run', type: 'string' };

export const RUN_FLAGS: FlagSpec[] = [
  OUTPUT, DRY_RUN,
  { name: 'image', type: 'string' },
  { name: 'restart', type: 'string' },
  { name: 'labels', short: 'l', type: 'string' },
  { name: 'port', type: 'string' },
];
export const CREATE_DEPLOYMENT_FLAGS: FlagSpec[] = [
  OUTPUT, DRY_RUN,
  { name: 'image', type: 'strings' },
  { name: 'replicas', short: 'r', type: 'string' },
  { name: 'port', type: 'string' },
];
export const CREATE_ROLE_FLAGS: FlagSpec[] = [
  OUTPUT, DRY_RUN,
  { name: 'verb', type: 'strings' },
  { name: 'resource', type: 'strings' },
  { name: 'resource-name', type: 'stringArray' },
];
export const CREATE_CLUSTERROLE_FLAGS: FlagSpec[] = [...CREATE_ROLE_FLAGS, { name: 'non-resource-url', type: 'strings' }];
export const CREATE_ROLEBINDING_FLAGS: FlagSpec[] = [
  OUTPUT, DRY_RUN,
  { name: 'role', type: 'string' },
  { name: 'clusterrole', type: 'string' },
  { name: 'user', type: 'stringArray' },
  { name: 'group', type: 'stringArray' },
  { name: 'serviceaccount', type: 'stringArray' },
];
export const CREATE_CLUSTERROLEBINDING_FLAGS: FlagSpec[] = CREATE_ROLEBINDING_FLAGS.filter((f) => f.name !== 'role');

/** The -o values kubectl's PrintFlags (no table printer) accept, as its error lists them. */
const PRINT_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';
const RBAC_V1 = 'rbac.authorization.k8s.io/v1';

export type DryRun = 'none' | 'client' | 'server';

/**
 * What cobra + klog print for a missing required flag: kubectl v1.32 logs it with klog (run.go:72) and exits 1.
 * The header is klog's `Lmmdd hh:mm:ss.uuuuuu PID file:line]`, from the engine's wall clock and a fixed PID.
 */
export function requiredFlagError(env: KubectlEnv, flag: string): number {
  // "2026-11-26T22:08:54.923572Z" → "1126 22:08:54.923572"
  const t = formatRfc3339(env.engine.clock.wallMs(), true);
  const stamp = `${t.slice(5, 7)}${t.slice(8, 10)} ${t.slice(11, 26)}`;
  env.out.err(`E${stamp}    4242 run.go:72] "command failed" err="required flag(s) \\"${flag}\\" not set"`);
  return 1;
}

/** cmdutil.GetDryRunStrategy. */
export function dryRunOf(flags: ParsedFlags): { dryRun: DryRun } | { error: string } {
  const v = flagString(flags, 'dry-run') ?? 'none';
  if (v === 'none' || v === 'client' || v === 'server') return { dryRun: v };
  return { error: `error: Invalid dry-run value (${v}). Must be "none", "server", or "client".` };
}

/** Checks -o before anything is sent, as PrintFlags.ToPrinter does in Complete. */
export function outputOf(flags: ParsedFlags): string | { error: string } {
  const o = flagString(flags, 'output') ?? '';
  if (['', 'name', 'yaml', 'json'].includes(o)) return o;
  if (PRINT_FORMATS.split(',').includes(o.split('=')[0] ?? '')) return { error: `error: -o ${o.split('=')[0] ?? ''} is not supported in this terminal (it supports -o name, json and yaml)` };
  return { error: `error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${PRINT_FORMATS}` };
}

/** NameFromCommandArgs: exactly one NAME. */
function nameOf(env: KubectlEnv, args: readonly string[], command: string): string | undefined {
  if (args.length !== 1) {
    env.out.err(`error: exactly one NAME is required, got ${args.length}\nSee 'kubectl create ${command} -h' for help and examples`);
    return undefined;
  }
  return args[0];
}

/** The object printed as PrintFlags prints it; managedFields hidden (the printers' default). */
export function printObject(env: KubectlEnv, obj: KubeObject, info: ResourceInfo, output: string, operation: string, dryRun: DryRun, span?: number): void {
  const name = obj.metadata?.name ?? '';
  if (output === 'name') env.out.out(`${kindGroup(info)}/${name}`, span);
  else if (output === 'yaml' || output === 'json') {
    let shown = obj;
    if (obj.metadata?.managedFields) {
      const metadata = { ...obj.metadata };
      delete metadata.managedFields;
      shown = { ...obj, metadata };
    }
    env.out.out(output === 'yaml' ? toGoYaml(shown as Json) : `${goJson(shown as Json, { indent: '    ', sortKeys: false })}\n`, span);
  } else {
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    env.out.out(`${kindGroup(info)}/${name} ${operation}${suffix}`, span);
  }
}

interface CreateSpec {
  info: ResourceInfo;
  obj: KubeObject;
  dryRun: DryRun;
  output: string;
  fieldManager: string;
  /** kubectl run sends no fieldValidation; the create generators send Strict. */
  strict: boolean;
  /** "error: failed to create deployment: " — the generators that wrap the server's error. */
  errorPrefix?: string;
}

function create(env: KubectlEnv, c: CreateSpec): number {
  if (c.dryRun === 'client') {
    printObject(env, c.obj, c.info, c.output, 'created', 'client');
    return 0;
  }
  const query: Record<string, string> = { fieldManager: c.fieldManager };
  if (c.strict) query.fieldValidation = 'Strict';
  if (c.dryRun === 'server') query.dryRun = 'All';
  const res: ApiResponse = env.client.send('POST', resourcePath(c.info, c.info.namespaced ? env.namespace : ''), {
    query, body: c.obj, ...(c.strict ? {} : { accept: 'application/json, */*' }),
  });
  if (res.code >= 400) {
    const status = statusOf(res);
    env.out.err(c.errorPrefix !== undefined ? `error: ${c.errorPrefix}${status?.message ?? serverErrorText(res)}` : serverErrorText(res), res.span, status);
    return 1;
  }
  printObject(env, res.body as KubeObject, c.info, c.output, 'created', c.dryRun, res.span);
  return 0;
}

/** The shared start: -o and --dry-run checked, the object's metadata (namespace only when -n was given). */
function prelude(env: KubectlEnv, flags: ParsedFlags): { dryRun: DryRun; output: string } | undefined {
  const output = outputOf(flags);
  if (typeof output !== 'string') {
    env.out.err(output.error);
    return undefined;
  }
  const dryRun = dryRunOf(flags);
  if ('error' in dryRun) {
    env.out.err(dryRun.error);
    return undefined;
  }
  return { dryRun: dryRun.dryRun, output };
}

function meta(env: KubectlEnv, name: string, labels?: Record<string, string>): Record<string, Json> {
  return {
    name,
    ...(env.explicitNamespace ? { namespace: env.namespace } : {}),
    creationTimestamp: null,
    ...(labels ? { labels } : {}),
  };
}

function info(group: string, resource: string): ResourceInfo {
  const r = resolveResourceType(group === '' ? resource : `${resource}.${group}`);
  if (!r) throw new Error(`no resource ${resource}.${group}`);
  return r;
}

function containerPorts(flags: ParsedFlags): Json[] | undefined {
  const port = flagString(flags, 'port');
  return port === undefined || port === '' ? undefined : [{ containerPort: Number(port) }];
}

/** `kubectl run NAME --image=IMG`: one Pod labelled run=NAME (or --labels), restartPolicy from --restart. */
export function kubectlRun(env: KubectlEnv, flags: ParsedFlags): number {
  const image = flagString(flags, 'image');
  if (image === undefined) return requiredFlagError(env, 'image');
  const [name] = flags.args;
  if (name === undefined) {
    env.out.err("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
    return 1;
  }
  const restart = flagString(flags, 'restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
    env.out.err(`error: invalid restart policy: ${restart}\nSee 'kubectl run -h' for help and examples`);
    return 1;
  }
  const p = prelude(env, flags);
  if (!p) return 1;
  const labels: Record<string, string> = {};
  const labelArg = flagString(flags, 'labels');
  if (labelArg !== undefined && labelArg !== '') {
    for (const pair of labelArg.split(',')) {
      const eq = pair.indexOf('=');
      if (eq < 0) {
        env.out.err(`error: invalid label spec: ${pair}`);
        return 1;
      }
      labels[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  } else labels.run = name;
  const ports = containerPorts(flags);
  const pod = {
    kind: 'Pod', apiVersion: 'v1',
    metadata: meta(env, name, labels),
    spec: {
      containers: [{ name, image, ...(ports ? { ports } : {}), resources: {} }],
      restartPolicy: restart, dnsPolicy: 'ClusterFirst',
    },
    status: {},
  } as KubeObject;
  return create(env, { info: info('', 'pods'), obj: pod, ...p, fieldManager: 'kubectl-run', strict: false });
}

/** A container name from an image reference: its last path segment without tag or digest, '_' → '-'. */
function containerName(image: string): string {
  let n = image.slice(image.lastIndexOf('/') + 1);
  n = n.split(':')[0] ?? n;
  n = n.split('@')[0] ?? n;
  return n.replace(/_/g, '-');
}

/** `kubectl create deployment NAME --image=IMG... [--replicas=N] [--port=P]`. */
export function kubectlCreateDeployment(env: KubectlEnv, flags: ParsedFlags): number {
  const images = flagStrings(flags, 'image');
  if (images.length === 0) return requiredFlagError(env, 'image');
  const name = nameOf(env, flags.args, 'deployment');
  if (name === undefined) return 1;
  const p = prelude(env, flags);
  if (!p) return 1;
  const replicas = Number(flagString(flags, 'replicas') ?? '1');
  const ports = containerPorts(flags);
  const labels = { app: name };
  const deployment = {
    kind: 'Deployment', apiVersion: 'apps/v1',
    metadata: meta(env, name, labels),
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { creationTimestamp: null, labels },
        // Only the first container gets --port (kubectl's buildPodSpec).
        spec: { containers: images.map((image, i) => ({ name: containerName(image), image, ...(ports && i === 0 ? { ports } : {}), resources: {} })) },
      },
      strategy: {},
    },
    status: {},
  } as KubeObject;
  return create(env, { info: info('apps', 'deployments'), obj: deployment, ...p, fieldManager: 'kubectl-create', strict: true, errorPrefix: 'failed to create deployment: ' });
}

const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
/** Verbs that only mean something on some resources (create_role.go specialVerbs). */
const SPECIAL_VERBS: Record<string, string[]> = {
  use: ['policy/podsecuritypolicies', 'extensions/podsecuritypolicies'],
  bind: ['rbac.authorization.k8s.io/roles', 'rbac.authorization.k8s.io/clusterroles'],
  escalate: ['rbac.authorization.k8s.io/roles', 'rbac.authorization.k8s.io/clusterroles'],
  impersonate: ['/users', '/serviceaccounts', '/groups', 'authentication.k8s.io/userextras'],
};

function dedupe(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** The rules of `create role|clusterrole`: one per API group (groups sorted), then the non-resource URLs. */
function policyRules(env: KubectlEnv, flags: ParsedFlags, cluster: boolean): Json[] | undefined {
  const { out } = env;
  const rawVerbs = flagStrings(flags, 'verb');
  const verbs = rawVerbs.includes('*') ? ['*'] : dedupe(rawVerbs);
  const urls = cluster ? flagStrings(flags, 'non-resource-url') : [];
  const resources: { group: string; resource: string; sub: string }[] = [];
  for (const r of flagStrings(flags, 'resource')) {
    const slash = r.indexOf('/');
    const main = slash < 0 ? r : r.slice(0, slash);
    const dot = main.indexOf('.');
    const entry = { resource: dot < 0 ? main : main.slice(0, dot), group: dot < 0 ? '' : main.slice(dot + 1), sub: slash < 0 ? '' : r.slice(slash + 1) };
    if (entry.resource === '*' && dot < 0 && slash < 0) {
      resources.splice(0, resources.length, entry);
      break;
    }
    resources.push(entry);
  }
  const names = dedupe(flagStrings(flags, 'resource-name'));
  if (verbs.length === 0) {
    out.err('error: at least one verb must be specified');
    return undefined;
  }
  if (cluster && urls.length > 0) {
    for (const u of urls) {
      if (!u.startsWith('/')) {
        out.err(`error: nonResourceURL should start with /`);
        return undefined;
      }
    }
    for (const v of verbs) {
      if (!VALID_NON_RESOURCE_VERBS.includes(v)) {
        out.err(`error: invalid verb: '${v}' for nonResourceURL`);
        return undefined;
      }
    }
  }
  if (resources.length === 0 && urls.length === 0) {
    out.err(cluster ? 'error: one of resource or nonResourceURL must be specified' : 'error: at least one resource must be specified');
    return undefined;
  }
  if (resources.length > 0) {
    for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) out.err(`Warning: '${v}' is not a standard resource verb`);
  }
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    if (r.resource === '') {
      out.err('error: resource must be specified if apiGroup/subresource specified');
      return undefined;
    }
    let group = r.group;
    let resource = r.resource;
    if (r.resource !== '*') {
      const found = resolveResourceType(r.group === '' ? r.resource : `${r.resource}.${r.group}`);
      if (found) {
        group = found.group;
        resource = found.resource;
      }
      for (const v of verbs) {
        const allowed = SPECIAL_VERBS[v];
        if (allowed && !allowed.includes(`${group}/${resource}`)) {
          out.err(`error: can not perform '${v}' on '${resource}' in group '${group}'`);
          return undefined;
        }
      }
      if (!found) {
        out.err(`the server doesn't have a resource type "${r.resource}"`);
        return undefined;
      }
    }
    const full = r.sub === '' ? resource : `${resource}/${r.sub}`;
    const list = byGroup.get(group) ?? [];
    if (!list.includes(full)) list.push(full);
    byGroup.set(group, list);
  }
  const rules: Json[] = [...byGroup.keys()].sort().map((g) => ({
    verbs, apiGroups: [g], resources: byGroup.get(g) ?? [], ...(names.length > 0 ? { resourceNames: names } : {}),
  }));
  if (urls.length > 0) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

/** `kubectl create role NAME --verb=... --resource=...`: the server refuses rules its user does not hold. */
export function kubectlCreateRole(env: KubectlEnv, flags: ParsedFlags): number {
  return createRole(env, flags, false);
}

export function kubectlCreateClusterRole(env: KubectlEnv, flags: ParsedFlags): number {
  return createRole(env, flags, true);
}

function createRole(env: KubectlEnv, flags: ParsedFlags, cluster: boolean): number {
  const name = nameOf(env, flags.args, cluster ? 'clusterrole' : 'role');
  if (name === undefined) return 1;
  const p = prelude(env, flags);
  if (!p) return 1;
  const rules = policyRules(env, flags, cluster);
  if (!rules) return 1;
  const kind = cluster ? 'ClusterRole' : 'Role';
  const metadata = cluster ? { name, creationTimestamp: null } : meta(env, name);
  const obj = { kind, apiVersion: RBAC_V1, metadata, rules } as KubeObject;
  return create(env, { info: info('rbac.authorization.k8s.io', cluster ? 'clusterroles' : 'roles'), obj, ...p, fieldManager: 'kubectl-create', strict: true });
}

/** `kubectl create rolebinding NAME --role=R|--clusterrole=CR --user=U --group=G --serviceaccount=NS:SA`. */
export function kubectlCreateRoleBinding(env: KubectlEnv, flags: ParsedFlags): number {
  return createBinding(env, flags, false);
}

export function kubectlCreateClusterRoleBinding(env: KubectlEnv, flags: ParsedFlags): number {
  return createBinding(env, flags, true);
}

function createBinding(env: KubectlEnv, flags: ParsedFlags, cluster: boolean): number {
  const command = cluster ? 'clusterrolebinding' : 'rolebinding';
  const clusterRole = flagString(flags, 'clusterrole');
  if (cluster && clusterRole === undefined) return requiredFlagError(env, 'clusterrole');
  const name = nameOf(env, flags.args, command);
  if (name === undefined) return 1;
  const p = prelude(env, flags);
  if (!p) return 1;
  const role = cluster ? undefined : flagString(flags, 'role');
  if (!cluster && (clusterRole === undefined) === (role === undefined)) {
    env.out.err('error: exactly one of clusterrole or role must be specified');
    return 1;
  }
  const subjects: Json[] = [];
  for (const u of flagStrings(flags, 'user')) subjects.push({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: u });
  for (const g of flagStrings(flags, 'group')) subjects.push({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: g });
  for (const sa of flagStrings(flags, 'serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
      env.out.err('error: serviceaccount must be <namespace>:<name>');
      return 1;
    }
    subjects.push({ kind: 'ServiceAccount', name: parts[1] ?? '', namespace: parts[0] ?? '' });
  }
  const obj = {
    kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding', apiVersion: RBAC_V1,
    metadata: cluster ? { name, creationTimestamp: null } : meta(env, name),
    ...(subjects.length > 0 ? { subjects } : {}),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: role !== undefined ? 'Role' : 'ClusterRole', name: role ?? clusterRole ?? '' },
  } as KubeObject;
  return create(env, {
    info: info('rbac.authorization.k8s.io', cluster ? 'clusterrolebindings' : 'rolebindings'), obj, ...p,
    fieldManager: 'kubectl-create', strict: true, errorPrefix: `failed to create ${command}: `,
  });
}
