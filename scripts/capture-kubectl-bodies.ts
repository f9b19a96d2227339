// Captures the request bodies that the real kubectl sends for its generator and auth commands, so
// server/protobuf tests decode bytes kubectl really produced. Listens on 127.0.0.1 only, serves just
// enough discovery for kubectl's REST mapping, answers every write with a plausible JSON object, and
// stops after the fixed command list (or 60 s). Usage: npx tsx scripts/capture-kubectl-bodies.ts
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OUT = join(import.meta.dirname, '..', 'server', 'protobuf', 'fixtures', 'kubectl-v1.32.json');

type Res = { name: string; singularName: string; namespaced: boolean; kind: string; verbs: string[]; group?: string; version?: string };
const rw = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const discovery: Record<string, Res[]> = {
  'api/v1': [
    { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: rw },
    { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: rw },
    { name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: rw },
    { name: 'secrets', singularName: 'secret', namespaced: true, kind: 'Secret', verbs: rw },
    { name: 'serviceaccounts', singularName: 'serviceaccount', namespaced: true, kind: 'ServiceAccount', verbs: rw },
    { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: rw },
  ],
  'apis/apps/v1': [{ name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: rw }],
  'apis/rbac.authorization.k8s.io/v1': [
    { name: 'roles', singularName: 'role', namespaced: true, kind: 'Role', verbs: rw },
    { name: 'rolebindings', singularName: 'rolebinding', namespaced: true, kind: 'RoleBinding', verbs: rw },
    { name: 'clusterroles', singularName: 'clusterrole', namespaced: false, kind: 'ClusterRole', verbs: rw },
    { name: 'clusterrolebindings', singularName: 'clusterrolebinding', namespaced: false, kind: 'ClusterRoleBinding', verbs: rw },
  ],
  'apis/authorization.k8s.io/v1': [
    { name: 'selfsubjectaccessreviews', singularName: 'selfsubjectaccessreview', namespaced: false, kind: 'SelfSubjectAccessReview', verbs: ['create'] },
    { name: 'selfsubjectrulesreviews', singularName: 'selfsubjectrulesreview', namespaced: false, kind: 'SelfSubjectRulesReview', verbs: ['create'] },
  ],
  'apis/authentication.k8s.io/v1': [
    { name: 'selfsubjectreviews', singularName: 'selfsubjectreview', namespaced: false, kind: 'SelfSubjectReview', verbs: ['create'] },
  ],
  'apis/scheduling.k8s.io/v1': [
    { name: 'priorityclasses', singularName: 'priorityclass', namespaced: false, kind: 'PriorityClass', verbs: rw },
  ],
};

const COMMANDS: string[][] = [
  ['create', 'namespace', 'team-a'],
  ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3', '--port=80', '-n', 'default'],
  ['create', 'configmap', 'cfg', '--from-literal=mode=fast', '--from-literal=level=3', '-n', 'default'],
  ['create', 'secret', 'generic', 'creds', '--from-literal=password=hunter2', '-n', 'default'],
  ['create', 'serviceaccount', 'builder', '-n', 'default'],
  ['create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods', '-n', 'default'],
  ['create', 'rolebinding', 'read-pods', '--role=pod-reader', '--user=alice', '--serviceaccount=default:builder', '-n', 'default'],
  ['create', 'clusterrole', 'node-reader', '--verb=get,list', '--resource=nodes'],
  ['create', 'clusterrolebinding', 'read-nodes', '--clusterrole=node-reader', '--group=devs'],
  ['create', 'priorityclass', 'high', '--value=1000', '--description=important', '--preemption-policy=Never'],
  ['run', 'nginx', '--image=nginx:1.27', '--port=80', '--env=MODE=prod', '--labels=app=nginx', '-n', 'default'],
  ['auth', 'can-i', 'create', 'pods', '-n', 'default'],
  ['auth', 'can-i', 'get', 'pods', '--subresource=log', '-n', 'kube-system'],
  ['auth', 'can-i', 'get', '/healthz'],
  ['auth', 'can-i', '--list', '-n', 'default'],
  ['auth', 'whoami'],
];

