// models containerd 1.7's CRI plugin on one node: an image store, pod sandboxes (a pause container each) and
// containers whose processes are simulated from their image and argv on the virtual clock. The kubelet drives it
// through CRI-shaped calls; every call is traced as a hop kubelet/<node> → containerd/<node>.
import type { Json } from '../api/types.ts';
import type { Clock, ScheduledTask } from '../clock.ts';
import type { Rng } from '../rng.ts';
import type { Actor, Tracer } from '../trace/types.ts';
import type { ImageRegistry } from './ImageRegistry.ts';
import { normalizeImage, PAUSE_IMAGE, type ResolvedImage } from './images.ts';
import { executableIn, serverProgram, shellFlavor } from './programs.ts';
import { runArgv, runScript, type ShellAction, type ShellContext } from './shell.ts';

export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';
export type SandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

export interface LogLine {
  /** Virtual wall ms. */
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface StoredImage {
  image: ResolvedImage;
  repoTags: Set<string>;
}

export interface Sandbox {
  id: string;
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
  state: SandboxState;
  createdAt: number;
  ip: string;
  pauseContainerId: string;
}

export interface Container {
  id: string;
  sandboxId: string;
  name: string;
  attempt: number;
  /** The image as the pod spec names it. */
  imageSpec: string;
  image: ResolvedImage;
  podName: string;
  podNamespace: string;
  podUid: string;
  state: ContainerState;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  reason: string;
  message: string;
  argv: string[];
  env: Map<string, string>;
  logs: LogLine[];
  /** The process, while it runs: pending actions and the task that resumes it. */
  proc?: Generator<ShellAction, number> | undefined;
  wakeTask?: ScheduledTask | undefined;
  killTask?: ScheduledTask | undefined;
  /** Whether PID 1 exits on SIGTERM (servers do; a shell or sleep as PID 1 ignores it). */
  handlesTerm: boolean;
}

export interface ContainerConfig {
  name: string;
  attempt: number;
  imageSpec: string;
  command?: string[] | undefined;
  args?: string[] | undefined;
  env: Map<string, string>;
}

export type PullResult = { ok: true; image: ResolvedImage; durationMs: number; resolveMs: number } | { ok: false; error: string; durationMs: number };

export interface RuntimeDeps {
  node: string;
  clock: Clock;
  rng: Rng;
  tracer: Tracer;
  registry: ImageRegistry;
  /** CPUs of the node (nginx starts one worker per CPU). */
  cpus?: number;
  /** Called when a container's process exits (the PLEG event the kubelet reacts to). */
  onExit?: (c: Container) => void;
}

const MAX_LOG_LINES = 5000;

export class ContainerRuntime {
  readonly images = new Map<string, StoredImage>();
  readonly sandboxes = new Map<string, Sandbox>();
  readonly containers = new Map<string, Container>();
  /** The span of the kubelet work calling in (e.g. one pod sync), so CRI hops nest under it. */
  parentSpan: number | null = null;
  onExit: ((c: Container) => void) | undefined;
  private readonly self: Actor;
  private readonly caller: Actor;

  constructor(private readonly d: RuntimeDeps) {
    this.self = `containerd/${d.node}`;
    this.caller = `kubelet/${d.node}`;
    this.onExit = d.onExit;
  }

  // ---- tracing ----------------------------------------------------------------------------------------------

  private trace(call: string, request: Json, response: Json, error?: string): void {
    const t = this.d.tracer;
    if (!t.active) return;
    const span = t.newSpan();
    t.emit(span, this.parentSpan, { type: 'cri', from: this.caller, to: this.self, call, request, response, ...(error !== undefined ? { error } : {}) });
  }

  private newId(): string {
    let s = '';
    for (let i = 0; i < 8; i++) s += this.d.rng.uint32().toString(16).padStart(8, '0');
    return s;
  }

  // ---- images -----------------------------------------------------------------------------------------------

  /** ImageStatus: the stored image a reference names, if present. */
  imageStatus(imageSpec: string): ResolvedImage | undefined {
    const ref = normalizeImage(imageSpec);
    for (const s of this.images.values()) {
      if (ref.digest !== '' ? s.image.repoDigest === `${ref.repo}@${ref.digest}` : s.repoTags.has(ref.full)) return s.image;
    }
    return undefined;
  }

  /** Preloads an image (the node's images at boot: the pause image, as kubeadm pre-pulls it). */
  addImage(image: ResolvedImage, tag: string): void {
    const stored = this.images.get(image.id) ?? { image, repoTags: new Set<string>() };
    stored.repoTags.add(`${image.repo}:${tag}`);
    this.images.set(image.id, stored);
  }

