// `kubectl` in the explorer's terminal: finds the subcommand among interspersed flags as cobra does, parses
// global and subcommand flags as pflag does, and runs the subcommand against the engine as the terminal's user.
// models staging/src/k8s.io/kubectl/pkg/cmd/cmd.go (the command tree) and cobra's Find/suggestions.
import { kubectlApply, kubectlDelete, type KubectlContext } from '../kubectl/kubectl.ts';
import { tabwrite } from '../apiserver/printers/tabwriter.ts';
import { ACCEPT_JSON, clientFor, serverErrorText, statusOf } from './apiClient.ts';
import { flagBool, flagString, flagStrings, parseFlags, type FlagSpec, type ParsedFlags } from './flags.ts';
import {
  CREATE_CLUSTERROLE_FLAGS, CREATE_CLUSTERROLEBINDING_FLAGS, CREATE_DEPLOYMENT_FLAGS, CREATE_ROLE_FLAGS, CREATE_ROLEBINDING_FLAGS,
  kubectlCreateClusterRole, kubectlCreateClusterRoleBinding, kubectlCreateDeployment, kubectlCreateRole, kubectlCreateRoleBinding,
  kubectlRun, RUN_FLAGS,
} from './kubectlCreate.ts';
import { CORDON_FLAGS, kubectlAnnotate, kubectlCordon, kubectlLabel, kubectlScale, kubectlUncordon, LABEL_FLAGS, SCALE_FLAGS } from './kubectlMutate.ts';
import { CAN_I_FLAGS, kubectlAuthCanI, kubectlAuthWhoami, WHOAMI_FLAGS } from './kubectlAuth.ts';
import { kubectlSetImage, SET_IMAGE_FLAGS } from './kubectlSet.ts';
import { DESCRIBE_FLAGS, kubectlDescribe } from './kubectlDescribe.ts';
import type { KubectlCommand, KubectlEnv } from './kubectlEnv.ts';
import { GET_FLAGS, kubectlGet } from './kubectlGet.ts';
import { KUBECTL_HELP, SUBCOMMAND_HELP } from './kubectlHelp.ts';
import { kubectlLogs, LOGS_FLAGS } from './kubectlLogs.ts';
import type { Output } from './output.ts';
import { kindGroup, resolveResourceType, resourcePath } from './resourceTypes.ts';
import type { ShellHost, ShellState } from './shell.ts';

export const CLIENT_VERSION = 'v1.32.4';
export const KUSTOMIZE_VERSION = 'v5.5.0';
export const PROXY_ADDRESS = '127.0.0.1:8001';

const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'as', type: 'string' },
  { name: 'as-group', type: 'strings' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
];

interface Subcommand {
  flags: FlagSpec[];
  run: KubectlCommand;
}

const FILENAME: FlagSpec = { name: 'filename', short: 'f', type: 'strings' };

const SUBCOMMANDS: Record<string, Subcommand> = {
  get: { flags: GET_FLAGS, run: kubectlGet },
  describe: { flags: DESCRIBE_FLAGS, run: kubectlDescribe },
  logs: { flags: LOGS_FLAGS, run: kubectlLogs },
  apply: { flags: [FILENAME], run: apply },
  delete: { flags: [FILENAME, { name: 'grace-period', type: 'string' }, { name: 'now', type: 'bool' }, { name: 'wait', type: 'bool' }], run: del },
  'auth can-i': { flags: CAN_I_FLAGS, run: kubectlAuthCanI },
  'auth whoami': { flags: WHOAMI_FLAGS, run: kubectlAuthWhoami },
  run: { flags: RUN_FLAGS, run: kubectlRun },
  'create deployment': { flags: CREATE_DEPLOYMENT_FLAGS, run: kubectlCreateDeployment },
  'create role': { flags: CREATE_ROLE_FLAGS, run: kubectlCreateRole },
  'create clusterrole': { flags: CREATE_CLUSTERROLE_FLAGS, run: kubectlCreateClusterRole },
  'create rolebinding': { flags: CREATE_ROLEBINDING_FLAGS, run: kubectlCreateRoleBinding },
  'create clusterrolebinding': { flags: CREATE_CLUSTERROLEBINDING_FLAGS, run: kubectlCreateClusterRoleBinding },
  'set image': { flags: SET_IMAGE_FLAGS, run: kubectlSetImage },
  scale: { flags: SCALE_FLAGS, run: kubectlScale },
  label: { flags: LABEL_FLAGS, run: kubectlLabel },
  annotate: { flags: LABEL_FLAGS, run: kubectlAnnotate },
  cordon: { flags: CORDON_FLAGS, run: kubectlCordon },
  uncordon: { flags: CORDON_FLAGS, run: kubectlUncordon },
  version: { flags: [{ name: 'client', type: 'bool' }], run: version },
  'api-resources': { flags: [], run: apiResources },
};

