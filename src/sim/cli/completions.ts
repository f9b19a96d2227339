// Tab completion: the candidates for the last (partial) word of a command line, sorted — commands, kubectl
// subcommands and flags, resource types, object names, namespaces, files, nodes, container IDs and etcd key
// segments. The UI replaces the last word with the single candidate, or lists several.
// Object names and namespaces are read from the store without a request (see objectNames).
import { GET_FLAGS } from './kubectlGet.ts';
import { LOGS_FLAGS } from './kubectlLogs.ts';
import { CREATE_GENERATORS, SUPPORTED_KUBECTL } from './kubectl.ts';
import {
  CREATE_CLUSTERROLE_FLAGS, CREATE_CLUSTERROLEBINDING_FLAGS, CREATE_DEPLOYMENT_FLAGS, CREATE_ROLE_FLAGS, CREATE_ROLEBINDING_FLAGS, RUN_FLAGS,
} from './kubectlCreate.ts';
import { LABEL_FLAGS, SCALE_FLAGS } from './kubectlMutate.ts';
import { SET_IMAGE_FLAGS } from './kubectlSet.ts';
import type { FlagSpec } from './flags.ts';
import { gettableResources, resolveResourceType } from './resourceTypes.ts';
import { commandsOn, etcdNode, WORKSTATION, type ShellHost, type ShellState } from './shell.ts';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch', 'impersonate', 'bind', 'escalate'];

export function completions(host: ShellHost, state: ShellState, partial: string): string[] {
  // The last list element: after `&&`, `||` or `;` a new command starts.
  const segment = partial.split(/&&|\|\||;/).pop() ?? '';
  const words = segment.split(/\s+/).filter((w, i, all) => w !== '' || i === all.length - 1);
  const current = words.pop() ?? '';
  const before = words;
  const pick = (cands: readonly string[]): string[] => [...new Set(cands.filter((c) => c.startsWith(current)))].sort();
  if (before.length === 0) return pick(commandsOn(host.engine, state));
  const [cmd = '', ...args] = before;
  switch (cmd) {
    case 'kubectl':
      return state.host === WORKSTATION ? pick(kubectlCandidates(host, args, current)) : [];
    case 'ssh':
      return pick(host.engine.nodes.nodeNames());
    case 'cat': case 'ls':
      return state.host === WORKSTATION ? pick(host.files.map((f) => f.name)) : [];
    case 'crictl': {
      if (args.length === 0) return pick(['images', 'logs', 'pods', 'ps']);
      const rt = host.engine.nodes.runtime(state.host);
      if (args[0] === 'logs' && rt) return pick([...rt.containers.values()].map((c) => c.id.slice(0, 13)));
      return [];
    }
    case 'etcdctl':
      if (args.length === 0) return pick(['get', 'version']);
      if (args[0] === 'get' && state.host === etcdNode(host.engine)) {
        if (current.startsWith('-')) return pick(['--prefix', '--keys-only', '--print-value-only', '--rev', '--limit', '--count-only', '--write-out']);
        return pick(etcdSegments(host, current));
      }
      return [];
    default:
      return [];
  }
}

function kubectlCandidates(host: ShellHost, args: readonly string[], current: string): string[] {
  const prev = args[args.length - 1];
  if (prev === '-n' || prev === '--namespace') return objectNames(host, 'namespaces', '');
  if (prev === '-o' || prev === '--output') return ['json', 'name', 'wide', 'yaml'];
  if (prev === '-f' || prev === '--filename') return host.files.map((f) => f.name);
  if (prev === '--as') return host.engine.scenario.cluster.users.map((u) => host.engine.describeUser(u.name)?.name ?? u.name);
  const ns = namespaceOf(args);
  const positional = positionals(args);
  const [sub, ...rest] = positional;
  if (sub === undefined) return current.startsWith('-') ? ['--namespace', '--as', '--as-group', '--help'] : SUPPORTED_KUBECTL;
  if (current.startsWith('-')) {
    const specs = flagsFor(sub, rest[0]);
    return [...specs.map((s) => `--${s.name}`), '--namespace', '--as', '--as-group'];
  }
  const types = gettableResources().map((r) => r.resource);
  switch (sub) {
    case 'get': case 'describe': case 'delete': {
      if (rest.length === 0) {
        // TYPE/NAME form: complete the name after the slash.
        const slash = current.indexOf('/');
        if (slash >= 0) return objectNames(host, current.slice(0, slash), ns).map((n) => `${current.slice(0, slash)}/${n}`);
        return types;
      }
      const type = rest[0] ?? '';
      return type.includes(',') ? [] : objectNames(host, type, ns);
    }
    case 'logs':
      return rest.length === 0 ? objectNames(host, 'pods', ns) : [];
    case 'create':
      return rest.length === 0 ? Object.keys(CREATE_GENERATORS).filter((g) => g !== 'deploy') : [];
    case 'scale':
      if (rest.length === 0) return ['deployments', 'replicasets'];
      return rest.length === 1 ? objectNames(host, rest[0] ?? '', ns) : [];
    case 'label': case 'annotate':
      if (rest.length === 0) return types;
      return rest.length === 1 && !(rest[0] ?? '').includes('/') ? objectNames(host, rest[0] ?? '', ns) : [];
    case 'set': {
      if (rest.length === 0) return ['image'];
      if (rest[0] !== 'image') return [];
      const objArgs = rest.slice(1);
      if (objArgs.length === 0) return ['deployments', 'pods', 'replicasets'];
      const slashed = objArgs[0]?.includes('/') ?? false;
      if (objArgs.length === 1 && !slashed) return objectNames(host, objArgs[0] ?? '', ns);
      // CONTAINER=: the containers of the object named.
      const [type = '', name = ''] = slashed ? (objArgs[0] ?? '').split('/') : objArgs;
      return containerNames(host, type, name, ns).map((c) => `${c}=`);
    }
    case 'cordon': case 'uncordon':
      return rest.length === 0 ? host.engine.nodes.nodeNames() : [];
    case 'auth':
      if (rest.length === 0) return ['can-i', 'whoami'];
      if (rest[0] === 'can-i') return rest.length === 1 ? VERBS : rest.length === 2 ? types : [];
      return [];
    default:
      return [];
  }
}

