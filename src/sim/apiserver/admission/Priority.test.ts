import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { Priority } from './Priority.ts';
import { MemoryReader, RecordingContext, attrsFor, caughtApiError, nginxPod } from './testing.ts';

const pc = (name: string, value: number, more: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, preemptionPolicy: 'PreemptLowerPriority', ...more });

function podWith(spec: Partial<NonNullable<Pod['spec']>>): Pod {
  const pod = nginxPod() as Pod;
  Object.assign(pod.spec!, spec);
  return pod;
}

function admit(pod: Pod, store = new MemoryReader()): Pod {
  const attrs = attrsFor('pods', 'CREATE', pod);
  new Priority().admit(attrs, new RecordingContext(store));
  return attrs.object as Pod;
}

describe('Priority (mutating)', () => {
  it('gives a pod without a class priority 0 and PreemptLowerPriority when no default class exists', () => {
    const spec = admit(nginxPod() as Pod).spec!;
    expect(spec.priority).toBe(0);
    expect(spec.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(spec.priorityClassName).toBeUndefined();
  });

  it('resolves the built-in system classes (2000000000 and 2000001000)', () => {
    expect(admit(podWith({ priorityClassName: 'system-cluster-critical' })).spec?.priority).toBe(2000000000);
    expect(admit(podWith({ priorityClassName: 'system-node-critical' })).spec?.priority).toBe(2000001000);
  });

  it('resolves a stored class, with its preemption policy', () => {
    const store = new MemoryReader().add('scheduling.k8s.io', 'priorityclasses', pc('batch-low', 100, { preemptionPolicy: 'Never' }));
    const spec = admit(podWith({ priorityClassName: 'batch-low' }), store).spec!;
    expect(spec.priority).toBe(100);
    expect(spec.preemptionPolicy).toBe('Never');
  });

  it('applies the globalDefault class (the lowest value if several) and records its name', () => {
    const store = new MemoryReader()
      .add('scheduling.k8s.io', 'priorityclasses', pc('high-default', 1000, { globalDefault: true }))
      .add('scheduling.k8s.io', 'priorityclasses', pc('low-default', 10, { globalDefault: true }));
    const spec = admit(nginxPod() as Pod, store).spec!;
    expect(spec.priorityClassName).toBe('low-default');
    expect(spec.priority).toBe(10);
  });

  it('rejects an unknown class with the upstream text', () => {
    const err = caughtApiError(() => admit(podWith({ priorityClassName: 'foo' })));
    expect(err.status.message).toBe('pods "nginx" is forbidden: no PriorityClass with name foo was found');
    expect(err.status.code).toBe(403);
  });

  it('rejects a pod that sets a different integer priority', () => {
    const err = caughtApiError(() => admit(podWith({ priority: 5 })));
    expect(err.status.message).toBe('pods "nginx" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name');
  });

  it('rejects a preemption policy that contradicts the class', () => {
    const store = new MemoryReader().add('scheduling.k8s.io', 'priorityclasses', pc('never', 1, { preemptionPolicy: 'Never' }));
    const err = caughtApiError(() => admit(podWith({ priorityClassName: 'never', preemptionPolicy: 'PreemptLowerPriority' }), store));
    expect(err.status.message).toBe('pods "nginx" is forbidden: the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name');
  });

  it('keeps the create-time values on an update that drops them', () => {
    const old = podWith({ priority: 7, preemptionPolicy: 'Never' });
    const attrs = attrsFor('pods', 'UPDATE', nginxPod(), { oldObject: old as KubeObject });
    new Priority().admit(attrs, new RecordingContext());
    expect((attrs.object as Pod).spec).toMatchObject({ priority: 7, preemptionPolicy: 'Never' });
  });
});

describe('Priority (validating)', () => {
  const store = new MemoryReader().add('scheduling.k8s.io', 'priorityclasses', pc('default-one', 5, { globalDefault: true }));
  const ctx = new RecordingContext(store);

  it('allows only one globalDefault class', () => {
    const err = caughtApiError(() => new Priority().validate(attrsFor('priorityclasses', 'CREATE', pc('another', 9, { globalDefault: true })), ctx));
    expect(err.status.message).toBe('priorityclasses.scheduling.k8s.io "another" is forbidden: PriorityClass default-one is already marked as default. Only one default can exist');
  });

  it('lets the default class itself be updated', () => {
    const obj = pc('default-one', 6, { globalDefault: true });
    expect(() => new Priority().validate(attrsFor('priorityclasses', 'UPDATE', obj, { oldObject: obj }), ctx)).not.toThrow();
  });
});
