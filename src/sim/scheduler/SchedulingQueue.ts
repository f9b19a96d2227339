// The scheduling queue: activeQ (ready, ordered by PrioritySort), backoffQ (waiting out an exponential back-off)
// and unschedulablePods (parked until a cluster event could help, or 5 minutes pass); plus the nominator, which
// remembers pods nominated to a node by preemption.
// models pkg/scheduler/backend/queue/scheduling_queue.go (PriorityQueue) and nominator.go. Queueing hints are
// reduced to each plugin's registered events; the backoffQ is flushed at the exact expiry instead of a 1 s poll.
import type { ScheduledTask } from '../clock.ts';
import { Heap, type HeapItem } from './Heap.ts';
import type { PodInfo } from './PodInfo.ts';
import type { ClusterEvent } from './types.ts';

export type QueueName = 'activeQ' | 'backoffQ' | 'unschedulablePods';

export interface QueuedPodInfo extends HeapItem {
  podInfo: PodInfo;
  /** Virtual ms when the pod was last added to the queue (or failed a cycle). */
  timestamp: number;
  initialAttemptTimestamp: number | undefined;
  /** Scheduling attempts so far (incremented on pop). */
  attempts: number;
  /** Plugins that rejected the pod in its last attempt; empty after an error. */
  unschedulablePlugins: Set<string>;
  where: QueueName | 'inFlight' | 'gone';
  readonly seq: number;
}

/** The part of the clock the queue uses. */
export interface QueueClock {
  now(): number;
  schedule(delayMs: number, label: string, run: () => void): ScheduledTask;
  cancel(task: ScheduledTask): void;
}

export interface QueueOptions {
  /** podInitialBackoffSeconds: 1. */
  initialBackoffMs?: number;
  /** podMaxBackoffSeconds: 10. */
  maxBackoffMs?: number;
  /** podMaxInUnschedulablePodsDuration: 5 minutes. */
  maxInUnschedulableMs?: number;
  /** How often flushUnschedulablePodsLeftover runs: 30 s. */
  unschedulableFlushMs?: number;
}

/** Why a pod moved between queues, for the trace. */
export type MoveListener = (q: QueuedPodInfo, to: QueueName | 'removed', reason: string) => void;

/** PrioritySort's Less: higher priority first, then the earlier timestamp. */
export function prioritySortLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  if (a.podInfo.priority !== b.podInfo.priority) return a.podInfo.priority > b.podInfo.priority;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  return a.seq < b.seq;
}

export class SchedulingQueue {
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxInUnschedulableMs: number;
  private readonly unschedulableFlushMs: number;
  private readonly byUid = new Map<string, QueuedPodInfo>();
  private readonly activeQ = new Heap<QueuedPodInfo>(prioritySortLess);
  private readonly backoffQ = new Heap<QueuedPodInfo>((a, b) => {
    const x = this.backoffExpiry(a);
    const y = this.backoffExpiry(b);
    return x !== y ? x < y : a.seq < b.seq;
  });
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly nominated = new Map<string, Map<string, PodInfo>>();
  private readonly nominatedNodeOf = new Map<string, string>();
  private seq = 0;
  private backoffTask: ScheduledTask | undefined;
  private flushTask: ScheduledTask | undefined;
  /** Events seen while a pod was being scheduled, so its failure can be retried at once if one could help. */
  private inFlightEvents: ClusterEvent[] = [];
  private inFlight = 0;
  private closed = false;

  constructor(
    private readonly clock: QueueClock,
    /** Called when activeQ gains a pod. */
    private readonly onActive: () => void,
    /** Plugins registered for an event (EventsToRegister). */
    private readonly pluginsFor: (e: ClusterEvent) => ReadonlySet<string>,
    opts: QueueOptions = {},
    private readonly onMove?: MoveListener,
  ) {
    this.initialBackoffMs = opts.initialBackoffMs ?? 1000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 10_000;
    this.maxInUnschedulableMs = opts.maxInUnschedulableMs ?? 5 * 60_000;
    this.unschedulableFlushMs = opts.unschedulableFlushMs ?? 30_000;
  }

  get activeCount(): number {
    return this.activeQ.size;
  }

  get backoffCount(): number {
    return this.backoffQ.size;
  }

  get unschedulableCount(): number {
    return this.unschedulable.size;
  }

  /** Where a pod is, by uid. */
  whereIs(uid: string): QueuedPodInfo['where'] | undefined {
    return this.byUid.get(uid)?.where;
  }

  get(uid: string): QueuedPodInfo | undefined {
    return this.byUid.get(uid);
  }

