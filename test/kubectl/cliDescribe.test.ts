// `kubectl describe` and `kubectl get -w` in the terminal against the real kubectl v1.32 on the same engine.
// describe computes ages on the client from its own clock, so here the engine's clock is kept on wall time: the
// engine starts 30 s in the past, and each comparison starts just after a wall-clock second begins, with the
// engine moved to that instant, so both sides read the same whole seconds.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter, type Adapter } from '../../server/adapter.ts';
import { Engine } from '../../src/sim/Engine.ts';
import type { KubectlLine } from '../../src/sim/kubectl/kubectl.ts';
import { initialShellState, runCommandLine } from '../../src/sim/cli/shell.ts';
import { NGINX_POD_YAML } from '../../src/sim/scenario/defaultScenario.ts';
import { KUBECTL, startCluster, type Cluster } from './harness.ts';

const pod = (name: string, extra: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n${extra}`;
const files = [
  { name: 'nginx-pod.yaml', content: NGINX_POD_YAML },
  { name: 'big.yaml', content: pod('big', '    image: nginx\n    resources:\n      requests:\n        cpu: "100"\n') },
  { name: 'bad.yaml', content: pod('bad', '    image: nginx:no-such-tag\n') },
];
const USER = 'kubernetes-admin';

interface Outcome { stdout: string; stderr: string; code: number }

function ours(engine: Engine, args: string[]): Outcome {
  const r = runCommandLine({ engine, user: USER, files }, initialShellState(), `kubectl ${args.map((a) => `'${a}'`).join(' ')}`);
  const text = (s: string): string => r.lines.filter((l) => l.stream === s).map((l) => `${l.text}\n`).join('');
  return { stdout: text('stdout'), stderr: text('stderr'), code: r.exitCode };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('kubectl describe prints what kubectl v1.32 prints', () => {
  const BEHIND = 30_000;
  let engine: Engine;
  let adapter: Adapter;
  let port = 0;
  let dir = '';
  const real = (args: string[]): Promise<Outcome> => new Promise((resolve) => {
    execFile(KUBECTL, ['--server', `http://127.0.0.1:${port}`, '--cache-dir', join(dir, 'cache'), ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: join(dir, 'kubeconfig') }, timeout: 30_000,
    }, (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? Number((err as { code?: unknown }).code ?? 1) : 0 }));
  });
  /** Both runs inside one wall-clock second, with the engine's clock at its start. */
  async function same(args: string[]): Promise<Outcome> {
    await sleep(1000 - (Date.now() % 1000) + 20);
    engine.clock.advanceTo(Date.now() - (engine.clock.wallMs() - engine.clock.now()));
    const r = await real(args);
    expect(ours(engine, args), `kubectl ${args.join(' ')}`).toEqual(r);
    return r;
  }

  beforeAll(async () => {
    engine = new Engine(undefined, { record: false, epochMs: Date.now() - BEHIND });
    adapter = createAdapter({ engine, user: USER, speed: 1e-6 });
    port = await adapter.listen(0);
    dir = mkdtempSync(join(tmpdir(), 'kubectl-describe-'));
    writeFileSync(join(dir, 'kubeconfig'), '');
    for (const f of files) expect(ours(engine, ['apply', '-f', f.name]).code).toBe(0);
    engine.clock.advanceTo(BEHIND - 2000);
    await real(['api-resources']); // warms kubectl's discovery cache, so later runs are quick
  });
  afterAll(async () => { await adapter.close(); });

  it('a Running pod: Scheduled, Pulling, Pulled, Created, Started', async () => {
    const r = await same(['describe', 'pod', 'nginx-pod']);
    expect(r.stdout).toMatch(/\nEvents:\n {2}Type {4}Reason {5}Age {3}From {15}Message\n/);
    expect(r.stdout).toContain('Normal  Started    ');
  });

  it('a pending 100-CPU pod with FailedScheduling, and an ErrImagePull pod with counted events', async () => {
    expect((await same(['describe', 'pod', 'big'])).stdout).toContain('Warning  FailedScheduling');
    expect((await same(['describe', 'po', 'bad'])).stdout).toMatch(/Warning {2}Failed {5}\S+ \(x\d+ over \d+s\)/);
  });

  it('all pods (blank lines between), a prefix, -n, a missing pod, --show-events=false', async () => {
    await same(['describe', 'pods']);
    await same(['describe', 'pod', 'ngi']);
    await same(['describe', 'pods', '-n', 'kube-system']);
    await same(['describe', 'pod', 'missing']);
    await same(['describe', 'pod/nginx-pod', '--show-events=false']);
    await same(['describe', 'pods', '-l', 'x=y']);
    await same(['describe']);
  });

  it('nodes: a worker with its pod, every node, and as alice (Forbidden)', async () => {
    await same(['describe', 'node', 'node-1']);
    await same(['describe', 'nodes']);
    await same(['describe', 'node', 'node-1', '--as', 'alice']);
    await same(['describe', 'pod', 'nginx-pod', '--as', 'alice']);
  });
});