  /** PullImage: resolves through the registry; `done` runs when the download finishes (or fails). */
  pullImage(imageSpec: string, done: (r: PullResult) => void): void {
    const res = this.d.registry.pull(imageSpec);
    const ref = normalizeImage(imageSpec);
    const span = this.parentSpan;
    // Layers already in the content store are not downloaded again: only the manifest is resolved.
    if (res.ok && this.images.has(res.image.id)) res.durationMs = res.resolveMs;
    this.d.clock.schedule(res.durationMs, `containerd/${this.d.node} pull ${ref.full}`, () => {
      const prev = this.parentSpan;
      this.parentSpan = span;
      if (res.ok) {
        this.addImage(res.image, ref.digest !== '' ? (res.image.tags[0] ?? 'latest') : ref.tag);
        this.trace('PullImage', { image: { image: ref.full } }, { imageRef: res.image.id, size: res.image.size, durationMs: res.durationMs });
      } else {
        this.trace('PullImage', { image: { image: ref.full } }, null, res.error);
      }
      this.parentSpan = prev;
      done(res);
    });
  }

  // ---- sandboxes --------------------------------------------------------------------------------------------

  /** RunPodSandbox: the pause container holding the pod's network namespace (its IP comes from the CNI). */
  runPodSandbox(meta: { name: string; namespace: string; uid: string; attempt: number }, ip: string): Sandbox {
    const pause = this.imageStatus(PAUSE_IMAGE);
    const id = this.newId();
    const now = this.d.clock.wallMs();
    const pauseId = id;
    const sb: Sandbox = { ...meta, id, state: 'SANDBOX_READY', createdAt: now, ip, pauseContainerId: pauseId };
    this.sandboxes.set(id, sb);
    this.trace('RunPodSandbox', { config: { metadata: meta }, runtimeHandler: '' }, { podSandboxId: id, ip, pauseImage: pause?.id ?? PAUSE_IMAGE });
    return sb;
  }

  stopPodSandbox(id: string): void {
    const sb = this.sandboxes.get(id);
    if (!sb) return;
    sb.state = 'SANDBOX_NOTREADY';
    for (const c of this.containers.values()) if (c.sandboxId === id && c.state === 'CONTAINER_RUNNING') this.exit(c, 137, 'Error', '');
    this.trace('StopPodSandbox', { podSandboxId: id }, {});
  }

  removePodSandbox(id: string): void {
    this.sandboxes.delete(id);
    for (const [cid, c] of this.containers) if (c.sandboxId === id) this.containers.delete(cid);
    this.trace('RemovePodSandbox', { podSandboxId: id }, {});
  }

  // ---- containers -------------------------------------------------------------------------------------------

  /** CreateContainer: resolves the argv (command/args over the image's entrypoint/cmd), as containerd's spec does. */
  createContainer(sandboxId: string, cfg: ContainerConfig): { ok: true; container: Container } | { ok: false; error: string } {
    const sb = this.sandboxes.get(sandboxId);
    const image = this.imageStatus(cfg.imageSpec);
    if (!sb || !image) {
      const error = !sb ? `failed to get sandbox "${sandboxId}": not found` : `failed to get image "${cfg.imageSpec}": not found`;
      this.trace('CreateContainer', { podSandboxId: sandboxId, name: cfg.name }, null, error);
      return { ok: false, error };
    }
    const entry = cfg.command ?? image.entrypoint;
    const cmd = cfg.args ?? (cfg.command ? [] : image.cmd);
    const argv = [...entry, ...cmd];
    if (argv.length === 0) {
      const error = 'failed to generate container spec: no command specified';
      this.trace('CreateContainer', { podSandboxId: sandboxId, name: cfg.name }, null, error);
      return { ok: false, error };
    }
    const now = this.d.clock.wallMs();
    const c: Container = {
      id: this.newId(), sandboxId, name: cfg.name, attempt: cfg.attempt, imageSpec: cfg.imageSpec, image,
      podName: sb.name, podNamespace: sb.namespace, podUid: sb.uid,
      state: 'CONTAINER_CREATED', createdAt: now, startedAt: 0, finishedAt: 0, exitCode: 0, reason: '', message: '',
      argv, env: cfg.env, logs: [], handlesTerm: false,
    };
    this.containers.set(c.id, c);
    this.trace('CreateContainer', { podSandboxId: sandboxId, config: { metadata: { name: cfg.name, attempt: cfg.attempt }, image: { image: image.id }, command: argv } }, { containerId: c.id });
    return { ok: true, container: c };
  }

