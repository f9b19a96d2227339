// Scenario tests: a real Engine, the NodeManager's kubelets, pods bound as the scheduler would bind them.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { ApiError } from '../api/status.ts';
import { RES } from '../client/paths.ts';
import { harness, simplePod } from './testing.ts';

/** The distinct waiting reasons/messages of a pod's first container, sampled every 100ms for `ms`. */
function waitingSequence(h: ReturnType<typeof harness>, pod: string, ms: number): { reason: string; message: string }[] {
  const seen: { reason: string; message: string }[] = [];
  for (let t = 0; t < ms; t += 100) {
    h.engine.clock.advanceBy(100);
    const w = h.pod(pod).status?.containerStatuses?.[0]?.state?.waiting;
    const last = seen[seen.length - 1];
    if (w?.reason && (last?.reason !== w.reason)) seen.push({ reason: w.reason, message: w.message ?? '' });
  }
  return seen;
}

function eventCount(h: ReturnType<typeof harness>, pod: string, reason: string): number {
  return h.admin.list<KubeObject>(RES.events, 'default').items
    .filter((e) => (e.involvedObject as { name?: string }).name === pod && e.reason === reason)
    .reduce((n, e) => n + Number(e.count ?? 1), 0);
}

describe('kubelet scenario: nginx-pod', () => {
  it('goes Pending → Running with the events of a healthy pod', () => {
    const h = harness();
    h.run(simplePod('nginx-pod', { name: 'nginx', image: 'nginx' }));
    h.engine.clock.advanceBy(500);
    // Before the sandbox exists: Pending, ContainerCreating, no IP yet.
    let pod = h.pod('nginx-pod');
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(pod.status?.podIP).toBeUndefined();
    h.engine.clock.advanceBy(9_500);
    pod = h.pod('nginx-pod');
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.podIP).toBe('10.244.1.2'); // host-local IPAM: first address after the bridge's .1
    expect(pod.status?.hostIP).toBe('192.168.49.3');
    // v1.32 order: the kubelet's conditions, then PodScheduled (set at binding).
    expect(pod.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    const cs = pod.status?.containerStatuses?.[0];
    expect(cs).toMatchObject({ name: 'nginx', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:latest' });
    expect(cs?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs?.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    const events = h.events('nginx-pod');
    expect(events[0]).toBe('Pulling: Pulling image "nginx"');
    // image_manager.go v1.32: "Successfully pulled image %q in %v (%v including waiting). Image size: %v bytes."
    expect(events[1]).toMatch(/^Pulled: Successfully pulled image "nginx" in \d\.\d+s \(\d\.\d+s including waiting\)\. Image size: 72099410 bytes\.$/);
    // kuberuntime_container.go v1.32: "Created container: %v", "Started container %v".
    expect(events.slice(2)).toEqual(['Created: Created container: nginx', 'Started: Started container nginx']);
  });

  it('serves the container log through pods/log and crictl shows it', () => {
    const h = harness();
    h.run(simplePod('nginx-pod', { name: 'nginx', image: 'nginx' }));
    h.engine.clock.advanceBy(10_000);
    const log = h.nodes.podLogs(h.pod('nginx-pod') as KubeObject, 'nginx', { previous: false });
    expect(log.split('\n')[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(log).toContain('[notice] 1#1: start worker process 32\n'); // one worker per CPU of a 4-CPU node
    expect(h.nodes.podLogs(h.pod('nginx-pod') as KubeObject, 'nginx', { previous: false, tailLines: 1 })).toMatch(/start worker process 32\n$/);
    expect(h.nodes.crictl('node-1', 'ps')).toMatch(/^CONTAINER {11}IMAGE {15}CREATED {13}STATE {15}NAME {16}ATTEMPT {13}POD ID {14}POD {17}NAMESPACE\n[0-9a-f]{13} {7}[0-9a-f]{13} {7}\d seconds ago {7}Running {13}nginx {15}0 {19}[0-9a-f]{13} {7}nginx-pod {11}default\n$/);
  });
});

describe('kubelet scenario: failures', () => {
  it('an unknown image: ErrImagePull, then ImagePullBackOff, pulls retried with a doubling back-off', () => {
    const h = harness();
    h.run(simplePod('bad', { name: 'web', image: 'nginxx' }));
    const seq = waitingSequence(h, 'bad', 3_200);
    expect(seq).toEqual([
      { reason: 'ContainerCreating', message: '' },
      { reason: 'ErrImagePull', message: 'failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed' },
      { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginxx"' },
    ]);
    const events = h.events('bad');
    expect(events).toContain('Failed: Failed to pull image "nginxx": failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
    expect(events).toContain('Failed: Error: ErrImagePull');
    expect(events).toContain('BackOff: Back-off pulling image "nginxx"');
    expect(events).toContain('Failed: Error: ImagePullBackOff');
    // Pulls at ~0.7s, then after 10s, 20s, 40s, 80s windows: 5 pulls within 3 minutes.
    h.engine.clock.advanceBy(180_000 - 3_200);
    expect(eventCount(h, 'bad', 'Pulling')).toBe(5);
    expect(() => h.nodes.podLogs(h.pod('bad') as KubeObject, 'web', { previous: false })).toThrow('container "web" in pod "bad" is waiting to start');
  });

  it('exit 1 crash-loops: restarts after 0s, 10s, 20s, 40s … with CrashLoopBackOff and lastState', () => {
    const h = harness();
    h.run(simplePod('crash', { name: 'c', image: 'busybox:1.37', command: ['sh', '-c', 'echo boom; exit 1'] }));
    h.engine.clock.advanceBy(5_000);
    let cs = h.pod('crash').status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(1);
    expect(cs?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs?.state?.waiting?.message).toBe(`back-off 10s restarting failed container=c pod=crash_default(${h.pod('crash').metadata?.uid ?? ''})`);
    expect(cs?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(h.pod('crash').status?.phase).toBe('Running');
    h.engine.clock.advanceBy(75_000); // t=80s: restarts at ~1s, ~2s, ~12s, ~33s, ~73s
    cs = h.pod('crash').status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(4);
    expect(h.events('crash')).toContain(`BackOff: Back-off restarting failed container c in pod crash_default(${h.pod('crash').metadata?.uid ?? ''})`);
    expect(h.nodes.podLogs(h.pod('crash') as KubeObject, 'c', { previous: true })).toBe('boom\n');
    // busybox:1.37 is IfNotPresent: pulled once, then "already present".
    expect(eventCount(h, 'crash', 'Pulling')).toBe(1);
    expect(h.events('crash')).toContain('Pulled: Container image "busybox:1.37" already present on machine');
  });

  it('restartPolicy Never, exit 0: Completed and phase Succeeded; `echo hi` is the log', () => {
    const h = harness();
    h.run(simplePod('once', { name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hi'] }, { restartPolicy: 'Never' }));
    h.engine.clock.advanceBy(5_000);
    const pod = h.pod('once');
    expect(pod.status?.phase).toBe('Succeeded');
    expect(pod.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(h.nodes.podLogs(pod as KubeObject, 'c', { previous: false })).toBe('hi\n');
  });

  it('restartPolicy Never, exit 3: phase Failed', () => {
    const h = harness();
    h.run(simplePod('fail', { name: 'c', image: 'alpine', command: ['/bin/sh', '-c', 'nope'] }, { restartPolicy: 'Never' }));
    h.engine.clock.advanceBy(5_000);
    const pod = h.pod('fail');
    expect(pod.status?.phase).toBe('Failed');
    expect(pod.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 127, reason: 'Error' });
    expect(h.nodes.podLogs(pod as KubeObject, 'c', { previous: false })).toBe('sh: nope: not found\n');
  });

  it('runs init containers in order before the app container', () => {
    const h = harness();
    h.run(simplePod('init', { name: 'app', image: 'busybox:1.37', command: ['sleep', 'infinity'] }, {
      initContainers: [
        { name: 'first', image: 'busybox:1.37', command: ['sh', '-c', 'sleep 2; echo one'] },
        { name: 'second', image: 'busybox:1.37', command: ['sh', '-c', 'echo two'] },
      ],
    }));
    h.engine.clock.advanceBy(2_000);
    let pod = h.pod('init');
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [first second]' });
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    h.engine.clock.advanceBy(8_000);
    pod = h.pod('init');
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.initContainerStatuses?.map((s) => s.state?.terminated?.reason)).toEqual(['Completed', 'Completed']);
    const order = h.events('init').filter((e) => e.startsWith('Started'));
    expect(order).toEqual(['Started: Started container first', 'Started: Started container second', 'Started: Started container app']);
  });

  it('rejects a pod that does not fit what is left of allocatable: OutOfcpu, phase Failed', () => {
    const h = harness();
    h.run(simplePod('big', { name: 'c', image: 'nginx', resources: { requests: { cpu: '100' } } }));
    h.engine.clock.advanceBy(1_000);
    const pod = h.pod('big');
    // lifecycle/predicate.go: reason OutOf<resource>, message "Pod was rejected: " + InsufficientResourceError
    expect(pod.status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 100000, used: 0, capacity: 4000" });
    expect(h.events('big')).toEqual(["OutOfcpu: Node didn't have enough resource: cpu, requested: 100000, used: 0, capacity: 4000"]);
  });

  it('a filled node (hidden reservation) rejects with OutOfmemory', () => {
    const h = harness();
    h.nodes.fillNode('node-1', { memory: '8Gi' });
    h.run(simplePod('mem', { name: 'c', image: 'nginx', resources: { requests: { memory: '64Mi' } } }));
    h.engine.clock.advanceBy(1_000);
    expect(h.pod('mem').status?.reason).toBe('OutOfmemory');
  });

  it('rejects a pod whose nodeSelector the node does not match', () => {
    const h = harness();
    h.run(simplePod('sel', { name: 'c', image: 'nginx' }, { nodeSelector: { disk: 'ssd' } }));
    h.engine.clock.advanceBy(1_000);
    expect(h.pod('sel').status).toMatchObject({ phase: 'Failed', reason: 'NodeAffinity', message: "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector" });
  });
});

describe('kubelet scenario: graceful deletion', () => {
  it('Killing, SIGTERM, then DELETE with grace 0 once the container exited', () => {
    const h = harness();
    h.run(simplePod('nginx-pod', { name: 'nginx', image: 'nginx' }));
    h.engine.clock.advanceBy(10_000);
    h.admin.delete(RES.pods, 'default', 'nginx-pod');
    h.engine.clock.advanceBy(100);
    expect(h.pod('nginx-pod').metadata?.deletionTimestamp).toBeDefined(); // Terminating
    expect(h.events('nginx-pod')).toContain('Killing: Stopping container nginx');
    h.engine.clock.advanceBy(3_000);
    expect(() => h.pod('nginx-pod')).toThrow(ApiError);
    const del = h.engine.tracer.events.find((e) => e.type === 'request' && e.method === 'DELETE' && e.from === 'kubelet/node-1');
    expect(del).toBeDefined();
    expect(h.nodes.crictl('node-1', 'pods')).toBe('POD ID              CREATED             STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME\n');
  });

  it('a shell as PID 1 ignores SIGTERM: the pod goes at the end of the grace period (SIGKILL)', () => {
    const h = harness();
    h.run(simplePod('sleeper', { name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 3600'] }, { terminationGracePeriodSeconds: 5 }));
    h.engine.clock.advanceBy(5_000);
    h.admin.delete(RES.pods, 'default', 'sleeper');
    h.engine.clock.advanceBy(4_000);
    expect(h.pod('sleeper').metadata?.deletionTimestamp).toBeDefined();
    h.engine.clock.advanceBy(3_000);
    expect(() => h.pod('sleeper')).toThrow(ApiError);
  });
});

describe('kubelet scenario: nodes', () => {
  it('renews its Lease every 10s as system:node:<name>; a stopped kubelet stops renewing', () => {
    const h = harness();
    const renew = (): string => String((h.admin.get(RES.leases, 'kube-node-lease', 'node-1').spec as { renewTime?: string }).renewTime);
    expect(h.admin.get(RES.leases, 'kube-node-lease', 'node-1').spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
    h.engine.clock.advanceBy(10_000);
    expect(renew()).toBe('2026-01-15T09:00:10.000000Z');
    h.nodes.setKubeletRunning('node-1', false);
    h.engine.clock.advanceBy(30_000);
    expect(renew()).toBe('2026-01-15T09:00:10.000000Z');
    h.nodes.setKubeletRunning('node-1', true);
    h.engine.clock.advanceBy(1);
    expect(renew()).toBe('2026-01-15T09:00:40.100000Z'); // renewed at once on start (the harness began at t=0.1s)
  });

  it('a Node created through the API gets a kubelet that keeps its capacity and fills the rest of its status', () => {
    const h = harness();
    h.admin.create(RES.nodes, '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'big-1', labels: { disk: 'ssd' } }, spec: { podCIDR: '10.244.9.0/24' }, status: { capacity: { cpu: '64', memory: '256Gi', pods: '250' }, allocatable: { cpu: '63', memory: '250Gi', pods: '250' } } });
    h.engine.clock.advanceBy(1_000);
    const node = h.admin.get<KubeObject & { status: { allocatable: Record<string, string>; conditions: { type: string; status: string }[]; nodeInfo: { kubeletVersion: string } } }>(RES.nodes, '', 'big-1');
    expect(node.status.allocatable).toEqual({ cpu: '63', memory: '250Gi', pods: '250' });
    expect(node.status.conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
    expect(node.status.nodeInfo.kubeletVersion).toBe('v1.32.4');
    h.run(simplePod('p', { name: 'c', image: 'nginx', resources: { requests: { cpu: '32' } } }, { nodeSelector: { disk: 'ssd' } }), 'big-1');
    h.engine.clock.advanceBy(10_000);
    expect(h.pod('p').status?.phase).toBe('Running');
    expect(h.pod('p').status?.podIP).toBe('10.244.9.2');
    h.admin.delete(RES.nodes, '', 'big-1');
    h.engine.clock.advanceBy(100);
    expect(h.nodes.kubelet('big-1')).toBeUndefined();
  });

  it('a registry outage for one image fails its pulls with 503 until restored', () => {
    const h = harness();
    h.nodes.setImageUnavailable('redis', true);
    h.run(simplePod('r', { name: 'redis', image: 'redis' }));
    expect(waitingSequence(h, 'r', 1_500)[1]?.message).toBe('failed to pull and unpack image "docker.io/library/redis:latest": failed to resolve reference "docker.io/library/redis:latest": unexpected status from HEAD request to https://registry-1.docker.io/v2/library/redis/manifests/latest: 503 Service Unavailable');
    h.nodes.setImageUnavailable('redis', false);
    h.engine.clock.advanceBy(15_000);
    expect(h.pod('r').status?.phase).toBe('Running');
  });
});
