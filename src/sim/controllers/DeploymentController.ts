// models pkg/controller/deployment (deployment_controller.go syncDeployment, sync.go, rolling.go, recreate.go,
// progress.go) and the ReplicaSet half of ControllerRefManager. Left out: the deprecated rollbackTo spec, and
// the cache-lag of a real informer beyond the engine's watch latency.
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import { ApiError } from '../api/status.ts';
import type { Clock } from '../clock.ts';
import { isAlreadyExists, isNotFound, type Client } from '../client/Client.ts';
import type { EventRecorder } from '../client/EventRecorder.ts';
import { RES } from '../client/paths.ts';
import { computeHash, controllerRefOf, keyOf, labelSelectorMatches, newControllerRef, resolveControllerRef, splitKey, timeMs } from './controllerUtils.ts';
import type { Decisions } from './decisions.ts';
import {
  POD_TEMPLATE_HASH, REVISION, availableSum, byCreation, deploymentComplete, deploymentProgressing, deploymentTimedOut,
  equalIgnoreHash, getCondition, hasProgressDeadline, isRollingUpdate, maxRevision, maxSurge, maxUnavailable,
  newCondition, newRSNewReplicas, readySum, reasons, removeCondition, replicaSetProportion, replicas,
  replicasAnnotationsNeedUpdate, revisionOf, setCondition, setNewReplicaSetAnnotations, setReplicasAnnotations,
  specReplicaSum, statusReplicaSum,
} from './deploymentUtil.ts';
import { errorText } from './ReplicaSetController.ts';
import type { PodIndex, SharedInformers, TypedInformer } from './SharedInformers.ts';
import { WorkQueue } from './WorkQueue.ts';
import { jsonClone } from '../util/jsonClone.ts';

const clone = <T>(x: T): T => jsonClone(x);

export class DeploymentController {
  private readonly dInformer: TypedInformer<Deployment>;
  private readonly rsInformer: TypedInformer<ReplicaSet>;
  private readonly pods: PodIndex;
  private readonly queue: WorkQueue;

  constructor(
    private readonly clock: Clock,
    private readonly client: Client,
    informers: SharedInformers,
    private readonly recorder: EventRecorder,
    private readonly decisions: Decisions,
  ) {
    this.pods = informers.pods();
    this.dInformer = informers.informer<Deployment>(RES.deployments);
    this.rsInformer = informers.informer<ReplicaSet>(RES.replicasets);
    this.queue = new WorkQueue(clock, 'deployment', (k) => this.sync(k), (k, e) => this.decisions.decide(`deployment ${k}`, 'error', errorText(e)));
    const enqueue = (d: Deployment): void => this.queue.add(keyOf(d as KubeObject));
    this.dInformer.addHandlers({ onAdd: enqueue, onUpdate: (_a, b) => enqueue(b), onDelete: enqueue });
    this.rsInformer.addHandlers({
      onAdd: (rs) => this.rsChanged(undefined, rs),
      onUpdate: (a, b) => this.rsChanged(a, b),
      onDelete: (rs) => this.rsChanged(rs, undefined),
    });
    informers.informer<Pod>(RES.pods).addHandlers({ onDelete: (p) => this.podDeleted(p) });
  }

  start(): void {
    for (const d of this.dInformer.list()) this.queue.add(keyOf(d as KubeObject));
  }

  stop(): void {
    this.queue.stop();
  }

  private ownerOf(rs: ReplicaSet): Deployment | undefined {
    return resolveControllerRef(rs as KubeObject, 'Deployment', this.dInformer);
  }

  private rsChanged(old: ReplicaSet | undefined, cur: ReplicaSet | undefined): void {
    for (const rs of [old, cur]) {
      if (!rs) continue;
      const d = this.ownerOf(rs);
      if (d) this.queue.add(keyOf(d as KubeObject));
      else if (!controllerRefOf(rs as KubeObject)) {
        for (const x of this.dInformer.list()) {
          if (x.metadata?.namespace === rs.metadata?.namespace && x.spec?.selector && labelSelectorMatches(x.spec.selector, rs.metadata?.labels)) {
            this.queue.add(keyOf(x as KubeObject));
          }
        }
      }
    }
  }

