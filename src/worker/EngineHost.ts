// Runs one Engine for the UI: paces its trace in real time, records user actions with their engine position,
// and rebuilds from the scenario to go back in time (the engine is deterministic, so a replay is exact).
// Lives in the Web Worker (engine.worker.ts) and, unchanged, on the main thread in tests.
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../sim/api/types.ts';
import type { ApiRequest, ApiResponse } from '../sim/apiserver/ApiServer.ts';
import { Engine } from '../sim/Engine.ts';
import type { KeyValue } from '../sim/etcd/Etcd.ts';
import { printPod } from '../sim/apiserver/printers/printPod.ts';
import { injectFault } from '../sim/faults.ts';
import { kubectlApply, kubectlDelete, type KubectlLine } from '../sim/kubectl/kubectl.ts';
import type { ManifestError } from '../sim/kubectl/manifests.ts';
import { CLEAR_SCREEN, completions, initialShellState, promptFor, runCommandLine, type ShellState } from '../sim/cli/shell.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import type { TraceEvent } from '../sim/trace/types.ts';
import { admissionInput, admissionSteps, kubectlGetEvents, kubectlGetYaml, type SeenRequest } from './inspections.ts';
import { HEARTBEAT_DWELL_MS, HeartbeatFilter, isHeartbeatRequest, MAX_IDLE_GAP_MS, waitBetween } from './pacing.ts';
import {
  Commands, INTERRUPT, Messages, replayAction, unreachable,
  type ActionInput, type AdmissionStep, type Command, type EtcdKeyView, type EtcdRevision, type FileRef, type HostMessage, type KubectlOutput, type NodeView,
  type KubectlOutputLine, type PodView, type ReplayAction, type ScenarioInfo, type Snapshot, type Speed, type UserAction,
} from './protocol.ts';

/** Most events released in one frame at "instant" speed, so the host keeps answering. */
const INSTANT_BATCH = 5000;
/** Most engine steps spent settling a freshly loaded cluster (components starting their informers). */
const STARTUP_STEPS = 10_000;
/** Virtual time a fresh cluster runs before the learner meets it: kubelets register, informers list and watch. */
const STARTUP_MS = 1000;
/**
 * How far "instant" runs ahead in virtual time before pausing. The cluster is never idle (kubelets renew their
 * Leases every 10 s), so "to the end" means "until a minute of cluster time has passed".
 */
export const INSTANT_HORIZON_MS = 60_000;

export class EngineHost {
  private scenario: Scenario | undefined;
  private engine: Engine | undefined;
  private tasksRun = 0;
  private actions: UserAction[] = [];
  private actionsDone = 0;
  /** Every event known on the current timeline; the engine's own trace is always a prefix of it. */
  private timeline: TraceEvent[] = [];
  private cursor = 0;
  private origin = 0;
  /** How many timeline events the receiver holds. */
  private sent = 0;
  /** The receiver must drop what it holds from `sent` on, even if nothing new follows. */
  private resend = false;
  private playing = false;
  private speed: Speed = 1;
  private budget = 0;
  private instantFrom = 0;
  /** Whether each timeline event is node upkeep (filled in as the timeline grows). */
  private heartbeats: boolean[] = [];
  private heartbeatFilter = new HeartbeatFilter();
  /** While playing at "instant": the virtual time to stop at. */
  private instantUntil: number | undefined;
  private baseRevision = 1;
  private revCache: { cursor: number; revision: number } = { cursor: 0, revision: 1 };
  private viewCache: { revision: number; pods: PodView[]; nodes: NodeView[]; keys: EtcdKeyView[] } | undefined;
  private outbox: HostMessage[] = [];
  private dirty = false;
  /** While loading a shared session: replayed actions print their kubectl output, as if typed just now. */
  private echoReplays = false;
  /** Bodies of the writes that reached kube-apiserver, by span: what the Admission inspector rebuilds objects from. */
  private seen = new Map<number, SeenRequest>();
  /** The terminal's shell (which host it is on, whether `kubectl proxy` runs): rebuilt by replaying commands. */
  private shell: ShellState = initialShellState();
  /** The terminal command still running (`kubectl get -w`), by action index. */
  private running: { id: number; stop(): void } | undefined;
  /** Lines each running command has printed since this engine was built, and how many the UI already holds. */
  private streamCount = new Map<number, number>();
  private streamSent = new Map<number, number>();
  /** After a worker restart the UI already holds what was printed up to here. */
  private streamQuietUntil = 0;

