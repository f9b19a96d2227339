// models pkg/controller/replicaset/replica_set.go and replica_set_utils.go (syncReplicaSet, manageReplicas with
// slowStartBatch and burstReplicas, getPodsToDelete with ActivePodsWithRanks, calculateStatus), the expectations
// of pkg/controller/controller_utils.go, and the pod half of ControllerRefManager (adopt and release by selector).
// Simplified: no pod-deletion-cost feature gate switch (on, as in v1.32), no FailedCreate ReplicaFailure requeue jitter.
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../api/types.ts';
import { ApiError } from '../api/status.ts';
import type { Clock } from '../clock.ts';
import { isConflict, isNotFound, type Client } from '../client/Client.ts';
import type { EventRecorder } from '../client/EventRecorder.ts';
import { objectKey } from '../client/Informer.ts';
import { RES } from '../client/paths.ts';
import {
  comparePodsForDeletion, controllerRefOf, isPodActive, isPodAvailable, isPodReady, keyOf, labelSelectorMatches, resolveControllerRef,
  newControllerRef, splitKey,
} from './controllerUtils.ts';
import type { Decisions } from './decisions.ts';
import type { PodIndex, SharedInformers, TypedInformer } from './SharedInformers.ts';
import { WorkQueue } from './WorkQueue.ts';
import { jsonClone } from '../util/jsonClone.ts';

export interface ReplicaSetControllerOptions {
  /** burstReplicas: at most this many creations or deletions per sync (kube-controller-manager uses 500). */
  burstReplicas?: number;
}

/** ExpectationsTimeout: expectations older than this are ignored (5 minutes). */
const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: Set<string>;
  at: number;
}

export class ReplicaSetController {
  private readonly rsInformer: TypedInformer<ReplicaSet>;
  private readonly pods: PodIndex;
  private readonly queue: WorkQueue;
  private readonly expectations = new Map<string, Expectation>();
  private readonly burst: number;
  /** Syncs run, for benchmarks and tests. */
  readonly stats = { syncs: 0 };
  /** Per ReplicaSet uid: what its owned pods add up to, kept current from pod events (see OwnedPods). */
  private readonly owned = new Map<string, OwnedPods>();

  constructor(
    private readonly clock: Clock,
    private readonly client: Client,
    informers: SharedInformers,
    private readonly recorder: EventRecorder,
    private readonly decisions: Decisions,
    opts: ReplicaSetControllerOptions = {},
  ) {
    this.burst = opts.burstReplicas ?? 500;
    this.pods = informers.pods();
    this.rsInformer = informers.informer<ReplicaSet>(RES.replicasets);
    this.queue = new WorkQueue(clock, 'replicaset', (k) => this.sync(k), (k, e) => this.decisions.decide(k, 'error', errorText(e)));
    this.rsInformer.addHandlers({
      onAdd: (rs) => this.queue.add(keyOf(rs as KubeObject)),
      onUpdate: (_a, b) => this.queue.add(keyOf(b as KubeObject)),
      onDelete: (rs) => {
        const k = keyOf(rs as KubeObject);
        this.expectations.delete(k);
        this.owned.delete(rs.metadata?.uid ?? '');
        this.queue.add(k);
      },
    });
    const podInformer = informers.informer<Pod>(RES.pods);
    // Counting first: by the time a sync runs, every pod event before it is counted (syncs run from the clock).
    podInformer.addHandlers({
      onAdd: (p) => this.owned.get(controllerRefOf(p as KubeObject)?.uid ?? '')?.put(p),
      onUpdate: (a, b) => {
        this.owned.get(controllerRefOf(a as KubeObject)?.uid ?? '')?.remove(a);
        this.owned.get(controllerRefOf(b as KubeObject)?.uid ?? '')?.put(b);
      },
      onDelete: (p) => this.owned.get(controllerRefOf(p as KubeObject)?.uid ?? '')?.remove(p),
    });
    podInformer.addHandlers({
      onAdd: (p) => this.addPod(p),
      onUpdate: (a, b) => this.updatePod(a, b),
      onDelete: (p) => this.deletePod(p),
    });
  }