/** Every command kubectl v1.32 has (its help's list), for "Did you mean this?" and "not supported here". */
export const KUBECTL_COMMANDS = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale', 'certificate',
  'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach', 'exec', 'port-forward',
  'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label',
  'annotate', 'completion', 'api-resources', 'api-versions', 'config', 'plugin', 'version', 'options',
];

/** The subcommands this terminal runs (help, completion). */
export const SUPPORTED_KUBECTL = [
  'get', 'describe', 'logs', 'apply', 'delete', 'run', 'create', 'set', 'scale', 'label', 'annotate', 'cordon', 'uncordon', 'auth',
  'version', 'api-resources', 'proxy',
];

/** `kubectl create` generators this terminal runs, with the aliases kubectl accepts. */
export const CREATE_GENERATORS: Record<string, string> = {
  deployment: 'deployment', deploy: 'deployment', role: 'role', clusterrole: 'clusterrole',
  rolebinding: 'rolebinding', clusterrolebinding: 'clusterrolebinding',
};

/** `kubectl set` subcommands (all of kubectl's; this terminal runs `image`). */
const SET_SUBCOMMANDS = ['env', 'image', 'resources', 'selector', 'serviceaccount', 'subject'];

/** Global flags that take a value, so that `kubectl -n ns get pods` finds "get". */
const VALUE_GLOBALS = new Set(['-n', '--namespace', '--as', '--as-group', '--request-timeout', '-v', '--v']);

export interface KubectlRun {
  exitCode: number;
  state: ShellState;
  /** Set when the command keeps running (`get -w`): how to stop it. */
  running?: { stop(): void };
}

