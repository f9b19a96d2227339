// `kubectl auth can-i` (a SelfSubjectAccessReview) and `kubectl auth whoami` (a SelfSubjectReview), printed as
// kubectl v1.32 prints them. models staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go and whoami.go.
import type { Json } from '../api/types.ts';
import { tabwrite } from '../apiserver/printers/tabwriter.ts';
import { toGoYaml } from '../kubectl/goYaml.ts';
import { serverErrorText, statusOf } from './apiClient.ts';
import { flagBool, flagString, type FlagSpec, type ParsedFlags } from './flags.ts';
import { goJson } from '../kubectl/goJson.ts';
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
  if (flagBool(flags, 'list')) {
    out.err('error: --list is not supported in this terminal (ask about one verb and resource at a time)');
    return 1;
  }
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
