// The terminal's kubectl against the real kubectl v1.32, on the same engine state: same stdout, stderr and exit
// code. The adapter's clock is nearly stopped (speed 1e-6) and the test moves time itself, so that both runs see
// the same AGE cells.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialShellState, runCommandLine, type ShellState } from '../../src/sim/cli/shell.ts';
import { NGINX_POD_YAML } from '../../src/sim/scenario/defaultScenario.ts';
import { startCluster, type Cluster } from './harness.ts';

const BIG_POD_YAML = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "100"\n';

let c: Cluster;
let state: ShellState = initialShellState();
const files = [{ name: 'nginx-pod.yaml', content: NGINX_POD_YAML }, { name: 'big.yaml', content: BIG_POD_YAML }];

beforeAll(async () => {
  c = await startCluster({ speed: 1e-6 });
});
afterAll(async () => { await c.stop(); });

interface Outcome { stdout: string; stderr: string; code: number }

/** Our shell's answer to `kubectl ARGS` (as the adapter's user), in the real kubectl's stream shape. */
function ours(args: string[]): Outcome {
  const line = `kubectl ${args.map((a) => `'${a}'`).join(' ')}`;
  const r = runCommandLine({ engine: c.engine, user: 'kubernetes-admin', files }, state, line);
  state = r.state;
  const text = (s: string): string => r.lines.filter((l) => l.stream === s).map((l) => `${l.text}\n`).join('');
  return { stdout: text('stdout'), stderr: text('stderr'), code: r.exitCode };
}

async function same(args: string[]): Promise<Outcome> {
  const real = await c.kubectl(args);
  const mine = ours(args);
  expect(mine, `kubectl ${args.join(' ')}`).toEqual(real);
  return real;
}

describe('the terminal prints what kubectl v1.32 prints', () => {
  it('on an empty namespace: "No resources found in default namespace." on stderr, exit 0', async () => {
    const r = await same(['get', 'pods']);
    expect(r.stderr).toBe('No resources found in default namespace.\n');
  });

  it('after apply: get pods, -o wide, -o name, -A, NAME -o yaml / -o json, get nodes, two types', async () => {
    expect(ours(['apply', '-f', 'nginx-pod.yaml']).stdout).toBe('pod/nginx-pod created\n');
    expect(ours(['apply', '-f', 'big.yaml']).stdout).toBe('pod/big created\n');
    c.engine.clock.advanceTo(c.engine.clock.now() + 30_000);
    const table = await same(['get', 'pods']);
    expect(table.stdout).toMatch(/^NAME {8}READY {3}STATUS {4}RESTARTS {3}AGE\n/);
    await same(['get', 'pods', '-o', 'wide']);
    await same(['get', 'pods', '-o', 'name']);
    await same(['get', 'pods', '-A']);
    await same(['get', 'pods', 'nginx-pod', '-o', 'yaml']);
    await same(['get', 'pods', 'nginx-pod', '-o', 'json']);
    await same(['get', 'pods', '-o', 'json']);
    await same(['get', 'nodes']);
    await same(['get', 'nodes', '-o', 'wide']);
    await same(['get', 'pods,nodes']);
    await same(['get', 'pod/nginx-pod', 'node/node-1']);
    await same(['get', 'ns', '--show-labels']);
    await same(['get', 'pods', '--no-headers']);
    await same(['get', 'events']);
    await same(['get', 'roles,rolebindings', '-o', 'wide']);
  });

  it('--field-selector=status.phase=Pending lists the pod no node can hold', async () => {
    const r = await same(['get', 'pods', '--field-selector=status.phase=Pending']);
    expect(r.stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nbig +0\/1 +Pending +0 +\d+s\n$/);
    await same(['get', 'pods', '--field-selector', 'status.phase=Running', '-o', 'name']);
  });

  it('auth can-i and whoami, with --as impersonation', async () => {
    expect((await same(['auth', 'can-i', 'create', 'pods', '--as', 'alice'])).stdout).toBe('no\n');
    expect((await same(['auth', 'can-i', 'list', 'pods', '--as', 'alice'])).code).toBe(0);
    await same(['auth', 'can-i', 'list', 'nodes', '--as', 'alice']);
    await same(['auth', 'can-i', 'create', 'foo']);
    await same(['auth', 'can-i', 'get', '/healthz']);
    await same(['auth', 'whoami']);
    await same(['auth', 'whoami', '--as', 'alice']);
  });

  it('errors: NotFound, Forbidden, unknown type, bad output format, unknown flag, missing type', async () => {
    expect((await same(['get', 'pod', 'missing'])).stderr).toBe('Error from server (NotFound): pods "missing" not found\n');
    await same(['get', 'pod', 'nginx-pod', 'missing']);
    expect((await same(['get', 'pods', '-n', 'kube-system', '--as', 'alice'])).stderr)
      .toBe('Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "kube-system"\n');
    await same(['get', 'nodes', '--as', 'alice']);
    await same(['get', 'foo']);
    await same(['get', 'pods', '-o', 'foo']);
    await same(['get', 'pods', '--bogus']);
    await same(['get', 'pods', '-x']);
    await same(['get']);
    await same(['get', 'pods', '-l', 'app=web']);
    await same(['get', 'nodes', '-l', 'x=y']);
    await same(['get', '--raw', '/api/v1/namespaces/default/pods/missing']);
    await same(['delete', 'pod', 'missing']);
    await same(['delete', 'pod']);
  });

  it('logs, api-resources and the server version', async () => {
    await same(['logs', 'nginx-pod']);
    await same(['logs', 'missing']);
    await same(['logs', 'nginx-pod', '-c', 'foo']);
    await same(['logs', 'nginx-pod', '--previous']);
    await same(['api-resources']);
    const real = await c.kubectl(['version']);
    // The machine's kubectl build says "v1.32.4-dispatcher"; the server line is the engine's.
    expect(ours(['version']).stdout.split('\n').slice(2)).toEqual(real.stdout.split('\n').slice(2));
  });
});
