import { describe, expect, it } from 'vitest';
import type { UserAction } from '../../worker/protocol.ts';
import { faultsAt, imagesIn } from './faultState.ts';

const at = (traceIndex: number, fault: Extract<UserAction, { kind: 'fault' }>['fault']): UserAction =>
  ({ kind: 'fault', user: 'kubernetes-admin', fault, tasksRun: 0, time: 0, traceIndex });

describe('faults at a step', () => {
  const actions = [
    at(10, { kind: 'kubelet', node: 'node-1', running: false }),
    at(20, { kind: 'image', image: 'nginx', available: false }),
    at(30, { kind: 'kubelet', node: 'node-1', running: true }),
    at(40, { kind: 'fill', node: 'node-2', full: true }),
  ];

  it('counts only the faults the cursor has passed, the latest word per target winning', () => {
    expect(faultsAt(actions, 10)).toEqual({ stoppedKubelets: [], fullNodes: [], unavailableImages: [] });
    expect(faultsAt(actions, 11)).toEqual({ stoppedKubelets: ['node-1'], fullNodes: [], unavailableImages: [] });
    expect(faultsAt(actions, 25)).toEqual({ stoppedKubelets: ['node-1'], fullNodes: [], unavailableImages: ['nginx'] });
    expect(faultsAt(actions, 99)).toEqual({ stoppedKubelets: [], fullNodes: ['node-2'], unavailableImages: ['nginx'] });
  });

  it('finds the images manifests name', () => {
    expect(imagesIn(['spec:\n  containers:\n    - name: a\n      image: nginx\n    - image: "redis:7"  # cache\n', 'image: busybox'])).toEqual(['busybox', 'nginx', 'redis:7']);
  });
});
