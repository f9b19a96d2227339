// models pkg/controller/tainteviction/taint_eviction.go and timed_workers.go (the taint-eviction-controller, which
// runs with node-controller's ServiceAccount): pods on a node with NoExecute taints they do not tolerate are
// deleted at once; tolerated with tolerationSeconds, after the smallest of them counted from when the controller
// saw the taint. Each eviction records TaintManagerEviction "Marking for deletion Pod <ns>/<name>", sets the
// DisruptionTarget condition and deletes the pod; cancelled work records "Cancelling deletion of Pod <ns>/<name>".
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import type { Clock, ScheduledTask } from '../clock.ts';
import { isNotFound, type Client } from '../client/Client.ts';
import type { EventRecorder } from '../client/EventRecorder.ts';
import { RES } from '../client/paths.ts';
import { keyOf, splitKey } from './controllerUtils.ts';
import type { Decisions } from './decisions.ts';
import type { PodIndex, SharedInformers, TypedInformer } from './SharedInformers.ts';
import { matchingTolerations, minTolerationMs } from './taints.ts';

interface Work {
  createdAt: number;
  task: ScheduledTask | undefined;
}

export class TaintEvictionController {
  private readonly nodes: TypedInformer<Node>;
  private readonly pods: PodIndex;
  /** Pods with scheduled (task set) or done (task undefined) evictions, by ns/name. */
  private readonly work = new Map<string, Work>();
  private readonly taintedNodes = new Map<string, Taint[]>();

  constructor(
    private readonly clock: Clock,
    private readonly client: Client,
    informers: SharedInformers,
    private readonly recorder: EventRecorder,
    private readonly decisions: Decisions,
  ) {
    this.pods = informers.pods();
    this.nodes = informers.informer<Node>(RES.nodes);
    this.nodes.addHandlers({
      onAdd: (n) => this.nodeUpdated(undefined, n),
      onUpdate: (a, b) => this.nodeUpdated(a, b),
      onDelete: (n) => this.nodeUpdated(n, undefined),
    });
    informers.informer<Pod>(RES.pods).addHandlers({
      onAdd: (p) => this.podUpdated(undefined, p),
      onUpdate: (a, b) => this.podUpdated(a, b),
      onDelete: (p) => this.podUpdated(p, undefined),
    });
  }

  start(): void {
    // The informers' initial lists already went through the handlers.
  }

  stop(): void {
    for (const w of this.work.values()) if (w.task) this.clock.cancel(w.task);
    this.work.clear();
  }

  private nodeUpdated(old: Node | undefined, cur: Node | undefined): void {
    const noExec = (n: Node | undefined): Taint[] => (n?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    const before = noExec(old);
    const after = noExec(cur);
    if (old && cur && JSON.stringify(before) === JSON.stringify(after)) return;
    const name = (cur ?? old)?.metadata?.name ?? '';
    if (!cur || after.length === 0) this.taintedNodes.delete(name);
    else this.taintedNodes.set(name, after);
    const pods = this.pods.onNode(name);
    if (!cur || after.length === 0) {
      for (const p of pods) this.cancelWithEvent(keyOf(p as KubeObject));
      return;
    }
    for (const p of pods) this.processPodOnNode(p, after);
  }

  private podUpdated(old: Pod | undefined, cur: Pod | undefined): void {
    if (old && cur && old.spec?.nodeName === cur.spec?.nodeName && JSON.stringify(old.spec?.tolerations ?? []) === JSON.stringify(cur.spec?.tolerations ?? [])) return;
    if (!cur) {
      this.cancelWithEvent(keyOf(old as KubeObject));
      return;
    }
    const node = cur.spec?.nodeName;
    if (!node) return;
    const taints = this.taintedNodes.get(node);
    if (!taints) return;
    this.processPodOnNode(cur, taints);
  }

  private processPodOnNode(pod: Pod, taints: Taint[]): void {
    const key = keyOf(pod as KubeObject);
    if (taints.length === 0) {
      this.cancelWithEvent(key);
      return;
    }
    const [all, used] = matchingTolerations(taints, pod.spec?.tolerations ?? []);
    const now = this.clock.now();
    if (!all) {
      this.decisions.decide(`pod ${key}`, 'evict', () => `does not tolerate ${taints.map((t) => `${t.key}:${t.effect}`).join(', ')} on ${pod.spec?.nodeName ?? ''}: deleting now`);
      this.cancelWithEvent(key);
      this.addWork(key, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      this.cancelWithEvent(key);
      return;
    }
    let start = now;
    const existing = this.work.get(key);
    if (existing) {
      if (!existing.task) return;
      start = existing.createdAt;
      if (start + min < now + min) return;
      this.cancelWithEvent(key);
    }
    this.decisions.decide(`pod ${key}`, 'schedule-eviction', () => `tolerates the NoExecute taints of ${pod.spec?.nodeName ?? ''} for ${min / 1000}s: eviction scheduled`);
    this.addWork(key, start, start + min);
  }

  private addWork(key: string, createdAt: number, fireAt: number): void {
    if (this.work.has(key)) return;
    const w: Work = { createdAt, task: undefined };
    w.task = this.clock.schedule(Math.max(0, fireAt - this.clock.now()), `taint eviction ${key}`, () => {
      w.task = undefined;
      this.evict(key);
    });
    this.work.set(key, w);
  }

  /** CancelWork: true when there was work (even finished work) for the pod, which then records the event. */
  private cancelWithEvent(key: string): void {
    const w = this.work.get(key);
    if (!w) return;
    if (w.task) this.clock.cancel(w.task);
    this.work.delete(key);
    const [namespace, name] = splitKey(key);
    this.recorder.event({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } }, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  private evict(key: string): void {
    const [namespace, name] = splitKey(key);
    this.decisions.run(`pod ${key}`, [this.client], () => {
      this.recorder.event({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } }, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
      try {
        const pod = this.client.get<KubeObject>(RES.pods, namespace, name) as Pod;
        const conditions = [...(pod.status?.conditions ?? [])];
        const i = conditions.findIndex((c) => c.type === 'DisruptionTarget');
        const cond = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: this.clock.timestamp(), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
        const prev = i >= 0 ? conditions[i] : undefined;
        if (!prev || prev.status !== 'True' || prev.reason !== cond.reason || prev.message !== cond.message) {
          if (prev?.status === 'True' && prev.lastTransitionTime) cond.lastTransitionTime = prev.lastTransitionTime;
          if (i >= 0) conditions[i] = cond as never; else conditions.push(cond as never);
          this.client.patch(RES.pods, namespace, name, 'strategic', { metadata: { uid: pod.metadata?.uid }, status: { conditions } }, 'status');
        }
        this.client.delete(RES.pods, namespace, name);
        this.decisions.decide(`pod ${key}`, 'deleted', 'deleted by the taint-eviction controller');
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    });
  }
}
