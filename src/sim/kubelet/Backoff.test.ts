import { describe, expect, it } from 'vitest';
import { Backoff } from './Backoff.ts';
import { goDuration } from './Kubelet.ts';
import { podStatusPatch } from './twoWayMergePatch.ts';

describe('Backoff (client-go flowcontrol, kubelet: 10s doubling to 5m)', () => {
  it('doubles from 10s to the 300s cap', () => {
    const b = new Backoff();
    const windows: number[] = [];
    for (let i = 0; i < 7; i++) {
      b.next('k', i * 1000);
      windows.push(b.get('k'));
    }
    expect(windows).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  it('is in back-off until the window since the event has passed, and starts over after 2×max without failures', () => {
    const b = new Backoff();
    b.next('k', 0);
    expect(b.isInBackOffSince('k', 0, 9_999)).toBe(true);
    expect(b.isInBackOffSince('k', 0, 10_000)).toBe(false);
    b.next('k', 10_000);
    expect(b.get('k')).toBe(20_000);
    b.next('k', 10_000 + 600_001); // a container that ran over 10 minutes
    expect(b.get('k')).toBe(10_000);
  });

  it('prints durations as Go does', () => {
    expect([goDuration(830), goDuration(2345), goDuration(10_000), goDuration(160_000), goDuration(65_500)]).toEqual(['830ms', '2.345s', '10s', '2m40s', '1m5.5s']);
  });
});

describe('podStatusPatch (statusutil.PatchPodStatus)', () => {
  it('sends metadata.uid, $setElementOrder/conditions and only the changed conditions', () => {
    const old = { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }, { type: 'PodScheduled', status: 'True' }] };
    const next = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }] };
    expect(podStatusPatch('uid-1', old, next)).toEqual({
      metadata: { uid: 'uid-1' },
      status: {
        phase: 'Running',
        '$setElementOrder/conditions': [{ type: 'Ready' }, { type: 'PodScheduled' }],
        conditions: [{ status: 'True', reason: null, type: 'Ready' }],
      },
    });
    expect(podStatusPatch('uid-1', next, next)).toBeUndefined();
  });
});