  /** calculateBackoffDuration: initial × 2^(attempts-1), capped at the maximum. */
  backoffDuration(attempts: number): number {
    let d = this.initialBackoffMs;
    for (let i = 1; i < attempts; i++) {
      if (d > this.maxBackoffMs - d) return this.maxBackoffMs;
      d += d;
    }
    return d;
  }

  backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDuration(q.attempts);
  }

  private isBackingOff(q: QueuedPodInfo): boolean {
    return this.backoffExpiry(q) > this.clock.now();
  }

  /** A new unscheduled pod (informer add). */
  add(pod: PodInfo): void {
    if (this.byUid.has(pod.uid)) return;
    const q: QueuedPodInfo = {
      podInfo: pod, timestamp: this.clock.now(), initialAttemptTimestamp: undefined, attempts: 0,
      unschedulablePlugins: new Set(), where: 'activeQ', seq: ++this.seq, heapIndex: -1,
    };
    this.byUid.set(pod.uid, q);
    this.syncNominated(pod);
    this.toActive(q, 'PodAdd');
  }

  /** An update of a pod the queue holds; returns false when it does not hold it. */
  update(pod: PodInfo, specChanged: boolean): boolean {
    const q = this.byUid.get(pod.uid);
    if (!q) return false;
    q.podInfo = pod;
    this.syncNominated(pod);
    switch (q.where) {
      case 'activeQ':
        this.activeQ.fix(q);
        break;
      case 'backoffQ':
        this.backoffQ.fix(q);
        break;
      case 'unschedulablePods':
        // An update that could change the outcome retries the pod, as isPodUpdated does.
        if (specChanged) this.requeue(q, 'UnscheduledPodUpdate');
        break;
      case 'inFlight':
        if (specChanged) this.inFlightEvents.push('UnscheduledPodUpdate');
        break;
      case 'gone':
        break;
    }
    return true;
  }

  /** The pod was deleted or got bound: it leaves the queue. */
  delete(uid: string, reason = 'PodDelete'): void {
    const q = this.byUid.get(uid);
    if (!q) return;
    this.detach(q);
    q.where = 'gone';
    this.byUid.delete(uid);
    this.deleteNominated(uid);
    this.onMove?.(q, 'removed', reason);
  }

  private detach(q: QueuedPodInfo): void {
    if (q.where === 'activeQ') this.activeQ.remove(q);
    else if (q.where === 'backoffQ') this.backoffQ.remove(q);
    else if (q.where === 'unschedulablePods') this.unschedulable.delete(q.podInfo.uid);
    else if (q.where === 'inFlight') this.inFlight--;
  }

  /** Takes the highest-priority ready pod for a scheduling cycle. */
  pop(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    if (!q) return undefined;
    q.where = 'inFlight';
    q.attempts++;
    q.initialAttemptTimestamp ??= this.clock.now();
    if (this.inFlight === 0) this.inFlightEvents = [];
    this.inFlight++;
    return q;
  }

  /** The cycle ended in success: the pod leaves the queue (its binding runs on its own). */
  done(uid: string): void {
    const q = this.byUid.get(uid);
    if (!q || q.where !== 'inFlight') return;
    this.inFlight--;
    q.where = 'gone';
    this.byUid.delete(uid);
  }

  /**
   * AddUnschedulableIfNotPresent: a failed pod goes to backoffQ after an error or when an event during its cycle
   * could help; otherwise it waits in unschedulablePods.
   */
  addUnschedulable(q: QueuedPodInfo, unschedulablePlugins: ReadonlySet<string>): void {
    if (q.where !== 'inFlight' || this.byUid.get(q.podInfo.uid) !== q) return;
    this.inFlight--;
    q.timestamp = this.clock.now();
    q.unschedulablePlugins = new Set(unschedulablePlugins);
    if (unschedulablePlugins.size === 0) {
      this.toBackoff(q, 'ScheduleAttemptFailure');
      return;
    }
    const helped = this.inFlightEvents.find((e) => this.eventHelps(q, e));
    if (helped) {
      this.toBackoff(q, helped);
      return;
    }
    q.where = 'unschedulablePods';
    this.unschedulable.set(q.podInfo.uid, q);
    this.onMove?.(q, 'unschedulablePods', 'ScheduleAttemptFailure');
    this.ensureFlushTask();
  }

  private eventHelps(q: QueuedPodInfo, e: ClusterEvent): boolean {
    if (q.unschedulablePlugins.size === 0) return true;
    const plugins = this.pluginsFor(e);
    for (const p of q.unschedulablePlugins) if (plugins.has(p)) return true;
    return false;
  }

  /** MoveAllToActiveOrBackoffQueue: unschedulable pods that the event could help are retried. */
  moveOnEvent(e: ClusterEvent): void {
    if (this.inFlight > 0) this.inFlightEvents.push(e);
    if (this.unschedulable.size === 0) return;
    for (const q of [...this.unschedulable.values()]) if (this.eventHelps(q, e)) this.requeue(q, e);
  }

  /** From unschedulablePods back to backoffQ (still backing off) or activeQ. */
  private requeue(q: QueuedPodInfo, reason: string): void {
    this.unschedulable.delete(q.podInfo.uid);
    if (this.isBackingOff(q)) this.toBackoff(q, reason);
    else this.toActive(q, reason);
  }

  private toActive(q: QueuedPodInfo, reason: string): void {
    q.where = 'activeQ';
    this.activeQ.push(q);
    this.onMove?.(q, 'activeQ', reason);
    this.onActive();
  }

  private toBackoff(q: QueuedPodInfo, reason: string): void {
    q.where = 'backoffQ';
    this.backoffQ.push(q);
    this.onMove?.(q, 'backoffQ', reason);
    this.ensureBackoffTask();
  }

  private ensureBackoffTask(): void {
    if (this.closed) return;
    const head = this.backoffQ.peek();
    if (!head) return;
    const at = this.backoffExpiry(head);
    if (this.backoffTask && !this.backoffTask.cancelled && this.backoffTask.at <= at) return;
    if (this.backoffTask) this.clock.cancel(this.backoffTask);
    this.backoffTask = this.clock.schedule(at - this.clock.now(), 'kube-scheduler flushBackoffQCompleted', () => {
      this.backoffTask = undefined;
      this.flushBackoffCompleted();
    });
  }

  /** flushBackoffQCompleted: pods whose back-off has expired move to activeQ. */
  flushBackoffCompleted(): void {
    const now = this.clock.now();
    for (;;) {
      const head = this.backoffQ.peek();
      if (!head || this.backoffExpiry(head) > now) break;
      this.backoffQ.pop();
      this.toActive(head, 'BackoffComplete');
    }
    this.ensureBackoffTask();
  }

  private ensureFlushTask(): void {
    if (this.closed || this.flushTask || this.unschedulable.size === 0) return;
    this.flushTask = this.clock.schedule(this.unschedulableFlushMs, 'kube-scheduler flushUnschedulablePodsLeftover', () => {
      this.flushTask = undefined;
      this.flushUnschedulableLeftover();
      this.ensureFlushTask();
    });
  }

  /** flushUnschedulablePodsLeftover: pods parked longer than podMaxInUnschedulablePodsDuration are retried. */
  flushUnschedulableLeftover(): void {
    const now = this.clock.now();
    for (const q of [...this.unschedulable.values()]) {
      if (now - q.timestamp > this.maxInUnschedulableMs) this.requeue(q, 'UnschedulableTimeout');
    }
  }

  /** Stops the queue's timers. */
  close(): void {
    this.closed = true;
    if (this.backoffTask) this.clock.cancel(this.backoffTask);
    if (this.flushTask) this.clock.cancel(this.flushTask);
    this.backoffTask = undefined;
    this.flushTask = undefined;
  }

  // ---- nominator ---------------------------------------------------------------------------------------------

  /** Keeps the nominator in step with a pod's status.nominatedNodeName. */
  private syncNominated(pod: PodInfo): void {
    if (pod.nominatedNodeName !== '') this.addNominated(pod, pod.nominatedNodeName);
    else this.deleteNominated(pod.uid);
  }

  addNominated(pod: PodInfo, nodeName: string): void {
    this.deleteNominated(pod.uid);
    let m = this.nominated.get(nodeName);
    if (!m) this.nominated.set(nodeName, (m = new Map<string, PodInfo>()));
    m.set(pod.uid, pod);
    this.nominatedNodeOf.set(pod.uid, nodeName);
  }

  deleteNominated(uid: string): void {
    const node = this.nominatedNodeOf.get(uid);
    if (node === undefined) return;
    this.nominatedNodeOf.delete(uid);
    const m = this.nominated.get(node);
    m?.delete(uid);
    if (m?.size === 0) this.nominated.delete(node);
  }

  /** Pods nominated to run on a node (NominatedPodsForNode). */
  nominatedPodsForNode(nodeName: string): PodInfo[] {
    const m = this.nominated.get(nodeName);
    return m ? [...m.values()] : [];
  }

  hasNominatedPods(): boolean {
    return this.nominated.size > 0;
  }
}
