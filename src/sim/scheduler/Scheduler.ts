// kube-scheduler as an API client of the engine: informers on pods and nodes feed the cache and the queue; one
// scheduling cycle at a time on the virtual clock; binding through POST pods/<name>/binding; events and the
// PodScheduled condition through the apiserver, as the real one does.
// models pkg/scheduler/scheduler.go, eventhandlers.go and schedule_one.go (ScheduleOne, handleSchedulingFailure,
// updatePod, the binding cycle) with one profile, default-scheduler. Events are core/v1 (EventRecorder) with
// source component "default-scheduler" where upstream writes events.k8s.io with reportingController the same.
import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import type { Clock, ScheduledTask } from '../clock.ts';
import type { Client } from '../client/Client.ts';
import { EventRecorder } from '../client/EventRecorder.ts';
import { Informer } from '../client/Informer.ts';
import { RES } from '../client/paths.ts';
import type { Rng } from '../rng.ts';
import type { SchedulingPreemption, Tracer } from '../trace/types.ts';
import { ApiError } from '../api/status.ts';
import { SchedulerCache } from './Cache.ts';
import { ERR_NO_NODES_AVAILABLE } from './FitError.ts';
import { DEFAULT_SCHEDULER_NAME, Framework } from './Framework.ts';
import { podInfoOf, type PodInfo } from './PodInfo.ts';
import { DefaultPreemption, type PreemptionResult } from './plugins/DefaultPreemption.ts';
import { ScheduleAlgorithm, type ScheduleOutcome } from './ScheduleAlgorithm.ts';
import { SchedulingQueue, type QueueOptions, type QueuedPodInfo } from './SchedulingQueue.ts';
import { CycleState, type FrameworkHandle } from './types.ts';

export interface SchedulerOptions {
  /** The profile's schedulerName; pods naming another are left alone. */
  schedulerName?: string;
  /** 0 (default) = adaptive, as upstream. */
  percentageOfNodesToScore?: number;
  /** Virtual ms one scheduling cycle takes (gives the animation room). */
  cycleMs?: number;
  /** Virtual ms between the end of a cycle and the binding request. */
  bindMs?: number;
  queue?: QueueOptions;
}

export interface SchedulerDeps {
  clock: Clock;
  rng: Rng;
  /** Authenticated as system:kube-scheduler. */
  client: Client;
  tracer: Tracer;
  options?: SchedulerOptions;
}

/** validation.NoteLengthLimit: event messages longer than this are cut with " ...". */
const NOTE_LENGTH_LIMIT = 1024;

export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}

/** isPodUpdated: anything but status, resourceVersion, generation and managedFields changed. */
function podSpecChanged(a: Pod, b: Pod): boolean {
  const strip = (p: Pod): unknown => {
    const { resourceVersion: _rv, generation: _g, managedFields: _m, ...meta } = p.metadata ?? {};
    return [meta, p.spec];
  };
  return JSON.stringify(strip(a)) !== JSON.stringify(strip(b));
}

export interface SchedulerStats {
  attempts: number;
  scheduled: number;
  bound: number;
  unschedulable: number;
  errors: number;
  preemptions: number;
}

type Nominating = { node: string } | undefined;

export class Scheduler {
  readonly schedulerName: string;
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  readonly framework: Framework;
  readonly algorithm: ScheduleAlgorithm;
  readonly preemption: DefaultPreemption;
  readonly stats: SchedulerStats = { attempts: 0, scheduled: 0, bound: 0, unschedulable: 0, errors: 0, preemptions: 0 };
  private readonly clock: Clock;
  private readonly rng: Rng;
  private readonly client: Client;
  private readonly tracer: Tracer;
  private readonly recorder: EventRecorder;
  private readonly podInformer: Informer<Pod & KubeObject>;
  private readonly nodeInformer: Informer<Node & KubeObject>;
  private readonly cycleMs: number;
  private readonly bindMs: number;
  private cycleTask: ScheduledTask | undefined;
  private running = false;