  constructor(
    private readonly post: (message: HostMessage) => void,
    private readonly createEngine: (scenario: Scenario) => Engine = (s) => new Engine(s),
  ) {}

  /** Whether the driver should keep calling tick() every frame. */
  get animating(): boolean {
    return this.playing || this.dirty || this.resend || this.outbox.length > 0 || this.sent < this.timeline.length;
  }

  handle(cmd: Command): void {
    if (cmd.type === Commands.crash) throw new Error('engine host crashed (simulated)');
    try {
      this.dispatch(cmd);
    } catch (e) {
      this.outbox.push({ type: Messages.error, message: e instanceof Error ? e.message : String(e) });
    }
  }

  private dispatch(cmd: Command): void {
    switch (cmd.type) {
      case Commands.load:
        this.load(cmd.scenario, cmd.replay?.actions ?? [], undefined);
        if (cmd.replay) {
          this.echoReplays = true;
          try {
            this.ensure(cmd.replay.known ?? cmd.replay.cursor);
            this.moveTo(cmd.replay.cursor);
          } finally {
            this.echoReplays = false;
          }
        }
        break;
      case Commands.restore:
        this.speed = cmd.speed;
        this.streamQuietUntil = cmd.known;
        this.load(cmd.scenario, cmd.actions, cmd.cursor, cmd.origin);
        this.ensure(cmd.known);
        break;
      case Commands.apply:
      case Commands.delete:
        this.act({ kind: cmd.type, user: cmd.user, file: cmd.file });
        break;
      case Commands.command:
        this.act({ kind: 'command', user: cmd.user, line: cmd.line, files: filesNamed(cmd.line, cmd.files) });
        break;
      case Commands.fault:
        this.act({ kind: 'fault', user: cmd.user, fault: cmd.fault });
        break;
      case Commands.play:
        this.playing = true;
        this.budget = 0;
        this.instantUntil = undefined;
        break;
      case Commands.pause:
        this.playing = false;
        break;
      case Commands.speed:
        this.speed = cmd.speed;
        this.instantUntil = undefined;
        break;
      case Commands.step:
        this.playing = false;
        if (this.ensure(this.cursor + 1) > this.cursor) this.cursor++;
        break;
      case Commands.stepBack:
        this.playing = false;
        this.moveTo(Math.max(0, this.cursor - 1));
        break;
      case Commands.seek:
        this.playing = false;
        this.moveTo(cmd.index ?? this.indexAtTime(cmd.time ?? 0));
        break;
      case Commands.etcdHistory:
        this.outbox.push({ type: Messages.etcdHistory, key: cmd.key, revisions: this.history(cmd.key) });
        return;
      case Commands.events:
        this.outbox.push({ type: Messages.events, allNamespaces: cmd.allNamespaces, text: this.events(cmd.allNamespaces), revision: this.revisionAtCursor() });
        return;
      case Commands.object:
        this.outbox.push({ type: Messages.object, key: cmd.key, yaml: this.objectYaml(cmd.key), revision: this.revisionAtCursor() });
        return;
      case Commands.admission:
        this.outbox.push({ type: Messages.admission, span: cmd.span, steps: this.admission(cmd.span) });
        return;
      case Commands.complete:
        this.outbox.push({ type: Messages.completions, line: cmd.line, items: this.complete(cmd.user, cmd.line, cmd.files) });
        return;
      case Commands.ping:
        this.outbox.push({ type: Messages.pong, id: cmd.id });
        return;
      case Commands.crash:
        throw new Error('unreachable');
      default:
        unreachable(cmd);
    }
    this.dirty = true;
  }

