// models pkg/controller/garbagecollector (graph_builder.go, garbagecollector.go): a graph of ownerReferences over
// every monitored resource, kept by the shared informers; dependents whose owners are gone are deleted
// (background), owners deleted in the foreground wait for their blocking dependents (foregroundDeletion
// finalizer), and owners deleted with orphan propagation have their dependents' references removed (orphan
// finalizer). Events are not monitored, as upstream ignores them. Absent owners are verified with a live GET.
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../api/types.ts';
import { parseApiVersion } from '../api/types.ts';
import { lookupKind, RESOURCES, type ResourceInfo } from '../apiserver/resources.ts';
import type { Clock } from '../clock.ts';
import { isConflict, isNotFound, type Client } from '../client/Client.ts';
import type { ResourceRef } from '../client/paths.ts';
import type { Decisions } from './decisions.ts';
import { errorText } from './ReplicaSetController.ts';
import type { SharedInformers } from './SharedInformers.ts';
import { WorkQueue } from './WorkQueue.ts';

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

interface GraphNode {
  uid: string;
  info: ResourceInfo;
  namespace: string;
  name: string;
  owners: OwnerReference[];
  deleting: boolean;
  finalizers: string[];
}

interface VirtualOwner {
  ref: OwnerReference;
  namespace: string;
}

/** The resources the collector watches: stored kinds that can be listed, watched and deleted, events excepted. */
export function monitoredResources(): ResourceInfo[] {
  const seen = new Set<string>();
  return RESOURCES.filter((r) => {
    if (r.createOnly || r.resource === 'events') return false;
    if (!['list', 'watch', 'delete'].every((v) => r.verbs.includes(v))) return false;
    if (seen.has(r.etcdPrefix)) return false;
    seen.add(r.etcdPrefix);
    return true;
  });
}

const refOf = (info: ResourceInfo): ResourceRef => ({ group: info.group, version: info.version, resource: info.resource });

export class GarbageCollector {
  private readonly nodes = new Map<string, GraphNode>();
  /** owner uid → dependent uids; owners may be absent from `nodes` (virtual). */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly virtual = new Map<string, VirtualOwner>();
  private readonly attemptToDelete: WorkQueue;
  private readonly attemptToOrphan: WorkQueue;

  constructor(clock: Clock, private readonly client: Client, informers: SharedInformers, private readonly decisions: Decisions) {
    const onError = (k: string, e: unknown): void => this.decisions.decide(this.describe(k), 'error', errorText(e));
    this.attemptToDelete = new WorkQueue(clock, 'garbagecollector attemptToDelete', (k) => this.processAttemptToDelete(k), onError);
    this.attemptToOrphan = new WorkQueue(clock, 'garbagecollector attemptToOrphan', (k) => this.processAttemptToOrphan(k), onError);
    for (const info of monitoredResources()) {
      informers.informer(refOf(info)).addHandlers({
        onAdd: (o) => this.observe(info, undefined, o),
        onUpdate: (a, b) => this.observe(info, a, b),
        onDelete: (o) => this.removed(o),
      });
    }
  }

  start(): void {
    // The graph fills from the informers' initial lists; the queues run on the clock.
  }

  stop(): void {
    this.attemptToDelete.stop();
    this.attemptToOrphan.stop();
  }

  /** Dependents of an owner uid, for tests and the UI. */
  dependentsOf(uid: string): string[] {
    return [...(this.dependents.get(uid) ?? [])];
  }

  private describe(uid: string): string {
    const n = this.nodes.get(uid.replace(/^virtual:/, ''));
    return n ? `${n.info.resource} ${n.namespace === '' ? n.name : `${n.namespace}/${n.name}`}` : `object ${uid}`;
  }

  // ---- graph builder -------------------------------------------------------------------------------------------