export function runKubectl(host: ShellHost, state: ShellState, argv: readonly string[], out: Output): KubectlRun {
  const done = (exitCode: number, s: ShellState = state): KubectlRun => ({ exitCode, state: s });
  // The command path: the first words that are not flags (or values of global flags).
  const path: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('-')) {
      rest.push(a);
      if (VALUE_GLOBALS.has(a) && i + 1 < argv.length) rest.push(argv[++i] as string);
      continue;
    }
    if (path.length === 0 || ((path[0] === 'auth' || path[0] === 'create' || path[0] === 'set') && path.length === 1)) path.push(a);
    else rest.push(a);
  }
  const [cmd, sub] = path;
  if (cmd === undefined) {
    if (rest.some((a) => a !== '-h' && a !== '--help')) {
      const f = parseFlags(rest, GLOBAL_FLAGS);
      if (!f.ok) return done(usageError(out, 'kubectl', f.error));
    }
    out.out(KUBECTL_HELP);
    return done(0);
  }
  if (!KUBECTL_COMMANDS.includes(cmd)) {
    const suggestions = KUBECTL_COMMANDS.filter((c) => c.startsWith(cmd) || levenshtein(c, cmd) <= 2);
    out.err(`Error: unknown command "${cmd}" for "kubectl"${suggestions.length > 0 ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}\n` : ''}`);
    return done(1);
  }
  if (cmd === 'auth' && (sub === undefined || (sub !== 'can-i' && sub !== 'whoami'))) {
    if (sub === undefined) {
      out.out(SUBCOMMAND_HELP['auth'] ?? '');
      return done(0);
    }
    if (sub === 'reconcile') return unsupported(out, 'auth reconcile');
    out.err(`error: unknown command "${sub}"\nSee 'kubectl auth -h' for help and examples`);
    return done(1);
  }
  if (cmd === 'create') {
    if (sub === undefined) {
      if (rest.some((a) => /^(-f|--filename)(=|$)/.test(a) || /^-f./.test(a))) return unsupported(out, 'create -f');
      out.out(SUBCOMMAND_HELP['create'] ?? '');
      return done(0);
    }
    if (CREATE_GENERATORS[sub] === undefined) return unsupported(out, `create ${sub}`);
  }
  if (cmd === 'set') {
    if (sub === undefined) {
      // cmdutil.DefaultSubCommandRun: the group's help, on stderr, exit 1.
      const help = rest.some((a) => a === '-h' || a === '--help');
      if (help) out.out(SUBCOMMAND_HELP['set'] ?? '');
      else out.err(SUBCOMMAND_HELP['set'] ?? '');
      return done(help ? 0 : 1);
    }
    if (!SET_SUBCOMMANDS.includes(sub)) {
      out.err(`error: unknown command "${sub}"\nSee 'kubectl set -h' for help and examples`);
      return done(1);
    }
    if (sub !== 'image') return unsupported(out, `set ${sub}`);
  }
  const name = cmd === 'auth' || cmd === 'set' ? `${cmd} ${sub ?? ''}` : cmd === 'create' ? `create ${CREATE_GENERATORS[sub ?? ''] ?? ''}` : cmd;
  if (cmd === 'proxy') return proxy(state, rest, out);
  const spec = SUBCOMMANDS[name];
  if (!spec) return unsupported(out, cmd);
  const parsed = parseFlags(rest, [...GLOBAL_FLAGS, ...spec.flags]);
  if (!parsed.ok) return done(usageError(out, name, parsed.error));
  const flags = parsed.flags;
  if (flagBool(flags, 'help')) {
    out.out(SUBCOMMAND_HELP[name] ?? '');
    return done(0);
  }
  const ns = flagString(flags, 'namespace');
  const as = flagString(flags, 'as');
  const asGroups = flagStrings(flags, 'as-group');
  let running: { stop(): void } | undefined;
  const env: KubectlEnv = {
    engine: host.engine,
    client: clientFor(host.engine, host.user, { ...(as !== undefined ? { user: as } : {}), groups: asGroups }),
    user: host.user,
    namespace: ns ?? 'default',
    explicitNamespace: ns !== undefined,
    files: host.files,
    out,
    ...(host.stream ? { stream: host.stream, keepRunning: (r: { stop(): void }) => { running = r; } } : {}),
  };
  const exitCode = spec.run(env, flags);
  return running ? { exitCode, state, running } : done(exitCode);

  function unsupported(o: Output, what: string): KubectlRun {
    o.err(`error: "kubectl ${what}" is not supported in this terminal; it runs: kubectl ${SUPPORTED_KUBECTL.join(', ')}`);
    return done(1);
  }
}

/** pflag's parse errors, as cobra reports them: exit code 1. */
function usageError(out: Output, name: string, message: string): number {
  out.err(`Error: ${message}\nSee '${name === 'kubectl' ? 'kubectl' : `kubectl ${name}`} --help' for usage.`);
  return 1;
}

function levenshtein(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] as number;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j] as number;
      d[j] = Math.min((d[j] as number) + 1, (d[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length] as number;
}

/** `kubectl proxy`: a pretend proxy on 127.0.0.1:8001 that `curl` can then reach, as the terminal's user. */
function proxy(state: ShellState, args: readonly string[], out: Output): KubectlRun {
  const parsed = parseFlags(args, [...GLOBAL_FLAGS, { name: 'port', short: 'p', type: 'string' }, { name: 'address', type: 'string' }]);
  if (!parsed.ok) return { exitCode: usageError(out, 'proxy', parsed.error), state };
  const port = flagString(parsed.flags, 'port') ?? '8001';
  const address = flagString(parsed.flags, 'address') ?? '127.0.0.1';
  if (`${address}:${port}` !== PROXY_ADDRESS) {
    out.err(`error: this terminal's proxy serves only on ${PROXY_ADDRESS} (the default)`);
    return { exitCode: 1, state };
  }
  if (state.proxy) {
    // What a second proxy hits: the port is taken by the first.
    out.err(`error: listen tcp ${PROXY_ADDRESS}: bind: address already in use`);
    return { exitCode: 1, state };
  }
  out.out(`Starting to serve on ${PROXY_ADDRESS}`);
  return { exitCode: 0, state: { ...state, proxy: true } };
}

function contextFor(env: KubectlEnv): KubectlContext {
  return {
    send: (req) => env.client.send(req.method, req.path, {
      ...(req.query ? { rawQuery: req.query.replace(/^\?/, '') } : {}),
      accept: String((req.headers?.['accept'] as string | undefined) ?? ACCEPT_JSON),
      ...(req.body !== undefined ? { body: JSON.parse(req.body) as unknown, contentType: String(req.headers?.['content-type'] ?? ACCEPT_JSON) } : {}),
    }),
    credentials: env.engine.credentialsFor(env.user),
    namespace: env.namespace,
  };
}

function readFiles(env: KubectlEnv, names: readonly string[]): { name: string; content: string }[] | undefined {
  const found: { name: string; content: string }[] = [];
  for (const n of names) {
    const f = env.files.find((x) => x.name === n || `./${x.name}` === n);
    if (!f) {
      env.out.err(`error: the path "${n}" does not exist`);
      return undefined;
    }
    found.push({ name: n, content: f.content });
  }
  return found;
}

function apply(env: KubectlEnv, flags: ParsedFlags): number {
  const names = flagStrings(flags, 'filename');
  if (names.length === 0) {
    env.out.err("error: must specify one of -f and -k\n\nSee 'kubectl apply -h' for help and examples");
    return 1;
  }
  if (flags.args.length > 0) {
    env.out.err("error: Unexpected args: [" + flags.args.join(' ') + "]\nSee 'kubectl apply -h' for help and examples");
    return 1;
  }
  const files = readFiles(env, names);
  if (!files) return 1;
  let code = 0;
  for (const f of files) {
    const r = kubectlApply(contextFor(env), f.name, f.content);
    env.out.push(r.lines);
    if (!r.ok) code = 1;
  }
  return code;
}