  /** Advances playback by `dtMs` of real time. */
  tick(dtMs: number): void {
    if (!this.playing || !this.engine) return;
    const before = this.cursor;
    if (this.speed === 'instant') {
      this.runInstant();
    } else {
      this.budget += dtMs * this.speed;
      for (;;) {
        if (this.ensure(this.cursor + 1) <= this.cursor) {
          this.budget = 0;
          break;
        }
        const next = this.timeline[this.cursor] as TraceEvent;
        const prev = this.timeline[this.cursor - 1];
        // Heartbeats flash by; the virtual time between them still passes (capped).
        const wait = prev && this.isHeartbeat(this.cursor - 1)
          ? HEARTBEAT_DWELL_MS + Math.min(Math.max(0, next.time - prev.time), MAX_IDLE_GAP_MS)
          : waitBetween(prev, next);
        if (this.budget < wait) break;
        this.budget -= wait;
        this.cursor++;
      }
    }
    if (this.cursor !== before) this.dirty = true;
  }

  /**
   * Runs to the instant horizon (at most INSTANT_BATCH engine steps per frame), then pauses on the last event that
   * was not a heartbeat: the moment the learner's story settled, with the Lease renewals after it still ahead.
   */
  private runInstant(): void {
    const engine = this.requireEngine();
    if (this.instantUntil === undefined) {
      this.instantUntil = engine.clock.now() + INSTANT_HORIZON_MS;
      this.instantFrom = this.cursor;
    }
    const until = this.instantUntil;
    for (let i = 0; i < INSTANT_BATCH; i++) {
      const events = engine.tracer.events;
      if (this.cursor < events.length) {
        this.cursor = events.length;
        continue;
      }
      const action = this.actions[this.actionsDone];
      const at = engine.clock.peek();
      const due = (action !== undefined && action.tasksRun === this.tasksRun) || (at !== undefined && at <= until);
      if (!due || !this.advance()) {
        this.playing = false;
        this.instantUntil = undefined;
        let last = this.cursor;
        while (last > this.instantFrom && this.isHeartbeat(last - 1)) last--;
        if (last > this.instantFrom) this.cursor = last;
        return;
      }
    }
  }

  /** Sends what changed since the last flush: at most one trace batch and one snapshot (call once per frame). */
  flush(): void {
    if (this.resend || this.sent < this.timeline.length) {
      this.resend = false;
      this.post({ type: Messages.trace, start: this.sent, events: this.timeline.slice(this.sent) });
      this.sent = this.timeline.length;
    }
    const out = this.outbox;
    this.outbox = [];
    for (const m of out) this.post(m);
    if (this.dirty && this.engine) {
      this.dirty = false;
      this.post({ type: Messages.snapshot, snapshot: this.snapshot() });
    }
  }

  // ---- timeline ----

  private load(scenario: Scenario, actions: ReplayAction[], cursor: number | undefined, origin?: number): void {
    this.scenario = scenario;
    // Positions in the trace are filled in again as the actions replay.
    this.actions = actions.map((a) => ({ ...replayAction(a), time: 0, traceIndex: 0 }));
    this.timeline = [];
    this.heartbeats = [];
    this.heartbeatFilter = new HeartbeatFilter();
    this.sent = 0;
    this.resend = true;
    this.rebuild();
    this.outbox.push({ type: Messages.ready, scenario: scenarioInfo(this.requireEngine()) });
    if (cursor === undefined) {
      // Let the components start (list + watch) before the learner acts: that is the cluster they meet.
      const engine = this.requireEngine();
      for (let i = 0; i < STARTUP_STEPS; i++) {
        const at = engine.clock.peek();
        if (at === undefined || at > STARTUP_MS || !this.advance()) break;
      }
      this.cursor = this.ensure(engine.tracer.events.length);
      this.origin = this.cursor;
    } else {
      this.origin = Math.min(origin ?? 0, cursor);
      this.cursor = this.ensure(cursor);
    }
    this.playing = false;
  }

