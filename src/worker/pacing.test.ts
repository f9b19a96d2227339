import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../sim/trace/types.ts';
import { HeartbeatFilter, dwellMs, isHeartbeatRequest, waitBetween } from './pacing.ts';

const base = { time: 0, parent: null };

describe('pacing', () => {
  it('tells a kubelet\'s Lease renewals and node status from the story', () => {
    expect(isHeartbeatRequest('PUT', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1')).toBe(true);
    expect(isHeartbeatRequest('PATCH', '/api/v1/nodes/node-1/status')).toBe(true);
    expect(isHeartbeatRequest('PATCH', '/api/v1/namespaces/default/pods/nginx-pod/status')).toBe(false);
    const f = new HeartbeatFilter();
    const lease: TraceEvent = { ...base, seq: 1, span: 7, type: 'request', from: 'kubelet/node-1', to: 'kube-apiserver', method: 'PUT', path: '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1' };
    const inLease: TraceEvent = { ...base, seq: 2, span: 7, type: 'stage', stage: 'requestInfo', outcome: 'ok', detail: '' };
    const other: TraceEvent = { ...base, seq: 3, span: 8, type: 'stage', stage: 'requestInfo', outcome: 'ok', detail: '' };
    expect([f.test(lease), f.test(inLease), f.test(other)]).toEqual([true, true, false]);
  });
  it('waits for an event\'s dwell plus the virtual time to the next, capped', () => {
    const a: TraceEvent = { ...base, seq: 1, span: 1, type: 'note', actor: 'kube-scheduler', text: '' };
    const b: TraceEvent = { ...a, seq: 2, time: 60_000 };
    expect(waitBetween(a, b)).toBe(dwellMs(a) + 1500);
    expect(waitBetween(undefined, b)).toBe(0);
  });
});