function del(env: KubectlEnv, flags: ParsedFlags): number {
  const { out } = env;
  const names = flagStrings(flags, 'filename');
  if (names.length > 0) {
    if (flags.args.length > 0) {
      out.err('error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form');
      return 1;
    }
    const files = readFiles(env, names);
    if (!files) return 1;
    let code = 0;
    for (const f of files) {
      const r = kubectlDelete(contextFor(env), f.name, f.content);
      out.push(r.lines);
      if (!r.ok) code = 1;
    }
    return code;
  }
  if (flags.args.length === 0) {
    out.err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    return 1;
  }
  const targets: { type: string; name: string }[] = [];
  if (flags.args.some((a) => a.includes('/'))) {
    for (const a of flags.args) {
      const slash = a.indexOf('/');
      if (slash < 0) {
        out.err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
        return 1;
      }
      targets.push({ type: a.slice(0, slash), name: a.slice(slash + 1) });
    }
  } else {
    const [types = '', ...objNames] = flags.args;
    if (objNames.length === 0) {
      out.err('error: resource(s) were provided, but no name was specified');
      return 1;
    }
    for (const t of types.split(',')) for (const n of objNames) targets.push({ type: t, name: n });
  }
  const grace = flagBool(flags, 'now') ? '1' : flagString(flags, 'grace-period');
  let code = 0;
  for (const t of targets) {
    const info = resolveResourceType(t.type);
    if (!info) {
      out.err(`error: the server doesn't have a resource type "${t.type}"`);
      return 1;
    }
    // The body kubectl v1.32 sends: DeleteOptions' fields in Go struct order, without apiVersion/kind.
    const body: Record<string, unknown> = {
      ...(grace !== undefined && Number(grace) >= 0 ? { gracePeriodSeconds: Number(grace) } : {}),
      propagationPolicy: 'Background',
    };
    const res = env.client.send('DELETE', resourcePath(info, info.namespaced ? env.namespace : '', t.name), { body });
    if (res.code >= 400) {
      out.err(serverErrorText(res), res.span, statusOf(res));
      code = 1;
      continue;
    }
    // Simplified: kubectl then waits (--wait=true) until the object is gone; here time moves only when the UI plays.
    out.out(`${kindGroup(info)} "${t.name}" deleted`, res.span);
  }
  return code;
}

function version(env: KubectlEnv, flags: ParsedFlags): number {
  env.out.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}`);
  if (flagBool(flags, 'client')) return 0;
  const res = env.client.send('GET', '/version', { accept: 'application/json, */*' });
  if (res.code >= 400) {
    env.out.err(serverErrorText(res), res.span, statusOf(res));
    return 1;
  }
  env.out.out(`Server Version: ${(res.body as { gitVersion?: string }).gitVersion ?? ''}`, res.span);
  return 0;
}

interface DiscoveryResource {
  name: string;
  shortNames?: string[];
  namespaced: boolean;
  kind: string;
}

/** `kubectl api-resources`: reads discovery (/api/v1, /apis, each group-version) and lists the top-level resources. */
function apiResources(env: KubectlEnv): number {
  const lists: { groupVersion: string; group: string; resources: DiscoveryResource[]; span: number }[] = [];
  const core = env.client.send('GET', '/api/v1');
  const groups = env.client.send('GET', '/apis');
  for (const r of [core, groups]) {
    if (r.code >= 400) {
      env.out.err(serverErrorText(r), r.span, statusOf(r));
      return 1;
    }
  }
  lists.push({ groupVersion: 'v1', group: '', resources: (core.body as { resources: DiscoveryResource[] }).resources, span: core.span });
  for (const g of (groups.body as { groups: { name: string; preferredVersion: { groupVersion: string } }[] }).groups) {
    const res = env.client.send('GET', `/apis/${g.preferredVersion.groupVersion}`);
    if (res.code >= 400) continue;
    lists.push({ groupVersion: g.preferredVersion.groupVersion, group: g.name, resources: (res.body as { resources: DiscoveryResource[] }).resources, span: res.span });
  }
  // kubectl sorts by group, then by resource name (the core group's "" first).
  lists.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  const rows = [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']];
  for (const l of lists) {
    const top = l.resources.filter((r) => !r.name.includes('/')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const r of top) rows.push([r.name, (r.shortNames ?? []).join(','), l.groupVersion, String(r.namespaced), r.kind]);
  }
  env.out.out(tabwrite(rows, { minWidth: 6, padding: 3 }), lists[lists.length - 1]?.span);
  return 0;
}