  private rebuild(): void {
    const scenario = this.scenario;
    if (!scenario) throw new Error('no scenario loaded');
    this.engine = this.createEngine(scenario);
    this.seen = new Map();
    this.shell = initialShellState();
    this.running = undefined;
    this.streamCount = new Map();
    this.observeWrites(this.engine);
    this.tasksRun = 0;
    this.actionsDone = 0;
    this.cursor = 0;
    this.viewCache = undefined;
    // Components may already have traced their start-up (informers listing and watching).
    this.syncTimeline();
    const firstWrite = this.engine.tracer.events.find((e) => e.type === 'etcd' && e.ok && (e.op === 'txn' || e.op === 'delete'));
    this.baseRevision = firstWrite?.type === 'etcd' ? firstWrite.revision - 1 : this.engine.etcd.revision;
    this.revCache = { cursor: 0, revision: this.baseRevision };
  }

  private requireEngine(): Engine {
    if (!this.engine) throw new Error('no scenario loaded');
    return this.engine;
  }

  /** One unit of engine progress: the next recorded action due now, else the next clock task. */
  private advance(): boolean {
    const engine = this.requireEngine();
    const next = this.actions[this.actionsDone];
    if (next && next.tasksRun === this.tasksRun) {
      this.actionsDone++;
      next.time = engine.clock.now();
      next.traceIndex = engine.tracer.events.length;
      const result = this.perform(next, this.actionsDone - 1);
      if (this.echoReplays && result) this.outbox.push({ type: Messages.kubectl, output: this.output(next, result) });
    } else if (engine.clock.step()) {
      this.tasksRun++;
    } else {
      return false;
    }
    this.syncTimeline();
    return true;
  }

  /** Runs the engine until at least `n` events exist (or it is idle); returns how many do (at most n). */
  private ensure(n: number): number {
    const events = this.requireEngine().tracer.events;
    while (events.length < n && this.advance()) { /* advancing */ }
    return Math.min(n, events.length);
  }

  private syncTimeline(): void {
    const events = this.requireEngine().tracer.events;
    for (let i = this.timeline.length; i < events.length; i++) {
      const e = events[i] as TraceEvent;
      this.timeline.push(e);
      this.heartbeats.push(this.heartbeatFilter.test(e));
    }
  }

  /** A node's periodic upkeep (Lease renewal, node status), which never ends and tells no story. */
  private isHeartbeat(index: number): boolean {
    return this.heartbeats[index] ?? false;
  }

  private moveTo(index: number): void {
    // The cluster's start-up is not part of the story: playback never goes before it.
    const target = Math.max(this.origin, index);
    if (target < this.cursor) this.rebuild();
    this.cursor = this.ensure(target);
    this.budget = 0;
  }

  private indexAtTime(t: number): number {
    let i = 0;
    for (;;) {
      if (i >= this.timeline.length && this.ensure(i + 1) <= i) return i;
      if ((this.timeline[i] as TraceEvent).time > t) return i;
      i++;
    }
  }

  // ---- user actions ----

  private act(input: ActionInput): void {
    const engine = this.requireEngine();
    // Acting in the past starts a new timeline from here: the rewound future is dropped.
    if (this.actionsDone < this.actions.length || this.timeline.length > engine.tracer.events.length) {
      this.actions.length = this.actionsDone;
      this.timeline.length = engine.tracer.events.length;
      // The UI drops the lines printed in the dropped future; what follows is counted from what this engine printed.
      for (const [id, sent] of this.streamSent) {
        if (id >= this.actions.length) this.streamSent.delete(id);
        else this.streamSent.set(id, Math.min(sent, this.streamCount.get(id) ?? 0));
      }
      this.heartbeats.length = this.timeline.length;
      if (this.sent > this.timeline.length) {
        this.sent = this.timeline.length;
        this.resend = true;
      }
    }
    const action: UserAction = { ...input, tasksRun: this.tasksRun, time: engine.clock.now(), traceIndex: engine.tracer.events.length };
    this.actions.push(action);
    this.actionsDone++;
    const result = this.perform(action, this.actions.length - 1);
    this.syncTimeline();
    if (result) this.outbox.push({ type: Messages.kubectl, output: this.output(action, result) });
    if (result?.parseError) {
      // kubectl sent nothing: there is nothing to replay and nothing to watch.
      this.actions.pop();
      this.actionsDone--;
      return;
    }
    // Something to watch: the requests the action sent, or the cluster reacting to a fault.
    if (engine.tracer.events.length > action.traceIndex) {
      this.playing = true;
      this.instantUntil = undefined;
    }
  }