  private observe(info: ResourceInfo, old: KubeObject | undefined, obj: KubeObject): void {
    const m = obj.metadata ?? {};
    const uid = m.uid ?? '';
    if (uid === '') return;
    const owners = m.ownerReferences ?? [];
    const prior = this.nodes.get(uid);
    const node: GraphNode = {
      uid, info, namespace: m.namespace ?? '', name: m.name ?? '', owners,
      deleting: m.deletionTimestamp !== undefined, finalizers: m.finalizers ?? [],
    };
    this.nodes.set(uid, node);
    this.virtual.delete(uid);
    const before = prior?.owners ?? [];
    if (!prior || JSON.stringify(before) !== JSON.stringify(owners)) {
      for (const r of before) {
        const still = owners.find((x) => x.uid === r.uid);
        if (!still) this.dependents.get(r.uid)?.delete(uid);
        // A dependent that stops blocking its owner may let a foreground deletion finish.
        if ((!still || (r.blockOwnerDeletion && !still.blockOwnerDeletion)) && this.deletingDependents(this.nodes.get(r.uid))) this.attemptToDelete.add(r.uid);
      }
      for (const r of owners) {
        let set = this.dependents.get(r.uid);
        if (!set) this.dependents.set(r.uid, (set = new Set()));
        set.add(uid);
        if (!this.nodes.has(r.uid)) {
          // A virtual owner: verify it exists, else its dependents are garbage.
          this.virtual.set(r.uid, { ref: r, namespace: node.namespace });
          this.attemptToDelete.add(`virtual:${r.uid}`);
        }
      }
    }
    // processTransitions.
    const oldM = old?.metadata ?? (prior ? { deletionTimestamp: prior.deleting ? 'x' : undefined, finalizers: prior.finalizers } : undefined);
    if (this.startsDeletingWith(oldM, obj, ORPHAN)) {
      this.decisions.decide(this.describe(uid), 'orphan', 'deleted with propagationPolicy Orphan: removing ownerReferences from its dependents');
      this.attemptToOrphan.add(uid);
    }
    if (this.startsDeletingWith(oldM, obj, FOREGROUND)) {
      this.decisions.decide(this.describe(uid), 'foreground', 'deleted with propagationPolicy Foreground: deleting its dependents first');
      for (const dep of this.dependents.get(uid) ?? []) this.attemptToDelete.add(dep);
      this.attemptToDelete.add(uid);
    }
  }

  private startsDeletingWith(old: { deletionTimestamp?: string | undefined; finalizers?: string[] | undefined } | undefined, obj: KubeObject, finalizer: string): boolean {
    const m = obj.metadata ?? {};
    if (m.deletionTimestamp === undefined || !(m.finalizers ?? []).includes(finalizer)) return false;
    return !old || old.deletionTimestamp === undefined || !(old.finalizers ?? []).includes(finalizer);
  }

  private removed(obj: KubeObject): void {
    const uid = obj.metadata?.uid ?? '';
    const node = this.nodes.get(uid);
    if (!node) return;
    this.nodes.delete(uid);
    for (const r of node.owners) {
      this.dependents.get(r.uid)?.delete(uid);
      if (this.deletingDependents(this.nodes.get(r.uid))) this.attemptToDelete.add(r.uid);
    }
    const deps = this.dependents.get(uid);
    if (deps && deps.size > 0) {
      this.decisions.decide(`${node.info.resource} ${node.namespace === '' ? node.name : `${node.namespace}/${node.name}`}`, 'owner-gone', `owner deleted; checking ${deps.size} dependent(s)`);
      for (const dep of deps) this.attemptToDelete.add(dep);
    } else this.dependents.delete(uid);
  }

  private deletingDependents(n: GraphNode | undefined): boolean {
    return n !== undefined && n.deleting && n.finalizers.includes(FOREGROUND);
  }

  // ---- attemptToDelete -----------------------------------------------------------------------------------------

  private processAttemptToDelete(key: string): void {
    if (key.startsWith('virtual:')) {
      this.processVirtual(key.slice('virtual:'.length));
      return;
    }
    const node = this.nodes.get(key);
    if (!node) return;
    this.decisions.run(this.describe(key), [this.client], () => this.attemptToDeleteItem(node));
  }

  private processVirtual(ownerUid: string): void {
    const v = this.virtual.get(ownerUid);
    if (!v || this.nodes.has(ownerUid)) return;
    const state = this.ownerState(v.ref, v.namespace);
    if (state !== 'absent') return;
    this.virtual.delete(ownerUid);
    for (const dep of this.dependents.get(ownerUid) ?? []) this.attemptToDelete.add(dep);
  }

  /** Whether an owner exists (solid), is deleting its dependents (waiting), or is gone (absent, verified by GET). */
  private ownerState(ref: OwnerReference, namespace: string): 'solid' | 'waiting' | 'absent' {
    const n = this.nodes.get(ref.uid);
    if (n) return this.deletingDependents(n) ? 'waiting' : 'solid';
    const { group } = parseApiVersion(ref.apiVersion);
    const info = lookupKind(group, ref.kind);
    if (!info) return 'solid';
    try {
      const live = this.client.get<KubeObject>(refOf(info), info.namespaced ? namespace : '', ref.name);
      if (live.metadata?.uid !== ref.uid) return 'absent';
      const m = live.metadata;
      return m.deletionTimestamp !== undefined && (m.finalizers ?? []).includes(FOREGROUND) ? 'waiting' : 'solid';
    } catch (e) {
      if (isNotFound(e)) return 'absent';
      throw e;
    }
  }