  constructor(deps: SchedulerDeps) {
    const o = deps.options ?? {};
    this.clock = deps.clock;
    this.rng = deps.rng;
    this.client = deps.client;
    this.tracer = deps.tracer;
    this.schedulerName = o.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.cycleMs = o.cycleMs ?? 2;
    this.bindMs = o.bindMs ?? 1;
    const cache = this.cache;
    const handle: FrameworkHandle = { nodes: () => cache.nodeList, imageNodeCount: (image) => cache.imageNodeCount(image) };
    // The queue holds the nominator; the framework reads it only during cycles, after construction.
    const nominator = {
      nominatedPodsForNode: (name: string): PodInfo[] => this.queue.nominatedPodsForNode(name),
      hasNominatedPods: (): boolean => this.queue.hasNominatedPods(),
    };
    this.framework = new Framework(handle, nominator);
    this.queue = new SchedulingQueue(this.clock, () => this.kick(), (e) => this.framework.pluginsFor(e), o.queue ?? {}, (q, to, reason) => {
      if (!this.tracer.active) return;
      const pod = q.podInfo;
      this.tracer.emit(this.tracer.newSpan(), null, {
        type: 'schedulingQueue', pod: pod.name, namespace: pod.namespace, to, reason, attempts: q.attempts,
        ...(to === 'backoffQ' ? { backoffMs: this.queue.backoffDuration(q.attempts) } : {}),
      });
    });
    const randomInt = (n: number): number => this.rng.int(n);
    this.algorithm = new ScheduleAlgorithm({ framework: this.framework, nodes: () => cache.nodeList, node: (n) => cache.getNode(n), randomInt }, o.percentageOfNodesToScore ?? 0);
    this.preemption = new DefaultPreemption({
      framework: this.framework, nodes: () => cache.nodeList, node: (n) => cache.getNode(n), nominator, randomInt,
      nowWallMs: () => this.clock.wallMs(),
    });
    this.recorder = new EventRecorder(this.client, this.clock, { component: this.schedulerName });
    this.nodeInformer = new Informer(this.client, this.clock, RES.nodes);
    // The scheduler's pod informer leaves out finished pods (scheduler.go: status.phase!=Succeeded,Failed).
    this.podInformer = new Informer(this.client, this.clock, RES.pods, { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' });
    this.nodeInformer.addHandlers({
      onAdd: (n) => this.onNodeAdd(n),
      onUpdate: (a, b) => this.onNodeUpdate(a, b),
      onDelete: (n) => this.cache.removeNode(n.metadata?.name ?? ''),
    });
    this.podInformer.addHandlers({
      onAdd: (p) => this.onPodAdd(p),
      onUpdate: (a, b) => this.onPodUpdate(a, b),
      onDelete: (p) => this.onPodDelete(p),
    });
  }

  /** Lists and watches nodes, then pods, and starts scheduling. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.nodeInformer.start();
    this.podInformer.start();
    this.kick();
  }

  stop(): void {
    this.running = false;
    this.nodeInformer.stop();
    this.podInformer.stop();
    if (this.cycleTask) this.clock.cancel(this.cycleTask);
    this.cycleTask = undefined;
    this.queue.close();
  }

  // ---- informer handlers (eventhandlers.go) -------------------------------------------------------------------

  private onNodeAdd(n: Node): void {
    this.cache.addNode(n);
    this.queue.moveOnEvent('NodeAdd');
  }

  private onNodeUpdate(a: Node, b: Node): void {
    for (const e of this.cache.updateNode(a, b)) this.queue.moveOnEvent(e);
  }

  private responsibleFor(p: PodInfo): boolean {
    return p.schedulerName === this.schedulerName;
  }

  private onPodAdd(pod: Pod): void {
    const p = podInfoOf(pod);
    if (p.nodeName !== '') {
      this.cache.addPod(p);
      return;
    }
    if (this.responsibleFor(p) && !p.deleting) this.queue.add(p);
  }

  private onPodUpdate(old: Pod, pod: Pod): void {
    const p = podInfoOf(pod);
    if (p.nodeName !== '') {
      // Bound (by us or anyone): out of the queue, onto its node.
      if (!old.spec?.nodeName) this.queue.delete(p.uid, 'PodBound');
      this.cache.addPod(p);
      return;
    }
    if (!this.responsibleFor(p)) return;
    if (p.deleting) {
      this.queue.delete(p.uid);
      return;
    }
    if (!this.queue.update(p, podSpecChanged(old, pod)) && !this.cache.isAssumed(p.uid)) this.queue.add(p);
  }

  private onPodDelete(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    if (this.cache.nodeOf(uid) !== undefined) {
      this.cache.removePod(uid);
      this.queue.moveOnEvent('AssignedPodDelete');
    }
    this.queue.delete(uid);
  }

  // ---- the scheduling loop ------------------------------------------------------------------------------------

  /** Schedules the next cycle if a pod is ready and none is running. */
  private kick(): void {
    if (!this.running || this.cycleTask || this.queue.activeCount === 0) return;
    this.cycleTask = this.clock.schedule(this.cycleMs, 'kube-scheduler scheduleOne', () => {
      this.cycleTask = undefined;
      this.scheduleOne();
      this.kick();
    });
  }

  /** ScheduleOne: one pod through the framework, then assume and bind, or handle the failure. */
  scheduleOne(): void {
    const q = this.queue.pop();
    if (!q) return;
    const pod = q.podInfo;
    // skipPodSchedule: a pod being deleted, or one already assumed, is not scheduled again.
    if (pod.deleting || this.cache.isAssumed(pod.uid)) {
      this.queue.done(pod.uid);
      return;
    }
    this.stats.attempts++;
    const traced = this.tracer.active;
    const span = this.tracer.newSpan();
    this.client.parentSpan = span;
    try {
      const state = new CycleState();
      const outcome = this.algorithm.schedulePod(state, pod, traced);
      if (outcome.host !== undefined) {
        const host = outcome.host;
        // assume: the node counts the pod from now on; Reserve and Permit have nothing to do in this profile.
        this.cache.assumePod(pod, host);
        this.queue.deleteNominated(pod.uid);
        this.stats.scheduled++;
        if (traced) this.emitAttempt(span, q, outcome, host, undefined, undefined);
        this.clock.schedule(this.bindMs, 'kube-scheduler bind', () => this.bind(q, host, span));
        return;
      }
      this.stats.unschedulable++;
      if (outcome.noNodes) {
        if (traced) this.emitAttempt(span, q, outcome, undefined, ERR_NO_NODES_AVAILABLE, undefined);
        this.handleFailure(q, 'Unschedulable', ERR_NO_NODES_AVAILABLE, new Set(), { node: '' });
        return;
      }
      const fitError = outcome.fitError;
      if (!fitError) return;
      // PostFilter: preemption, with the freshest copy of the pod.
      const latest = this.podInformer.get(pod.namespace, pod.name);
      const preemptor = latest ? podInfoOf(latest) : pod;
      const result = this.preemption.postFilter(state, preemptor, fitError.diagnosis);
      fitError.diagnosis.postFilterMsg = result.message;
      let nominating: Nominating = result.nominatedNode === undefined ? undefined : { node: result.nominatedNode };
      if (result.status === null && result.nominatedNode) {
        if (!this.prepareCandidate(preemptor, result)) nominating = undefined;
        else this.stats.preemptions++;
      }
      const message = fitError.message();
      if (traced) this.emitAttempt(span, q, outcome, undefined, message, result);
      this.handleFailure(q, 'Unschedulable', message, fitError.diagnosis.unschedulablePlugins, nominating);
    } finally {
      this.client.parentSpan = undefined;
    }
  }

  /** The binding cycle: DefaultBinder's POST of a Binding, then the Scheduled event; a failure un-assumes. */
  private bind(q: QueuedPodInfo, host: string, span: number): void {
    const pod = q.podInfo;
    if (!this.running) {
      this.cache.forgetPod(pod.uid);
      return;
    }
    this.client.parentSpan = span;
    try {
      const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.name, namespace: pod.namespace, uid: pod.uid }, target: { kind: 'Node', name: host } };
      this.client.create(RES.pods, pod.namespace, binding, 'binding', pod.name);
      this.queue.done(pod.uid);
      this.stats.bound++;
      this.recorder.event(pod.pod as KubeObject, 'Normal', 'Scheduled', `Successfully assigned ${pod.namespace}/${pod.name} to ${host}`);
    } catch (e) {
      this.stats.errors++;
      this.cache.forgetPod(pod.uid);
      // Its resources are free again: pods waiting for them may fit now.
      this.queue.moveOnEvent('AssignedPodDelete');
      const message = e instanceof ApiError ? e.status.message ?? '' : String(e);
      this.handleFailure(q, 'SchedulerError', message, new Set(), undefined);
    } finally {
      this.client.parentSpan = undefined;
    }
  }