describe('kubectl get -w prints what kubectl v1.32 prints', () => {
  let c: Cluster;
  beforeAll(async () => { c = await startCluster({ speed: 1e-6 }); });
  afterAll(async () => { await c.stop(); });

  /** Starts the real `kubectl ARGS` and ours side by side, runs `act`, moves time, then interrupts both. */
  async function watchBoth(args: string[], act: () => void, ms: number): Promise<{ real: string; mine: string }> {
    const child = spawn(KUBECTL, ['--server', `http://127.0.0.1:${c.port}`, '--cache-dir', join(c.dir, 'cache'), '-v=6', ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: c.dir, KUBECONFIG: join(c.dir, 'kubeconfig') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    for (let i = 0; i < 200 && !stderr.includes('watch=true'); i++) await sleep(50);
    expect(stderr).toContain('watch=true');
    const streamed: KubectlLine[] = [];
    const r = runCommandLine({ engine: c.engine, user: USER, files, stream: (l) => { streamed.push(...l); } }, initialShellState(), `kubectl ${args.join(' ')}`);
    act();
    for (let t = 0; t < ms; t += 250) {
      c.engine.clock.advanceTo(c.engine.clock.now() + 250);
      await sleep(20);
    }
    await sleep(300);
    child.kill('SIGINT');
    r.running?.stop();
    await new Promise((res) => child.once('exit', res));
    const mine = [...r.lines, ...streamed].filter((l) => l.stream === 'stdout').map((l) => `${l.text}\n`).join('');
    return { real: stdout, mine };
  }

  it('get pods -w: nothing for the empty list, then Pending, Pending, ContainerCreating, Running', async () => {
    const { real, mine } = await watchBoth(['get', 'pods', '-w'], () => { ours(c.engine, ['apply', '-f', 'nginx-pod.yaml']); }, 8000);
    expect(mine).toBe(real);
    expect(real).toMatch(/^NAME {8}READY {3}STATUS {4}RESTARTS {3}AGE\nnginx-pod {3}0\/1 {5}Pending {3}0 {10}0s\n/);
    expect(real).toMatch(/\nnginx-pod {3}1\/1 {5}Running {13}0 {10}\d+s\n$/);
  });

  it('--output-watch-events on an existing pod through its deletion; one named pod', async () => {
    const a = await watchBoth(['get', 'pods', '-w', '--output-watch-events'], () => { ours(c.engine, ['delete', 'pod', 'nginx-pod']); }, 40_000);
    expect(a.mine).toBe(a.real);
    expect(a.real).toMatch(/\nDELETED {4}nginx-pod /);
    ours(c.engine, ['apply', '-f', 'nginx-pod.yaml']);
    c.engine.clock.advanceTo(c.engine.clock.now() + 1000);
    const b = await watchBoth(['get', 'pods', 'nginx-pod', '-w'], () => undefined, 5000);
    expect(b.mine).toBe(b.real);
  });
});