  /** Does what the action did; returns what the terminal shows (nothing for a fault that worked). */
  private perform(action: UserAction, id: number): ActionResult | undefined {
    const engine = this.requireEngine();
    const editorPrompt = promptFor(initialShellState(), action.user);
    if (action.kind === 'fault') {
      const error = injectFault(engine, action.fault);
      return error === undefined ? undefined : { ok: false, prompt: editorPrompt, lines: [{ stream: 'stderr', text: `error: ${error}` }] };
    }
    if (action.kind === 'command') {
      // A terminal runs one command at a time: Ctrl+C (or the next command) stops a watch still printing.
      this.interrupt();
      if (action.line === INTERRUPT) return undefined;
      const prompt = promptFor(this.shell, action.user);
      const out = runCommandLine({ engine, user: action.user, files: action.files, stream: (lines) => this.more(id, lines) }, this.shell, action.line);
      this.shell = out.state;
      if (out.running) this.running = { id, stop: () => out.running?.stop() };
      const clear = out.lines.some((l) => l.text === CLEAR_SCREEN);
      return {
        ok: out.exitCode === 0, prompt, lines: out.lines.filter((l) => l.text !== CLEAR_SCREEN),
        ...(clear ? { clear } : {}), ...(out.running ? { running: true } : {}),
      };
    }
    let credentials;
    try {
      credentials = engine.credentialsFor(action.user);
    } catch (e) {
      return { ok: false, prompt: editorPrompt, lines: [{ stream: 'stderr', text: `error: ${e instanceof Error ? e.message : String(e)}` }] };
    }
    const ctx = { send: engine.request.bind(engine), credentials, namespace: 'default' };
    const result = action.kind === 'apply' ? kubectlApply(ctx, action.file.name, action.file.content) : kubectlDelete(ctx, action.file.name, action.file.content);
    return { ...result, prompt: editorPrompt };
  }