  /**
   * prepareCandidate: for each victim, the DisruptionTarget condition, the delete (with the victim's own grace
   * period) and a Preempted event; then lower-priority pods nominated to the node lose their nomination.
   */
  private prepareCandidate(preemptor: PodInfo, r: PreemptionResult): boolean {
    const node = r.nominatedNode ?? '';
    for (const v of r.victims) {
      const victim = v.pod;
      try {
        const cond: PodCondition = {
          type: 'DisruptionTarget', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: this.clock.timestamp(),
          reason: 'PreemptionByScheduler', message: `${preemptor.pod.spec?.schedulerName ?? this.schedulerName}: preempting to accommodate a higher priority pod`,
        };
        this.patchStatus(victim, conditionPatch(victim, cond));
        this.client.delete(RES.pods, v.namespace, v.name);
      } catch (e) {
        if (!(e instanceof ApiError && e.status.code === 404)) return false;
        continue;
      }
      this.recorder.event(victim as KubeObject, 'Normal', 'Preempted', `Preempted by pod ${preemptor.uid} on node ${node}`);
    }
    for (const p of r.clearNominated) {
      try {
        this.patchStatus(p.pod, { nominatedNodeName: null });
      } catch {
        // Not critical, as upstream: the nomination is cleared on its next cycle anyway.
      }
      this.queue.deleteNominated(p.uid);
    }
    return true;
  }

