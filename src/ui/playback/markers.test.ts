import { describe, expect, it } from 'vitest';
import { Engine } from '../../sim/Engine.ts';
import { kubectlApply } from '../../sim/kubectl/kubectl.ts';
import { NGINX_POD_YAML } from '../../sim/scenario/defaultScenario.ts';
import { HeartbeatFilter } from '../../worker/pacing.ts';
import { bucketMarkers, markersOf, storyEnd } from './markers.ts';

describe('bucketMarkers', () => {
  it('keeps one marker per bucket, the most severe, and none before the origin', () => {
    const out = bucketMarkers([
      { index: 1, kind: 'error' }, { index: 10, kind: 'request' }, { index: 11, kind: 'error' }, { index: 12, kind: 'decision' }, { index: 90, kind: 'action' },
    ], 10, 100, 10);
    expect(out).toEqual([{ kind: 'error', index: 11, left: 1.5 }, { kind: 'action', index: 90, left: 80.5 }]);
  });
});

describe('storyEnd', () => {
  it('ends the timeline at the last event that is not node upkeep', () => {
    const engine = new Engine();
    const ctx = { send: (req: Parameters<Engine['request']>[0]) => engine.request(req), credentials: engine.credentialsFor('kubernetes-admin'), namespace: 'default' };
    engine.clock.advanceBy(1000);
    kubectlApply(ctx, 'nginx-pod.yaml', NGINX_POD_YAML);
    engine.clock.advanceBy(60_000);
    const trace = engine.tracer.events;
    const end = storyEnd(trace);
    // The pod runs within seconds; a minute of Lease renewals and node status updates follows it.
    expect(trace[end - 1]?.time).toBeLessThan(5000);
    expect(trace[trace.length - 1]?.time).toBeGreaterThan(55_000);
    expect(trace.slice(0, end).some((e) => e.type === 'kubelet' && e.step === 'start')).toBe(true);
    const upkeep = new HeartbeatFilter();
    const tail = trace.map((e) => upkeep.test(e)).slice(end);
    expect(tail.length).toBeGreaterThan(0);
    expect(tail.every(Boolean)).toBe(true);
  });
});

describe('markersOf', () => {
  it('gives the same markers and story end read on from a shorter trace as read afresh', () => {
    const engine = new Engine();
    const ctx = { send: (req: Parameters<Engine['request']>[0]) => engine.request(req), credentials: engine.credentialsFor('kubernetes-admin'), namespace: 'default' };
    kubectlApply(ctx, 'nginx-pod.yaml', NGINX_POD_YAML);
    engine.clock.advanceBy(20_000);
    const full = engine.tracer.events.slice();
    const fresh = (trace: typeof full) => {
      markersOf([], []);
      return { markers: markersOf(trace, []), end: storyEnd(trace) };
    };
    let trace: typeof full = [];
    for (let n = 0; n < full.length; n += 50) {
      trace = trace.concat(full.slice(n, n + 50));
      const resumed = { markers: markersOf(trace, []), end: storyEnd(trace) };
      expect(resumed).toEqual(fresh(trace));
    }
    // A rewound trace (new events after the cut) is read again from its start.
    const rewound = full.slice(0, 100).concat(full.slice(100, 200).map((e) => ({ ...e, type: 'note' as const, actor: 'kubectl' as const, text: '' })));
    markersOf(full, []);
    const resumed = { markers: markersOf(rewound, []), end: storyEnd(rewound) };
    expect(resumed.markers.every((m) => m.index < 100)).toBe(true);
    expect(resumed).toEqual(fresh(rewound));
  });
});