  /** Recreate waits for old pods to be gone: their deletions resync the Deployment. */
  private podDeleted(p: Pod): void {
    const ref = controllerRefOf(p as KubeObject);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.rsInformer.get(p.metadata?.namespace ?? '', ref.name);
    const d = rs && this.ownerOf(rs);
    if (d && d.spec?.strategy?.type === 'Recreate') this.queue.add(keyOf(d as KubeObject));
  }

  // ---- sync ----------------------------------------------------------------------------------------------------

  private sync(key: string): void {
    const [ns, name] = splitKey(key);
    const cached = this.dInformer.get(ns, name);
    if (!cached) return;
    this.decisions.run(`deployment ${key}`, [this.client], () => this.syncDeployment(clone(cached)));
  }

  private syncDeployment(d: Deployment): void {
    const sel = d.spec?.selector;
    if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) {
      this.recorder.event(d as KubeObject, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        this.updateStatus(d, { ...(d.status ?? {}), observedGeneration: d.metadata?.generation ?? 0 });
      }
      return;
    }
    const rsList = this.replicaSetsFor(d);
    if (d.metadata?.deletionTimestamp !== undefined) {
      const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
      this.syncDeploymentStatus(withNew(oldRSs, newRS), newRS, d);
      return;
    }
    this.checkPausedConditions(d);
    if (d.spec?.paused) {
      this.syncScale(d, rsList);
      return;
    }
    if (this.isScalingEvent(d, rsList)) {
      this.syncScale(d, rsList);
      return;
    }
    if (d.spec?.strategy?.type === 'Recreate') this.rolloutRecreate(d, rsList);
    else this.rolloutRolling(d, rsList);
  }

  /** getReplicaSetsForDeployment: ReplicaSets this Deployment controls, adopting orphans and releasing strays. */
  private replicaSetsFor(d: Deployment): ReplicaSet[] {
    const uid = d.metadata?.uid ?? '';
    const ns = d.metadata?.namespace ?? '';
    const selector = d.spec?.selector ?? {};
    const out: ReplicaSet[] = [];
    let canAdopt: boolean | undefined;
    for (const rs of this.rsInformer.list()) {
      if (rs.metadata?.namespace !== ns) continue;
      const ref = controllerRefOf(rs as KubeObject);
      const matches = labelSelectorMatches(selector, rs.metadata?.labels);
      if (ref) {
        if (ref.uid !== uid) continue;
        if (matches) out.push(rs);
        else if (d.metadata?.deletionTimestamp === undefined) this.patchRS(rs, { metadata: { ownerReferences: [{ $patch: 'delete', uid }], uid: rs.metadata?.uid } }, 'release');
        continue;
      }
      if (!matches || rs.metadata?.deletionTimestamp !== undefined || d.metadata?.deletionTimestamp !== undefined) continue;
      canAdopt ??= this.ownerIsAlive(d);
      if (!canAdopt) continue;
      const adopted = this.patchRS(rs, { metadata: { ownerReferences: [newControllerRef(d as KubeObject, 'apps/v1', 'Deployment')], uid: rs.metadata?.uid } }, 'adopt');
      if (adopted) out.push(adopted);
    }
    return out;
  }

  private ownerIsAlive(d: Deployment): boolean {
    try {
      const fresh = this.client.get<KubeObject>(RES.deployments, d.metadata?.namespace ?? '', d.metadata?.name ?? '');
      return fresh.metadata?.uid === d.metadata?.uid && fresh.metadata?.deletionTimestamp === undefined;
    } catch {
      return false;
    }
  }

  private patchRS(rs: ReplicaSet, patch: unknown, what: string): ReplicaSet | undefined {
    try {
      const r = this.client.patch<KubeObject>(RES.replicasets, rs.metadata?.namespace ?? '', rs.metadata?.name ?? '', 'strategic', patch) as ReplicaSet;
      this.decisions.decide(`replicaset ${keyOf(rs as KubeObject)}`, what, `${what} replica set ${rs.metadata?.name ?? ''}`);
      return r;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  private isScalingEvent(d: Deployment, rsList: ReplicaSet[]): boolean {
    const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    for (const rs of withNew(oldRSs, newRS)) {
      if (replicas(rs) === 0) continue;
      const desired = rs.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'];
      if (desired === undefined || !/^\d+$/.test(desired)) continue;
      if (Number(desired) !== replicas(d)) return true;
    }
    return false;
  }

  private checkPausedConditions(d: Deployment): void {
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === reasons.timedOut) return;
    const pausedExists = cond?.reason === reasons.paused;
    const status = (d.status ??= {});
    const now = this.clock.timestamp();
    if (d.spec?.paused && !pausedExists) setCondition(status, newCondition('Progressing', 'Unknown', reasons.paused, 'Deployment is paused', now));
    else if (!d.spec?.paused && pausedExists) setCondition(status, newCondition('Progressing', 'Unknown', reasons.resumed, 'Deployment is resumed', now));
    else return;
    this.updateStatus(d, status);
  }

  /** FindNewReplicaSet / FindOldReplicaSets, then getNewReplicaSet (creating it when asked). */
  private getAllReplicaSetsAndSyncRevision(d: Deployment, rsList: ReplicaSet[], create: boolean): [ReplicaSet | undefined, ReplicaSet[]] {
    const sorted = [...rsList].sort(byCreation);
    const existing = sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
    const oldRSs = sorted.filter((rs) => rs !== existing);
    return [this.getNewReplicaSet(d, existing, oldRSs, create), oldRSs];
  }

  private getNewReplicaSet(d: Deployment, existing: ReplicaSet | undefined, oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
    const newRevision = String(maxRevision(oldRSs) + 1);
    const now = this.clock.timestamp();
    const dKey = `deployment ${keyOf(d as KubeObject)}`;
    if (existing) {
      const rsCopy = clone(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
      const minReady = d.spec?.minReadySeconds ?? 0;
      if (annotationsUpdated || (rsCopy.spec?.minReadySeconds ?? 0) !== minReady) {
        (rsCopy.spec as { minReadySeconds?: number }).minReadySeconds = minReady;
        return this.client.update(RES.replicasets, d.metadata?.namespace ?? '', rsCopy as KubeObject) as ReplicaSet;
      }
      let needsUpdate = setDeploymentRevision(d, rsCopy.metadata?.annotations?.[REVISION] ?? '');
      const status = (d.status ??= {});
      if (hasProgressDeadline(d) && !getCondition(status, 'Progressing')) {
        setCondition(status, newCondition('Progressing', 'True', reasons.foundNewRS, `Found new replica set "${rsCopy.metadata?.name ?? ''}"`, now));
        needsUpdate = true;
      }
      // The response is dropped, as upstream does: a later status write from this sync may then conflict.
      if (needsUpdate) this.client.update(RES.deployments, d.metadata?.namespace ?? '', d as KubeObject, 'status');
      return rsCopy;
    }
    if (!create) return undefined;

    const template = clone(d.spec?.template ?? {});
    const hash = computeHash(template, d.status?.collisionCount);
    const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash };
    (template as { metadata?: object }).metadata = { ...(template.metadata ?? {}), labels };
    const selector = clone(d.spec?.selector ?? {});
    (selector as { matchLabels?: Record<string, string> }).matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const name = `${d.metadata?.name ?? ''}-${hash}`;
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name, namespace: d.metadata?.namespace ?? '', ownerReferences: [newControllerRef(d as KubeObject, 'apps/v1', 'Deployment')], labels },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    (newRS.spec as { replicas?: number }).replicas = count;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);
    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = this.client.create(RES.replicasets, d.metadata?.namespace ?? '', newRS as KubeObject) as ReplicaSet;
      this.decisions.decide(dKey, 'create-replicaset', () => `created replica set ${name} (pod-template-hash ${hash}, revision ${newRevision}) with ${count} replicas`);
    } catch (e) {
      if (isAlreadyExists(e)) {
        const rs = this.rsInformer.get(d.metadata?.namespace ?? '', name);
        if (rs && controllerRefOf(rs as KubeObject)?.uid === d.metadata?.uid && equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
          created = rs;
          alreadyExists = true;
        } else {
          // A hash collision: bump collisionCount and let the requeue try the next name.
          const status = (d.status ??= {});
          (status as { collisionCount?: number }).collisionCount = (status.collisionCount ?? 0) + 1;
          this.decisions.decide(dKey, 'hash-collision', `replica set ${name} exists and is not ours; collisionCount ${status.collisionCount ?? 0}`);
          try { this.client.update(RES.deployments, d.metadata?.namespace ?? '', d as KubeObject, 'status'); } catch { /* requeued below */ }
          throw e;
        }
      } else if (e instanceof ApiError && (e.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating')) {
        throw e;
      } else {
        const msg = `Failed to create new replica set "${name}": ${errorText(e)}`;
        if (hasProgressDeadline(d)) {
          setCondition((d.status ??= {}), newCondition('Progressing', 'False', reasons.failedRSCreate, msg, now));
          try { this.client.update(RES.deployments, d.metadata?.namespace ?? '', d as KubeObject, 'status'); } catch { /* the event says it */ }
        }
        this.recorder.event(d as KubeObject, 'Warning', reasons.failedRSCreate, msg);
        throw e;
      }
    }
    if (!alreadyExists && count > 0) {
      this.recorder.event(d as KubeObject, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata?.name ?? ''} from 0 to ${count}`);
    }
    let needsUpdate = setDeploymentRevision(d, newRevision);
    if (!alreadyExists && hasProgressDeadline(d)) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'True', reasons.newReplicaSet, `Created new replica set "${created.metadata?.name ?? ''}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate) this.client.update(RES.deployments, d.metadata?.namespace ?? '', d as KubeObject, 'status');
    return created;
  }

  // ---- rolling update ------------------------------------------------------------------------------------------

  private rolloutRolling(d: Deployment, rsList: ReplicaSet[]): void {
    const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(d, rsList, true);
    if (!newRS) return;
    const all = withNew(oldRSs, newRS);
    if (this.reconcileNewReplicaSet(all, newRS, d)) {
      this.syncRolloutStatus(all, newRS, d);
      return;
    }
    if (this.reconcileOldReplicaSets(all, oldRSs.filter((rs) => replicas(rs) > 0), newRS, d)) {
      this.syncRolloutStatus(all, newRS, d);
      return;
    }
    if (deploymentComplete(d, d.status ?? {})) this.cleanupDeployment(oldRSs, d);
    this.syncRolloutStatus(all, newRS, d);
  }

  private reconcileNewReplicaSet(all: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
    if (replicas(newRS) === replicas(d)) return false;
    if (replicas(newRS) > replicas(d)) return this.scaleAndRecord(newRS, replicas(d), d)[0];
    const n = newRSNewReplicas(d, all, newRS);
    this.decisions.decide(`deployment ${keyOf(d as KubeObject)}`, 'rolling-scale-up', () =>
      `maxSurge ${maxSurge(d)}: total may reach ${replicas(d) + maxSurge(d)}, have ${specReplicaSum(all)}; new replica set ${newRS.metadata?.name ?? ''} ${replicas(newRS)} → ${n}`);
    return this.scaleAndRecord(newRS, n, d)[0];
  }

  private reconcileOldReplicaSets(all: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
    const oldCount = specReplicaSum(oldRSs);
    if (oldCount === 0) return false;
    const allCount = specReplicaSum(all);
    const minAvailable = replicas(d) - maxUnavailable(d);
    const newUnavailable = replicas(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = allCount - minAvailable - newUnavailable;
    this.decisions.decide(`deployment ${keyOf(d as KubeObject)}`, 'rolling-scale-down', () =>
      `maxUnavailable ${maxUnavailable(d)}: minAvailable ${minAvailable}; total ${allCount}, new unavailable ${newUnavailable} → may scale down ${Math.max(0, maxScaledDown)}`);
    if (maxScaledDown <= 0) return false;
    const [cleaned, cleanupCount] = this.cleanupUnhealthyReplicas(oldRSs, d, maxScaledDown);
    const scaledDown = this.scaleDownOldReplicaSetsForRollingUpdate(withNew(cleaned, newRS), cleaned, d);
    return cleanupCount + scaledDown > 0;
  }

  private cleanupUnhealthyReplicas(oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): [ReplicaSet[], number] {
    const sorted = [...oldRSs].sort(byCreation);
    let total = 0;
    for (let i = 0; i < sorted.length; i++) {
      const rs = sorted[i] as ReplicaSet;
      if (total >= maxCleanup) break;
      const available = rs.status?.availableReplicas ?? 0;
      if (replicas(rs) === 0 || replicas(rs) === available) continue;
      const down = Math.min(maxCleanup - total, replicas(rs) - available);
      const [, updated] = this.scaleAndRecord(rs, replicas(rs) - down, d);
      total += down;
      sorted[i] = updated;
    }
    return [sorted, total];
  }

  private scaleDownOldReplicaSetsForRollingUpdate(all: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): number {
    const minAvailable = replicas(d) - maxUnavailable(d);
    const available = availableSum(all);
    if (available <= minAvailable) return 0;
    const sorted = [...oldRSs].sort(byCreation);
    const totalToScaleDown = available - minAvailable;
    let total = 0;
    for (const rs of sorted) {
      if (total >= totalToScaleDown) break;
      if (replicas(rs) === 0) continue;
      const down = Math.min(replicas(rs), totalToScaleDown - total);
      this.scaleAndRecord(rs, replicas(rs) - down, d);
      total += down;
    }
    return total;
  }

  // ---- recreate ------------------------------------------------------------------------------------------------

  private rolloutRecreate(d: Deployment, rsList: ReplicaSet[]): void {
    let [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    let all = withNew(oldRSs, newRS);
    let scaledDown = false;
    for (const rs of oldRSs) {
      if (replicas(rs) === 0) continue;
      if (this.scaleAndRecord(rs, 0, d)[0]) scaledDown = true;
    }
    if (scaledDown) {
      this.syncRolloutStatus(all, newRS, d);
      return;
    }
    if (this.oldPodsRunning(newRS, oldRSs)) {
      this.syncRolloutStatus(all, newRS, d);
      return;
    }
    if (!newRS) {
      [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(d, rsList, true);
      all = withNew(oldRSs, newRS);
    }
    if (newRS) this.scaleAndRecord(newRS, replicas(d), d);
    if (deploymentComplete(d, d.status ?? {})) this.cleanupDeployment(oldRSs, d);
    this.syncRolloutStatus(all, newRS, d);
  }

  private oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
    if (statusReplicaSum(oldRSs) > 0) return true;
    for (const rs of oldRSs) {
      if (newRS && rs.metadata?.uid === newRS.metadata?.uid) continue;
      for (const p of this.pods.ownedBy(rs.metadata?.uid ?? '')) {
        const phase = p.status?.phase;
        if (phase !== 'Failed' && phase !== 'Succeeded') return true;
      }
    }
    return false;
  }

  // ---- scaling -------------------------------------------------------------------------------------------------

  /** sync(): a scaling event or a paused Deployment; proportional scaling across active ReplicaSets. */
  private syncScale(d: Deployment, rsList: ReplicaSet[]): void {
    const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    this.scale(d, newRS, oldRSs);
    if (d.spec?.paused) this.cleanupDeployment(oldRSs, d);
    this.syncDeploymentStatus(withNew(oldRSs, newRS), newRS, d);
  }

  private scale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
    const dKey = `deployment ${keyOf(d as KubeObject)}`;
    // FindActiveOrLatest: with at most one active ReplicaSet, that one (or the newest) takes the whole count.
    const single = findActiveOrLatest(newRS, oldRSs);
    if (single) {
      if (replicas(single) === replicas(d)) return;
      this.decisions.decide(dKey, 'scale', `scaling ${single.metadata?.name ?? ''} to ${replicas(d)}`);
      this.scaleAndRecord(single, replicas(d), d);
      return;
    }
    // IsSaturated: the new ReplicaSet has it all; old ones go to zero.
    if (newRS && replicas(newRS) === replicas(d) && newRS.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'] === String(replicas(d))
      && (newRS.status?.availableReplicas ?? 0) === replicas(d)) {
      for (const old of oldRSs.filter((rs) => replicas(rs) > 0)) this.scaleAndRecord(old, 0, d);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const allActive = withNew(oldRSs, newRS).filter((rs) => replicas(rs) > 0);
    const allowed = replicas(d) > 0 ? replicas(d) + maxSurge(d) : 0;
    const toAdd = allowed - specReplicaSum(allActive);
    let op = '';
    if (toAdd > 0) {
      // ReplicaSetsBySizeNewer: larger first, then newer first.
      allActive.sort((a, b) => (replicas(a) !== replicas(b) ? replicas(b) - replicas(a) : byCreation(b, a)));
      op = 'up';
    } else if (toAdd < 0) {
      // ReplicaSetsBySizeOlder: larger first, then older first.
      allActive.sort((a, b) => (replicas(a) !== replicas(b) ? replicas(b) - replicas(a) : byCreation(a, b)));
      op = 'down';
    }
    let added = 0;
    const sizes = new Map<ReplicaSet, number>();
    for (const rs of allActive) {
      if (toAdd !== 0) {
        const p = replicaSetProportion(rs, d, toAdd, added);
        sizes.set(rs, replicas(rs) + p);
        added += p;
      } else sizes.set(rs, replicas(rs));
    }
    this.decisions.decide(dKey, 'proportional-scale', () => `distributing ${toAdd} replicas: ${allActive.map((rs) => `${rs.metadata?.name ?? ''} ${replicas(rs)}→${sizes.get(rs) ?? 0}`).join(', ')}`);
    allActive.forEach((rs, i) => {
      let size = sizes.get(rs) ?? 0;
      if (i === 0 && toAdd !== 0) size = Math.max(0, size + (toAdd - added));
      this.scaleReplicaSet(rs, size, d, op);
    });
  }

  private scaleAndRecord(rs: ReplicaSet, newScale: number, d: Deployment): [boolean, ReplicaSet] {
    if (replicas(rs) === newScale) return [false, rs];
    return this.scaleReplicaSet(rs, newScale, d, replicas(rs) < newScale ? 'up' : 'down');
  }

  private scaleReplicaSet(rs: ReplicaSet, newScale: number, d: Deployment, op: string): [boolean, ReplicaSet] {
    const sizeChanged = replicas(rs) !== newScale;
    const max = replicas(d) + maxSurge(d);
    if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, replicas(d), max)) return [false, rs];
    const oldScale = replicas(rs);
    const copy = clone(rs);
    (copy.spec as { replicas?: number }).replicas = newScale;
    setReplicasAnnotations(copy, replicas(d), max);
    const updated = this.client.update(RES.replicasets, rs.metadata?.namespace ?? '', copy as KubeObject) as ReplicaSet;
    if (sizeChanged) {
      this.recorder.event(d as KubeObject, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${updated.metadata?.name ?? ''} from ${oldScale} to ${newScale}`);
    }
    return [sizeChanged, updated];
  }

  /** cleanupDeployment: keep revisionHistoryLimit old ReplicaSets; delete the oldest empty ones. */
  private cleanupDeployment(oldRSs: ReplicaSet[], d: Deployment): void {
    const limit = d.spec?.revisionHistoryLimit;
    if (limit === undefined) return;
    const cleanable = oldRSs.filter((rs) => rs.metadata?.deletionTimestamp === undefined);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort((a, b) => (revisionOf(a) !== revisionOf(b) ? revisionOf(a) - revisionOf(b) : byCreation(a, b)));
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i] as ReplicaSet;
      if ((rs.status?.replicas ?? 0) !== 0 || replicas(rs) !== 0 || (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        this.client.delete(RES.replicasets, rs.metadata?.namespace ?? '', rs.metadata?.name ?? '');
        this.decisions.decide(`deployment ${keyOf(d as KubeObject)}`, 'cleanup', `deleted old replica set ${rs.metadata?.name ?? ''} (revisionHistoryLimit ${limit})`);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  // ---- status --------------------------------------------------------------------------------------------------

  private calculateStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): DeploymentStatus {
    const available = availableSum(all);
    const unavailable = Math.max(0, specReplicaSum(all) - available);
    const s: Record<string, unknown> = {};
    // DeploymentStatus fields are all omitempty.
    const put = (k: string, v: number | undefined): void => { if (v) s[k] = v; };
    put('observedGeneration', d.metadata?.generation);
    put('replicas', statusReplicaSum(all));
    put('updatedReplicas', newRS ? newRS.status?.replicas ?? 0 : 0);
    put('readyReplicas', readySum(all));
    put('availableReplicas', available);
    put('unavailableReplicas', unavailable);
    if (d.status?.collisionCount !== undefined) s.collisionCount = d.status.collisionCount;
    const status = s as DeploymentStatus;
    if (d.status?.conditions) (status as { conditions?: unknown }).conditions = d.status.conditions.map((c) => ({ ...c }));
    const now = this.clock.timestamp();
    if (available >= replicas(d) - maxUnavailable(d)) {
      setCondition(status, newCondition('Available', 'True', reasons.minimumReplicasAvailable, 'Deployment has minimum availability.', now));
    } else {
      setCondition(status, newCondition('Available', 'False', reasons.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
    }
    return status;
  }

  private syncDeploymentStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): void {
    const status = this.calculateStatus(all, newRS, d);
    if (JSON.stringify(status) === JSON.stringify(d.status ?? {})) return;
    this.updateStatus(d, status);
  }

  private syncRolloutStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): void {
    const s = this.calculateStatus(all, newRS, d);
    if (!hasProgressDeadline(d)) removeCondition(s, 'Progressing');
    const cur = getCondition(d.status, 'Progressing');
    const complete = (s.replicas ?? 0) === (s.updatedReplicas ?? 0) && cur?.reason === reasons.newRSAvailable;
    const now = this.clock.timestamp();
    const name = newRS?.metadata?.name;
    const dName = d.metadata?.name ?? '';
    if (hasProgressDeadline(d) && !complete) {
      if (deploymentComplete(d, s)) {
        const msg = name !== undefined ? `ReplicaSet "${name}" has successfully progressed.` : `Deployment "${dName}" has successfully progressed.`;
        setCondition(s, newCondition('Progressing', 'True', reasons.newRSAvailable, msg, now));
      } else if (deploymentProgressing(d, s)) {
        const msg = name !== undefined ? `ReplicaSet "${name}" is progressing.` : `Deployment "${dName}" is progressing.`;
        const c = newCondition('Progressing', 'True', reasons.replicaSetUpdated, msg, now);
        if (cur) {
          if (cur.status === 'True' && cur.lastTransitionTime !== undefined) c.lastTransitionTime = cur.lastTransitionTime;
          removeCondition(s, 'Progressing');
        }
        setCondition(s, c);
      } else if (deploymentTimedOut(d, s, this.clock.wallMs())) {
        const msg = name !== undefined ? `ReplicaSet "${name}" has timed out progressing.` : `Deployment "${dName}" has timed out progressing.`;
        setCondition(s, newCondition('Progressing', 'False', reasons.timedOut, msg, now));
      }
    }
    // ReplicaFailure conditions of the ReplicaSets surface on the Deployment.
    const failure = [...(newRS ? [newRS] : []), ...all].flatMap((rs) => rs.status?.conditions ?? []).find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
    if (failure) {
      setCondition(s, { type: 'ReplicaFailure', status: failure.status, lastTransitionTime: failure.lastTransitionTime, lastUpdateTime: failure.lastTransitionTime, reason: failure.reason, message: failure.message } as never);
    } else removeCondition(s, 'ReplicaFailure');
    if (JSON.stringify(s) === JSON.stringify(d.status ?? {})) {
      this.requeueStuckDeployment(d, s);
      return;
    }
    this.updateStatus(d, s);
  }

  private requeueStuckDeployment(d: Deployment, s: DeploymentStatus): void {
    const cur = getCondition(d.status, 'Progressing');
    if (!hasProgressDeadline(d) || !cur) return;
    if (deploymentComplete(d, s) || cur.reason === reasons.timedOut) return;
    const from = timeMs(cur.lastUpdateTime) ?? this.clock.wallMs();
    const after = from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - this.clock.wallMs();
    const key = keyOf(d as KubeObject);
    if (after < 1000) this.queue.addRateLimited(key);
    else this.queue.addAfter(key, after + 1000);
  }

  private updateStatus(d: Deployment, status: DeploymentStatus): void {
    const next = { ...d, status } as KubeObject;
    this.client.update(RES.deployments, d.metadata?.namespace ?? '', next, 'status');
    this.decisions.decide(`deployment ${keyOf(d as KubeObject)}`, 'status', () =>
      `replicas=${status.replicas ?? 0} updated=${status.updatedReplicas ?? 0} ready=${status.readyReplicas ?? 0} available=${status.availableReplicas ?? 0}`);
  }
}

function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = withNew(newestFirst, newRS).filter((rs) => replicas(rs) > 0);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

function withNew(old: ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSet[] {
  return newRS ? [...old, newRS] : [...old];
}

/** SetDeploymentRevision: returns whether the revision annotation changed. */
function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const meta = (d.metadata ??= {}) as { annotations?: Record<string, string> };
  const a = (meta.annotations ??= {});
  if (a[REVISION] === revision) return false;
  a[REVISION] = revision;
  return true;
}