  /** handleSchedulingFailure: requeue, remember the nomination, record FailedScheduling and PodScheduled=False. */
  private handleFailure(q: QueuedPodInfo, reason: 'Unschedulable' | 'SchedulerError', message: string, plugins: ReadonlySet<string>, nominating: Nominating): void {
    const pod = q.podInfo;
    const cached = this.podInformer.get(pod.namespace, pod.name);
    if (!cached || cached.metadata?.uid !== pod.uid || cached.spec?.nodeName) {
      // Gone, or bound meanwhile: nothing to requeue.
      this.queue.delete(pod.uid);
    } else {
      q.podInfo = podInfoOf(cached);
      this.queue.addUnschedulable(q, plugins);
    }
    if (nominating) {
      if (nominating.node === '') this.queue.deleteNominated(pod.uid);
      else this.queue.addNominated(q.podInfo, nominating.node);
    }
    const current = cached ?? pod.pod;
    this.recorder.event(current as KubeObject, 'Warning', 'FailedScheduling', truncateMessage(message));
    try {
      this.updatePodCondition(current, { type: 'PodScheduled', status: 'False', reason, message }, nominating);
    } catch {
      // As upstream, a failed status update is only logged; the next attempt writes it again.
    }
  }

  /** updatePod: a strategic-merge PATCH of pods/status when the condition or the nomination changes. */
  private updatePodCondition(pod: Pod, c: { type: string; status: string; reason: string; message: string }, nominating: Nominating): void {
    const old = pod.status?.conditions?.find((x) => x.type === c.type);
    // UpdatePodCondition: the transition time moves only when the status does.
    const lastTransitionTime = old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : this.clock.timestamp();
    const changed = !old || old.status !== c.status || old.reason !== c.reason || old.message !== c.message || old.lastTransitionTime !== lastTransitionTime || (old.lastProbeTime ?? null) !== null;
    const nnnNeedsUpdate = nominating !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominating.node;
    if (!changed && !nnnNeedsUpdate) return;
    const status: Record<string, unknown> = {};
    if (changed) {
      const cond: PodCondition = { type: c.type, status: c.status, lastProbeTime: null as unknown as string, lastTransitionTime, reason: c.reason, message: c.message };
      Object.assign(status, conditionPatch(pod, cond));
    }
    if (nnnNeedsUpdate) status.nominatedNodeName = nominating.node === '' ? null : nominating.node;
    this.patchStatus(pod, status);
  }

