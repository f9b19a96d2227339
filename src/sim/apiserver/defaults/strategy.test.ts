import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { deepClone } from '../../api/types.ts';
import { computePodQOS } from './qos.ts';
import { prepareForCreate, prepareForStatusUpdate, prepareForUpdate } from './strategy.ts';

function podWith(resources: Record<string, Record<string, string>>[]): Pod {
  return { spec: { containers: resources.map((r, i) => ({ name: `c${i}`, image: 'i', resources: r })) } };
}

describe('QoS (pkg/apis/core/helper/qos/qos.go)', () => {
  it('BestEffort without requests or limits', () => {
    expect(computePodQOS(podWith([{}]))).toBe('BestEffort');
  });
  it('Guaranteed when every container limits cpu and memory and requests equal limits', () => {
    expect(computePodQOS(podWith([{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1Gi' } }]))).toBe('Guaranteed');
  });
  it('Burstable when any container lacks a cpu or memory limit', () => {
    expect(computePodQOS(podWith([{ limits: { cpu: '1', memory: '1Gi' } }, { requests: { cpu: '100m' } }]))).toBe('Burstable');
  });
  it('counts init containers', () => {
    const pod = podWith([{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }]);
    pod.spec!.initContainers = [{ name: 'init', image: 'i', resources: { requests: { cpu: '1' } } }];
    expect(computePodQOS(pod)).toBe('Burstable');
  });
});

describe('prepareForCreate', () => {
  it('sets Pod status to Pending with the computed qosClass, dropping client status', () => {
    const pod: KubeObject = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] }, status: { phase: 'Running', podIP: '1.2.3.4' } };
    prepareForCreate('Pod', pod);
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(pod.metadata?.generation).toBeUndefined();
  });

  it('adds the SchedulingGated condition for gated pods', () => {
    const pod: KubeObject = { spec: { containers: [], schedulingGates: [{ name: 'g' }] } };
    prepareForCreate('Pod', pod);
    expect((pod.status as { conditions: unknown[] }).conditions).toEqual([{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' }]);
  });

  it('gives a Namespace phase Active, the kubernetes finalizer and the name label', () => {
    const ns: KubeObject = { metadata: { name: 'team-a' } };
    prepareForCreate('Namespace', ns);
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
  });

  it('starts Deployments and ReplicaSets at generation 1 with an empty status', () => {
    const d: KubeObject = { metadata: { name: 'd', generation: 7 }, spec: {}, status: { replicas: 3 } };
    prepareForCreate('Deployment', d);
    expect(d.metadata?.generation).toBe(1);
    expect(d.status).toEqual({});
    const rs: KubeObject = { metadata: { name: 'r' }, spec: {} };
    prepareForCreate('ReplicaSet', rs);
    expect(rs.status).toEqual({ replicas: 0 });
  });
});

describe('prepareForUpdate / prepareForStatusUpdate', () => {
  it('keeps Pod status from storage on a main-resource update', () => {
    const old: KubeObject = { metadata: { name: 'p', uid: 'u' }, spec: { containers: [] }, status: { phase: 'Running' } };
    const next = deepClone(old);
    next.status = { phase: 'Failed' };
    delete next.metadata!.uid;
    prepareForUpdate('Pod', next, old);
    expect(next.status).toEqual({ phase: 'Running' });
    expect(next.metadata?.uid).toBe('u');
  });

  it('bumps Deployment generation on spec or annotation changes only', () => {
    const old: KubeObject = { metadata: { name: 'd', generation: 2 }, spec: { replicas: 1 }, status: {} };
    const same = deepClone(old);
    same.metadata!.labels = { a: 'b' };
    prepareForUpdate('Deployment', same, old);
    expect(same.metadata?.generation).toBe(2);
    const scaled = deepClone(old);
    scaled.spec = { replicas: 3 };
    prepareForUpdate('Deployment', scaled, old);
    expect(scaled.metadata?.generation).toBe(3);
    const annotated = deepClone(old);
    annotated.metadata!.annotations = { x: 'y' };
    prepareForUpdate('Deployment', annotated, old);
    expect(annotated.metadata?.generation).toBe(3);
  });

  it('ignores a client-sent generation', () => {
    const old: KubeObject = { metadata: { name: 'r', generation: 4 }, spec: { replicas: 1 } };
    const next = deepClone(old);
    next.metadata!.generation = 99;
    prepareForUpdate('ReplicaSet', next, old);
    expect(next.metadata?.generation).toBe(4);
  });

  it('takes only status from a pods/status write, and backfills qosClass', () => {
    const old: KubeObject = { metadata: { name: 'p', ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: '1' }] }, spec: { nodeName: 'n1', containers: [] }, status: { phase: 'Pending', qosClass: 'BestEffort' } };
    const next: KubeObject = { metadata: { name: 'p' }, spec: { nodeName: 'evil', containers: [] }, status: { phase: 'Running' } };
    prepareForStatusUpdate('Pod', next, old);
    expect(next.spec).toEqual(old.spec);
    expect(next.status).toEqual({ phase: 'Running', qosClass: 'BestEffort' });
    expect(next.metadata?.ownerReferences).toEqual(old.metadata?.ownerReferences);
  });
});
