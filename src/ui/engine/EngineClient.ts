// The UI's side of the worker protocol: starts the engine worker, watches its heartbeat, and when it crashes or
// stops answering starts a new one and replays the recorded actions to the same step (the engine is deterministic).
import type { Scenario } from '../../sim/scenario/types.ts';
import { Commands, type Command, type HostMessage, type ReplayAction, type Snapshot } from '../../worker/protocol.ts';

export interface WorkerLike {
  postMessage(message: Command): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<HostMessage>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export interface EngineClientOptions {
  createWorker: () => WorkerLike;
  onMessage: (m: HostMessage) => void;
  /** Where the session stands, for a replay after a restart. */
  currentSnapshot: () => Snapshot | null;
  onRestart: (reason: 'crashed' | 'stalled', step: number) => void;
  onRestarted?: () => void;
  heartbeatMs?: number;
  /** Silence after which the worker counts as stuck. */
  timeoutMs?: number;
  timers?: { setInterval(f: () => void, ms: number): number; clearInterval(id: number): void; now(): number };
}

export class EngineClient {
  private worker: WorkerLike | null = null;
  private scenario: Scenario | null = null;
  private pingId = 0;
  private lastHeard = 0;
  private heartbeat: number | undefined;
  private readonly timers: NonNullable<EngineClientOptions['timers']>;

  constructor(private readonly opts: EngineClientOptions) {
    this.timers = opts.timers ?? {
      setInterval: (f, ms) => window.setInterval(f, ms),
      clearInterval: (id) => window.clearInterval(id),
      now: () => performance.now(),
    };
  }

  /** Messages received from workers so far (the benchmark's worker→UI rate). */
  received = 0;

  /** Starts the scenario; `replay` performs a shared session's actions and shows its step. */
  start(scenario: Scenario, replay?: { actions: ReplayAction[]; cursor: number; known?: number }): void {
    this.scenario = scenario;
    this.spawn();
    this.send(replay ? { type: Commands.load, scenario, replay } : { type: Commands.load, scenario });
    this.heartbeat = this.timers.setInterval(() => this.beat(), this.opts.heartbeatMs ?? 1000);
  }

  send(cmd: Command): void {
    this.worker?.postMessage(cmd);
  }

  stop(): void {
    if (this.heartbeat !== undefined) this.timers.clearInterval(this.heartbeat);
    this.worker?.terminate();
    this.worker = null;
  }

  private spawn(): void {
    const w = this.opts.createWorker();
    w.onmessage = (e) => {
      this.received++;
      this.lastHeard = this.timers.now();
      this.opts.onMessage(e.data);
    };
    w.onerror = (e) => {
      e.preventDefault();
      this.restart('crashed');
    };
    this.worker = w;
    this.lastHeard = this.timers.now();
  }

  private beat(): void {
    if (!this.worker) return;
    if (this.timers.now() - this.lastHeard > (this.opts.timeoutMs ?? 4000)) {
      this.restart('stalled');
      return;
    }
    this.send({ type: Commands.ping, id: ++this.pingId });
  }

  /** Replaces the worker and replays the session to where it was. */
  restart(reason: 'crashed' | 'stalled'): void {
    if (!this.scenario) return;
    this.worker?.terminate();
    const snap = this.opts.currentSnapshot();
    this.opts.onRestart(reason, snap?.cursor ?? 0);
    this.spawn();
    if (snap) {
      this.send({ type: Commands.restore, scenario: this.scenario, actions: snap.actions, cursor: snap.cursor, known: snap.known, origin: snap.origin, speed: snap.speed });
    } else {
      this.send({ type: Commands.load, scenario: this.scenario });
    }
    this.opts.onRestarted?.();
  }
}
