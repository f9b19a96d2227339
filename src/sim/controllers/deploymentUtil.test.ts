import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { comparePodsForDeletion, computeHash, fnv32a, safeEncodeString, scaledValue } from './controllerUtils.ts';
import { maxSurge, maxUnavailable, newRSNewReplicas, replicaSetProportion, resolveFenceposts } from './deploymentUtil.ts';
import { utf8Encode } from '../util/base64.ts';
import { Date_UTC } from '../clock.ts';

const dep = (replicas: number, surge: number | string, unavailable: number | string): Deployment => ({
  spec: { replicas, selector: {}, template: {}, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } },
});
const rs = (replicas: number, annotations: Record<string, string> = {}): ReplicaSet => ({ metadata: { annotations }, spec: { replicas, selector: {} } });

describe('hashing (controller.ComputeHash, rand.SafeEncodeString)', () => {
  it('is FNV-32a', () => {
    // Reference vectors of FNV-1a 32: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    expect(fnv32a(utf8Encode(''))).toBe(0x811c9dc5);
    expect(fnv32a(utf8Encode('a'))).toBe(0xe40c292c);
    expect(fnv32a(utf8Encode('foobar'))).toBe(0xbf9cf968);
  });

  it('encodes with consonants and digits only (alphanums "bcdfghjklmnpqrstvwxz2456789", byte mod 27)', () => {
    // "0" is byte 48 → 48 % 27 = 21 → '4'; "9" is 57 → 3 → 'f'.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('depends on the template and the collision count, not on key order', () => {
    const a = computeHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    const b = computeHash({ spec: { containers: [{ image: 'nginx', name: 'nginx' }] }, metadata: { labels: { app: 'web' } } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(computeHash({ spec: {} }, 1)).not.toBe(computeHash({ spec: {} }, 0));
    expect(computeHash({ spec: {} }, 0)).not.toBe(computeHash({ spec: {} }));
  });
});

describe('surge and unavailability (ResolveFenceposts, GetScaledValueFromIntOrPercent)', () => {
  it('rounds surge up and unavailable down', () => {
    // 25% of 10 = 2.5: maxSurge 3, maxUnavailable 2.
    expect(resolveFenceposts('25%', '25%', 10)).toEqual([3, 2]);
    expect(resolveFenceposts('25%', '25%', 3)).toEqual([1, 0]);
    expect(scaledValue('33%', 10, true)).toBe(4);
    expect(scaledValue('33%', 10, false)).toBe(3);
  });

  it('makes maxUnavailable 1 when both resolve to zero', () => {
    expect(resolveFenceposts(0, '10%', 5)).toEqual([0, 1]);
    expect(maxUnavailable(dep(5, 0, '10%'))).toBe(1);
  });

  it('caps maxUnavailable at the replica count and is 0 for 0 replicas', () => {
    expect(maxUnavailable(dep(2, 0, 5))).toBe(2);
    expect(maxUnavailable(dep(0, 1, 1))).toBe(0);
    expect(maxSurge({ spec: { replicas: 3, selector: {}, template: {}, strategy: { type: 'Recreate' } } })).toBe(0);
  });

  it('lets the new ReplicaSet grow up to replicas + maxSurge in total', () => {
    const d = dep(4, '25%', '25%');
    const old = rs(4);
    const fresh = rs(0);
    expect(newRSNewReplicas(d, [old, fresh], fresh)).toBe(1);
    expect(newRSNewReplicas(d, [rs(3), rs(1)], rs(1))).toBe(2);
    expect(newRSNewReplicas(d, [rs(4), rs(1)], rs(1))).toBe(1);
    expect(newRSNewReplicas(d, [rs(2), rs(1)], rs(1))).toBe(3);
    expect(newRSNewReplicas(d, [rs(0), rs(3)], rs(3))).toBe(4);
  });

  it('scales proportionally by the max-replicas annotation, rounding halves away from zero', () => {
    // Deployment 10 → 15 with maxSurge 3: new size 18; an RS of 6 annotated max 13 gets round(6·18/13) − 6 = 2.
    const d = dep(15, 3, 2);
    expect(replicaSetProportion(rs(6, { 'deployment.kubernetes.io/max-replicas': '13' }), d, 5, 0)).toBe(2);
    // Never more than what is left to add.
    expect(replicaSetProportion(rs(6, { 'deployment.kubernetes.io/max-replicas': '13' }), d, 5, 4)).toBe(1);
  });
});

describe('ActivePodsWithRanks ordering', () => {
  const pod = (name: string, o: { node?: string; phase?: string; ready?: boolean; created?: string; restarts?: number }): Pod => ({
    metadata: { name, uid: name, creationTimestamp: o.created ?? '2026-01-15T09:00:00Z' },
    spec: { containers: [], ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: '2026-01-15T09:00:00Z' }],
      containerStatuses: [{ name: 'c', image: 'x', imageID: '', ready: true, restartCount: o.restarts ?? 0 }],
    },
  });
  const now = Date_UTC_ms('2026-01-15T10:00:00Z');
  const order = (pods: Pod[]): string[] => [...pods].sort((a, b) => comparePodsForDeletion(a, b, 0, 0, now)).map((p) => p.metadata?.name ?? '');

  it('deletes unscheduled, then pending, then not-ready, then restarting, then newer pods first', () => {
    expect(order([
      pod('old-ready', { node: 'n', created: '2026-01-15T08:00:00Z' }),
      pod('unscheduled', { phase: 'Pending' }),
      pod('pending', { node: 'n', phase: 'Pending' }),
      pod('not-ready', { node: 'n', ready: false }),
      pod('restarting', { node: 'n', restarts: 3, created: '2026-01-15T08:00:00Z' }),
    ])).toEqual(['unscheduled', 'pending', 'not-ready', 'restarting', 'old-ready']);
  });

  it('prefers pods doubled up on a node', () => {
    const a = pod('a', { node: 'n1' });
    const b = pod('b', { node: 'n2' });
    expect(comparePodsForDeletion(a, b, 1, 3, now)).toBeGreaterThan(0);
  });
});

function Date_UTC_ms(s: string): number {
  const m = /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)Z$/.exec(s);
  if (!m) throw new Error(s);
  return Date_UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