  private interrupt(): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    running.stop();
    this.more(running.id, [{ stream: 'stdout', text: '^C' }], true);
  }

  /** Later output of a running command: sent once, even when a rebuilt engine prints it again. */
  private more(id: number, lines: KubectlLine[], done = false): void {
    const at = this.requireEngine().tracer.events.length;
    const count = this.streamCount.get(id) ?? 0;
    this.streamCount.set(id, count + lines.length);
    const sent = this.streamSent.get(id) ?? 0;
    const fresh = at <= this.streamQuietUntil ? [] : lines.slice(Math.max(0, sent - count));
    if (fresh.length === 0 && !done) return;
    this.streamSent.set(id, Math.max(sent, count + lines.length));
    const out: KubectlOutputLine[] = fresh.map((l) => ({ stream: l.stream, text: l.text, at, ...(l.status ? { status: l.status } : {}) }));
    this.outbox.push({ type: Messages.kubectlMore, id, lines: out, ...(done ? { done } : {}) });
  }

  private output(action: UserAction, result: ActionResult): KubectlOutput {
    const events = this.requireEngine().tracer.events;
    // A line no response produced shows with the line before it (at once, if it is the first).
    let previous = 0;
    const at = (span: number | undefined): number => {
      if (span === undefined) return previous;
      for (let i = action.traceIndex; i < events.length; i++) {
        const e = events[i] as TraceEvent;
        if (e.type === 'response' && e.span === span) return i + 1;
      }
      return events.length;
    };
    const out: KubectlOutput = {
      id: this.actions.indexOf(action),
      source: action.kind === 'command' ? 'terminal' : 'editor',
      command: commandLine(action),
      user: action.user,
      prompt: result.prompt,
      file: action.kind === 'apply' || action.kind === 'delete' ? action.file.name : '',
      ok: result.ok,
      lines: result.lines.map((l) => ({
        stream: l.stream, text: l.text, at: (previous = at(l.span)),
        ...(l.docLine !== undefined ? { docLine: l.docLine } : {}), ...(l.status ? { status: l.status } : {}),
      })),
    };
    if (result.clear) out.clear = true;
    if (result.running) out.running = true;
    if (result.parseError) out.parseError = result.parseError;
    return out;
  }

  private complete(user: string, line: string, files: FileRef[]): string[] {
    try {
      return completions({ engine: this.requireEngine(), user, files }, this.shell, line);
    } catch {
      return [];
    }
  }

  // ---- the cluster as of the cursor ----

  private revisionAtCursor(): number {
    let { cursor, revision } = this.revCache;
    if (cursor > this.cursor) ({ cursor, revision } = { cursor: 0, revision: this.baseRevision });
    for (let i = cursor; i < this.cursor; i++) {
      const e = this.timeline[i] as TraceEvent;
      if (e.type === 'etcd' && e.ok && (e.op === 'txn' || e.op === 'delete') && e.revision > revision) revision = e.revision;
    }
    this.revCache = { cursor: this.cursor, revision };
    return revision;
  }

  private rangeAt(prefix: string, revision: number): KeyValue[] {
    const etcd = this.requireEngine().etcd;
    try {
      return etcd.range(prefix, { prefix: true, revision }).kvs;
    } catch {
      // Compacted away: the current state is the best there is.
      return etcd.range(prefix, { prefix: true }).kvs;
    }
  }

  private snapshot(): Snapshot {
    const engine = this.requireEngine();
    const revision = this.revisionAtCursor();
    const current = this.timeline[this.cursor - 1];
    const time = current?.time ?? 0;
    if (this.viewCache?.revision !== revision) {
      const nowMs = engine.clock.epochMs + time;
      this.viewCache = {
        revision,
        pods: this.rangeAt('/registry/pods/', revision).map((kv) => podView(JSON.parse(kv.value) as Pod, nowMs)),
        nodes: this.rangeAt('/registry/minions/', revision).map((kv) => nodeView(JSON.parse(kv.value) as NodeObject)),
        keys: this.rangeAt('/registry/', revision).map((kv) => ({ key: kv.key, createRevision: kv.createRevision, modRevision: kv.modRevision, version: kv.version })),
      };
    }
    const idle = this.cursor >= engine.tracer.events.length && engine.clock.peek() === undefined && this.actionsDone >= this.actions.length;
    return {
      time, cursor: this.cursor, known: this.timeline.length, origin: this.origin, playing: this.playing, speed: this.speed, idle, revision,
      pods: this.viewCache.pods, nodes: this.viewCache.nodes, keys: this.viewCache.keys, actions: [...this.actions],
      prompts: Object.fromEntries(engine.scenario.cluster.users.map((u) => [u.name, promptFor(this.shell, u.name)])),
    };
  }

  /**
   * Keeps the body of every write that reaches kube-apiserver (kubectl's and the components'), by the span the
   * apiserver gives it, so the Admission inspector can rebuild the object each plugin saw. Node upkeep is skipped.
   */
  private observeWrites(engine: Engine): void {
    const server = engine.apiserver;
    const handle = server.handle.bind(server);
    server.handle = (req: ApiRequest): ApiResponse => {
      const res = handle(req);
      if (req.body !== undefined && req.method !== 'GET' && req.method !== 'DELETE' && !isHeartbeatRequest(req.method, req.path)) {
        const type = req.headers?.['content-type'];
        this.seen.set(res.span, { method: req.method, contentType: (Array.isArray(type) ? type[0] : type) ?? 'application/json', body: req.body });
      }
      return res;
    };
  }

  private events(allNamespaces: boolean): string {
    const engine = this.requireEngine();
    const revision = this.revisionAtCursor();
    const objects = this.rangeAt('/registry/events/', revision).map((kv) => JSON.parse(kv.value) as KubeObject);
    const nowMs = engine.clock.epochMs + (this.timeline[this.cursor - 1]?.time ?? 0);
    return kubectlGetEvents(objects, nowMs, allNamespaces ? null : 'default');
  }

  private objectYaml(key: string): string | null {
    const kv = this.rangeAt(key, this.revisionAtCursor()).find((x) => x.key === key);
    return kv ? kubectlGetYaml(kv.value, kv.modRevision) : null;
  }

  private admission(span: number): AdmissionStep[] {
    const events = this.timeline.filter((e) => e.span === span);
    const request = events.find((e) => e.type === 'request');
    const seen = this.seen.get(span);
    if (!request || request.type !== 'request' || !seen) return admissionSteps(undefined, events);
    const write = events.find((e) => e.type === 'etcd' && e.op === 'txn' && e.ok);
    const path = request.path.split('?')[0] ?? '';
    const namespace = /\/namespaces\/([^/]+)\//.exec(path)?.[1] ?? '';
    const key = write?.type === 'etcd' ? write.key : undefined;
    let live: KubeObject | undefined;
    if (seen.method === 'PATCH' && write?.type === 'etcd') {
      try {
        const kv = this.requireEngine().etcd.get(write.key, { revision: write.revision - 1 });
        if (kv) live = JSON.parse(kv.value) as KubeObject;
      } catch {
        live = undefined;
      }
    }
    const name = key?.split('/').pop() ?? (seen.method === 'POST' ? '' : decodeURIComponent(path.split('/').pop() ?? ''));
    return admissionSteps(admissionInput(seen, live, namespace, name), events);
  }

  /** Every stored revision of `key` up to the cursor's revision, newest first (walking mod_revision back). */
  private history(key: string): EtcdRevision[] {
    const etcd = this.requireEngine().etcd;
    const out: EtcdRevision[] = [];
    let rev = this.revisionAtCursor();
    for (let i = 0; i < 1000 && rev > 0; i++) {
      let kv: KeyValue | undefined;
      try {
        kv = etcd.get(key, { revision: rev });
      } catch {
        break;
      }
      if (!kv) break;
      out.push({ revision: kv.modRevision, version: kv.version, value: kv.value });
      if (kv.version <= 1) break;
      rev = kv.modRevision - 1;
    }
    return out;
  }
}