/** The flags of a subcommand (`create` takes its generator's), for `--` completion. */
function flagsFor(sub: string, generator: string | undefined): readonly FlagSpec[] {
  const create: Record<string, readonly FlagSpec[]> = {
    deployment: CREATE_DEPLOYMENT_FLAGS, role: CREATE_ROLE_FLAGS, clusterrole: CREATE_CLUSTERROLE_FLAGS,
    rolebinding: CREATE_ROLEBINDING_FLAGS, clusterrolebinding: CREATE_CLUSTERROLEBINDING_FLAGS,
  };
  switch (sub) {
    case 'get': return GET_FLAGS;
    case 'logs': return LOGS_FLAGS;
    case 'run': return RUN_FLAGS;
    case 'create': return create[CREATE_GENERATORS[generator ?? ''] ?? ''] ?? [];
    case 'scale': return SCALE_FLAGS;
    case 'set': return generator === 'image' ? SET_IMAGE_FLAGS : [];
    case 'label': case 'annotate': return LABEL_FLAGS;
    case 'auth': return generator === 'can-i' ? [{ name: 'list', type: 'bool' }, { name: 'no-headers', type: 'bool' }, { name: 'quiet', type: 'bool' }, { name: 'all-namespaces', type: 'bool' }, { name: 'subresource', type: 'string' }] : [];
    default: return [];
  }
}

/** Words that are not flags or flag values (global flags with values: -n, --namespace, --as, --as-group, -o, -l, -c). */
function positionals(args: readonly string[]): string[] {
  const valued = new Set(['-n', '--namespace', '--as', '--as-group', '-o', '--output', '-l', '--selector', '-c', '--container', '-f', '--filename', '--field-selector', '--raw', '--tail',
    '--image', '--replicas', '--restart', '--labels', '--port', '--dry-run', '--verb', '--resource', '--resource-name',
    '--non-resource-url', '--role', '--clusterrole', '--user', '--group', '--serviceaccount']);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('-')) {
      if (valued.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function namespaceOf(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if ((a === '-n' || a === '--namespace') && args[i + 1] !== undefined) return args[i + 1] as string;
    const m = /^(?:-n=?|--namespace=)(.+)$/.exec(a);
    if (m?.[1]) return m[1];
  }
  return 'default';
}

function objectNames(host: ShellHost, type: string, namespace: string): string[] {
  const info = resolveResourceType(type);
  if (!info || info.createOnly) return [];
  // Simplified: kubectl's completion LISTs as the user (RBAC applies). A Tab must not change the timeline (it is not
  // replayed), so this reads the store directly and sends nothing.
  const items = host.engine.apiserver.reader.list(info.group, info.resource, info.namespaced ? namespace : '');
  return items.map((i) => i.metadata?.name ?? '').filter((n) => n !== '');
}

/** The containers (and init containers) of a pod or of a workload's pod template, read from the store. */
function containerNames(host: ShellHost, type: string, name: string, namespace: string): string[] {
  const info = resolveResourceType(type);
  if (!info || info.createOnly) return [];
  const obj = host.engine.apiserver.reader.list(info.group, info.resource, info.namespaced ? namespace : '').find((i) => i.metadata?.name === name);
  type Spec = { containers?: { name?: string }[]; initContainers?: { name?: string }[] };
  const o = obj as { spec?: Spec & { template?: { spec?: Spec } } } | undefined;
  const spec = info.kind === 'Pod' ? o?.spec : o?.spec?.template?.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => c.name ?? '').filter((n) => n !== '');
}

/** The next path segment of etcd keys below what is typed: "/registry/p" → "/registry/pods/", "/registry/pods/…". */
function etcdSegments(host: ShellHost, current: string): string[] {
  const prefix = current === '' ? '/' : current;
  const { kvs } = host.engine.etcd.range(prefix, { prefix: true, keysOnly: true });
  const out = new Set<string>();
  for (const kv of kvs) {
    const next = kv.key.indexOf('/', prefix.length);
    out.add(next < 0 ? kv.key : kv.key.slice(0, next + 1));
  }
  return [...out];
}
