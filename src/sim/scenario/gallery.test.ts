// Each gallery story, run headless: its steps applied with kubectl as the UI does, and the outcome it promises.
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Engine } from '../Engine.ts';
import { kubectlApply } from '../kubectl/kubectl.ts';
import { aliceDeniedScenario, bigPodScenario, crashLoopScenario, deploymentScenario, errImagePullScenario } from './gallery.ts';
import type { Scenario } from './types.ts';

function run(scenario: Scenario, ms = 60_000): { engine: Engine; output: string[] } {
  const engine = new Engine(scenario, { record: false });
  engine.clock.advanceBy(1000);
  const output: string[] = [];
  for (const step of scenario.steps ?? []) {
    const file = scenario.files.find((f) => f.name === step.file);
    if (!file) throw new Error(`no file ${step.file}`);
    const r = kubectlApply({ send: (req) => engine.request(req), credentials: engine.credentialsFor(step.user), namespace: 'default' }, file.name, file.content);
    output.push(...r.lines.map((l) => l.text));
    engine.clock.advanceBy(2000);
  }
  engine.clock.advanceBy(ms);
  return { engine, output };
}

function pods(engine: Engine): Pod[] {
  return engine.etcd.range('/registry/pods/default/', { prefix: true }).kvs.map((kv) => JSON.parse(kv.value) as Pod);
}

function eventReasons(engine: Engine, name: string): string[] {
  return engine.etcd.range(`/registry/events/default/${name}.`, { prefix: true }).kvs.map((kv) => (JSON.parse(kv.value) as { reason: string }).reason);
}

describe('gallery stories', () => {
  it('alice is denied with the 403, the admin fixes the Role, and alice creates the pod', () => {
    const { output } = run(aliceDeniedScenario, 1000);
    expect(output).toEqual([
      'Error from server (Forbidden): error when creating "nginx-pod.yaml": pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"',
      'role.rbac.authorization.k8s.io/pod-reader configured',
      'pod/nginx-pod created',
    ]);
  });

  it('a pod asking 100 CPUs stays Pending with the scheduler\'s FitError', () => {
    const { engine } = run(bigPodScenario, 5000);
    const [pod] = pods(engine);
    expect(pod?.status?.phase).toBe('Pending');
    // pkg/scheduler/framework/types.go FitError.Error, with DefaultPreemption's post-filter message.
    expect(pod?.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('a mistyped image goes from ErrImagePull to ImagePullBackOff', () => {
    const { engine } = run(errImagePullScenario, 20_000);
    expect(pods(engine)[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
    expect(eventReasons(engine, 'typo-pod')).toEqual(['Scheduled', 'Pulling', 'Failed', 'Failed', 'BackOff', 'Failed']);
  });

  it('a container that exits 1 ends in CrashLoopBackOff', () => {
    const { engine } = run(crashLoopScenario, 30_000);
    const status = pods(engine)[0]?.status?.containerStatuses?.[0];
    expect(status?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(status?.restartCount).toBeGreaterThanOrEqual(1);
  });

  it('a Deployment of 3 replicas runs 3 pods', () => {
    const { engine } = run(deploymentScenario, 15_000);
    expect(pods(engine).map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running']);
  });
});