/** What an action printed, and at which prompt. */
interface ActionResult {
  ok: boolean;
  prompt: string;
  lines: KubectlLine[];
  parseError?: ManifestError;
  clear?: boolean;
  running?: boolean;
}

function commandLine(a: ActionInput): string {
  switch (a.kind) {
    case 'apply': case 'delete': return `kubectl ${a.kind} -f ${a.file.name}`;
    case 'command': return a.line;
    case 'fault': return '';
  }
}

/** The editor files a command line names (`kubectl apply -f nginx-pod.yaml`, `cat rbac.yaml`): all a replay needs. */
export function filesNamed(line: string, files: readonly FileRef[]): FileRef[] {
  const words = new Set(line.split(/[\s=,'"]+/));
  const listing = words.has('ls');
  return files.filter((f) => listing || words.has(f.name) || words.has(`./${f.name}`)).map((f) => ({ name: f.name, content: f.content }));
}

interface NodeObject {
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: { unschedulable?: boolean; taints?: { key: string; value?: string; effect: string }[] };
  status?: { conditions?: { type: string; status: string }[] };
}

function podView(pod: Pod, nowMs: number): PodView {
  const cells = printPod(pod, nowMs).cells;
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase ?? 'Pending',
    ready: String(cells[1] ?? ''),
    status: String(cells[2] ?? ''),
    node: pod.spec?.nodeName ?? '',
  };
}

function nodeView(n: NodeObject): NodeView {
  const labels = n.metadata?.labels ?? {};
  const roles = Object.keys(labels).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length));
  return {
    name: n.metadata?.name ?? '',
    ready: (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
    roles: roles.length > 0 ? roles.join(',') : '<none>',
    unschedulable: n.spec?.unschedulable === true,
    taints: (n.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
  };
}

function scenarioInfo(engine: Engine): ScenarioInfo {
  const s = engine.scenario;
  return {
    name: s.name,
    title: s.title,
    description: s.description ?? '',
    steps: (s.steps ?? []).map((x) => ({ action: x.action, file: x.file, user: x.user, note: x.note ?? '' })),
    users: s.cluster.users.map((u) => {
      const who = engine.describeUser(u.name);
      return { name: u.name, description: u.description ?? '', identity: who?.name ?? u.name, groups: who?.groups ?? [] };
    }),
    nodes: s.cluster.nodes.map((n) => n.name),
    files: s.files.map((f) => ({ name: f.name, content: f.content })),
  };
}
