// The terminal's mutating verbs (run, create deployment|role|rolebinding|clusterrole|clusterrolebinding, scale, set image,
// label, annotate, cordon, uncordon) and `auth can-i --list` against the real kubectl v1.32 on the same engine:
// same stdout, stderr and exit code. A command that changes the cluster runs first in the real kubectl, then its
// undo and the same command in the terminal, so that both see the same state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialShellState, runCommandLine, type ShellState } from '../../src/sim/cli/shell.ts';
import type { ApiRequest } from '../../src/sim/apiserver/ApiServer.ts';
import { startCluster, type Cluster } from './harness.ts';

let c: Cluster;
let state: ShellState = initialShellState();

beforeAll(async () => {
  c = await startCluster({ speed: 1e-6 });
});
afterAll(async () => { await c.stop(); });

interface Outcome { stdout: string; stderr: string; code: number }

/** klog's header (time and PID) differs from run to run: "E1126 22:07:55.157954   19979 run.go:72]". */
const normal = (o: Outcome): Outcome => ({ ...o, stderr: o.stderr.replace(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, 'E<klog> ') });

/** The requests the terminal's last command sent: [method, path?query, body]. */
let sent: [string, string, string | undefined][] = [];

function ours(args: string[]): Outcome {
  const line = `kubectl ${args.map((a) => `'${a}'`).join(' ')}`;
  const engine = c.engine;
  const request = engine.request.bind(engine);
  sent = [];
  engine.request = (req: ApiRequest) => {
    sent.push([req.method, `${req.path}${req.query ? `?${req.query}` : ''}`, req.body]);
    return request(req);
  };
  let r;
  try {
    r = runCommandLine({ engine, user: 'kubernetes-admin', files: [] }, state, line);
  } finally {
    engine.request = request;
  }
  state = r.state;
  const text = (s: string): string => r.lines.filter((l) => l.stream === s).map((l) => `${l.text}\n`).join('');
  return { stdout: text('stdout'), stderr: text('stderr'), code: r.exitCode };
}

/** Runs `args` in the real kubectl, then `undo` (if any) and `args` in the terminal; both answers must match. */
async function same(args: string[], undo?: string[]): Promise<Outcome> {
  const real = normal(await c.kubectl(args));
  if (undo) expect(ours(undo).code, `undo: kubectl ${undo.join(' ')}`).toBe(0);
  expect(normal(ours(args)), `kubectl ${args.join(' ')}`).toEqual(real);
  return real;
}


describe('kubectl auth can-i --list prints what kubectl v1.32 prints', () => {
  it('the table of rules (broken down, compacted, sorted by PolicyRule.String()), --as, -n, --no-headers, errors', async () => {
    const admin = await same(['auth', 'can-i', '--list']);
    // Upstream: rows sorted by "&PolicyRule{Verbs:[...],APIGroups:[...],...}": [*] first, then [create], then [get].
    expect(admin.stdout).toMatch(/^Resources {2,}Non-Resource URLs {3}Resource Names {3}Verbs\n\*\.\* {2,}\[\] {2,}\[\] {2,}\[\*\]\n/);
    const alice = await same(['auth', 'can-i', '--list', '--as', 'alice']);
    expect(alice.stdout).toContain('\npods                                            []                  []               [get list watch]\n');
    await same(['auth', 'can-i', '--list', '--as', 'bob', '-n', 'kube-system']);
    await same(['auth', 'can-i', '--list', '--as', 'alice', '--no-headers']);
    expect((await same(['auth', 'can-i', '--list', '-q'])).stderr).toBe("error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n");
    expect((await same(['auth', 'can-i', '--list', 'pods'])).stderr).toBe('error: list option must be specified with no arguments\n');
    expect((await same(['auth', 'can-i', 'get', 'pods', '--no-headers'])).stderr).toBe('error: --no-headers cannot be set without --list specified\n');
  });
});

