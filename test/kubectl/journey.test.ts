// The rest of the pod's journey as the real kubectl sees it: scheduling, image pulls, restarts, completion,
// logs, Deployments. Virtual time runs 20× faster than wall time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './harness.ts';

let c: Cluster;
beforeAll(async () => { c = await startCluster({ speed: 20 }); });
afterAll(async () => { await c.stop(); });

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function podYaml(name: string, spec: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}

/** Polls `kubectl get pod` until the STATUS column matches. */
async function waitStatus(name: string, status: RegExp, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  while (Date.now() < deadline) {
    const r = await c.kubectl(['get', 'pod', name, '--no-headers']);
    last = r.stdout.trim().split(/\s{2,}/);
    if (status.test(last[2] ?? '')) return last;
    await sleep(200);
  }
  throw new Error(`pod ${name} never reached ${String(status)}; last row: ${last.join(' | ')}`);
}

describe('scheduling', () => {
  it('a pod asking 100 CPUs stays Pending with the FitError in its events', async () => {
    const f = c.file('big.yaml', podYaml('big', '  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "100"\n'));
    await c.kubectl(['apply', '-f', f]);
    await sleep(500);
    const d = await c.kubectl(['describe', 'pod', 'big']);
    expect(d.stdout).toContain('Status:           Pending');
    expect(d.stdout).toMatch(/Warning {2}FailedScheduling {2}\S+ +default-scheduler {2}0\/3 nodes are available: 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}, 2 Insufficient cpu\. preemption: 0\/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod\.\n/);
    await c.kubectl(['delete', 'pod', 'big']);
  });

  it('nodeSelector and tolerations place pods as Kubernetes would', async () => {
    const f = c.file('cp.yaml', podYaml('on-cp', '  nodeSelector:\n    node-role.kubernetes.io/control-plane: ""\n  tolerations:\n  - key: node-role.kubernetes.io/control-plane\n    operator: Exists\n    effect: NoSchedule\n  containers:\n  - name: c\n    image: nginx\n'));
    await c.kubectl(['apply', '-f', f]);
    await waitStatus('on-cp', /^Running$/);
    const node = await c.kubectl(['get', 'pod', 'on-cp', '-o', 'jsonpath={.spec.nodeName}']);
    expect(node.stdout).toBe('control-plane');
    await c.kubectl(['delete', 'pod', 'on-cp', '--wait=false']);
  });
});

describe('the kubelet', () => {
  it('the seed pod: events in order in describe, and logs', async () => {
    const f = c.file('nginx.yaml', podYaml('nginx-pod', '  containers:\n    - name: nginx\n      image: nginx\n'));
    await c.kubectl(['apply', '-f', f]);
    await waitStatus('nginx-pod', /^Running$/);
    const d = await c.kubectl(['describe', 'pod', 'nginx-pod']);
    const reasons = [...d.stdout.matchAll(/^ {2}(Normal|Warning) {2}(\w+)/gm)].map((m) => m[2]);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(d.stdout).toMatch(/Successfully assigned default\/nginx-pod to node-[12]/);
    const logs = await c.kubectl(['logs', 'nginx-pod']);
    expect(logs.stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    const ev = await c.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=nginx-pod']);
    expect(ev.stdout.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(ev.stdout).toContain('pod/nginx-pod');
  });

  it('a missing image shows ErrImagePull, then ImagePullBackOff', async () => {
    const f = c.file('typo.yaml', podYaml('typo', '  containers:\n  - name: c\n    image: nginxx\n'));
    await c.kubectl(['apply', '-f', f]);
    await waitStatus('typo', /^(ErrImagePull|ImagePullBackOff)$/);
    await waitStatus('typo', /^ImagePullBackOff$/);
    const d = await c.kubectl(['describe', 'pod', 'typo']);
    expect(d.stdout).toContain('Failed to pull image "nginxx"');
    expect(d.stdout).toContain('Back-off pulling image "nginxx"');
    await c.kubectl(['delete', 'pod', 'typo', '--wait=false']);
  });

  it('exit 1 crash-loops with growing RESTARTS', async () => {
    const f = c.file('crash.yaml', podYaml('crash', '  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "echo boom; exit 1"]\n'));
    await c.kubectl(['apply', '-f', f]);
    const row = await waitStatus('crash', /^CrashLoopBackOff$/);
    expect(Number((row[3] ?? '0').split(' ')[0])).toBeGreaterThanOrEqual(1);
    await sleep(3000); // 60 virtual seconds: more restarts
    const later = await c.kubectl(['get', 'pod', 'crash', '-o', 'jsonpath={.status.containerStatuses[0].restartCount}']);
    expect(Number(later.stdout)).toBeGreaterThanOrEqual(2);
    const logs = await c.kubectl(['logs', 'crash', '--previous']);
    expect(logs.stdout).toBe('boom\n');
    await c.kubectl(['delete', 'pod', 'crash', '--wait=false']);
  });

  it('restartPolicy Never and exit 0 show Completed; kubectl logs prints hi', async () => {
    const f = c.file('hi.yaml', podYaml('hi', '  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "echo hi"]\n'));
    await c.kubectl(['apply', '-f', f]);
    await waitStatus('hi', /^Completed$/);
    expect((await c.kubectl(['logs', 'hi'])).stdout).toBe('hi\n');
    expect((await c.kubectl(['get', 'pod', 'hi', '-o', 'jsonpath={.status.phase}'])).stdout).toBe('Succeeded');
  });

  it('delete is graceful: Terminating, then gone', async () => {
    const del = await c.kubectl(['delete', 'pod', 'nginx-pod']);
    expect(del.stdout).toBe('pod "nginx-pod" deleted\n');
    const gone = await c.kubectl(['get', 'pod', 'nginx-pod']);
    expect(gone.stderr).toBe('Error from server (NotFound): pods "nginx-pod" not found\n');
  });
});

describe('Deployments', () => {
  it('create, scale and set image roll out as upstream does', async () => {
    const create = await c.kubectl(['create', 'deployment', 'web', '--image=nginx', '--replicas=3']);
    expect(create.stdout).toBe('deployment.apps/web created\n');
    const status = await c.kubectl(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    expect(status.stdout).toContain('deployment "web" successfully rolled out');
    const get = await c.kubectl(['get', 'deployment', 'web', '--no-headers']);
    expect(get.stdout.trim().split(/\s{2,}/).slice(0, 4)).toEqual(['web', '3/3', '3', '3']);
    expect((await c.kubectl(['scale', 'deployment', 'web', '--replicas=5'])).stdout).toBe('deployment.apps/web scaled\n');
    await c.kubectl(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    expect((await c.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'name'])).stdout.trim().split('\n')).toHaveLength(5);
    expect((await c.kubectl(['set', 'image', 'deployment/web', 'nginx=nginx:1.27'])).stdout).toBe('deployment.apps/web image updated\n');
    const rolled = await c.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
    expect(rolled.stdout).toContain('deployment "web" successfully rolled out');
    const rs = await c.kubectl(['get', 'rs', '-l', 'app=web', '--no-headers']);
    const rows = rs.stdout.trim().split('\n').map((l) => l.split(/\s{2,}/));
    expect(rows.map((r) => r.slice(1, 4).join('/')).sort()).toEqual(['0/0/0', '5/5/5']);
    const images = await c.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.containers[0].image}']);
    expect(new Set(images.stdout.split(' '))).toEqual(new Set(['nginx:1.27']));
  });
});
