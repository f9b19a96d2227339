import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { LimitRanger } from './LimitRanger.ts';
import { MemoryReader, RecordingContext, attrsFor, caughtApiError, nginxPod } from './testing.ts';

const limitRange = (name: string, limits: unknown[]): KubeObject =>
  ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace: 'default' }, spec: { limits } });

function storeWith(...ranges: KubeObject[]): MemoryReader {
  const store = new MemoryReader();
  for (const r of ranges) store.add('', 'limitranges', r);
  return store;
}

function admitAndValidate(pod: object, store: MemoryReader): Pod {
  const plugin = new LimitRanger();
  const attrs = attrsFor('pods', 'CREATE', pod);
  const ctx = new RecordingContext(store);
  expect(plugin.handles(attrs)).toBe(true);
  plugin.admit(attrs, ctx);
  plugin.validate(attrs, ctx);
  return attrs.object as Pod;
}

const defaults = limitRange('defaults', [{
  type: 'Container',
  default: { cpu: '500m', memory: '512Mi' },
  defaultRequest: { cpu: '0.25', memory: '256Mi' },
}]);

describe('LimitRanger (mutating)', () => {
  it('applies default requests and limits and writes the kubernetes.io/limit-ranger annotation', () => {
    const pod = admitAndValidate(nginxPod(), storeWith(defaults));
    expect(pod.spec?.containers[0]?.resources).toEqual({
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    // upstream mergeContainerResources: "<sorted names> request for container <name>", then the limits
    expect(pod.metadata?.annotations?.['kubernetes.io/limit-ranger'])
      .toBe('LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx');
  });

  it('only fills what is missing, and labels init containers', () => {
    const pod = nginxPod() as Pod;
    pod.spec!.containers[0]!.resources = { requests: { cpu: '100m' }, limits: { memory: '1Gi' } };
    pod.spec!.initContainers = [{ name: 'setup', image: 'busybox' }];
    const out = admitAndValidate(pod, storeWith(defaults));
    expect(out.spec?.containers[0]?.resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '1Gi' },
    });
    expect(out.metadata?.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: memory request for container nginx; cpu limit for container nginx; '
      + 'cpu, memory request for init container setup; cpu, memory limit for init container setup');
  });

  it('leaves a pod alone when no LimitRange applies', () => {
    const out = admitAndValidate(nginxPod(), new MemoryReader());
    expect(out.metadata?.annotations).toBeUndefined();
    expect(out.spec?.containers[0]?.resources).toBeUndefined();
  });
});

describe('LimitRanger (validating)', () => {
  const maxCpu = limitRange('max', [{ type: 'Container', max: { cpu: '1' } }]);

  it('rejects a limit above max with the upstream text', () => {
    const pod = nginxPod() as Pod;
    pod.spec!.containers[0]!.resources = { limits: { cpu: '2' } };
    const err = caughtApiError(() => admitAndValidate(pod, storeWith(maxCpu)));
    expect(err.status.message).toBe('pods "nginx" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
    expect(err.status.code).toBe(403);
  });

  it('requires a limit when a max is set', () => {
    const err = caughtApiError(() => admitAndValidate(nginxPod(), storeWith(maxCpu)));
    expect(err.status.message).toBe('pods "nginx" is forbidden: maximum cpu usage per Container is 1.  No limit is specified');
  });

  it('checks min on requests and limits, and aggregates several failures as [a, b]', () => {
    const lr = limitRange('min', [{ type: 'Container', min: { cpu: '200m', memory: '64Mi' } }]);
    const pod = nginxPod() as Pod;
    pod.spec!.containers[0]!.resources = { requests: { cpu: '100m' } };
    const err = caughtApiError(() => admitAndValidate(pod, storeWith(lr)));
    expect(err.status.message).toBe('pods "nginx" is forbidden: [minimum cpu usage per Container is 200m, but request is 100m, '
      + 'minimum memory usage per Container is 64Mi.  No request is specified]');
  });

  it('enforces maxLimitRequestRatio with Go\u2019s %f', () => {
    const lr = limitRange('ratio', [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }]);
    const pod = nginxPod() as Pod;
    pod.spec!.containers[0]!.resources = { requests: { cpu: '100m' }, limits: { cpu: '300m' } };
    const err = caughtApiError(() => admitAndValidate(pod, storeWith(lr)));
    expect(err.status.message).toBe('pods "nginx" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 3.000000');
  });

  it('checks Pod limits against the sum of containers', () => {
    const lr = limitRange('pod', [{ type: 'Pod', max: { memory: '1Gi' } }]);
    const pod = nginxPod() as Pod;
    pod.spec!.containers = [
      { name: 'a', image: 'a', resources: { limits: { memory: '768Mi' } } },
      { name: 'b', image: 'b', resources: { limits: { memory: '512Mi' } } },
    ];
    const err = caughtApiError(() => admitAndValidate(pod, storeWith(lr)));
    expect(err.status.message).toBe('pods "nginx" is forbidden: maximum memory usage per Pod is 1Gi, but limit is 1280Mi');
  });

  it('checks PersistentVolumeClaim storage requests', () => {
    const lr = limitRange('pvc', [{ type: 'PersistentVolumeClaim', max: { storage: '10Gi' } }]);
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { resources: { requests: { storage: '20Gi' } } } };
    const plugin = new LimitRanger();
    const attrs = attrsFor('persistentvolumeclaims', 'CREATE', pvc);
    expect(plugin.handles(attrs)).toBe(true);
    const err = caughtApiError(() => plugin.validate(attrs, new RecordingContext(storeWith(lr))));
    expect(err.status.message).toBe('persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi');
  });

  it('does not handle pod updates', () => {
    const pod = nginxPod();
    expect(new LimitRanger().handles(attrsFor('pods', 'UPDATE', pod, { oldObject: pod }))).toBe(false);
  });
});