describe('kubectl run prints what kubectl v1.32 prints', () => {
  it('pod/NAME created; the body kubectl builds; AlreadyExists; --dry-run=client|server -o yaml; missing --image', async () => {
    expect((await same(['run', 'web', '--image=nginx'], ['delete', 'pod', 'web'])).stdout).toBe('pod/web created\n');
    await same(['run', 'web2', '--image=nginx', '--restart=Never', '--labels=a=b,c=d', '--port=80'], ['delete', 'pod', 'web2']);
    const post = sent.filter(([m]) => m === 'POST').pop();
    // Observed with -v=8: POST …/pods?fieldManager=kubectl-run and this JSON body.
    expect(post?.[1]).toBe('/api/v1/namespaces/default/pods?fieldManager=kubectl-run');
    expect(JSON.parse(post?.[2] ?? '{}')).toEqual({
      kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web2', creationTimestamp: null, labels: { a: 'b', c: 'd' } },
      spec: { containers: [{ name: 'web2', image: 'nginx', ports: [{ containerPort: 80 }], resources: {} }], restartPolicy: 'Never', dnsPolicy: 'ClusterFirst' }, status: {},
    });
    expect((await same(['run', 'web', '--image=nginx'])).stderr).toBe('Error from server (AlreadyExists): pods "web" already exists\n');
    await same(['run', 'x', '--image=nginx', '--restart=Never', '--labels=a=b', '--port=80', '--dry-run=client', '-o', 'yaml']);
    await same(['run', 'x', '--image=nginx', '--dry-run=client', '-o', 'json']);
    await same(['run', 'x', '--image=nginx', '--dry-run=client']);
    await same(['run', 'x', '--image=nginx', '--dry-run=server']);
    expect((await same(['run', 'x'])).stderr).toBe('E<klog> run.go:72] "command failed" err="required flag(s) \\"image\\" not set"\n');
    await same(['run', 'x', '--image=nginx', '--restart=Foo']);
    await same(['run', 'x', '--image=nginx', '--dry-run=foo']);
    await same(['run', 'x', '--image=nginx', '-o', 'foo']);
    await same(['run', 'x', '--image=nginx', '--as', 'alice']);
  });
});

describe('kubectl create deployment, scale, delete', () => {
  it('creates, scales (GET then a merge patch of /scale) and deletes a deployment as kubectl does', async () => {
    expect((await same(['create', 'deployment', 'dep', '--image=nginx', '--replicas=2'], ['delete', 'deployment', 'dep'])).stdout).toBe('deployment.apps/dep created\n');
    const post = sent.filter(([m]) => m === 'POST').pop();
    expect(post?.[1]).toBe('/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict');
    expect((await same(['create', 'deployment', 'dep', '--image=nginx'])).stderr).toBe('error: failed to create deployment: deployments.apps "dep" already exists\n');
    await same(['create', 'deployment', 'd2', '--image=registry.k8s.io/pause:3.10', '--image=nginx@sha256:abc', '--port=80', '--dry-run=client', '-o', 'yaml']);
    await same(['create', 'deploy', 'd3', '--image=nginx', '-o', 'json', '--dry-run=client']);
    await same(['create', 'deploy', 'd3', '--image=nginx', '-o', 'name', '--dry-run=client']);
    await same(['create', 'deployment', 'd3', '--image=nginx', '--dry-run=server']);
    await same(['create', 'deployment', 'BAD', '--image=nginx']);
    await same(['create', 'deployment', 'dx', '--image=nginx', '--as', 'alice']);
    await same(['create', 'deployment', 'dx']);
    await same(['create', 'deployment', '--image=nginx']);

    expect((await same(['scale', 'deployment', 'dep', '--replicas=3'])).stdout).toBe('deployment.apps/dep scaled\n');
    const ps = sent.filter(([m]) => m === 'PATCH');
    expect(ps.map(([m, p, b]) => [m, p, b])).toEqual([['PATCH', '/apis/apps/v1/namespaces/default/deployments/dep/scale', '{"spec":{"replicas":3}}']]);
    await same(['scale', 'deploy/dep', '--replicas=1']);
    await same(['scale', 'deployment', 'dep']);
    await same(['scale', 'deployment', 'missing', '--replicas=2']);
    await same(['scale', '--replicas=2']);
    await same(['scale', 'deployment', 'dep', '--replicas=2', '--as', 'alice']);
    expect((await same(['delete', 'deployment', 'dep'], ['create', 'deployment', 'dep', '--image=nginx'])).stdout).toBe('deployment.apps "dep" deleted\n');
    await same(['delete', 'deploy', 'dep']);
  });
});