  private attemptToDeleteItem(node: GraphNode): void {
    if (node.deleting && !this.deletingDependents(node)) return;
    if (this.deletingDependents(node)) {
      this.processDeletingDependents(node);
      return;
    }
    let latest: KubeObject;
    try {
      latest = this.client.get(refOf(node.info), node.namespace, node.name);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
    const lm = latest.metadata ?? {};
    if (lm.uid !== node.uid) return;
    if (lm.deletionTimestamp !== undefined) {
      if ((lm.finalizers ?? []).includes(FOREGROUND)) this.processDeletingDependents(node);
      return;
    }
    const owners = lm.ownerReferences ?? [];
    if (owners.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const r of owners) {
      const s = this.ownerState(r, node.namespace);
      (s === 'solid' ? solid : s === 'absent' ? dangling : waiting).push(r);
    }
    const what = this.describe(node.uid);
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      const uids = [...dangling, ...waiting].map((r) => r.uid);
      this.decisions.decide(what, 'remove-owner-references', () => `has a live owner; removing references to ${uids.join(', ')}`);
      this.patchOwnerRefsAway(node, uids);
      return;
    }
    if (waiting.length > 0 && (this.dependents.get(node.uid)?.size ?? 0) > 0) {
      this.decisions.decide(what, 'delete', 'owner is deleting in the foreground and this object has dependents: deleting it in the foreground');
      this.deleteObject(node, 'Foreground');
      return;
    }
    const finalizers = lm.finalizers ?? [];
    const policy = finalizers.includes(ORPHAN) ? 'Orphan' : finalizers.includes(FOREGROUND) ? 'Foreground' : 'Background';
    this.decisions.decide(what, 'delete', () => `no owner left (${[...dangling, ...waiting].map((r) => `${r.kind}/${r.name}`).join(', ')}): deleting with propagationPolicy ${policy}`);
    this.deleteObject(node, policy);
  }

  /** processDeletingDependentsItem: delete blocking dependents; when none is left, drop foregroundDeletion. */
  private processDeletingDependents(owner: GraphNode): void {
    const blocking: string[] = [];
    for (const dep of this.dependents.get(owner.uid) ?? []) {
      const d = this.nodes.get(dep);
      const ref = d?.owners.find((r) => r.uid === owner.uid);
      if (d && ref?.blockOwnerDeletion) blocking.push(dep);
    }
    if (blocking.length === 0) {
      this.decisions.decide(this.describe(owner.uid), 'remove-finalizer', `no blocking dependents left: removing finalizer ${FOREGROUND}`);
      this.removeFinalizer(owner, FOREGROUND);
      return;
    }
    for (const dep of blocking) if (!this.deletingDependents(this.nodes.get(dep))) this.attemptToDelete.add(dep);
  }

  private deleteObject(node: GraphNode, policy: 'Background' | 'Foreground' | 'Orphan'): void {
    try {
      this.client.delete(refOf(node.info), node.namespace, node.name, { propagationPolicy: policy, preconditions: { uid: node.uid } });
    } catch (e) {
      if (isNotFound(e) || isConflict(e)) return;
      throw e;
    }
  }

  private patchOwnerRefsAway(node: GraphNode, ownerUids: string[]): void {
    try {
      this.client.patch(refOf(node.info), node.namespace, node.name, 'strategic', {
        metadata: { ownerReferences: ownerUids.map((uid) => ({ $patch: 'delete', uid })), uid: node.uid },
      });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  private removeFinalizer(node: GraphNode, finalizer: string): void {
    for (let attempt = 0; attempt < 5; attempt++) {
      let obj: KubeObject;
      try {
        obj = this.client.get(refOf(node.info), node.namespace, node.name);
      } catch (e) {
        if (isNotFound(e)) return;
        throw e;
      }
      const finalizers = obj.metadata?.finalizers ?? [];
      if (!finalizers.includes(finalizer)) return;
      const rest = finalizers.filter((f) => f !== finalizer);
      try {
        this.client.patch(refOf(node.info), node.namespace, node.name, 'merge', {
          metadata: { resourceVersion: obj.metadata?.resourceVersion, finalizers: rest.length > 0 ? rest : null },
        });
        return;
      } catch (e) {
        if (isNotFound(e)) return;
        if (!isConflict(e)) throw e;
      }
    }
  }

  // ---- attemptToOrphan -----------------------------------------------------------------------------------------

  private processAttemptToOrphan(uid: string): void {
    const owner = this.nodes.get(uid);
    if (!owner) return;
    this.decisions.run(this.describe(uid), [this.client], () => {
      for (const dep of [...(this.dependents.get(uid) ?? [])]) {
        const d = this.nodes.get(dep);
        if (d) this.patchOwnerRefsAway(d, [uid]);
      }
      this.decisions.decide(this.describe(uid), 'remove-finalizer', `dependents orphaned: removing finalizer ${ORPHAN}`);
      this.removeFinalizer(owner, ORPHAN);
    });
  }
}
