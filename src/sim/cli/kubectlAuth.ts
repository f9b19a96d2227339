// `kubectl auth can-i` (a SelfSubjectAccessReview) and `kubectl auth whoami` (a SelfSubjectReview), printed as
// kubectl v1.32 prints them. models staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go and whoami.go.
import type { Json } from '../api/types.ts';
import { tabwrite } from '../apiserver/printers/tabwriter.ts';
import { toGoYaml } from '../kubectl/goYaml.ts';
import { serverErrorText, statusOf } from './apiClient.ts';
import { flagBool, flagString, type FlagSpec, type ParsedFlags } from './flags.ts';
import { goJson, goStringCompare } from '../kubectl/goJson.ts';
import type { KubectlEnv } from './kubectlEnv.ts';
import { resolveResourceType } from './resourceTypes.ts';

export const CAN_I_FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'subresource', type: 'string' },
  { name: 'list', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
];

export const WHOAMI_FLAGS: FlagSpec[] = [{ name: 'output', short: 'o', type: 'string' }];

interface AccessReviewStatus {
  allowed?: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

export function kubectlAuthCanI(env: KubectlEnv, flags: ParsedFlags): number {
  const { out } = env;
  if (flagBool(flags, 'list')) return listAccess(env, flags);
  const quiet = flagBool(flags, 'quiet');
  const [verb, target, ...extra] = flags.args;
  if (verb === undefined || target === undefined || extra.length > 0) {
    out.err("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
    return 1;
  }
  const namespace = flagBool(flags, 'all-namespaces') ? '' : env.namespace;
  let spec: Record<string, Json>;
  if (target.startsWith('/')) {
    spec = { nonResourceAttributes: { path: target, verb } };
  } else {
    const slash = target.indexOf('/');
    const typeArg = slash < 0 ? target : target.slice(0, slash);
    const name = slash < 0 ? '' : target.slice(slash + 1);
    const info = resolveResourceType(typeArg);
    const attrs: Record<string, Json> = {};
    if (namespace !== '') attrs.namespace = namespace;
    attrs.verb = verb;
    if (info) {
      if (info.group !== '') attrs.group = info.group;
      attrs.resource = info.resource;
      if (!info.namespaced && namespace !== '' && !quiet) out.err(`Warning: resource '${info.resource}' is not namespace scoped\n\n`);
    } else {
      if (!quiet) out.err(`Warning: the server doesn't have a resource type '${typeArg}'\n\n`);
      attrs.resource = typeArg;
    }
    const sub = flagString(flags, 'subresource');
    if (sub !== undefined && sub !== '') attrs.subresource = sub;
    if (name !== '') attrs.name = name;
    spec = { resourceAttributes: attrs };
  }
  if (flagBool(flags, 'no-headers')) {
    out.err('error: --no-headers cannot be set without --list specified');
    return 1;
  }
  const res = env.client.send('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    body: { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec },
  });
  if (res.code >= 400) {
    out.err(serverErrorText(res), res.span, statusOf(res));
    return 1;
  }
  const status = ((res.body as { status?: AccessReviewStatus }).status ?? {});
  if (!quiet) {
    if (status.allowed) out.out('yes', res.span);
    else out.out(`no${status.reason ? ` - ${status.reason}` : ''}${status.evaluationError ? ` - ${status.evaluationError}` : ''}`, res.span);
  }
  return status.allowed ? 0 : 1;
}

/** A rule as kubectl's rbacv1.PolicyRule holds it (absent lists print as "[]"). */
interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

interface RulesReviewStatus {
  resourceRules?: { verbs?: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[];
  nonResourceRules?: { verbs?: string[]; nonResourceURLs?: string[] }[];
  incomplete?: boolean;
  evaluationError?: string;
}

/**
 * `kubectl auth can-i --list`: a SelfSubjectRulesReview for the namespace, its rules broken down to one verb and
 * one resource each, the resource rules merged again per (group, resource, name), sorted by their Go String() form.
 * models staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go (RunAccessList, printStatus) and pkg/util/rbac/rbac.go.
 */
function listAccess(env: KubectlEnv, flags: ParsedFlags): number {
  const { out } = env;
  if (flags.args.length > 0) {
    out.err('error: list option must be specified with no arguments');
    return 1;
  }
  if (flagBool(flags, 'quiet') || flagBool(flags, 'all-namespaces') || (flagString(flags, 'subresource') ?? '') !== '') {
    out.err("error: list option can't be specified with neither quiet, all-namespaces nor subresource options");
    return 1;
  }
  const res = env.client.send('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
    body: { kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec: { namespace: env.namespace } },
  });
  if (res.code >= 400) {
    out.err(serverErrorText(res), res.span, statusOf(res));
    return 1;
  }
  const status = (res.body as { status?: RulesReviewStatus }).status ?? {};
  if (status.incomplete) out.err(`Warning: the list may be incomplete: ${status.evaluationError ?? ''}`, res.span);
  const rows: string[][] = flagBool(flags, 'no-headers') ? [] : [['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']];
  for (const r of compactRules(breakdown(status))) {
    rows.push([combineResourceGroup(r.resources, r.apiGroups), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)]);
  }
  if (rows.length > 0) out.out(tabwrite(rows, { minWidth: 6, padding: 3 }), res.span);
  return 0;
}

