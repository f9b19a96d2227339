// models staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go: objects as JSON under /registry/..., with the
// etcd mod revision as metadata.resourceVersion, guaranteed updates by compare-and-swap, and watch from a revision.
import { errors, type GroupResource } from '../../api/status.ts';
import type { KubeObject } from '../../api/types.ts';
import { prefixRangeEnd, type Etcd, type KeyValue, type WatchEvent as EtcdWatchEvent } from '../../etcd/Etcd.ts';
import { base64Decode, base64Encode, utf8Decode } from '../../util/base64.ts';
import { etcdKey, etcdListPrefix, type ResourceInfo } from '../resources.ts';
import { jsonClone, jsonCloneFrozenMembers } from '../../util/jsonClone.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface StoredWatchEvent {
  type: WatchEventType;
  object: KubeObject;
  /** The etcd key the event is about (empty for BOOKMARK/ERROR). */
  key: string;
  revision: number;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

/** What the etcd layer did, for the trace. */
export interface EtcdOp {
  op: 'txn' | 'range' | 'delete';
  key: string;
  revision: number;
  ok: boolean;
  detail: string;
  prevModRevision?: number;
}

function gr(info: ResourceInfo): GroupResource {
  return { group: info.group, resource: info.resource };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function decode(kv: KeyValue): KubeObject {
  return withVersion(JSON.parse(kv.value) as KubeObject, kv.modRevision);
}

function withVersion(obj: KubeObject, revision: number): KubeObject {
  obj.metadata = { ...(obj.metadata ?? {}), resourceVersion: String(revision) };
  return obj;
}

/** The object as stored: without resourceVersion (etcd's revision is the version). */
function storedForm(obj: KubeObject): KubeObject {
  // Copied key by key rather than spread-then-delete: `delete` leaves a slow object that JSON.stringify walks slowly.
  const meta: Record<string, unknown> = {};
  const m = (obj.metadata ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(m)) if (k !== 'resourceVersion') meta[k] = m[k];
  return { ...obj, metadata: meta };
}



interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

export class Store {
  /** Listeners told of every etcd operation (the apiserver traces them). */
  onEtcdOp: ((op: EtcdOp) => void) | undefined;
  /** Whether onEtcdOp is listened to now (the trace is read); reports are not built when it says no. */
  wantsEtcdOps: (() => boolean) | undefined;

  constructor(readonly etcd: Etcd) {}

  private tracing(): boolean {
    return this.onEtcdOp !== undefined && (this.wantsEtcdOps?.() ?? true);
  }

  private report(op: EtcdOp): void {
    this.onEtcdOp?.(op);
  }

  // ---- change tracking: what derived data (listers, authorization decisions) may be cached against ----

  /** The etcd revision up to which every change is attributed to a resource below. */
  private accountedRevision = 0;
  /** Revision of the last change that could not be attributed (made around this store, or during a nested write). */
  private unattributed = 0;
  /** Revision of the last write through this store, per resource (etcdPrefix). */
  private readonly resourceWrites = new Map<string, number>();

  private catchUp(): void {
    const rev = this.etcd.revision;
    if (rev !== this.accountedRevision) {
      this.unattributed = rev;
      this.accountedRevision = rev;
    }
  }

  private wrote(info: ResourceInfo, before: number, revision: number): void {
    this.resourceWrites.set(info.etcdPrefix, revision);
    // Only a write that moved etcd by exactly itself is fully accounted for; anything else bumps `unattributed`.
    if (before === this.accountedRevision && this.etcd.revision === revision && revision === before + 1) this.accountedRevision = revision;
  }

  /**
   * A number that changes whenever an object of this resource may have changed (it may also change when it did
   * not): a revision at or after the resource's last write. Caches of derived data compare it to stay exact.
   */
  changeRevision(info: ResourceInfo): number {
    this.catchUp();
    return Math.max(this.resourceWrites.get(info.etcdPrefix) ?? 0, this.unattributed);
  }

  get(info: ResourceInfo, namespace: string, name: string): KubeObject {
    const key = etcdKey(info, namespace, name);
    const kv = this.etcd.get(key);
    if (this.tracing()) this.report({ op: 'range', key, revision: this.etcd.revision, ok: kv !== undefined, detail: kv ? `found, mod_revision ${kv.modRevision}` : 'not found' });
    if (!kv) throw errors.notFound(gr(info), name);
    return this.decodeCopy(kv);
  }

  /** A private (mutable) decoded copy of kv: copied from its snapshot when there is one, which is cheaper. */
  private decodeCopy(kv: KeyValue): KubeObject {
    const hit = this.snapshots.get(kv.key);
    return hit && hit.modRevision === kv.modRevision ? jsonClone(hit.object) : decode(kv);
  }

  /**
   * Like get, but without tracing and without throwing: for admission's and authorizers' listers. As with an
   * informer's lister, the objects are shared snapshots: they are frozen, so a caller that mutates one fails loudly.
   */
  peek(info: ResourceInfo, namespace: string, name: string): KubeObject | undefined {
    const kv = this.etcd.get(etcdKey(info, namespace, name));
    return kv ? this.cached(kv) : undefined;
  }

  peekList(info: ResourceInfo, namespace: string): KubeObject[] {
    const prefix = etcdListPrefix(info, namespace);
    const rev = this.changeRevision(info);
    const hit = this.lists.get(prefix);
    if (hit && hit.revision === rev) return hit.objects.slice();
    const objects = this.etcd.range(prefix, { prefix: true }).kvs.map((kv) => this.cached(kv));
    this.lists.set(prefix, { revision: rev, objects });
    return objects.slice();
  }

  /** peekList answers by list prefix, valid while changeRevision of the resource is unchanged. */
  private readonly lists = new Map<string, { revision: number; objects: KubeObject[] }>();

  /**
   * Decoded objects by key, valid while the key's mod revision is unchanged: listers re-read small objects often,
   * and every watcher of a key receives the same decoded object instead of parsing it again.
   */
  private readonly snapshots = new Map<string, { modRevision: number; object: KubeObject }>();

  /**
   * The object being written (in its stored form), for the snapshot its watchers need while the write is
   * delivered: copying it is cheaper than parsing the value back. Used only for that exact key, revision and value,
   * and only during the write (nothing can change the object in between).
   */
  private primed: { key: string; modRevision: number; value: string; object: KubeObject } | undefined;

  private prime(key: string, modRevision: number, value: string, stored: KubeObject): void {
    this.primed = { key, modRevision, value, object: stored };
  }

  private cached(kv: KeyValue): KubeObject {
    const hit = this.snapshots.get(kv.key);
    if (hit && hit.modRevision === kv.modRevision) return hit.object;
    const primed = this.primed;
    const object = deepFreeze(primed && primed.key === kv.key && primed.modRevision === kv.modRevision && primed.value === kv.value
      ? withVersion(jsonCloneFrozenMembers(primed.object), kv.modRevision) : decode(kv));
    this.snapshots.set(kv.key, { modRevision: kv.modRevision, object });
    return object;
  }

  list(info: ResourceInfo, namespace: string, opts: { limit?: number; continueToken?: string; filter?: (o: KubeObject) => boolean; trace?: boolean } = {}): ListResult {
    const prefix = etcdListPrefix(info, namespace);
    let start = prefix;
    let atRevision: number | undefined;
    if (opts.continueToken) {
      const tok = parseContinue(opts.continueToken, prefix);
      start = tok.start;
      atRevision = tok.rv;
      if (atRevision > this.etcd.revision) throw errors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
      if (atRevision <= this.etcd.compactRevision) {
        throw errors.expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
      }
    }
    const end = prefixRangeEnd(prefix) ?? '\0';
    const res = this.etcd.range(start, atRevision === undefined ? { rangeEnd: end } : { rangeEnd: end, revision: atRevision });
    const revision = atRevision ?? res.revision;
    if (opts.trace !== false) this.report({ op: 'range', key: prefix, revision, ok: true, detail: `${res.kvs.length} keys` });
    const items: KubeObject[] = [];
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    let lastKey = '';
    let i = 0;
    for (; i < res.kvs.length && items.length < limit; i++) {
      const kv = res.kvs[i] as KeyValue;
      const obj = atRevision === undefined ? this.decodeCopy(kv) : decode(kv);
      lastKey = kv.key;
      if (!opts.filter || opts.filter(obj)) items.push(obj);
    }
    const result: ListResult = { items, resourceVersion: String(revision) };
    if (i < res.kvs.length) {
      result.continueToken = makeContinue({ v: 'meta.k8s.io/v1', rv: revision, start: `${lastKey}\u0000` }, prefix);
      if (!opts.filter) result.remainingItemCount = res.kvs.length - i;
    }
    return result;
  }

  create(info: ResourceInfo, namespace: string, name: string, obj: KubeObject, dryRun = false): KubeObject {
    const key = etcdKey(info, namespace, name);
    if (dryRun) {
      if (this.etcd.get(key)) throw errors.alreadyExists(gr(info), name);
      return { ...obj, metadata: { ...obj.metadata } };
    }
    const before = this.etcd.revision;
    const stored = storedForm(obj);
    const value = JSON.stringify(stored);
    this.prime(key, before + 1, value, stored);
    const res = this.etcd.txn({
      compare: [{ key, target: 'create', result: '=', value: 0 }],
      success: [{ type: 'put', key, value }],
      failure: [],
    });
    this.primed = undefined;
    if (res.succeeded) this.wrote(info, before, res.revision);
    if (this.tracing()) this.report({ op: 'txn', key, revision: res.revision, ok: res.succeeded, detail: res.succeeded ? `create_revision(${key}) = 0 → put` : 'key exists' });
    if (!res.succeeded) throw errors.alreadyExists(gr(info), name);
    return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(res.revision) } };
  }

  /**
   * Guaranteed update: read, let `mutate` build the new object from the current one, then compare-and-swap on the
   * mod revision read. `mutate` may throw (e.g. a Conflict for a stale resourceVersion precondition). It gets the
   * current object as a frozen snapshot, and `fresh()` for a mutable copy of it.
   */
  update(info: ResourceInfo, namespace: string, name: string, mutate: (current: KubeObject, fresh: () => KubeObject) => KubeObject, dryRun = false): { object: KubeObject; unchanged: boolean } {
    const key = etcdKey(info, namespace, name);
    for (let attempt = 0; attempt < 5; attempt++) {
      const kv = this.etcd.get(key);
      if (!kv) throw errors.notFound(gr(info), name);
      // `current` is the shared frozen snapshot (read-only); `fresh` decodes a private copy to build the new object on.
      const current = this.cached(kv);
      const next = mutate(current, () => jsonClone(current));
      const stored = storedForm(next);
      const value = JSON.stringify(stored);
      if (value === kv.value) {
        // A no-op update writes nothing and keeps the resourceVersion, as the apiserver does.
        return { object: jsonClone(current), unchanged: true };
      }
      if (dryRun) return { object: { ...next, metadata: { ...next.metadata, resourceVersion: String(kv.modRevision) } }, unchanged: false };
      const before = this.etcd.revision;
      this.prime(key, before + 1, value, stored);
      const res = this.etcd.txn({
        compare: [{ key, target: 'mod', result: '=', value: kv.modRevision }],
        success: [{ type: 'put', key, value }],
        failure: [],
      });
      this.primed = undefined;
      if (res.succeeded) this.wrote(info, before, res.revision);
      if (this.tracing()) this.report({ op: 'txn', key, revision: res.revision, ok: res.succeeded, prevModRevision: kv.modRevision, detail: `mod_revision(${key}) = ${kv.modRevision} → put` });
      if (res.succeeded) return { object: { ...next, metadata: { ...next.metadata, resourceVersion: String(res.revision) } }, unchanged: false };
    }
    throw errors.staleConflict(gr(info), name);
  }

  delete(info: ResourceInfo, namespace: string, name: string, expectModRevision?: number, dryRun = false): KubeObject {
    const key = etcdKey(info, namespace, name);
    const kv = this.etcd.get(key);
    if (!kv) throw errors.notFound(gr(info), name);
    if (expectModRevision !== undefined && kv.modRevision !== expectModRevision) throw errors.staleConflict(gr(info), name);
    if (dryRun) return decode(kv);
    const before = this.etcd.revision;
    const res = this.etcd.txn({
      compare: [{ key, target: 'mod', result: '=', value: kv.modRevision }],
      success: [{ type: 'delete', key }],
      failure: [],
    });
    if (res.succeeded) this.wrote(info, before, res.revision);
    if (this.tracing()) this.report({ op: 'delete', key, revision: res.revision, ok: res.succeeded, prevModRevision: kv.modRevision, detail: `mod_revision(${key}) = ${kv.modRevision} → delete` });
    if (!res.succeeded) throw errors.staleConflict(gr(info), name);
    this.snapshots.delete(key);
    const obj = decode(kv);
    obj.metadata = { ...obj.metadata, resourceVersion: String(res.revision) };
    return obj;
  }

  /**
   * Watches a resource (optionally one namespace) from `fromRevision` (exclusive: events after it).
   * Throws Expired (410) when that revision has been compacted away.
   */
  watch(info: ResourceInfo, namespace: string, fromRevision: number, onEvent: (e: StoredWatchEvent) => void): () => void {
    const prefix = etcdListPrefix(info, namespace);
    if (fromRevision > 0 && fromRevision < this.etcd.compactRevision) {
      throw errors.expired(`too old resource version: ${fromRevision} (${this.etcd.compactRevision})`);
    }
    const handle = this.etcd.watch(prefix, { prefix: true, startRevision: fromRevision + 1, prevKv: true }, (e: EtcdWatchEvent) => {
      if (e.type === 'PUT') {
        onEvent({ type: e.kv.version === 1 ? 'ADDED' : 'MODIFIED', object: this.cached(e.kv), key: e.kv.key, revision: e.kv.modRevision });
      } else {
        const prev = e.prevKv;
        if (!prev) return;
        const obj = decode(prev);
        obj.metadata = { ...obj.metadata, resourceVersion: String(e.kv.modRevision) };
        onEvent({ type: 'DELETED', object: obj, key: e.kv.key, revision: e.kv.modRevision });
      }
    });
    return () => handle.cancel();
  }
}

function makeContinue(tok: ContinueToken, prefix: string): string {
  // The apiserver's token: base64 of {"v","rv","start"} with start relative to the list prefix.
  const json = JSON.stringify({ v: tok.v, rv: tok.rv, start: tok.start.slice(prefix.length) });
  return base64(json);
}

function parseContinue(token: string, prefix: string): ContinueToken {
  try {
    const tok = JSON.parse(unbase64(token)) as Partial<ContinueToken>;
    if (tok.v !== 'meta.k8s.io/v1' || typeof tok.rv !== 'number' || !Number.isSafeInteger(tok.rv) || tok.rv <= 0 || typeof tok.start !== 'string') throw new Error('bad');
    return { v: tok.v, rv: tok.rv, start: prefix + tok.start };
  } catch {
    throw errors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

const base64 = (s: string): string => base64Encode(s);
const unbase64 = (s: string): string => utf8Decode(base64Decode(s) ?? new Uint8Array());
