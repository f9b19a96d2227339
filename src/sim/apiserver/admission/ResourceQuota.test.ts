import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { ResourceQuota } from './ResourceQuota.ts';
import { MemoryReader, RecordingContext, attrsFor, caughtApiError, nginxPod } from './testing.ts';

const quota = (name: string, hard: Record<string, string>, spec: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'default' }, spec: { hard, ...spec } });

function podWith(name: string, resources: Record<string, Record<string, string>>, status?: Record<string, unknown>): KubeObject {
  const pod = nginxPod(name) as Pod;
  pod.spec!.containers[0]!.resources = resources;
  if (status) (pod as KubeObject).status = status;
  return pod as KubeObject;
}

function validate(store: MemoryReader, pod: KubeObject): void {
  const plugin = new ResourceQuota();
  const attrs = attrsFor('pods', 'CREATE', pod);
  expect(plugin.handles(attrs)).toBe(true);
  plugin.validate(attrs, new RecordingContext(store));
}

describe('ResourceQuota for pods', () => {
  const computeQuota = quota('compute-quota', { 'requests.cpu': '2', 'requests.memory': '1Gi', pods: '3' });

  it('rejects a pod that would exceed requests.cpu with the upstream text', () => {
    const store = new MemoryReader()
      .add('', 'resourcequotas', computeQuota)
      .add('', 'pods', podWith('running', { requests: { cpu: '1', memory: '100Mi' } }));
    const err = caughtApiError(() => validate(store, podWith('x', { requests: { cpu: '2', memory: '100Mi' } })));
    // controller.go: "exceeded quota: %s, requested: %s, used: %s, limited: %s" via admission.NewForbidden
    expect(err.status.message).toBe('pods "x" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=2, used: requests.cpu=1, limited: requests.cpu=2');
    expect(err.status.code).toBe(403);
  });

  it('lists every exceeded resource, sorted, joined by commas', () => {
    const store = new MemoryReader()
      .add('', 'resourcequotas', computeQuota)
      .add('', 'pods', podWith('a', { requests: { cpu: '1500m', memory: '512Mi' } }));
    const err = caughtApiError(() => validate(store, podWith('x', { requests: { cpu: '1', memory: '768Mi' } })));
    expect(err.status.message).toBe('pods "x" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=1,requests.memory=768Mi, '
      + 'used: requests.cpu=1500m,requests.memory=512Mi, limited: requests.cpu=2,requests.memory=1Gi');
  });

  it('admits a pod within quota, and does not count terminal pods', () => {
    const store = new MemoryReader()
      .add('', 'resourcequotas', computeQuota)
      .add('', 'pods', podWith('done', { requests: { cpu: '2', memory: '1Gi' } }, { phase: 'Succeeded' }));
    expect(() => validate(store, podWith('x', { requests: { cpu: '2', memory: '1Gi' } }))).not.toThrow();
  });

  it('counts pods against the pods limit, reporting used as 0 when nothing is running', () => {
    const store = new MemoryReader().add('', 'resourcequotas', quota('count', { pods: '0' }));
    const err = caughtApiError(() => validate(store, nginxPod('x')));
    expect(err.status.message).toBe('pods "x" is forbidden: exceeded quota: count, requested: pods=1, used: pods=0, limited: pods=0');
  });

  it('counts count/pods including terminal pods', () => {
    const store = new MemoryReader()
      .add('', 'resourcequotas', quota('objects', { 'count/pods': '1' }))
      .add('', 'pods', podWith('done', {}, { phase: 'Failed' }));
    const err = caughtApiError(() => validate(store, nginxPod('x')));
    expect(err.status.message).toBe('pods "x" is forbidden: exceeded quota: objects, requested: count/pods=1, used: count/pods=1, limited: count/pods=1');
  });

  it('requires every container to state what a cpu/memory quota tracks', () => {
    const store = new MemoryReader().add('', 'resourcequotas', quota('q', { 'limits.cpu': '4', 'limits.memory': '4Gi', 'requests.cpu': '4' }));
    const pod = nginxPod('x') as Pod;
    pod.spec!.containers.push({ name: 'sidecar', image: 'busybox', resources: { limits: { cpu: '1' }, requests: { cpu: '1' } } });
    const err = caughtApiError(() => validate(store, pod as KubeObject));
    // pods.go Constraints: "must specify %s" of "<resource> for: <containers>" joined by "; "
    expect(err.status.message).toBe('pods "x" is forbidden: failed quota: q: must specify limits.cpu for: nginx; limits.memory for: nginx,sidecar; requests.cpu for: nginx');
  });

  it('respects quota scopes', () => {
    const store = new MemoryReader().add('', 'resourcequotas', quota('best-effort', { pods: '0' }, { scopes: ['BestEffort'] }));
    expect(() => validate(store, podWith('burstable', { requests: { cpu: '100m' } }))).not.toThrow();
    expect(() => validate(store, nginxPod('x'))).toThrow(/exceeded quota: best-effort/);
  });

  it('ignores namespaces without quota', () => {
    expect(() => validate(new MemoryReader(), nginxPod('x'))).not.toThrow();
  });
});

describe('ResourceQuota object counts', () => {
  it('limits count/<resource>.<group> on create', () => {
    const store = new MemoryReader()
      .add('', 'resourcequotas', quota('objects', { 'count/deployments.apps': '1' }))
      .add('apps', 'deployments', { metadata: { name: 'old', namespace: 'default' } });
    const plugin = new ResourceQuota();
    const attrs = attrsFor('deployments', 'CREATE', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' } });
    const err = caughtApiError(() => plugin.validate(attrs, new RecordingContext(store)));
    expect(err.status.message).toBe('deployments.apps "web" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1');
  });
});