  /** util.PatchPodStatus: a strategic merge patch of the status subresource. */
  private patchStatus(pod: Pod, status: Record<string, unknown>): void {
    const meta = pod.metadata ?? {};
    this.client.patch(RES.pods, meta.namespace ?? 'default', meta.name ?? '', 'strategic', { status }, 'status');
  }

  private emitAttempt(span: number, q: QueuedPodInfo, o: ScheduleOutcome, chosen: string | undefined, fitError: string | undefined, p: PreemptionResult | undefined): void {
    const pod = q.podInfo;
    const t = o.trace;
    let preemption: SchedulingPreemption | undefined;
    if (p) {
      const outcome: SchedulingPreemption['outcome'] = p.status === null ? 'nominated' : p.nominatedNode === '' ? 'notHelpful' : p.status.code === 'Error' ? 'error' : 'notEligible';
      preemption = {
        outcome, message: p.message,
        ...(p.nominatedNode ? { nominatedNode: p.nominatedNode } : {}),
        victims: p.victims.map((v) => ({ namespace: v.namespace, name: v.name, uid: v.uid, priority: v.priority })),
        nodes: [...p.nodeStatuses].map(([node, s]) => ({ node, status: s.code, reasons: [...s.reasons] })),
      };
    }
    this.tracer.emit(span, null, {
      type: 'scheduling', pod: pod.name, namespace: pod.namespace, uid: pod.uid, attempt: q.attempts, profile: this.schedulerName,
      numAllNodes: this.cache.nodeList.length, numNodesToFind: t?.numNodesToFind ?? 0, startIndex: t?.startIndex ?? 0,
      preFilter: t?.preFilter ?? [], scorePlugins: t?.scorePlugins ?? [], nodes: t?.nodes ?? [],
      ...(t?.nominatedNode ? { nominatedNode: t.nominatedNode } : {}),
      ...(chosen !== undefined ? { chosen } : {}),
      ...(fitError !== undefined ? { fitError } : {}),
      ...(preemption ? { preemption } : {}),
    });
  }
}

/**
 * The status patch fragment for one condition, as CreateTwoWayMergePatch writes it: the changed element by its
 * merge key, and `$setElementOrder/conditions` when other conditions exist.
 */
function conditionPatch(pod: Pod, c: PodCondition): Record<string, unknown> {
  const types = (pod.status?.conditions ?? []).map((x) => x.type);
  if (!types.includes(c.type)) types.push(c.type);
  const out: Record<string, unknown> = { conditions: [c] };
  if (types.length > 1) out['$setElementOrder/conditions'] = types.map((type) => ({ type }));
  return out;
}
