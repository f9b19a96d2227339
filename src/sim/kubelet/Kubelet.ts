// models the v1.32 kubelet of one node (pkg/kubelet): registers its status and renews its Lease, watches the pods
// bound to it (fieldSelector spec.nodeName=<node>), admits them (lifecycle/predicate.go), and runs one pod worker
// per pod that drives the container runtime through CRI calls — sandbox, image pull (images/image_manager.go),
// init containers in order, create/start (kuberuntime_container.go), restart back-off, graceful termination —
// reporting status with strategic-merge PATCHes of pods/<name>/status (statusutil.PatchPodStatus).
// Simplified: no probes beyond readinessProbe's initial delay, no volumes (mounts are reported, not made), no
// eviction, one sync per pod at a time driven by the virtual clock instead of goroutines.
import type { Container as SpecContainer, Node, Pod } from 'kubernetes-types/core/v1';
import { errors } from '../api/status.ts';
import type { Json, KubeObject } from '../api/types.ts';
import { parseRfc3339, type Clock, type ScheduledTask } from '../clock.ts';
import type { Rng } from '../rng.ts';
import type { Tracer } from '../trace/types.ts';
import { isConflict, isNotFound, type Client } from '../client/Client.ts';
import { EventRecorder } from '../client/EventRecorder.ts';
import { Informer } from '../client/Informer.ts';
import { RES } from '../client/paths.ts';
import { podRequests } from '../apiserver/admission/podResources.ts';
import { quantityOf } from '../api/quantity.ts';
import { computePodQOS } from '../apiserver/defaults/qos.ts';
import type { Container, ContainerRuntime, PullResult, Sandbox } from '../runtime/ContainerRuntime.ts';
import { catalogueImages, normalizeImage, PAUSE_IMAGE, type ResolvedImage } from '../runtime/images.ts';
import { Backoff } from './Backoff.ts';
import { generatePodStatus, shouldRestart, type ContainerView, type InstanceView } from './podStatus.ts';
import { nodeStatusPatch, podStatusPatch } from './twoWayMergePatch.ts';
import { canonicalJsonEqual } from '../util/jsonEqual.ts';

type Obj = { [k: string]: Json };

export interface KubeletOptions {
  /** nodeStatusUpdateFrequency: how often status is computed (posted only when changed or the report is due). */
  statusUpdateMs?: number;
  /** nodeStatusReportFrequency. */
  statusReportMs?: number;
  /** Lease renew interval (leaseDurationSeconds × 0.25). */
  leaseRenewMs?: number;
  leaseDurationSeconds?: number;
  /** The pod CIDR to use when node.spec.podCIDR is unset (the node IPAM controller has not assigned one). */
  fallbackPodCIDR?: string;
  /** The node's InternalIP when its status has none yet. */
  fallbackAddress?: string;
}

export interface KubeletDeps {
  node: string;
  clock: Clock;
  rng: Rng;
  tracer: Tracer;
  /** Authenticated as system:node:<node> (group system:nodes). */
  client: Client;
  runtime: ContainerRuntime;
  options?: KubeletOptions;
}

/** Resources held back on the node without a pod (failure injection: "fill the node"). */
export interface Reservation {
  cpuMilli: number;
  memoryBytes: number;
}

interface CState extends ContainerView {
  spec: SpecContainer;
  currentId?: string | undefined;
  previousId?: string | undefined;
  readyTask?: ScheduledTask | undefined;
}

interface Worker {
  uid: string;
  pod: Pod;
  admitted: boolean;
  rejected: boolean;
  sandbox?: Sandbox | undefined;
  containers: Map<string, CState>;
  startTime: string;
  terminalPhase?: 'Succeeded' | 'Failed' | undefined;
  running?: Generator<Step, void, PullResult | undefined> | undefined;
  again: boolean;
  timer?: ScheduledTask | undefined;
  timerAt: number;
  killing: Set<string>;
  deleted: boolean;
  deleteSent: boolean;
}

type Step = { wait: number } | { pull: string };

/** Go's time.Duration.String() for a whole number of milliseconds ("830ms", "2.345s", "1m5.5s"). */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number(s.toFixed(3))}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}

/** JSON with object keys sorted, to compare values whatever order their keys were written in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Whether an update changes what the kubelet acts on: spec, labels, annotations, deletion. */
function needsSync(a: Pod, b: Pod): boolean {
  const am = a.metadata ?? {};
  const bm = b.metadata ?? {};
  return am.deletionTimestamp !== bm.deletionTimestamp || am.deletionGracePeriodSeconds !== bm.deletionGracePeriodSeconds
    || !canonicalJsonEqual(am.labels ?? {}, bm.labels ?? {}) || !canonicalJsonEqual(am.annotations ?? {}, bm.annotations ?? {})
    || !canonicalJsonEqual(a.spec, b.spec);
}

/** format.Pod: "name_namespace(uid)". */
function formatPod(pod: Pod): string {
  return `${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}(${pod.metadata?.uid ?? ''})`;
}