  /**
   * StartContainer: runc execs argv[0]. A program missing from the image fails here, as runc reports it;
   * otherwise the process starts and runs on the clock until it exits or is killed.
   */
  startContainer(id: string): { ok: true } | { ok: false; error: string } {
    const c = this.containers.get(id);
    if (!c) return { ok: false, error: `container "${id}" not found` };
    const argv0 = c.argv[0] ?? '';
    const now = this.d.clock.wallMs();
    if (!executableIn(c.image, argv0)) {
      const what = argv0.includes('/') ? `stat ${argv0}: no such file or directory` : `exec: "${argv0}": executable file not found in $PATH`;
      const error = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${what}: unknown`;
      c.state = 'CONTAINER_EXITED';
      c.startedAt = now;
      c.finishedAt = now;
      c.exitCode = 128;
      c.reason = 'StartError';
      c.message = error;
      this.trace('StartContainer', { containerId: id }, null, error);
      return { ok: false, error };
    }
    c.state = 'CONTAINER_RUNNING';
    c.startedAt = now;
    const flavor = shellFlavor(c.image, argv0);
    const ctx: ShellContext = {
      env: c.env, flavor, wallMs: () => this.d.clock.wallMs(),
      program: (argv, cx) => serverProgram(argv, cx, c.image, this.d.cpus ?? 4),
    };
    const bin = argv0.split('/').pop() ?? '';
    const isShell = ['sh', 'bash', 'ash', 'dash'].includes(bin);
    c.handlesTerm = !isShell && bin !== 'sleep' && bin !== 'tail' && c.image.behaviour !== 'shell';
    if (c.image.behaviour === 'pause' && argv0 === '/pause') {
      const forever: ShellAction = { kind: 'forever' };
      c.proc = (function* () { yield forever; return 0; })();
    } else if (isShell && c.argv[1] === '-c' && c.argv[2] !== undefined) {
      c.proc = runScript(c.argv[2], ctx);
    } else {
      c.proc = runArgv(c.argv, ctx);
    }
    this.trace('StartContainer', { containerId: id }, {});
    this.resume(c);
    return { ok: true };
  }

  /** Runs the process until it sleeps, blocks or ends; a busy process yields to the clock every 1000 actions. */
  private resume(c: Container): void {
    c.wakeTask = undefined;
    const proc = c.proc;
    if (!proc || c.state !== 'CONTAINER_RUNNING') return;
    for (let n = 0; n < 1000; n++) {
      const r = proc.next();
      if (r.done) {
        this.exit(c, r.value, r.value === 0 ? 'Completed' : 'Error', '');
        return;
      }
      const a = r.value;
      if (a.kind === 'out') {
        c.logs.push({ time: this.d.clock.wallMs(), stream: a.stream, text: a.text });
        if (c.logs.length > MAX_LOG_LINES) c.logs.splice(0, c.logs.length - MAX_LOG_LINES);
      } else if (a.kind === 'sleep') {
        c.wakeTask = this.d.clock.schedule(a.ms, `containerd/${this.d.node} ${c.name} wakes`, () => this.resume(c));
        return;
      } else {
        return; // blocks until killed
      }
    }
    c.wakeTask = this.d.clock.schedule(1000, `containerd/${this.d.node} ${c.name} busy`, () => this.resume(c));
  }

  private exit(c: Container, code: number, reason: string, message: string): void {
    if (c.state !== 'CONTAINER_RUNNING') return;
    if (c.wakeTask) this.d.clock.cancel(c.wakeTask);
    if (c.killTask) this.d.clock.cancel(c.killTask);
    c.wakeTask = undefined;
    c.killTask = undefined;
    c.proc = undefined;
    c.state = 'CONTAINER_EXITED';
    c.finishedAt = this.d.clock.wallMs();
    c.exitCode = code;
    c.reason = reason;
    c.message = message;
    this.onExit?.(c);
  }

  /**
   * StopContainer: SIGTERM, then SIGKILL after the grace period. Servers exit on SIGTERM within ~100ms (code 0);
   * a shell or `sleep` as PID 1 has no handler and the kernel ignores the signal, so it dies at SIGKILL (137).
   */
  stopContainer(id: string, graceMs: number): void {
    const c = this.containers.get(id);
    if (!c || c.state !== 'CONTAINER_RUNNING') return;
    this.trace('StopContainer', { containerId: id, timeout: Math.round(graceMs / 1000) }, {});
    if (c.handlesTerm) {
      const ms = Math.min(graceMs, 50 + this.d.rng.int(150));
      c.killTask = this.d.clock.schedule(ms, `containerd/${this.d.node} ${c.name} SIGTERM exit`, () => this.exit(c, 0, 'Completed', ''));
      return;
    }
    c.killTask = this.d.clock.schedule(graceMs, `containerd/${this.d.node} ${c.name} SIGKILL`, () => this.exit(c, 137, 'Error', ''));
  }

  removeContainer(id: string): void {
    this.containers.delete(id);
    this.trace('RemoveContainer', { containerId: id }, {});
  }

  /** Stops every process at once (the node powered off). */
  killAll(): void {
    for (const c of this.containers.values()) this.exit(c, 137, 'Error', '');
  }
}