describe('kubectl create role|rolebinding|clusterrole|clusterrolebinding', () => {
  it('builds the rules and subjects kubectl builds, and prints the server\'s escalation refusal', async () => {
    expect((await same(['create', 'role', 'r1', '--verb=get,list', '--resource=pods,deployments.apps'], ['delete', 'role', 'r1'])).stdout)
      .toBe('role.rbac.authorization.k8s.io/r1 created\n');
    await same(['create', 'role', 'r1', '--verb=get', '--resource=pods']);
    await same(['create', 'role', 'r2', '--verb=get', '--resource=pods', '--resource-name=a', '--resource-name=b', '--dry-run=client', '-o', 'yaml']);
    await same(['create', 'role', 'r3', '--verb=get,list', '--resource=pods,deployments.apps,pods/log', '--dry-run=client', '-o', 'yaml']);
    await same(['create', 'role', 'r4', '--verb=get']);
    await same(['create', 'role', 'r4', '--resource=pods']);
    await same(['create', 'role', 'r4', '--verb=get', '--resource=foos']);
    await same(['create', 'role', 'r4', '--verb=bind', '--resource=pods']);
    await same(['create', 'role', 'r4', '--verb=foo', '--resource=pods', '--dry-run=client']);
    await same(['create', 'role']);
    await same(['create', 'rolebinding', 'rb2', '--role=r1', '--user=alice', '--group=g1', '--serviceaccount=default:sa1', '--dry-run=client', '-o', 'yaml']);
    await same(['create', 'rolebinding', 'rb3', '--clusterrole=view', '--user=alice', '--dry-run=client', '-o', 'yaml']);
    await same(['create', 'rolebinding', 'rb4', '--user=alice']);
    await same(['create', 'rolebinding', 'rb6', '--role=r1', '--serviceaccount=bad']);
    await same(['create', 'rolebinding', 'rb1', '--role=r1', '--user=bob'], ['delete', 'rolebinding', 'rb1']);
    expect((await same(['create', 'rolebinding', 'rb1', '--role=r1', '--user=bob'])).stderr)
      .toBe('error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "rb1" already exists\n');
    await same(['create', 'clusterrole', 'cr1', '--verb=get', '--resource=nodes', '--non-resource-url=/logs/*', '--dry-run=client', '-o', 'yaml']);
    await same(['create', 'clusterrolebinding', 'crb1', '--clusterrole=view', '--user=alice', '--dry-run=client', '-o', 'yaml']);
    await same(['create', 'clusterrole', 'cr2', '--verb=get', '--resource=nodes'], ['delete', 'clusterrole', 'cr2']);
    await same(['create', 'clusterrolebinding', 'crb2', '--clusterrole=cr2', '--user=alice'], ['delete', 'clusterrolebinding', 'crb2']);
    await same(['create', 'clusterrolebinding', 'crb3', '--user=alice']);
    await same(['create', 'clusterrolebinding', 'x', '--clusterrole=view', '--user=alice', '--as', 'alice']);
    // alice may create roles (not hold secrets): RBAC's escalation check refuses the rule she does not hold.
    expect(ours(['create', 'role', 'role-admin', '--verb=create', '--resource=roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io']).code).toBe(0);
    expect(ours(['create', 'rolebinding', 'alice-role-admin', '--role=role-admin', '--user=alice']).code).toBe(0);
    const esc = await same(['create', 'role', 'esc', '--verb=get,list', '--resource=secrets', '--as', 'alice']);
    expect(esc.stderr).toBe('Error from server (Forbidden): roles.rbac.authorization.k8s.io "esc" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}\n');
    await same(['create', 'rolebinding', 'esc3', '--clusterrole=admin', '--user=alice', '--as', 'alice']);
  });
});

describe('kubectl label, annotate, cordon, uncordon', () => {
  it('patch labels, annotations and spec.unschedulable with kubectl\'s messages', async () => {
    expect(ours(['run', 'lbl', '--image=nginx']).code).toBe(0);
    expect((await same(['label', 'pod', 'lbl', 'tier=fe'], ['label', 'pod', 'lbl', 'tier-'])).stdout).toBe('pod/lbl labeled\n');
    expect(sent.filter(([m]) => m === 'PATCH').pop()).toEqual(['PATCH', '/api/v1/namespaces/default/pods/lbl?fieldManager=kubectl-label', '{"metadata":{"labels":{"tier":"fe"}}}']);
    await same(['label', 'pod', 'lbl', 'tier=fe']);
    await same(['label', 'pod', 'lbl', 'tier=be']);
    await same(['label', 'pod', 'lbl', 'tier=be', '--overwrite'], ['label', 'pod', 'lbl', 'tier=fe', '--overwrite']);
    await same(['label', 'pod', 'lbl', 'tier-'], ['label', 'pod', 'lbl', 'tier=be', '--overwrite']);
    await same(['label', 'pod', 'lbl', 'tier-']);
    await same(['label', 'pod', 'missing', 'a=b']);
    await same(['label', 'pod', 'lbl']);
    await same(['label', 'pod', 'lbl', 'a=b', '--as', 'alice']);
    await same(['label', 'pods/lbl', 'x=y'], ['label', 'pod', 'lbl', 'x-']);
    await same(['annotate', 'pod', 'lbl', 'note=hi'], ['annotate', 'pod', 'lbl', 'note-']);
    await same(['annotate', 'pod', 'lbl', 'note=ho']);
    await same(['annotate', 'pod', 'lbl', 'note-'], ['annotate', 'pod', 'lbl', 'note=hi']);
    expect((await same(['cordon', 'node-1'], ['uncordon', 'node-1'])).stdout).toBe('node/node-1 cordoned\n');
    expect(sent.filter(([m]) => m === 'PATCH').pop()).toEqual(['PATCH', '/api/v1/nodes/node-1', '{"spec":{"unschedulable":true}}']);
    await same(['cordon', 'node-1']);
    await same(['uncordon', 'node-1'], ['cordon', 'node-1']);
    await same(['uncordon', 'node-1']);
    await same(['cordon', 'missing']);
    await same(['cordon']);
    await same(['cordon', 'node-1', '--as', 'alice']);
  });
});