/** The pull policy the apiserver defaults (Always for :latest or no tag, else IfNotPresent). */
function pullPolicy(c: SpecContainer): string {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const ref = normalizeImage(c.image ?? '');
  return ref.digest === '' && ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export class Kubelet {
  readonly node: string;
  private readonly recorder: EventRecorder;
  private informer: Informer<Pod & KubeObject> | undefined;
  private readonly workers = new Map<string, Worker>();
  private readonly byContainer = new Map<string, { w: Worker; name: string }>();
  private readonly crashBackoff = new Backoff(10_000, 300_000);
  private readonly imageBackoff = new Backoff(10_000, 300_000);
  private readonly pullQueue: { image: string; done: (r: PullResult) => void }[] = [];
  private pulling = false;
  private readonly timers: ScheduledTask[] = [];
  private lease: KubeObject | undefined;
  private lastReportAt = -Infinity;
  private nodeObj: Node | undefined;
  private ipNext = 2;
  private readonly ipsInUse = new Set<string>();
  private running = false;
  reservation: Reservation = { cpuMilli: 0, memoryBytes: 0 };

  constructor(private readonly d: KubeletDeps) {
    this.node = d.node;
    this.recorder = new EventRecorder(d.client, d.clock, { component: 'kubelet', host: d.node });
    d.runtime.onExit = (c) => this.onContainerExit(c);
  }

  get isRunning(): boolean {
    return this.running;
  }

  private get opts(): Required<Omit<KubeletOptions, 'fallbackPodCIDR' | 'fallbackAddress'>> & KubeletOptions {
    return { statusUpdateMs: 10_000, statusReportMs: 300_000, leaseRenewMs: 10_000, leaseDurationSeconds: 40, ...this.d.options };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // The pause image is on every node before any pod (kubeadm pre-pulls it).
    const pause = catalogueImages().find((i) => `${i.repo}:${i.tags[0] ?? ''}` === PAUSE_IMAGE);
    if (pause && !this.d.runtime.imageStatus(PAUSE_IMAGE)) this.d.runtime.addImage(pause, '3.10');
    this.syncNodeStatus();
    this.renewLease();
    this.every(this.opts.statusUpdateMs, 'node status', () => this.syncNodeStatus());
    this.every(this.opts.leaseRenewMs, 'lease', () => this.renewLease());
    this.informer = new Informer<Pod & KubeObject>(this.d.client, this.d.clock, RES.pods, { fieldSelector: `spec.nodeName=${this.node}` });
    this.informer.addHandlers({
      onAdd: (p) => this.podChanged(p),
      onUpdate: (_o, p) => this.podChanged(p),
      onDelete: (p) => this.podRemoved(p),
    });
    this.informer.start();
  }

  /** Stops the kubelet process: no more heartbeats, status or pod syncs. Containers keep running, as they do. */
  stop(): void {
    this.running = false;
    this.informer?.stop();
    this.informer = undefined;
    for (const t of this.timers) this.d.clock.cancel(t);
    this.timers.length = 0;
    for (const w of this.workers.values()) if (w.timer) this.d.clock.cancel(w.timer);
  }

  private every(ms: number, label: string, fn: () => void): void {
    const tick = (): void => {
      if (!this.running) return;
      fn();
      this.timers.push(this.d.clock.schedule(ms, `kubelet/${this.node} ${label}`, tick));
    };
    this.timers.push(this.d.clock.schedule(ms, `kubelet/${this.node} ${label}`, tick));
  }

  private span(): number {
    const span = this.d.tracer.newSpan();
    this.d.client.parentSpan = span;
    this.d.runtime.parentSpan = span;
    return span;
  }

  private decide(w: Worker, step: 'admit' | 'sandbox' | 'pull' | 'create' | 'start' | 'exit' | 'backoff' | 'kill' | 'status' | 'delete', detail: string, container?: string): void {
    const t = this.d.tracer;
    if (!t.active) return;
    const pod = `${w.pod.metadata?.namespace ?? ''}/${w.pod.metadata?.name ?? ''}`;
    t.emit(this.d.client.parentSpan ?? t.newSpan(), null, { type: 'kubelet', node: this.node, pod, step, detail, ...(container !== undefined ? { container } : {}) });
  }

  // ---- node status and lease ----------------------------------------------------------------------------------

  private addressOf(node: Node): string {
    return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? this.d.options?.fallbackAddress ?? '192.168.49.2';
  }

  /** The status this kubelet reports: what the node was created with, completed with what a kubelet knows. */
  private desiredNodeStatus(node: Node, heartbeat: string): Obj {
    const st = (node.status ?? {}) as unknown as Obj;
    const capacity = (st.capacity as Obj | undefined) ?? { cpu: '4', 'ephemeral-storage': '61202244Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8039144Ki', pods: '110' };
    const allocatable = (st.allocatable as Obj | undefined) ?? capacity;
    const old = new Map<string, Obj>();
    for (const c of (st.conditions as Obj[] | undefined) ?? []) old.set(typeof c.type === 'string' ? c.type : '', c);
    const cond = (type: string, status: string, reason: string, message: string): Obj => {
      const p = old.get(type);
      return { type, status, lastHeartbeatTime: heartbeat, lastTransitionTime: p && p.status === status && p.lastTransitionTime ? p.lastTransitionTime : heartbeat, reason, message };
    };
    const images = [...this.d.runtime.images.values()]
      .sort((a, b) => b.image.size - a.image.size)
      .slice(0, 50)
      .map((s) => ({ names: [s.image.repoDigest, ...[...s.repoTags].sort()], sizeBytes: s.image.size }));
    const ip = this.addressOf(node);
    return {
      ...st,
      capacity, allocatable,
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: st.addresses ?? [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: this.node }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: st.nodeInfo ?? {
        machineID: '', systemUUID: '', bootID: '', kernelVersion: '6.8.0-51-generic', osImage: 'Ubuntu 24.04.1 LTS',
        containerRuntimeVersion: 'containerd://1.7.24', kubeletVersion: 'v1.32.4', kubeProxyVersion: 'v1.32.4', operatingSystem: 'linux', architecture: 'amd64',
      },
      images,
    };
  }

  /** tryUpdateNodeStatus: GET the node, PATCH status when it changed or the report is due (5 minutes). */
  syncNodeStatus(): void {
    if (!this.running) return;
    this.span();
    let node: Node;
    try {
      node = this.d.client.get<Node & KubeObject>(RES.nodes, '', this.node);
    } catch {
      return;
    }
    this.nodeObj = node;
    const now = this.d.clock.timestamp();
    const desired = this.desiredNodeStatus(node, now);
    const strip = (s: Obj | undefined): string => canonical({ ...s, conditions: ((s?.conditions as Obj[] | undefined) ?? []).map((c) => ({ ...c, lastHeartbeatTime: null })) });
    const changed = strip(desired) !== strip(node.status as unknown as Obj);
    if (!changed && this.d.clock.now() - this.lastReportAt < this.opts.statusReportMs) return;
    const patch = nodeStatusPatch((node.status ?? {}) as unknown as Obj, desired);
    if (!patch) return;
    try {
      this.nodeObj = this.d.client.patch<Node & KubeObject>(RES.nodes, '', this.node, 'strategic', patch, 'status');
      this.lastReportAt = this.d.clock.now();
    } catch {
      // retried at the next tick
    }
  }

  /** The node lease controller: create the Lease once, then update renewTime every 10s. */
  renewLease(): void {
    if (!this.running) return;
    this.span();
    const renewTime = this.d.clock.microTimestamp();
    try {
      if (!this.lease) {
        try {
          this.lease = this.d.client.get(RES.leases, 'kube-node-lease', this.node);
        } catch (e) {
          if (!isNotFound(e)) throw e;
          const owner = this.nodeObj?.metadata?.uid ? [{ apiVersion: 'v1', kind: 'Node', name: this.node, uid: this.nodeObj.metadata.uid }] : undefined;
          this.lease = this.d.client.create(RES.leases, 'kube-node-lease', {
            apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
            metadata: { name: this.node, namespace: 'kube-node-lease', ...(owner ? { ownerReferences: owner } : {}) },
            spec: { holderIdentity: this.node, leaseDurationSeconds: this.opts.leaseDurationSeconds, renewTime },
          });
          return;
        }
      }
      const next = { ...this.lease, spec: { ...(this.lease.spec as Obj), holderIdentity: this.node, leaseDurationSeconds: this.opts.leaseDurationSeconds, renewTime } };
      this.lease = this.d.client.update(RES.leases, 'kube-node-lease', next);
    } catch (e) {
      if (isConflict(e) || isNotFound(e)) this.lease = undefined;
    }
  }

  // ---- pods ---------------------------------------------------------------------------------------------------

  private podChanged(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    let w = this.workers.get(uid);
    if (!w) {
      w = {
        uid, pod, admitted: false, rejected: false, containers: new Map(), startTime: this.d.clock.timestamp(),
        again: false, timerAt: Infinity, killing: new Set(), deleted: false, deleteSent: false,
      };
      this.workers.set(uid, w);
    }
    const prev = w.pod;
    w.pod = pod;
    // config/config.go checkAndUpdatePod: a status-only change (e.g. our own PATCH echoed back) is no reason to sync.
    if (prev !== pod && !needsSync(prev, pod)) return;
    this.queueSync(w, 0);
  }

  private podRemoved(pod: Pod): void {
    const w = this.workers.get(pod.metadata?.uid ?? '');
    if (!w) return;
    w.deleted = true;
    if (w.timer) this.d.clock.cancel(w.timer);
    // The pod is gone from the API: whatever still runs is killed and the sandbox removed (HandlePodRemoves).
    for (const c of w.containers.values()) {
      for (const id of [c.currentId, c.previousId]) {
        if (!id) continue;
        this.byContainer.delete(id);
      }
    }
    if (w.sandbox) {
      this.d.runtime.stopPodSandbox(w.sandbox.id);
      this.d.runtime.removePodSandbox(w.sandbox.id);
      this.ipsInUse.delete(w.sandbox.ip);
    }
    for (const c of w.containers.values()) if (c.readyTask) this.d.clock.cancel(c.readyTask);
    this.workers.delete(w.uid);
  }

  private queueSync(w: Worker, delayMs: number): void {
    if (!this.running || w.deleted) return;
    const at = this.d.clock.now() + delayMs;
    if (w.timer && !w.timer.cancelled && w.timerAt <= at) return;
    if (w.timer) this.d.clock.cancel(w.timer);
    w.timerAt = at;
    w.timer = this.d.clock.schedule(delayMs, `kubelet/${this.node} sync ${w.pod.metadata?.name ?? ''}`, () => {
      w.timer = undefined;
      w.timerAt = Infinity;
      if (w.running) {
        w.again = true;
        return;
      }
      w.running = this.syncPod(w);
      this.drive(w, undefined);
    });
  }

  /** PLEG noticing a runtime change: the relist runs every second. */
  private plegResync(w: Worker): void {
    this.queueSync(w, 100 + this.d.rng.int(900));
  }

  private drive(w: Worker, input: PullResult | undefined): void {
    const gen = w.running;
    if (!gen) return;
    for (;;) {
      const r = gen.next(input);
      if (r.done) {
        w.running = undefined;
        if (w.again && !w.deleted) {
          w.again = false;
          this.queueSync(w, 0);
        }
        return;
      }
      const step = r.value;
      if ('wait' in step) {
        this.d.clock.schedule(step.wait, `kubelet/${this.node} ${w.pod.metadata?.name ?? ''}`, () => this.drive(w, undefined));
        return;
      }
      this.enqueuePull(step.pull, (res) => this.drive(w, res));
      return;
    }
  }

  /** serializeImagePulls (the default): one pull at a time per node; the others wait their turn. */
  private enqueuePull(image: string, done: (r: PullResult) => void): void {
    this.pullQueue.push({ image, done });
    if (!this.pulling) this.nextPull();
  }

  private nextPull(): void {
    const job = this.pullQueue.shift();
    if (!job) {
      this.pulling = false;
      return;
    }
    this.pulling = true;
    this.d.runtime.pullImage(job.image, (r) => {
      job.done(r);
      this.nextPull();
    });
  }

  private *syncPod(w: Worker): Generator<Step, void, PullResult | undefined> {
    this.span();
    if (w.deleted) return;
    const pod = w.pod;
    if (pod.metadata?.deletionTimestamp) {
      yield* this.terminate(w);
      return;
    }
    if (w.rejected) return;
    if (!w.admitted) {
      if (!this.admit(w)) return;
      w.admitted = true;
    }
    if (w.terminalPhase) {
      this.reportStatus(w);
      return;
    }
    this.reportStatus(w);
    if (!w.sandbox) {
      this.decide(w, 'sandbox', 'RunPodSandbox: pause container and network namespace');
      yield { wait: 250 + this.d.rng.int(500) };
      if (w.deleted || w.pod.metadata?.deletionTimestamp) return;
      this.span();
      w.sandbox = this.d.runtime.runPodSandbox({ name: pod.metadata?.name ?? '', namespace: pod.metadata?.namespace ?? '', uid: w.uid, attempt: 0 }, this.allocateIp());
    }
    const restartPolicy = pod.spec?.restartPolicy ?? 'Always';

    // Init containers, one at a time, each to success before the next.
    for (const spec of pod.spec?.initContainers ?? []) {
      const c = this.cstate(w, spec, true);
      const cur = c.current;
      if (cur?.state === 'running' || cur?.state === 'created') return;
      if (cur?.state === 'exited') {
        if (cur.exitCode === 0) continue;
        if (!shouldRestart(restartPolicy, true, cur.exitCode)) {
          this.finish(w, 'Failed');
          return;
        }
        if (this.inCrashBackoff(w, c)) return;
      }
      yield* this.startContainer(w, c);
      return;
    }

    for (const spec of pod.spec?.containers ?? []) {
      const c = this.cstate(w, spec, false);
      const cur = c.current;
      if (cur?.state === 'running' || cur?.state === 'created') continue;
      if (cur?.state === 'exited') {
        if (!shouldRestart(restartPolicy, false, cur.exitCode)) continue;
        if (this.inCrashBackoff(w, c)) continue;
      }
      yield* this.startContainer(w, c);
      if (w.deleted || w.pod.metadata?.deletionTimestamp) return;
    }

    // Every container exited and none will restart: the pod is terminal.
    const all = [...(pod.spec?.containers ?? [])].map((s) => w.containers.get(s.name));
    if (all.length > 0 && all.every((c) => c?.current?.state === 'exited' && !shouldRestart(restartPolicy, false, c.current.exitCode))) {
      this.finish(w, all.every((c) => c?.current?.exitCode === 0) ? 'Succeeded' : 'Failed');
    }
  }

  private cstate(w: Worker, spec: SpecContainer, init: boolean): CState {
    let c = w.containers.get(spec.name);
    if (!c) {
      c = { name: spec.name, init, spec, restartCount: 0, ready: false };
      w.containers.set(spec.name, c);
    }
    c.spec = spec;
    return c;
  }

  /** doBackOff: a container that exited less than its back-off window ago waits (CrashLoopBackOff). */
  private inCrashBackoff(w: Worker, c: CState): boolean {
    const key = `${w.pod.metadata?.name ?? ''}_${w.pod.metadata?.namespace ?? ''}_${w.uid}_${c.name}`;
    const finished = parseRfc3339(c.current?.finishedAt ?? '') ?? this.d.clock.wallMs();
    const now = this.d.clock.wallMs();
    if (this.crashBackoff.isInBackOffSince(key, finished, now)) {
      const window = this.crashBackoff.get(key);
      const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
      this.recorder.event(w.pod as KubeObject, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${formatPod(w.pod)}`, fieldPath);
      c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(window)} restarting failed container=${c.name} pod=${formatPod(w.pod)}` };
      this.decide(w, 'backoff', `CrashLoopBackOff: restart in ${goDuration(finished + window - now)} (window ${goDuration(window)})`, c.name);
      this.reportStatus(w);
      this.queueSync(w, finished + window - now);
      return true;
    }
    this.crashBackoff.next(key, finished);
    return false;
  }

  private *startContainer(w: Worker, c: CState): Generator<Step, void, PullResult | undefined> {
    const spec = c.spec;
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
    const image = yield* this.ensureImage(w, c, fieldPath);
    if (!image || w.deleted || w.pod.metadata?.deletionTimestamp) return;
    yield { wait: 30 + this.d.rng.int(120) };
    if (w.deleted || w.pod.metadata?.deletionTimestamp || !w.sandbox) return;
    this.span();
    const attempt = c.current ? c.restartCount + 1 : c.restartCount;
    const res = this.d.runtime.createContainer(w.sandbox.id, { name: c.name, attempt, imageSpec: spec.image ?? '', command: spec.command, args: spec.args, env: this.containerEnv(w, spec, image) });
    if (!res.ok) {
      this.recorder.event(w.pod as KubeObject, 'Warning', 'Failed', `Error: ${res.error}`, fieldPath);
      c.waiting = { reason: 'CreateContainerError', message: res.error };
      this.reportStatus(w);
      this.queueSync(w, 10_000);
      return;
    }
    // Container GC keeps one dead instance per container (MaxPerPodContainer=1).
    if (c.current) {
      if (c.previousId) {
        this.byContainer.delete(c.previousId);
        this.d.runtime.removeContainer(c.previousId);
      }
      c.previous = c.current;
      c.previousId = c.currentId;
      c.restartCount++;
    }
    const ct = res.container;
    c.currentId = ct.id;
    c.current = this.instance(ct);
    c.ready = false;
    this.byContainer.set(ct.id, { w, name: c.name });
    this.decide(w, 'create', `CreateContainer ${c.name} (attempt ${attempt})`, c.name);
    this.recorder.event(w.pod as KubeObject, 'Normal', 'Created', `Created container: ${c.name}`, fieldPath);
    yield { wait: 100 + this.d.rng.int(400) };
    if (w.deleted) return;
    this.span();
    const started = this.d.runtime.startContainer(ct.id);
    c.current = this.instance(ct);
    if (!started.ok) {
      this.recorder.event(w.pod as KubeObject, 'Warning', 'Failed', `Error: ${started.error}`, fieldPath);
      c.waiting = undefined;
      this.decide(w, 'start', `StartContainer failed: ${started.error}`, c.name);
      this.plegResync(w);
      return;
    }
    c.waiting = undefined;
    this.decide(w, 'start', `StartContainer ${c.name}: ${ct.argv.join(' ')}`, c.name);
    this.recorder.event(w.pod as KubeObject, 'Normal', 'Started', `Started container ${c.name}`, fieldPath);
    if (c.current.state === 'running') {
      const delay = spec.readinessProbe ? (spec.readinessProbe.initialDelaySeconds ?? 0) * 1000 + this.d.rng.int((spec.readinessProbe.periodSeconds ?? 10) * 1000) : 0;
      if (delay === 0) c.ready = true;
      else c.readyTask = this.d.clock.schedule(delay, `kubelet/${this.node} readiness ${c.name}`, () => {
        if (c.current?.state === 'running' && c.currentId === ct.id) {
          c.ready = true;
          this.queueSync(w, 0);
        }
      });
    }
    this.plegResync(w);
  }

  /** EnsureImageExists (images/image_manager.go), with its events and back-off. */
  private *ensureImage(w: Worker, c: CState, fieldPath: string): Generator<Step, ResolvedImage | undefined, PullResult | undefined> {
    const spec = c.spec;
    const imageName = spec.image ?? '';
    const pod = w.pod as KubeObject;
    const policy = pullPolicy(spec);
    const present = this.d.runtime.imageStatus(imageName);
    const pull = policy === 'Always' || (policy === 'IfNotPresent' && !present);
    if (!pull) {
      if (present) {
        this.recorder.event(pod, 'Normal', 'Pulled', `Container image "${imageName}" already present on machine`, fieldPath);
        this.decide(w, 'pull', `image ${imageName} present (imagePullPolicy ${policy})`, c.name);
        return present;
      }
      const msg = `Container image "${imageName}" is not present with pull policy of Never`;
      this.recorder.event(pod, 'Warning', 'ErrImageNeverPull', msg, fieldPath);
      this.recorder.event(pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', fieldPath);
      c.waiting = { reason: 'ErrImageNeverPull', message: msg };
      this.reportStatus(w);
      this.queueSync(w, 10_000);
      return undefined;
    }
    const key = `${w.uid}_${imageName}`;
    const now = this.d.clock.wallMs();
    if (this.imageBackoff.isInBackOffSinceUpdate(key, now)) {
      const msg = `Back-off pulling image "${imageName}"`;
      this.recorder.event(pod, 'Normal', 'BackOff', msg, fieldPath);
      this.recorder.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', fieldPath);
      c.waiting = { reason: 'ImagePullBackOff', message: msg };
      const end = this.imageBackoff.windowEnd(key) ?? now;
      this.decide(w, 'backoff', `ImagePullBackOff: next pull in ${goDuration(end - now)}`, c.name);
      this.reportStatus(w);
      this.queueSync(w, end - now);
      return undefined;
    }
    this.recorder.event(pod, 'Normal', 'Pulling', `Pulling image "${imageName}"`, fieldPath);
    this.decide(w, 'pull', `PullImage ${normalizeImage(imageName).full} (imagePullPolicy ${policy})`, c.name);
    const asked = this.d.clock.now();
    const res = yield { pull: imageName };
    this.span();
    if (!res) return undefined;
    if (!res.ok) {
      this.recorder.event(pod, 'Warning', 'Failed', `Failed to pull image "${imageName}": ${res.error}`, fieldPath);
      this.imageBackoff.next(key, this.d.clock.wallMs());
      this.recorder.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', fieldPath);
      c.waiting = { reason: 'ErrImagePull', message: res.error };
      this.reportStatus(w);
      // The pod worker retries soon; inside the back-off window that retry reports ImagePullBackOff.
      this.queueSync(w, 1000 + this.d.rng.int(500));
      return undefined;
    }
    const total = this.d.clock.now() - asked;
    this.recorder.event(pod, 'Normal', 'Pulled', `Successfully pulled image "${imageName}" in ${goDuration(res.durationMs)} (${goDuration(total)} including waiting). Image size: ${res.image.size} bytes.`, fieldPath);
    return res.image;
  }

  private instance(ct: Container): InstanceView {
    const ts = (ms: number): string => (ms > 0 ? this.d.clock.timestamp(ms - this.d.clock.wallMs()) : '');
    const ref = normalizeImage(ct.imageSpec);
    return {
      id: ct.id,
      state: ct.state === 'CONTAINER_RUNNING' ? 'running' : ct.state === 'CONTAINER_EXITED' ? 'exited' : 'created',
      startedAt: ts(ct.startedAt), finishedAt: ts(ct.finishedAt), exitCode: ct.exitCode, reason: ct.reason, message: ct.message,
      image: ref.digest !== '' ? ct.image.repoDigest : ref.full, imageID: ct.image.repoDigest,
    };
  }

  private onContainerExit(ct: Container): void {
    const ref = this.byContainer.get(ct.id);
    if (!ref) return;
    const c = ref.w.containers.get(ref.name);
    if (!c || c.currentId !== ct.id) return;
    c.current = this.instance(ct);
    c.ready = false;
    if (c.readyTask) this.d.clock.cancel(c.readyTask);
    const span = this.d.tracer.newSpan();
    this.d.client.parentSpan = span;
    this.decide(ref.w, 'exit', `container ${c.name} exited with code ${ct.exitCode} (${ct.reason})`, c.name);
    this.plegResync(ref.w);
  }

  /** The container's environment: image ENV, service links for the kubernetes Service, then the pod's env. */
  private containerEnv(w: Worker, spec: SpecContainer, image: ResolvedImage): Map<string, string> {
    const env = new Map<string, string>([
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['HOSTNAME', w.pod.metadata?.name ?? ''],
      ['HOME', '/root'],
      ...Object.entries(image.env ?? {}),
      ['KUBERNETES_SERVICE_HOST', '10.96.0.1'], ['KUBERNETES_SERVICE_PORT', '443'], ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
      ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'], ['KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'], ['KUBERNETES_PORT_443_TCP_PORT', '443'], ['KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1'],
    ]);
    if (w.sandbox) env.set('POD_IP_FOR_LOGS', w.sandbox.ip);
    const field = (path: string | undefined): string => {
      switch (path ?? '') {
        case 'metadata.name': return w.pod.metadata?.name ?? '';
        case 'metadata.namespace': return w.pod.metadata?.namespace ?? '';
        case 'metadata.uid': return w.uid;
        case 'spec.nodeName': return this.node;
        case 'spec.serviceAccountName': return w.pod.spec?.serviceAccountName ?? '';
        case 'status.podIP': return w.sandbox?.ip ?? '';
        case 'status.hostIP': return this.hostIP();
        default: return '';
      }
    };
    for (const e of spec.env ?? []) {
      // $(VAR) refers to variables defined earlier (expansion.MappingFuncFor); unknown ones stay as written.
      const v = e.valueFrom?.fieldRef ? field(e.valueFrom.fieldRef.fieldPath) : (e.value ?? '').replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, n: string) => env.get(n) ?? m);
      env.set(e.name, v);
    }
    env.delete('POD_IP_FOR_LOGS');
    if (w.sandbox) env.set('POD_IP_FOR_LOGS', w.sandbox.ip);
    return env;
  }

  private hostIP(): string {
    return this.nodeObj ? this.addressOf(this.nodeObj) : (this.d.options?.fallbackAddress ?? '');
  }

  /** host-local IPAM: the next free address of the pod CIDR (.1 is the bridge), round robin. */
  private allocateIp(): string {
    const cidr = this.nodeObj?.spec?.podCIDR ?? this.d.options?.fallbackPodCIDR ?? '10.244.0.0/24';
    const base = cidr.split('/')[0]?.split('.').slice(0, 3).join('.') ?? '10.244.0';
    for (let n = 0; n < 253; n++) {
      const ip = `${base}.${this.ipNext}`;
      this.ipNext = this.ipNext >= 254 ? 2 : this.ipNext + 1;
      if (!this.ipsInUse.has(ip)) {
        this.ipsInUse.add(ip);
        return ip;
      }
    }
    return `${base}.254`;
  }

  // ---- admission ----------------------------------------------------------------------------------------------

  /** lifecycle/predicate.go: resources fit what the admitted pods leave of allocatable; node selector matches. */
  private admit(w: Worker): boolean {
    const node = this.nodeObj;
    const pod = w.pod;
    if (!node) return true;
    const alloc = (node.status?.allocatable ?? {}) as Record<string, string>;
    const req = podRequests(pod);
    const used = { cpu: BigInt(this.reservation.cpuMilli), memory: BigInt(this.reservation.memoryBytes), pods: 0n };
    for (const o of this.workers.values()) {
      if (o === w || !o.admitted || o.rejected || o.terminalPhase) continue;
      const r = podRequests(o.pod);
      used.cpu += r.get('cpu')?.milli ?? 0n;
      used.memory += r.get('memory')?.value ?? 0n;
      used.pods += 1n;
    }
    const checks: [string, bigint, bigint, bigint][] = [
      ['pods', 1n, used.pods, quantityOf(alloc.pods)?.value ?? 110n],
      ['cpu', req.get('cpu')?.milli ?? 0n, used.cpu, quantityOf(alloc.cpu)?.milli ?? 0n],
      ['memory', req.get('memory')?.value ?? 0n, used.memory, quantityOf(alloc.memory)?.value ?? 0n],
    ];
    for (const [name, requested, u, capacity] of checks) {
      if (requested === 0n && name !== 'pods') continue;
      if (requested + u > capacity) {
        this.reject(w, `OutOf${name}`, `Node didn't have enough resource: ${name}, requested: ${requested}, used: ${u}, capacity: ${capacity}`);
        return false;
      }
    }
    const sel = pod.spec?.nodeSelector ?? {};
    const labels = node.metadata?.labels ?? {};
    if (Object.entries(sel).some(([k, v]) => labels[k] !== v)) {
      this.reject(w, 'NodeAffinity', "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector");
      return false;
    }
    this.decide(w, 'admit', 'admitted: resources fit, node selector matches');
    return true;
  }

  /** rejectPod: a Warning event and the terminal status Failed with the predicate's reason. */
  private reject(w: Worker, reason: string, message: string): void {
    w.rejected = true;
    this.decide(w, 'admit', `rejected: ${reason}: ${message}`);
    this.recorder.event(w.pod as KubeObject, 'Warning', reason, message);
    const old = (w.pod.status ?? {}) as unknown as Obj;
    const status: Obj = { phase: 'Failed', reason, message: `Pod was rejected: ${message}`, qosClass: (old.qosClass as string | undefined) ?? computePodQOS(w.pod), startTime: w.startTime };
    if (old.conditions) status.conditions = old.conditions;
    this.sendStatus(w, status);
  }

  // ---- status -------------------------------------------------------------------------------------------------

  private reportStatus(w: Worker): void {
    const status = generatePodStatus(w.pod, {
      sandboxReady: w.sandbox?.state === 'SANDBOX_READY',
      podIP: w.sandbox?.state === 'SANDBOX_READY' ? w.sandbox.ip : undefined,
      hostIP: this.hostIP(),
      startTime: w.startTime,
      containers: w.containers,
      terminalPhase: w.terminalPhase,
    }, this.d.clock.timestamp());
    this.sendStatus(w, status);
  }

  private sendStatus(w: Worker, status: Obj): void {
    const patch = podStatusPatch(w.uid, (w.pod.status ?? {}) as unknown as Obj, status);
    if (!patch) return;
    try {
      const updated = this.d.client.patch<Pod & KubeObject>(RES.pods, w.pod.metadata?.namespace ?? '', w.pod.metadata?.name ?? '', 'strategic', patch, 'status');
      if (updated.metadata?.uid === w.uid) w.pod = updated;
      this.decide(w, 'status', `status: ${typeof status.phase === 'string' ? status.phase : ''}`);
    } catch {
      // a deleted pod or a conflict: the next sync recomputes
    }
  }

  private finish(w: Worker, phase: 'Succeeded' | 'Failed'): void {
    w.terminalPhase = phase;
    for (const c of w.containers.values()) if (c.current?.state === 'running' && c.currentId) this.d.runtime.stopContainer(c.currentId, 0);
    this.reportStatus(w);
    if (w.sandbox?.state === 'SANDBOX_READY') this.d.runtime.stopPodSandbox(w.sandbox.id);
  }

  /**
   * Graceful termination: Killing events and SIGTERM now, SIGKILL at the grace period; once every container is
   * gone, the final status, then DELETE with gracePeriodSeconds=0 and a uid precondition (status_manager.go).
   */
  private *terminate(w: Worker): Generator<Step, void, PullResult | undefined> {
    const pod = w.pod;
    const grace = pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    for (const c of w.containers.values()) {
      if (c.current?.state !== 'running' || !c.currentId || w.killing.has(c.currentId)) continue;
      w.killing.add(c.currentId);
      const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
      this.recorder.event(pod as KubeObject, 'Normal', 'Killing', `Stopping container ${c.name}`, fieldPath);
      this.decide(w, 'kill', `StopContainer ${c.name} (grace period ${grace}s)`, c.name);
      this.d.runtime.stopContainer(c.currentId, grace * 1000);
    }
    if ([...w.containers.values()].some((c) => c.current?.state === 'running' || c.current?.state === 'created')) return;
    if (w.deleteSent) return;
    if (w.sandbox?.state === 'SANDBOX_READY') this.d.runtime.stopPodSandbox(w.sandbox.id);
    if (!w.rejected) {
      const exited = [...(pod.spec?.containers ?? [])].map((s) => w.containers.get(s.name)?.current);
      w.terminalPhase = w.terminalPhase ?? (exited.length > 0 && exited.every((i) => i?.exitCode === 0) ? 'Succeeded' : 'Failed');
      this.reportStatus(w);
    }
    // Volumes are torn down before the pod may go.
    yield { wait: 200 + this.d.rng.int(600) };
    if (w.deleted || w.deleteSent) return;
    this.span();
    w.deleteSent = true;
    this.decide(w, 'delete', 'all containers stopped: DELETE with gracePeriodSeconds=0');
    try {
      this.d.client.delete(RES.pods, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: w.uid } });
    } catch {
      w.deleteSent = false;
    }
  }

  // ---- logs ---------------------------------------------------------------------------------------------------

  /**
   * The container log kubectl logs reads (validateContainerLogStatus in kubelet_pods.go picks the instance from
   * the pod's reported status). Throws the BadRequest the apiserver relays when there is nothing to read.
   */
  logs(pod: Pod, container: string, opts: { tailLines?: number | undefined; previous: boolean }): string {
    const podName = pod.metadata?.name ?? '';
    const all = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
    const st = all.find((s) => s.name === container);
    if (!st) throw errors.badRequest(`container "${container}" in pod "${podName}" is waiting to start: ContainerCreating`);
    let id: string | undefined;
    const last = st.lastState?.terminated;
    if (opts.previous) {
      if (!last?.containerID) throw errors.badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
      id = last.containerID;
    } else if (st.state?.running) id = st.containerID;
    else if (st.state?.terminated) id = st.state.terminated.containerID ?? last?.containerID;
    else if (last) id = last.containerID;
    else if (st.state?.waiting) {
      const reason = st.state.waiting.reason ?? '';
      if (reason === 'ErrImagePull') throw errors.badRequest(`container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`);
      if (reason === 'ImagePullBackOff') throw errors.badRequest(`container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
      throw errors.badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason}`);
    }
    if (!id) throw errors.badRequest(`container "${container}" in pod "${podName}" is terminated`);
    const ct = this.d.runtime.containers.get(id.replace(/^containerd:\/\//, ''));
    if (!ct) return '';
    let lines = ct.logs;
    if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = lines.slice(Math.max(0, lines.length - opts.tailLines));
    return lines.map((l) => `${l.text}\n`).join('');
  }

  /** Pods this kubelet runs (for the UI). */
  podUids(): string[] {
    return [...this.workers.keys()];
  }
}