  start(): void {
    for (const rs of this.rsInformer.list()) this.queue.add(keyOf(rs as KubeObject));
  }

  stop(): void {
    this.queue.stop();
  }

  // ---- event handlers ------------------------------------------------------------------------------------------

  private ownerOf(pod: Pod): ReplicaSet | undefined {
    return resolveControllerRef(pod as KubeObject, 'ReplicaSet', this.rsInformer);
  }

  private matchingReplicaSets(pod: Pod): ReplicaSet[] {
    const ns = pod.metadata?.namespace ?? '';
    return this.rsInformer.list().filter((rs) => rs.metadata?.namespace === ns && rs.spec?.selector
      && !emptySelector(rs) && labelSelectorMatches(rs.spec.selector, pod.metadata?.labels));
  }

  private addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp !== undefined) {
      this.deletePod(pod);
      return;
    }
    const ref = controllerRefOf(pod as KubeObject);
    if (ref) {
      const rs = this.ownerOf(pod);
      if (!rs) return;
      const k = keyOf(rs as KubeObject);
      const e = this.expectations.get(k);
      if (e) e.add--;
      this.queue.add(k);
      return;
    }
    for (const rs of this.matchingReplicaSets(pod)) this.queue.add(keyOf(rs as KubeObject));
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelsChanged = JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(cur.metadata?.labels ?? {});
    if (cur.metadata?.deletionTimestamp !== undefined) {
      this.deletePod(cur);
      if (labelsChanged) this.deletePod(old);
      return;
    }
    const oldRef = controllerRefOf(old as KubeObject);
    const curRef = controllerRefOf(cur as KubeObject);
    const refChanged = oldRef?.uid !== curRef?.uid;
    if (refChanged && oldRef) {
      const rs = this.ownerOf(old);
      if (rs) this.queue.add(keyOf(rs as KubeObject));
    }
    if (curRef) {
      const rs = this.ownerOf(cur);
      if (!rs) return;
      const k = keyOf(rs as KubeObject);
      this.queue.add(k);
      const minReady = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.queue.addAfter(k, minReady * 1000 + 1000);
      return;
    }
    if (labelsChanged || refChanged) for (const rs of this.matchingReplicaSets(cur)) this.queue.add(keyOf(rs as KubeObject));
  }

  private deletePod(pod: Pod): void {
    const rs = this.ownerOf(pod);
    if (!rs) return;
    const k = keyOf(rs as KubeObject);
    this.expectations.get(k)?.del.delete(objectKey(pod as KubeObject));
    this.queue.add(k);
  }

  private satisfied(key: string): boolean {
    const e = this.expectations.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del.size === 0) return true;
    return this.clock.now() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  // ---- sync ----------------------------------------------------------------------------------------------------

  private sync(key: string): void {
    const [ns, name] = splitKey(key);
    const cached = this.rsInformer.get(ns, name);
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    this.decisions.run(`replicaset ${key}`, [this.client], () => this.syncReplicaSet(key, cached));
  }

  private syncReplicaSet(key: string, rs: ReplicaSet): void {
    this.stats.syncs++;
    const needsSync = this.satisfied(key);
    const claimed = this.claimPods(rs);
    let manageErr: unknown;
    if (needsSync && rs.metadata?.deletionTimestamp === undefined) {
      try {
        this.manageReplicas(key, claimed, rs);
      } catch (e) {
        manageErr = e;
      }
    }
    const status = this.calculateStatus(rs, claimed, manageErr);
    const updated = this.updateStatus(rs, status);
    const minReady = updated.spec?.minReadySeconds ?? 0;
    const want = updated.spec?.replicas ?? 0;
    if (manageErr === undefined && minReady > 0 && (updated.status?.readyReplicas ?? 0) === want && (updated.status?.availableReplicas ?? 0) !== want) {
      this.queue.addAfter(key, minReady * 1000);
    }
    if (manageErr !== undefined) throw asError(manageErr);
  }

  /**
   * ClaimPods: active pods this ReplicaSet controls, adopting matching orphans and releasing strays. The counts come
   * from the pods' running tally (OwnedPods); the list itself is only walked when a sync needs it (scaling down,
   * minReadySeconds, strays to release), in the same order as a walk of the owner index.
   */
  private claimPods(rs: ReplicaSet): Claimed {
    const uid = rs.metadata?.uid ?? '';
    const ns = rs.metadata?.namespace ?? '';
    const selector = rs.spec?.selector ?? {};
    const deleting = rs.metadata?.deletionTimestamp !== undefined;
    const template = Object.entries(rs.spec?.template?.metadata?.labels ?? {});
    const selKey = JSON.stringify(selector);
    const templateKey = JSON.stringify(template);
    let tally = this.owned.get(uid);
    if (!tally || !tally.sameFacts(ns, selKey, templateKey)) {
      tally = new OwnedPods(ns, selector, selKey, template, templateKey);
      for (const pod of this.pods.ownedBy(uid)) tally.put(pod);
      this.owned.set(uid, tally);
    }
    const owned = tally;
    let list: Pod[] | undefined;
    const walk = (): Pod[] => {
      const out: Pod[] = [];
      for (const pod of this.pods.ownedBy(uid)) {
        if (!isPodActive(pod) || pod.metadata?.namespace !== ns) continue;
        if (owned.selects(pod)) out.push(pod);
      }
      return out;
    };
    if (owned.strays > 0 && !deleting) {
      // Release what no longer matches, in index order (each release is a PATCH).
      list = [];
      for (const pod of this.pods.ownedBy(uid)) {
        if (!isPodActive(pod) || pod.metadata?.namespace !== ns) continue;
        if (owned.selects(pod)) list.push(pod);
        else this.release(rs, pod);
      }
    }
    const claimed = new Claimed(owned.claimed, owned.fully, owned.ready, list ?? walk);
    if (deleting || emptySelector(rs)) return claimed;
    let canAdopt: boolean | undefined;
    for (const pod of this.pods.orphansIn(ns)) {
      if (!isPodActive(pod) || !labelSelectorMatches(selector, pod.metadata?.labels)) continue;
      // RecheckDeletionTimestamp: adopt only while a fresh read says the owner is alive.
      canAdopt ??= this.ownerIsAlive(rs);
      if (!canAdopt) break;
      const adopted = this.adopt(rs, pod);
      if (adopted) claimed.addAdopted(adopted, owned.fullyLabeled(adopted), isPodReady(adopted));
    }
    return claimed;
  }

  private ownerIsAlive(rs: ReplicaSet): boolean {
    try {
      const fresh = this.client.get<KubeObject>(RES.replicasets, rs.metadata?.namespace ?? '', rs.metadata?.name ?? '');
      return fresh.metadata?.uid === rs.metadata?.uid && fresh.metadata?.deletionTimestamp === undefined;
    } catch {
      return false;
    }
  }

  private adopt(rs: ReplicaSet, pod: Pod): Pod | undefined {
    const ref = newControllerRef(rs as KubeObject, 'apps/v1', 'ReplicaSet');
    try {
      const p = this.client.patch<KubeObject>(RES.pods, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', 'strategic',
        { metadata: { ownerReferences: [ref], uid: pod.metadata?.uid } }) as Pod;
      this.decisions.decide(`replicaset ${keyOf(rs as KubeObject)}`, 'adopt', `adopted pod ${pod.metadata?.name ?? ''}`);
      return p;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  private release(rs: ReplicaSet, pod: Pod): void {
    try {
      this.client.patch(RES.pods, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', 'strategic',
        { metadata: { ownerReferences: [{ $patch: 'delete', uid: rs.metadata?.uid }], uid: pod.metadata?.uid } });
      this.decisions.decide(`replicaset ${keyOf(rs as KubeObject)}`, 'release', `released pod ${pod.metadata?.name ?? ''}: labels no longer match the selector`);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  private manageReplicas(key: string, claimed: Claimed, rs: ReplicaSet): void {
    const want = rs.spec?.replicas ?? 1;
    let diff = claimed.length - want;
    const obj = `replicaset ${key}`;
    if (diff < 0) {
      diff = Math.min(-diff, this.burst);
      this.expectations.set(key, { add: diff, del: new Set(), at: this.clock.now() });
      this.decisions.decide(obj, 'scale-up', () => `too few replicas: have ${claimed.length}, need ${want}, creating ${diff}`);
      let done = 0;
      let err: unknown;
      // slowStartBatch: batches of 1, 2, 4, … stop at the first batch with a failure.
      for (let batch = Math.min(diff, 1); done < diff && err === undefined; batch = Math.min(2 * batch, diff - done)) {
        for (let i = 0; i < batch; i++) {
          try {
            this.createPod(rs);
          } catch (e) {
            // Creations refused because the namespace is terminating are not errors.
            if (!(e instanceof ApiError && (e.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating'))) err ??= e;
            const ex = this.expectations.get(key);
            if (ex) ex.add--;
          }
        }
        done += batch;
      }
      const ex = this.expectations.get(key);
      if (ex && done < diff) ex.add -= diff - done;
      if (err !== undefined) throw asError(err);
      return;
    }
    if (diff > 0) {
      diff = Math.min(diff, this.burst);
      const pods = claimed.pods();
      const victims = this.podsToDelete(rs, pods, diff);
      this.expectations.set(key, { add: 0, del: new Set(victims.map((p) => objectKey(p as KubeObject))), at: this.clock.now() });
      this.decisions.decide(obj, 'scale-down', () => `too many replicas: have ${pods.length}, need ${want}, deleting ${diff}: ${victims.map((p) => p.metadata?.name ?? '').join(', ')}`);
      let err: unknown;
      for (const pod of victims) {
        const name = pod.metadata?.name ?? '';
        try {
          this.client.delete(RES.pods, pod.metadata?.namespace ?? '', name);
          this.recorder.event(rs as KubeObject, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
        } catch (e) {
          this.expectations.get(key)?.del.delete(objectKey(pod as KubeObject));
          if (isNotFound(e)) continue;
          this.recorder.event(rs as KubeObject, 'Warning', 'FailedDelete', `Error deleting: ${errorText(e)}`);
          err ??= e;
        }
      }
      if (err !== undefined) throw asError(err);
    }
  }

  /** controller.GetPodFromTemplate + CreatePodsWithGenerateName. */
  private createPod(rs: ReplicaSet): void {
    const t = rs.spec?.template ?? {};
    const name = rs.metadata?.name ?? '';
    const metadata: Record<string, unknown> = {
      generateName: `${name}-`,
      namespace: rs.metadata?.namespace ?? '',
      ownerReferences: [newControllerRef(rs as KubeObject, 'apps/v1', 'ReplicaSet')],
    };
    if (t.metadata?.labels) metadata.labels = { ...t.metadata.labels };
    if (t.metadata?.annotations) metadata.annotations = { ...t.metadata.annotations };
    if (t.metadata?.finalizers) metadata.finalizers = [...t.metadata.finalizers];
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata, spec: jsonClone(t.spec ?? {}) } as KubeObject;
    let created: KubeObject;
    try {
      created = this.client.create(RES.pods, rs.metadata?.namespace ?? '', pod);
    } catch (e) {
      this.recorder.event(rs as KubeObject, 'Warning', 'FailedCreate', `Error creating: ${errorText(e)}`);
      throw e;
    }
    this.recorder.event(rs as KubeObject, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name ?? ''}`);
  }

  /** getPodsToDelete: rank by ActivePodsWithRanks, with ranks counting the owner's related pods per node. */
  private podsToDelete(rs: ReplicaSet, pods: Pod[], diff: number): Pod[] {
    if (diff >= pods.length) return pods.slice(0, diff);
    const perNode = new Map<string, number>();
    for (const p of this.relatedPods(rs)) {
      if (!isPodActive(p)) continue;
      const n = p.spec?.nodeName ?? '';
      perNode.set(n, (perNode.get(n) ?? 0) + 1);
    }
    const now = this.clock.wallMs();
    const ranked = pods.map((p) => ({ p, r: perNode.get(p.spec?.nodeName ?? '') ?? 0 }));
    ranked.sort((a, b) => comparePodsForDeletion(a.p, b.p, a.r, b.r, now));
    return ranked.slice(0, diff).map((x) => x.p);
  }

  /** getIndirectlyRelatedPods: pods of every ReplicaSet sharing this one's controller (its Deployment). */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerRefOf(rs as KubeObject);
    if (!owner) return [...this.pods.ownedBy(rs.metadata?.uid ?? '')];
    const out: Pod[] = [];
    for (const other of this.rsInformer.list()) {
      if (other.metadata?.namespace !== rs.metadata?.namespace || controllerRefOf(other as KubeObject)?.uid !== owner.uid) continue;
      out.push(...this.pods.ownedBy(other.metadata?.uid ?? ''));
    }
    return out;
  }

  private calculateStatus(rs: ReplicaSet, claimed: Claimed, manageErr: unknown): ReplicaSetStatus {
    const now = this.clock.wallMs();
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const fully = claimed.fully;
    const ready = claimed.ready;
    let available = ready;
    if (minReady > 0) {
      // Availability depends on the clock: count it over the pods themselves.
      available = 0;
      for (const p of claimed.pods()) if (isPodReady(p) && isPodAvailable(p, minReady, now)) available++;
    }
    const conditions: ReplicaSetCondition[] = [...(rs.status?.conditions ?? [])];
    const failure = conditions.findIndex((c) => c.type === 'ReplicaFailure');
    if (manageErr !== undefined && failure < 0) {
      const diff = claimed.length - (rs.spec?.replicas ?? 0);
      conditions.push({
        type: 'ReplicaFailure', status: 'True', lastTransitionTime: this.clock.timestamp(),
        reason: diff < 0 ? 'FailedCreate' : 'FailedDelete', message: errorText(manageErr),
      });
    } else if (manageErr === undefined && failure >= 0) {
      conditions.splice(failure, 1);
    }
    // ReplicaSetStatus fields are omitempty but replicas.
    const s: ReplicaSetStatus = { replicas: claimed.length };
    const w = s as unknown as Record<string, unknown>;
    if (fully) w.fullyLabeledReplicas = fully;
    if (ready) w.readyReplicas = ready;
    if (available) w.availableReplicas = available;
    if (rs.status?.observedGeneration !== undefined) w.observedGeneration = rs.status.observedGeneration;
    if (conditions.length > 0) w.conditions = conditions;
    return s;
  }

  /** updateReplicaSetStatus: write only when something changed (or the generation is not observed yet). */
  private updateStatus(rs: ReplicaSet, status: ReplicaSetStatus): ReplicaSet {
    const gen = rs.metadata?.generation ?? 0;
    const same = (a: ReplicaSetStatus | undefined): boolean => (a?.replicas ?? 0) === status.replicas
      && (a?.fullyLabeledReplicas ?? 0) === (status.fullyLabeledReplicas ?? 0)
      && (a?.readyReplicas ?? 0) === (status.readyReplicas ?? 0)
      && (a?.availableReplicas ?? 0) === (status.availableReplicas ?? 0)
      && (a?.observedGeneration ?? 0) === gen
      && JSON.stringify(a?.conditions ?? []) === JSON.stringify(status.conditions ?? []);
    if (same(rs.status)) return rs;
    let target: ReplicaSet = rs;
    for (let attempt = 0; attempt < 2; attempt++) {
      const next = { ...target, status: { ...status, observedGeneration: target.metadata?.generation ?? gen } } as KubeObject;
      try {
        const updated = this.client.update(RES.replicasets, rs.metadata?.namespace ?? '', next, 'status') as ReplicaSet;
        this.decisions.decide(`replicaset ${keyOf(rs as KubeObject)}`, 'status', () => `replicas=${status.replicas} ready=${status.readyReplicas ?? 0} available=${status.availableReplicas ?? 0}`);
        return updated;
      } catch (e) {
        if (!isConflict(e) || attempt === 1) throw e;
        target = this.client.get<KubeObject>(RES.replicasets, rs.metadata?.namespace ?? '', rs.metadata?.name ?? '') as ReplicaSet;
      }
    }
    return rs;
  }
}

/** What one owned pod adds to its ReplicaSet's tally. */
const CLAIMED = 1;
const FULLY = 2;
const READY = 4;
const STRAY = 8;

/**
 * The pods whose controller reference names one ReplicaSet, tallied for the facts of that ReplicaSet a sync
 * looks at (namespace, selector, template labels): how many are claimed (active, in its namespace, selected),
 * fully labeled and ready, and how many are strays to release. Kept current by pod events; rebuilt from the
 * owner index when those facts change.
 */
class OwnedPods {
  claimed = 0;
  fully = 0;
  ready = 0;
  strays = 0;
  private readonly flags = new Map<string, number>();

  constructor(
    private readonly ns: string,
    private readonly selector: LabelSelector,
    private readonly selKey: string,
    private readonly template: [string, string][],
    private readonly templateKey: string,
  ) {}

  sameFacts(ns: string, selKey: string, templateKey: string): boolean {
    return ns === this.ns && selKey === this.selKey && templateKey === this.templateKey;
  }

  selects(pod: Pod): boolean {
    return labelSelectorMatches(this.selector, pod.metadata?.labels);
  }

  fullyLabeled(pod: Pod): boolean {
    const labels = pod.metadata?.labels ?? {};
    return this.template.every(([k, v]) => labels[k] === v);
  }

  put(pod: Pod): void {
    const key = objectKey(pod as KubeObject);
    this.remove(pod, key);
    let f = 0;
    if (isPodActive(pod) && pod.metadata?.namespace === this.ns) {
      if (this.selects(pod)) {
        f = CLAIMED;
        if (this.fullyLabeled(pod)) f |= FULLY;
        if (isPodReady(pod)) f |= READY;
      } else {
        f = STRAY;
      }
    }
    this.flags.set(key, f);
    this.count(f, 1);
  }

  remove(pod: Pod, key = objectKey(pod as KubeObject)): void {
    const f = this.flags.get(key);
    if (f === undefined) return;
    this.flags.delete(key);
    this.count(f, -1);
  }

  private count(f: number, d: number): void {
    if (f & CLAIMED) this.claimed += d;
    if (f & FULLY) this.fully += d;
    if (f & READY) this.ready += d;
    if (f & STRAY) this.strays += d;
  }
}

/** The claimed pods of one sync: their counts, and the pods themselves on demand. */
class Claimed {
  private readonly adopted: Pod[] = [];
  private list: Pod[] | undefined;

  constructor(public length: number, public fully: number, public ready: number, private readonly source: Pod[] | (() => Pod[])) {}

  addAdopted(pod: Pod, fully: boolean, ready: boolean): void {
    this.adopted.push(pod);
    this.length++;
    if (fully) this.fully++;
    if (ready) this.ready++;
  }

  /** Owned pods in owner-index order, then the pods adopted by this sync. */
  pods(): Pod[] {
    this.list ??= [...(typeof this.source === 'function' ? this.source() : this.source), ...this.adopted];
    return this.list;
  }
}

function emptySelector(rs: ReplicaSet): boolean {
  const s = rs.spec?.selector;
  return !s || (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0);
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

export function errorText(e: unknown): string {
  return e instanceof ApiError ? e.status.message ?? e.message : e instanceof Error ? e.message : String(e);
}