describe('kubectl set image', () => {
  it('GETs, then PATCHes the strategic two-way diff with fieldManager=kubectl-set; kubectl\'s errors and messages', async () => {
    expect(ours(['create', 'deployment', 'img', '--image=nginx', '--image=busybox']).code).toBe(0);
    expect((await same(['set', 'image', 'deployment/img', 'busybox=busybox:1.36'], ['set', 'image', 'deploy/img', 'busybox=busybox'])).stdout)
      .toBe('deployment.apps/img image updated\n');
    // Observed with -v=8: the GET, then this patch (json.Marshal: keys sorted, $setElementOrder beside the list).
    expect(sent).toEqual([
      ['GET', '/apis/apps/v1/namespaces/default/deployments/img', undefined],
      ['PATCH', '/apis/apps/v1/namespaces/default/deployments/img?fieldManager=kubectl-set',
        '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"busybox"}],"containers":[{"image":"busybox:1.36","name":"busybox"}]}}}}'],
    ]);
    // Unchanged: no PATCH and nothing printed.
    expect(await same(['set', 'image', 'deployment', 'img', 'busybox=busybox:1.36'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(sent.map(([m]) => m)).toEqual(['GET']);
    await same(['set', 'image', 'deploy', 'img', '*=nginx:1.27'], ['set', 'image', 'deploy/img', 'nginx=nginx', 'busybox=busybox:1.36']);
    expect((await same(['set', 'image', 'deploy/img', 'nginx=nginx:1.28', 'x=y'], ['set', 'image', 'deploy/img', 'nginx=nginx:1.27'])).stderr)
      .toBe('error: unable to find container named "x"\n');
    await same(['set', 'image', 'deploy/img', 'x=y']);
    await same(['set', 'image', 'deploy/img', 'nginx=']);
    await same(['set', 'image', 'deploy/img', 'nginx=n:2', '--dry-run=server']);
    await same(['set', 'image', 'deploy/img', 'nginx=n:2', '--dry-run=client']);
    await same(['set', 'image', 'deploy/img', 'nginx=n:3', '-o', 'name'], ['set', 'image', 'deploy/img', 'nginx=nginx:1.28']);
    await same(['set', 'image', 'deploy/img', 'nginx=n:2', '--dry-run=foo']);
    await same(['set', 'image', 'deploy/img', 'nginx=n:2', '-o', 'foo']);
    await same(['set', 'image', 'deploy/img', '*=a', 'nginx=b']);
    await same(['set', 'image', 'deploy/img']);
    await same(['set', 'image', 'deploy/img', '=nginx']);
    await same(['set', 'image', 'deploy/img', 'nginx=a', 'deploy/x']);
    await same(['set', 'image', 'deploy/img', 'nginx-']);
    await same(['set', 'image', 'deploy', 'nginx=a']);
    await same(['set', 'image', 'nginx=a']);
    await same(['set', 'image', 'foos/img', 'nginx=a']);
    await same(['set', 'image', 'deploy/missing', 'deploy/missing2', 'nginx=a']);
    await same(['set', 'image', 'deploy', 'img', 'missing', 'nginx=a']);
    await same(['set', 'image', 'deploy/img', 'nginx=a', '-n', 'nope']);
    await same(['set', 'image', 'deploy/img', 'nginx=a', '--as', 'alice']);
    expect(ours(['run', 'imgpod', '--image=nginx']).code).toBe(0);
    expect((await same(['set', 'image', 'pods', 'imgpod', 'imgpod=nginx:1.27'], ['set', 'image', 'pod/imgpod', 'imgpod=nginx'])).stdout).toBe('pod/imgpod image updated\n');
    expect(sent.pop()).toEqual(['PATCH', '/api/v1/namespaces/default/pods/imgpod?fieldManager=kubectl-set',
      '{"spec":{"$setElementOrder/containers":[{"name":"imgpod"}],"containers":[{"image":"nginx:1.27","name":"imgpod"}]}}']);
    expect((await same(['set', 'image', 'pod/imgpod', 'imgpod=nginx:1.28', '--as', 'alice'])).stderr)
      .toBe('error: failed to patch image update to pod template: pods "imgpod" is forbidden: User "alice" cannot patch resource "pods" in API group "" in the namespace "default"\n');
    expect(ours(['create', 'role', 'imgrole', '--verb=get', '--resource=pods']).code).toBe(0);
    await same(['set', 'image', 'role/imgrole', 'nginx=a']);
    await same(['set']);
    await same(['set', 'foo']);
  });
});
