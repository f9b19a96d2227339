import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { Engine } from './Engine.ts';
import { injectFault } from './faults.ts';
import { kubectlApply } from './kubectl/kubectl.ts';

const POD = (name: string, node: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: ${node}
  containers:
    - name: c
      image: nginx
      resources:
        requests:
          cpu: 100m
`;

function setup() {
  const engine = new Engine();
  engine.clock.advanceBy(1000);
  const ctx = { send: engine.request.bind(engine), credentials: engine.credentialsFor('kubernetes-admin'), namespace: 'default' };
  const pod = (name: string): Pod => engine.request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}`, headers: { authorization: 'Bearer admin-token' } }).body as Pod;
  return { engine, apply: (text: string) => kubectlApply(ctx, 'pod.yaml', text), pod };
}

describe('injectFault', () => {
  it('records each fault in the trace, aimed at the node\'s kubelet', () => {
    const { engine } = setup();
    const before = engine.tracer.events.length;
    expect(injectFault(engine, { kind: 'kubelet', node: 'node-1', running: false })).toBeUndefined();
    // The cause first, then its effects (the kubelet's pod watch closing).
    expect(engine.tracer.events[before]).toMatchObject({ type: 'fault', target: 'kubelet/node-1', fault: { kind: 'kubelet', node: 'node-1', running: false } });
    expect(engine.nodes.kubelet('node-1')?.isRunning).toBe(false);
    injectFault(engine, { kind: 'kubelet', node: 'node-1', running: true });
    expect(engine.nodes.kubelet('node-1')?.isRunning).toBe(true);
  });

  it('refuses to name a node without a kubelet, and changes nothing', () => {
    const { engine } = setup();
    const before = engine.tracer.events.length;
    expect(injectFault(engine, { kind: 'fill', node: 'node-9', full: true })).toBe('no kubelet runs on a node named "node-9"');
    expect(engine.tracer.events.length).toBe(before);
  });

  it('a full node: its allocatable CPU is taken, so the kubelet rejects the next pod with OutOfcpu; freeing it admits pods again', () => {
    const { engine, apply, pod } = setup();
    injectFault(engine, { kind: 'fill', node: 'node-1', full: true });
    apply(POD('late', 'node-1'));
    engine.clock.advanceBy(2000);
    expect(pod('late').status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu' });
    expect(pod('late').status?.message).toMatch(/^Pod was rejected: Node didn't have enough resource: cpu, requested: 100, used: \d+, capacity: \d+$/);
    injectFault(engine, { kind: 'fill', node: 'node-1', full: false });
    apply(POD('later', 'node-1'));
    engine.clock.advanceBy(5000);
    expect(pod('later').status?.phase).toBe('Running');
  });

  it('an image outage: pulls fail until the registry serves the image again', () => {
    const { engine, apply, pod } = setup();
    injectFault(engine, { kind: 'image', image: 'nginx', available: false });
    apply(POD('web', 'node-2'));
    engine.clock.advanceBy(3000);
    expect(pod('web').status?.containerStatuses?.[0]?.state?.waiting?.reason).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    injectFault(engine, { kind: 'image', image: 'nginx', available: true });
    engine.clock.advanceBy(30_000);
    expect(pod('web').status?.phase).toBe('Running');
  });
});