/** fmt's %v of a []string. */
function goList(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}

function rule(r: Partial<Rule>): Rule {
  return { verbs: r.verbs ?? [], apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames ?? [], nonResourceURLs: r.nonResourceURLs ?? [] };
}

/** rbac.BreakdownRule over the review's rules: one group, resource, verb (and name) per rule; URLs with one verb. */
function breakdown(status: RulesReviewStatus): Rule[] {
  const rules: Rule[] = [];
  for (const rr of status.resourceRules ?? []) {
    for (const g of rr.apiGroups ?? []) {
      for (const res of rr.resources ?? []) {
        for (const v of rr.verbs ?? []) {
          const names = rr.resourceNames ?? [];
          if (names.length === 0) rules.push(rule({ apiGroups: [g], resources: [res], verbs: [v] }));
          for (const n of names) rules.push(rule({ apiGroups: [g], resources: [res], verbs: [v], resourceNames: [n] }));
        }
      }
    }
  }
  for (const nr of status.nonResourceRules ?? []) {
    for (const url of nr.nonResourceURLs ?? []) for (const v of nr.verbs ?? []) rules.push(rule({ nonResourceURLs: [url], verbs: [v] }));
  }
  return rules;
}

/** rbac.CompactRules (resource rules merged by group/resource/name, verbs appended) then sort.Stable by String(). */
function compactRules(rules: readonly Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    if (r.nonResourceURLs.length > 0 || r.resourceNames.length > 1 || r.apiGroups.length !== 1 || r.resources.length !== 1) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames.length > 0, r.resourceNames[0] ?? '']);
    const existing = simple.get(key);
    if (existing) existing.verbs.push(...r.verbs);
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  compacted.push(...simple.values());
  const str = (r: Rule): string => `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
  return compacted.sort((a, b) => goStringCompare(str(a), str(b)));
}

/** describe.CombineResourceGroup: "resource.group/subresource" from the first resource and group. */
function combineResourceGroup(resources: readonly string[], groups: readonly string[]): string {
  const [first] = resources;
  if (first === undefined) return '';
  const slash = first.indexOf('/');
  const base = slash < 0 ? first : first.slice(0, slash);
  const group = groups[0] ?? '';
  return `${base}${group !== '' ? `.${group}` : ''}${slash < 0 ? '' : first.slice(slash)}`;
}

interface UserInfoOut {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export function kubectlAuthWhoami(env: KubectlEnv, flags: ParsedFlags): number {
  const { out } = env;
  const output = flagString(flags, 'output') ?? '';
  if (!['', 'json', 'yaml'].includes(output)) {
    out.err(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
    return 1;
  }
  const res = env.client.send('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
    body: { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo: {} } },
  });
  if (res.code >= 400) {
    out.err(serverErrorText(res), res.span, statusOf(res));
    return 1;
  }
  const body = res.body as Json & { status?: { userInfo?: UserInfoOut } };
  if (output === 'json') {
    out.out(`${goJson(body, { indent: '    ', sortKeys: true })}\n`, res.span);
    return 0;
  }
  if (output === 'yaml') {
    out.out(toGoYaml(body), res.span);
    return 0;
  }
  const ui = body.status?.userInfo ?? {};
  // fmt's %v of a []string: "[a b]".
  const rows: string[][] = [['ATTRIBUTE', 'VALUE'], ['Username', ui.username ?? '']];
  if (ui.uid) rows.push(['UID', ui.uid]);
  if (ui.groups && ui.groups.length > 0) rows.push(['Groups', `[${ui.groups.join(' ')}]`]);
  for (const k of Object.keys(ui.extra ?? {}).sort()) rows.push([`Extra: ${k}`, `[${(ui.extra?.[k] ?? []).join(' ')}]`]);
  out.out(tabwrite(rows, { minWidth: 6, padding: 3 }), res.span);
  return 0;
}
