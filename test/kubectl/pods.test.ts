// The seed's commands with the real kubectl: apply, get (table, wide, yaml, json, selectors), watch, delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NGINX_POD_YAML } from '../../src/sim/scenario/defaultScenario.ts';
import { parseTable, startCluster, type Cluster } from './harness.ts';

let c: Cluster;
// Virtual time runs 20× faster than wall time so that image pulls take a fraction of a second.
beforeAll(async () => { c = await startCluster({ speed: 20 }); });
afterAll(async () => { await c.stop(); });

describe('kubectl apply / get / delete of the seed pod', () => {
  it('creates the pod, then reports it unchanged, then configured', async () => {
    const f = c.file('nginx-pod.yaml', NGINX_POD_YAML);
    const first = await c.kubectl(['apply', '-f', f]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('pod/nginx-pod created\n');
    const again = await c.kubectl(['apply', '-f', f]);
    expect(again.stdout).toBe('pod/nginx-pod unchanged\n');
    const changed = c.file('nginx-pod-2.yaml', NGINX_POD_YAML.replace('image: nginx', 'image: nginx:1.27'));
    const third = await c.kubectl(['apply', '-f', changed]);
    expect(third.stderr).toBe('');
    expect(third.stdout).toBe('pod/nginx-pod configured\n');
    const img = await c.kubectl(['get', 'pod', 'nginx-pod', '-o', 'jsonpath={.spec.containers[0].image}']);
    expect(img.stdout).toBe('nginx:1.27');
  });

  it('the scheduler and the kubelet take it to Running; the table has NAME READY STATUS RESTARTS AGE', async () => {
    const wait = await c.kubectl(['wait', '--for=condition=Ready', 'pod/nginx-pod', '--timeout=60s']);
    expect(wait.stdout).toBe('pod/nginx-pod condition met\n');
    const r = await c.kubectl(['get', 'pods']);
    expect(r.code).toBe(0);
    const rows = parseTable(r.stdout);
    expect(rows[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    // The image changed by the re-apply: the kubelet restarted the container once (as a real one does).
    expect(rows[1]?.slice(0, 3)).toEqual(['nginx-pod', '1/1', 'Running']);
    expect(rows[1]?.[4]).toMatch(/^\d+s$/);
    // kubectl's tabwriter pads columns with three spaces after the widest cell.
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME {8}READY {3}STATUS {4}RESTARTS {3}AGE$/);
  });

  it('-o wide adds IP, NODE, NOMINATED NODE and READINESS GATES', async () => {
    const r = await c.kubectl(['get', 'pods', '-o', 'wide']);
    const rows = parseTable(r.stdout);
    expect(rows[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(rows[1]?.[5]).toMatch(/^10\.244\.[12]\.\d+$/);
    expect(rows[1]?.[6]).toMatch(/^node-[12]$/);
    expect(rows[1]?.slice(7)).toEqual(['<none>', '<none>']);
  });

  it('-o yaml shows what the apiserver stored: defaults, uid, resourceVersion, Pending, BestEffort', async () => {
    const r = await c.kubectl(['get', 'pod', 'nginx-pod', '-o', 'yaml']);
    expect(r.stdout).toMatch(/^apiVersion: v1\nkind: Pod\n/);
    expect(r.stdout).toContain('  uid: ');
    expect(r.stdout).toMatch(/resourceVersion: "\d+"/);
    expect(r.stdout).toContain('  phase: Running');
    expect(r.stdout).toContain('  qosClass: BestEffort');
    expect(r.stdout).toMatch(/ {2}nodeName: node-[12]\n/);
    expect(r.stdout).toContain('  schedulerName: default-scheduler');
    expect(r.stdout).toContain('  serviceAccountName: default');
    expect(r.stdout).toContain('kubectl.kubernetes.io/last-applied-configuration');
  });

  it('-o json is the object as JSON', async () => {
    const r = await c.kubectl(['get', 'pod', 'nginx-pod', '-o', 'json']);
    const pod = JSON.parse(r.stdout) as { kind: string; spec: { restartPolicy: string; dnsPolicy: string; tolerations: { key: string; tolerationSeconds: number }[] } };
    expect(pod.kind).toBe('Pod');
    expect(pod.spec.restartPolicy).toBe('Always');
    expect(pod.spec.dnsPolicy).toBe('ClusterFirst');
    // DefaultTolerationSeconds admission adds these two.
    expect(pod.spec.tolerations.map((t) => `${t.key}=${t.tolerationSeconds}`)).toEqual([
      'node.kubernetes.io/not-ready=300', 'node.kubernetes.io/unreachable=300',
    ]);
  });

  it('filters by field selector and label selector', async () => {
    // A pod no node can hold stays Pending: the seed's `get pods --field-selector=status.phase=Pending`.
    const big = c.file('big.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "100"\n');
    expect((await c.kubectl(['apply', '-f', big])).stdout).toBe('pod/big created\n');
    const pending = await c.kubectl(['get', 'pods', '--field-selector=status.phase=Pending', '-o', 'name']);
    expect(pending.stdout).toBe('pod/big\n');
    const running = await c.kubectl(['get', 'pods', '--field-selector=status.phase=Running', '-o', 'name']);
    expect(running.stdout).toBe('pod/nginx-pod\n');
    await c.kubectl(['delete', 'pod', 'big']);
    const none = await c.kubectl(['get', 'pods', '-l', 'app=web']);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe('No resources found in default namespace.\n');
    const bad = await c.kubectl(['get', 'pods', '--field-selector=spec.foo=bar']);
    expect(bad.stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo\n');
  });

  it('get -w receives the changes as they happen', async () => {
    const watch = c.kubectl(['get', 'pods', '-w', '--request-timeout=3s']);
    await new Promise((r) => setTimeout(r, 1000));
    const label = await c.kubectl(['label', 'pod', 'nginx-pod', 'tier=web']);
    expect(label.stdout).toBe('pod/nginx-pod labeled\n');
    const r = await watch;
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.filter((l) => l.startsWith('nginx-pod')).length).toBeGreaterThanOrEqual(2);
  });

  it('reports NotFound, AlreadyExists and deletes', async () => {
    const nf = await c.kubectl(['get', 'pod', 'missing']);
    expect(nf.code).toBe(1);
    expect(nf.stderr).toBe('Error from server (NotFound): pods "missing" not found\n');
    const f = c.file('nginx-pod.yaml', NGINX_POD_YAML);
    const ae = await c.kubectl(['create', '-f', f]);
    expect(ae.stderr).toBe(`Error from server (AlreadyExists): error when creating "${f}": pods "nginx-pod" already exists\n`);
    // Graceful: the kubelet stops the container, then removes the pod; kubectl waits for it to be gone.
    const del = await c.kubectl(['delete', 'pod', 'nginx-pod']);
    expect(del.stdout).toBe('pod "nginx-pod" deleted\n');
    const gone = await c.kubectl(['get', 'pods']);
    expect(gone.stderr).toBe('No resources found in default namespace.\n');
  });
});