// dryRunJson: what the same command prints with --dry-run=client -o json, i.e. kubectl's own JSON form of
// the object it would send; tests compare the decoded protobuf body against it.
type Capture = { command: string; method: string; path: string; contentType: string; bodyBase64: string; dryRunJson?: unknown };
const captures: Capture[] = [];
let current = '';

function reply(res: ServerResponse, code: number, obj: unknown): void {
  const body = JSON.stringify(obj);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function answerWrite(path: string, res: ServerResponse): void {
  const parts = path.split('/').filter(Boolean);
  const resource = parts[parts.length - 1] ?? '';
  const gv = parts[0] === 'api' ? 'v1' : `${parts[1]}/${parts[2]}`;
  const kind = Object.values(discovery).flat().find((r) => r.name === resource)?.kind ?? 'Status';
  const status: Record<string, unknown> =
    kind === 'SelfSubjectAccessReview' ? { allowed: true } :
    kind === 'SelfSubjectRulesReview' ? { resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], nonResourceRules: [], incomplete: false } :
    kind === 'SelfSubjectReview' ? { userInfo: { username: 'alice', groups: ['system:authenticated'] } } : {};
  reply(res, 201, { apiVersion: gv, kind, metadata: { name: 'captured', namespace: 'default' }, status });
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => { size += c.length; if (size < 1 << 20) chunks.push(c); });
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\//, '');
    if (req.method === 'GET' && path === 'version') return reply(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.4' });
    if (req.method === 'GET' && path === 'api') return reply(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    if (req.method === 'GET' && path === 'apis') {
      const groups = Object.keys(discovery).filter((k) => k.startsWith('apis/')).map((k) => {
        const [, name, version] = k.split('/');
        const gv = { groupVersion: `${name}/${version}`, version };
        return { name, versions: [gv], preferredVersion: gv };
      });
      return reply(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
    }
    const list = discovery[path];
    if (req.method === 'GET' && list) {
      const groupVersion = path === 'api/v1' ? 'v1' : path.slice('apis/'.length);
      return reply(res, 200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: list });
    }
    if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
      captures.push({
        command: current, method: req.method, path: url.pathname + url.search,
        contentType: req.headers['content-type'] ?? '', bodyBase64: Buffer.concat(chunks).toString('base64'),
      });
      return answerWrite(url.pathname, res);
    }
    return reply(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
  });
});

const timer = setTimeout(() => { console.error('capture timed out'); process.exit(1); }, 60_000);
server.listen(0, '127.0.0.1', () => {
  void (async () => {
    const addr = server.address();
    if (addr === null || typeof addr === 'string') throw new Error('no port');
    const home = mkdtempSync(join(tmpdir(), 'kubectl-capture-'));
    try {
      for (const args of COMMANDS) {
        current = `kubectl ${args.join(' ')}`;
        const full = ['--server', `http://127.0.0.1:${addr.port}`, `--cache-dir=${join(home, 'cache')}`, ...args];
        try {
          const { stdout } = await run('kubectl', full, { env: { PATH: process.env.PATH ?? '', HOME: home }, timeout: 20_000 });
          console.log(`${current} -> ${stdout.trim()}`);
          if (args[0] === 'create') {
            const dry = await run('kubectl', [...full, '--dry-run=client', '-o', 'json'], { env: { PATH: process.env.PATH ?? '', HOME: home }, timeout: 20_000 });
            const last = captures[captures.length - 1];
            if (last?.command === current) last.dryRunJson = JSON.parse(dry.stdout) as unknown;
          }
        } catch (e) {
          console.log(`${current} -> failed: ${(e as Error).message.split('\n')[0] ?? ''}`);
        }
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    writeFileSync(OUT, JSON.stringify({ kubectl: 'v1.32', captures }, null, 1) + '\n');
    console.log(`wrote ${captures.length} captures to ${OUT}`);
    clearTimeout(timer);
    server.close();
  })();
});
