import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../sim/scenario/defaultScenario.ts';
import type { Command, HostMessage, Snapshot } from '../../worker/protocol.ts';
import { EngineClient, type WorkerLike } from './EngineClient.ts';

class FakeWorker implements WorkerLike {
  sent: Command[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<HostMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: Command): void { this.sent.push(m); }
  terminate(): void { this.terminated = true; }
  reply(m: HostMessage): void { this.onmessage?.({ data: m } as MessageEvent<HostMessage>); }
  crash(): void { this.onerror?.({ preventDefault: () => undefined } as ErrorEvent); }
}

function setup(snapshot: Partial<Snapshot> | null) {
  const workers: FakeWorker[] = [];
  const restarts: [string, number][] = [];
  let now = 0;
  let beat: (() => void) | undefined;
  const client = new EngineClient({
    createWorker: () => { const w = new FakeWorker(); workers.push(w); return w; },
    onMessage: () => undefined,
    currentSnapshot: () => snapshot as Snapshot | null,
    onRestart: (reason, step) => restarts.push([reason, step]),
    heartbeatMs: 1000,
    timeoutMs: 4000,
    timers: { setInterval: (f) => { beat = f; return 1; }, clearInterval: () => undefined, now: () => now },
  });
  client.start(defaultScenario);
  return { client, workers, restarts, tick: (ms: number) => { now += ms; beat?.(); } };
}

describe('EngineClient', () => {
  it('loads the scenario and pings the worker', () => {
    const s = setup(null);
    s.tick(1000);
    expect(s.workers[0]?.sent.map((c) => c.type)).toEqual(['load', 'ping']);
  });

  it('replaces a crashed worker and replays the recorded actions to the same step', () => {
    const actions = [{ kind: 'apply' as const, user: 'alice', file: { name: 'a.yaml', content: '' }, tasksRun: 3, time: 5, traceIndex: 40 }];
    const s = setup({ cursor: 57, known: 90, origin: 20, actions, speed: 2 });
    s.workers[0]?.crash();
    expect(s.workers[0]?.terminated).toBe(true);
    expect(s.restarts).toEqual([['crashed', 57]]);
    expect(s.workers[1]?.sent[0]).toEqual({ type: 'restore', scenario: defaultScenario, actions, cursor: 57, known: 90, origin: 20, speed: 2 });
  });

  it('replaces a worker that stops answering heartbeats', () => {
    const s = setup({ cursor: 3, known: 3, actions: [], speed: 1 });
    s.tick(1000);
    s.workers[0]?.reply({ type: 'pong', id: 1 });
    s.tick(3000);
    expect(s.restarts).toEqual([]);
    s.tick(2000);
    expect(s.restarts).toEqual([['stalled', 3]]);
    expect(s.workers).toHaveLength(2);
  });
});
