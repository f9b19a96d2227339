// etcd v3's MVCC key-value store as kube-apiserver uses it: a global revision, per-key create/mod
// revision and version, ranges at past revisions, txn compare-and-swap, watches from a revision and
// compaction. Models server/storage/mvcc (kvstore.go, kvstore_txn.go, key_index.go, watchable_store.go)
// and server/etcdserver/txn (apply of Range/Put/DeleteRange/Txn). Single member, no raft, no leases.
import { SortedKeyIndex } from './SortedKeyIndex.ts';

export { formatGet } from './etcdctl.ts';

/** mvccpb.KeyValue. A DELETE event's kv is a tombstone: createRevision 0, version 0, value ''. */
export interface KeyValue {
  readonly key: string;
  readonly createRevision: number;
  readonly modRevision: number;
  /** 1 on create, +1 on each put, back to 1 when the key is created again after a delete. */
  readonly version: number;
  /** The stored bytes as text (kube-apiserver stores the object's JSON); never parsed here. */
  readonly value: string;
}

export type EtcdErrorCode =
  | 'compacted'
  | 'future-revision'
  | 'duplicate-key'
  | 'empty-key'
  | 'request-too-large'
  | 'too-many-ops';

// Texts of server/storage/mvcc/kvstore.go (ErrCompacted, ErrFutureRev) and
// api/v3rpc/rpctypes/error.go (the etcdserver: ones), as clients receive them.
const MESSAGES: Record<EtcdErrorCode, string> = {
  compacted: 'mvcc: required revision has been compacted',
  'future-revision': 'mvcc: required revision is a future revision',
  'duplicate-key': 'etcdserver: duplicate key given in txn request',
  'empty-key': 'etcdserver: key is not provided',
  'request-too-large': 'etcdserver: request is too large',
  'too-many-ops': 'etcdserver: too many operations in txn request',
};

export class EtcdError extends Error {
  readonly code: EtcdErrorCode;
  /** Set on 'compacted': the store's compact revision, as a watch response's CompactRevision. */
  readonly compactRevision: number | undefined;
  constructor(code: EtcdErrorCode, compactRevision?: number) {
    super(MESSAGES[code]);
    this.name = 'EtcdError';
    this.code = code;
    this.compactRevision = compactRevision;
  }
}

export function isEtcdError(e: unknown, code?: EtcdErrorCode): e is EtcdError {
  return e instanceof EtcdError && (code === undefined || e.code === code);
}

/**
 * The exclusive end of the range of keys starting with `prefix` (clientv3.GetPrefixRangeEnd):
 * the prefix with its last code unit incremented; null when there is no such key (all keys from prefix).
 */
export function prefixRangeEnd(prefix: string): string | null {
  let i = prefix.length - 1;
  while (i >= 0 && prefix.charCodeAt(i) === 0xffff) i--;
  if (i < 0) return null;
  return prefix.slice(0, i) + String.fromCharCode(prefix.charCodeAt(i) + 1);
}

/** Which keys a request names, as etcd's (key, range_end) pair. */
export interface KeyRange {
  /**
   * Exclusive end of the range. Absent or '' = the single key `key`; '\0' = every key >= key.
   * Ignored when `prefix` is set.
   */
  rangeEnd?: string;
  /** Every key starting with `key` (clientv3.WithPrefix). */
  prefix?: boolean;
}

export interface RangeOptions extends KeyRange {
  /** Read the store as it was at this revision; <= 0 or absent = the current revision. */
  revision?: number;
  /** At most this many kvs (0 = no limit); `more` tells whether the range held more. */
  limit?: number;
  /** kvs carry '' as value. */
  keysOnly?: boolean;
  /** No kvs, only `count`. */
  countOnly?: boolean;
}

export interface RangeResult {
  kvs: KeyValue[];
  /** Number of keys in the range at the read revision, regardless of `limit`. */
  count: number;
  more: boolean;
  /** The store's current revision (the response header's), not the revision read at. */
  revision: number;
}

export interface PutOptions {
  prevKv?: boolean;
}

export interface PutResult {
  /** The revision this put created. */
  revision: number;
  /** The overwritten kv, when asked for and the key existed. */
  prevKv?: KeyValue;
}

export interface DeleteOptions extends KeyRange {
  prevKv?: boolean;
}

export interface DeleteResult {
  /** The store's revision after the delete; unchanged when nothing was deleted. */
  revision: number;
  deleted: number;
  /** The deleted kvs, when asked for. */
  prevKvs: KeyValue[];
}

export type CompareResult = '=' | '!=' | '<' | '>';

/** A txn guard on one key. A missing key has create/mod revision and version 0 and fails every value compare. */
export type Compare =
  | { key: string; target: 'mod' | 'create' | 'version'; result: CompareResult; value: number }
  | { key: string; target: 'value'; result: CompareResult; value: string };

export type TxnOp =
  | ({ type: 'put'; key: string; value: string } & PutOptions)
  | ({ type: 'delete'; key: string } & DeleteOptions)
  | ({ type: 'range'; key: string } & RangeOptions);

export type TxnOpResult =
  | ({ type: 'put' } & PutResult)
  | ({ type: 'delete' } & DeleteResult)
  | ({ type: 'range' } & RangeResult);

export interface TxnRequest {
  /** All must hold (AND) for `success` to run; otherwise `failure` runs. */
  compare: Compare[];
  success: TxnOp[];
  failure: TxnOp[];
}

export interface TxnResult {
  succeeded: boolean;
  /** The store's revision after the txn: one more than before if any op wrote, else unchanged. */
  revision: number;
  responses: TxnOpResult[];
}

export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  kv: KeyValue;
  /** The kv before this change, when the watch asked for it and it is still retained. */
  prevKv?: KeyValue;
}

export interface WatchOptions extends KeyRange {
  /** First revision to deliver (inclusive); absent or <= 0 = only changes after now. */
  startRevision?: number;
  prevKv?: boolean;
}

export interface WatchHandle {
  readonly id: number;
  cancel(): void;
}

export interface EtcdOptions {
  /** etcd --max-request-bytes (default 1.5 MiB); compared with the UTF-8 size of a request's keys and values. */
  maxRequestBytes?: number;
  /** etcd --max-txn-ops (default 128). */
  maxTxnOps?: number;
}

export interface EtcdStats {
  /** Keys with any retained history, live or deleted. */
  keys: number;
  liveKeys: number;
  /** Retained key versions (incl. tombstones) over all keys. */
  historyEntries: number;
  /** Retained entries of the change log watches replay from. */
  logEntries: number;
}

/** A resolved key range: end undefined = single key, null = unbounded. */
interface Span {
  start: string;
  end: string | null | undefined;
}

/** One key's retained history; also the entry of the sorted index, so a range walks records, not lookups. */
interface KeyRecord {
  readonly key: string;
  /** Retained versions, oldest first; the last is the current state, maybe a tombstone. */
  versions: KeyValue[];
  /** versions[i].modRevision, packed, so reads at a past revision search without touching the kvs. */
  revs: number[];
  /** The live kv, or undefined while the key is deleted. */
  current: KeyValue | undefined;
  /** modRevision of the last version, kept here so current reads touch only the record. */
  lastMod: number;
  /** Set when compaction dropped the whole history. */
  removed: boolean;
}

interface Watcher {
  readonly id: number;
  readonly span: Span;
  readonly minRev: number;
  readonly prevKv: boolean;
  readonly callback: (event: WatchEvent) => void;
  /** Absolute sequence number in the change log of the next change this watcher has not seen. */
  cursor: number;
  cancelled: boolean;
}

/** The live kv of a key at `rev`, or undefined if the key did not exist then. */
function kvAt(rec: KeyRecord, rev: number): KeyValue | undefined {
  if (rec.lastMod <= rev) return rec.current;
  const kv = rec.versions[latestIndexAtOrBefore(rec.revs, rev)];
  return kv === undefined || kv.version === 0 ? undefined : kv;
}

function makeKv(key: string, createRevision: number, modRevision: number, version: number, value: string): KeyValue {
  return { key, createRevision, modRevision, version, value };
}

function resolveSpan(key: string, opts: KeyRange | undefined): Span {
  if (opts?.prefix) {
    // clientv3.WithPrefix on '' means every key.
    return { start: key, end: key === '' ? null : prefixRangeEnd(key) };
  }
  if (key === '') throw new EtcdError('empty-key');
  const rangeEnd = opts?.rangeEnd;
  if (rangeEnd === undefined || rangeEnd === '') return { start: key, end: undefined };
  if (rangeEnd === '\0') return { start: key, end: null };
  return { start: key, end: rangeEnd };
}

function inSpan(span: Span, key: string): boolean {
  if (span.end === undefined) return key === span.start;
  return key >= span.start && (span.end === null || key < span.end);
}

function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x800) n += c >= 0xd800 && c <= 0xdbff ? 1 : 2; // a surrogate pair is 4 bytes
    else if (c >= 0x80) n += 1;
  }
  return n;
}

function compareValues(a: number | string, b: number | string, result: CompareResult): boolean {
  switch (result) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
  }
}

export class Etcd {
  /** A fresh etcd's header revision is 1; the first write gets revision 2. */
  private rev = 1;
  /** 0 = never compacted. */
  private compactRev = 0;
  private readonly records = new Map<string, KeyRecord>();
  private readonly index = new SortedKeyIndex<KeyRecord>();
  /** Every retained change in (revision, op) order: what watches replay and deliver. */
  private log: KeyValue[] = [];
  /** Absolute sequence number of log[0]. */
  private logBase = 0;
  /** Absolute sequence number of the next change to hand to caught-up watchers. */
  private dispatchSeq = 0;
  private dispatching = false;
  private readonly watchers = new Set<Watcher>();
  private nextWatchId = 1;
  private readonly maxRequestBytes: number;
  private readonly maxTxnOps: number;

  constructor(opts: EtcdOptions = {}) {
    this.maxRequestBytes = opts.maxRequestBytes ?? 1.5 * 1024 * 1024;
    this.maxTxnOps = opts.maxTxnOps ?? 128;
  }

  /** The current revision (the header revision of the latest response). */
  get revision(): number {
    return this.rev;
  }

  /** The revision of the last compaction; 0 if never compacted. Reads below it fail. */
  get compactRevision(): number {
    return this.compactRev;
  }

  // ---- reads ----

  get(key: string, opts: { revision?: number } = {}): KeyValue | undefined {
    if (key === '') throw new EtcdError('empty-key');
    const rev = this.readRevision(opts.revision);
    const rec = this.records.get(key);
    return rec === undefined ? undefined : kvAt(rec, rev);
  }

  range(key: string, opts: RangeOptions = {}): RangeResult {
    const span = resolveSpan(key, opts);
    const rev = this.readRevision(opts.revision);
    return this.rangeAt(span, rev, opts);
  }

  // ---- writes ----

  put(key: string, value: string, opts: PutOptions = {}): PutResult {
    if (key === '') throw new EtcdError('empty-key');
    const units = key.length + value.length;
    if (units * 3 > this.maxRequestBytes && utf8Length(key) + utf8Length(value) > this.maxRequestBytes) {
      throw new EtcdError('request-too-large');
    }
    const rev = this.rev + 1;
    const prev = this.writePut(key, value, rev);
    this.rev = rev;
    this.afterWrite();
    return opts.prevKv && prev !== undefined ? { revision: rev, prevKv: prev } : { revision: rev };
  }

  /** Deletes one key, or a range / prefix (`rangeEnd`, `prefix`) like etcd's DeleteRange. */
  delete(key: string, opts: DeleteOptions = {}): DeleteResult {
    const span = resolveSpan(key, opts);
    const rev = this.rev + 1;
    const prevKvs = this.writeDelete(span, rev);
    if (prevKvs.length > 0) {
      this.rev = rev;
      this.afterWrite();
    }
    return { revision: this.rev, deleted: prevKvs.length, prevKvs: opts.prevKv ? prevKvs : [] };
  }

  /** Deletes every key starting with `prefix`. */
  deletePrefix(prefix: string, opts: { prevKv?: boolean } = {}): DeleteResult {
    return this.delete(prefix, { ...opts, prefix: true });
  }

  /**
   * Evaluates `compare`, then applies `success` or `failure` atomically as one revision.
   * Ops see the writes of earlier ops in the same txn. Watchers get the changes after the txn
   * has committed, in op order. Invalid requests throw before anything is applied.
   */
  txn(req: TxnRequest): TxnResult {
    this.checkTxn(req);
    const succeeded = req.compare.every((c) => this.compareHolds(c));
    const ops = succeeded ? req.success : req.failure;
    for (const op of ops) if (op.type === 'range') this.readRevision(op.revision);

    const rev = this.rev + 1;
    let wrote = false;
    const responses: TxnOpResult[] = [];
    for (const op of ops) {
      switch (op.type) {
        case 'put': {
          const prev = this.writePut(op.key, op.value, rev);
          wrote = true;
          responses.push(op.prevKv && prev !== undefined ? { type: 'put', revision: rev, prevKv: prev } : { type: 'put', revision: rev });
          break;
        }
        case 'delete': {
          const prevKvs = this.writeDelete(resolveSpan(op.key, op), rev);
          if (prevKvs.length > 0) wrote = true;
          responses.push({ type: 'delete', revision: rev, deleted: prevKvs.length, prevKvs: op.prevKv ? prevKvs : [] });
          break;
        }
        case 'range': {
          const at = op.revision !== undefined && op.revision > 0 ? op.revision : wrote ? rev : this.rev;
          responses.push({ type: 'range', ...this.rangeAt(resolveSpan(op.key, op), at, op) });
          break;
        }
      }
    }
    if (wrote) this.rev = rev;
    // Every sub-response carries the txn's header revision.
    for (const r of responses) r.revision = this.rev;
    if (wrote) this.afterWrite();
    return { succeeded, revision: this.rev, responses };
  }

  // ---- watch ----

  /**
   * Delivers every change to the watched keys with revision >= startRevision, in revision order and,
   * within one revision, in op order, exactly once. History still retained is replayed before this
   * returns (when called from a watch callback: as soon as that callback returns); later changes are
   * delivered synchronously by the write that makes them. A callback may write or watch: its changes
   * are queued and delivered after it returns, never re-entrantly.
   * Throws EtcdError 'compacted' when startRevision is below the compact revision.
   */
  watch(key: string, opts: WatchOptions, callback: (event: WatchEvent) => void): WatchHandle {
    const span = resolveSpan(key, opts);
    const start = opts.startRevision ?? 0;
    // watchable_store.go: a watcher whose minRev < compactRev gets a compacted response and is cancelled.
    if (start > 0 && start < this.compactRev) throw new EtcdError('compacted', this.compactRev);
    const minRev = start > 0 ? start : this.rev + 1;
    const watcher: Watcher = {
      id: this.nextWatchId++,
      span,
      minRev,
      prevKv: opts.prevKv ?? false,
      callback,
      cursor: minRev <= this.rev ? this.logBase + this.firstLogIndexFrom(minRev) : this.logEnd,
      cancelled: false,
    };
    this.watchers.add(watcher);
    this.drain();
    return {
      id: watcher.id,
      cancel: () => {
        watcher.cancelled = true;
        this.watchers.delete(watcher);
      },
    };
  }

  // ---- compaction ----

  /**
   * Drops every version older than `revision` except the one each key had at `revision`
   * (a key deleted at or before `revision` disappears entirely). Reads and watches below `revision` fail afterwards.
   */
  compact(revision: number): void {
    if (revision <= this.compactRev) throw new EtcdError('compacted', this.compactRev);
    if (revision > this.rev) throw new EtcdError('future-revision');
    this.compactRev = revision;
    let removedKeys = false;
    for (const rec of this.records.values()) {
      const h = rec.versions;
      const i = latestIndexAtOrBefore(rec.revs, revision);
      if (i < 0) continue;
      // A key deleted at or before `revision` did not exist then: its tombstone goes too (key_index.go compact).
      // Watches replay from the change log, which keeps the changes at `revision` itself.
      const keepFrom = h[i]!.version === 0 ? i + 1 : i;
      if (keepFrom === 0) continue;
      if (keepFrom >= h.length) {
        this.records.delete(rec.key);
        rec.removed = true;
        removedKeys = true;
      } else {
        rec.versions = h.slice(keepFrom);
        rec.revs = rec.revs.slice(keepFrom);
      }
    }
    if (removedKeys) this.index.retain((rec) => !rec.removed);

    // Keep the log from `revision` on, and whatever a watcher (or the dispatcher) has yet to see.
    let cut = this.firstLogIndexFrom(revision);
    cut = Math.min(cut, this.dispatchSeq - this.logBase);
    for (const w of this.watchers) cut = Math.min(cut, w.cursor - this.logBase);
    if (cut > 0) {
      this.log = this.log.slice(cut);
      this.logBase += cut;
    }
  }

  stats(): EtcdStats {
    let live = 0;
    let entries = 0;
    for (const rec of this.records.values()) {
      entries += rec.versions.length;
      if (rec.current !== undefined) live++;
    }
    return { keys: this.records.size, liveKeys: live, historyEntries: entries, logEntries: this.log.length };
  }

  // ---- internals ----

  private get logEnd(): number {
    return this.logBase + this.log.length;
  }

  /** kvstore_txn.go rangeKeys: future revisions are checked first, then compaction. */
  private readRevision(revision: number | undefined): number {
    if (revision === undefined || revision <= 0) return this.rev;
    if (revision > this.rev) throw new EtcdError('future-revision');
    if (revision < this.compactRev) throw new EtcdError('compacted', this.compactRev);
    return revision;
  }

  private rangeAt(span: Span, rev: number, opts: RangeOptions): RangeResult {
    const limit = opts.limit !== undefined && opts.limit > 0 ? opts.limit : Infinity;
    const keysOnly = opts.keysOnly ?? false;
    const countOnly = opts.countOnly ?? false;
    const kvs: KeyValue[] = [];
    let count = 0;
    const take = (kv: KeyValue): void => {
      count++;
      if (countOnly || kvs.length >= limit) return;
      kvs.push(keysOnly ? makeKv(kv.key, kv.createRevision, kv.modRevision, kv.version, '') : kv);
    };
    if (span.end === undefined) {
      const rec = this.records.get(span.start);
      const kv = rec === undefined ? undefined : kvAt(rec, rev);
      if (kv !== undefined) take(kv);
    } else {
      this.index.scan(span.start, span.end, (rec) => {
        const kv = kvAt(rec, rev);
        if (kv !== undefined) take(kv);
      });
    }
    return { kvs, count, more: !countOnly && count > kvs.length, revision: this.rev };
  }

  /** Appends a new version of `key` at `rev`; returns the version it replaced, if the key was live. */
  private writePut(key: string, value: string, rev: number): KeyValue | undefined {
    const rec = this.records.get(key);
    let kv: KeyValue;
    let prev: KeyValue | undefined;
    if (rec === undefined) {
      kv = makeKv(key, rev, rev, 1, value);
      const created: KeyRecord = { key, versions: [kv], revs: [rev], current: kv, lastMod: rev, removed: false };
      this.records.set(key, created);
      this.index.add(created);
    } else {
      prev = rec.current;
      kv = prev === undefined ? makeKv(key, rev, rev, 1, value) : makeKv(key, prev.createRevision, rev, prev.version + 1, value);
      rec.versions.push(kv);
      rec.revs.push(rev);
      rec.current = kv;
      rec.lastMod = rev;
    }
    this.log.push(kv);
    return prev;
  }

  /** Writes a tombstone at `rev` for every live key in `span`; returns the deleted kvs in key order. */
  private writeDelete(span: Span, rev: number): KeyValue[] {
    const doomed: KeyRecord[] = [];
    if (span.end === undefined) {
      const rec = this.records.get(span.start);
      if (rec?.current !== undefined) doomed.push(rec);
    } else {
      this.index.scan(span.start, span.end, (rec) => {
        if (rec.current !== undefined) doomed.push(rec);
      });
    }
    const deleted: KeyValue[] = [];
    for (const rec of doomed) {
      deleted.push(rec.current!);
      const tomb = makeKv(rec.key, 0, rev, 0, '');
      rec.versions.push(tomb);
      rec.revs.push(rev);
      rec.current = undefined;
      rec.lastMod = rev;
      this.log.push(tomb);
    }
    return deleted;
  }

  private compareHolds(c: Compare): boolean {
    const kv = this.records.get(c.key)?.current;
    if (c.target === 'value') {
      // etcd: comparing the value of a key that does not exist always fails.
      return kv !== undefined && compareValues(kv.value, c.value, c.result);
    }
    let actual = 0;
    if (kv !== undefined) {
      actual = c.target === 'mod' ? kv.modRevision : c.target === 'create' ? kv.createRevision : kv.version;
    }
    return compareValues(actual, c.value, c.result);
  }

  /** etcdserver/api/v3rpc/key.go checkTxnRequest + checkIntervals, and the request size limit. */
  private checkTxn(req: TxnRequest): void {
    if (req.compare.length > this.maxTxnOps || req.success.length > this.maxTxnOps || req.failure.length > this.maxTxnOps) {
      throw new EtcdError('too-many-ops');
    }
    let approx = 0;
    for (const c of req.compare) approx += c.key.length + (c.target === 'value' ? c.value.length : 0);
    for (const branch of [req.success, req.failure]) {
      const deletes: Span[] = [];
      const puts = new Set<string>();
      for (const op of branch) {
        if (op.type === 'delete') deletes.push(resolveSpan(op.key, op));
        else if (op.type === 'range') resolveSpan(op.key, op);
      }
      for (const op of branch) {
        approx += op.key.length;
        if (op.type !== 'put') continue;
        if (op.key === '') throw new EtcdError('empty-key');
        approx += op.value.length;
        if (puts.has(op.key) || deletes.some((d) => inSpan(d, op.key))) throw new EtcdError('duplicate-key');
        puts.add(op.key);
      }
    }
    this.checkSize(approx, () => {
      let n = 0;
      for (const c of req.compare) n += utf8Length(c.key) + (c.target === 'value' ? utf8Length(c.value) : 0);
      for (const op of [...req.success, ...req.failure]) n += utf8Length(op.key) + (op.type === 'put' ? utf8Length(op.value) : 0);
      return n;
    });
  }

  /** `units` is a UTF-16 length; the exact UTF-8 size is computed only when it could matter. */
  private checkSize(units: number, bytes: () => number): void {
    if (units * 3 <= this.maxRequestBytes) return;
    if (bytes() > this.maxRequestBytes) throw new EtcdError('request-too-large');
  }

  /** Index into `log` of the first change with modRevision >= rev (log.length if none). */
  private firstLogIndexFrom(rev: number): number {
    const log = this.log;
    let lo = 0;
    let hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (log[mid]!.modRevision < rev) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private afterWrite(): void {
    if (this.watchers.size === 0 && !this.dispatching) {
      this.dispatchSeq = this.logEnd;
      return;
    }
    this.drain();
  }

  /**
   * Hands out the log to watchers: first each change to every caught-up watcher (change-major),
   * then lets a watcher that starts further back (a new one replaying history) catch up on its own.
   * Repeats while callbacks keep writing. A throwing callback does not stop delivery to the others;
   * the first error is rethrown once the log is drained.
   */
  private drain(): void {
    if (this.dispatching) return;
    this.dispatching = true;
    let failed = false;
    let failure: unknown;
    // Watchers that are caught up receive the same change one after another: look its previous version up once.
    let prevOf: KeyValue | undefined;
    let prevFor: KeyValue | undefined;
    let prevAtCompact = this.compactRev;
    const deliver = (w: Watcher, seq: number): void => {
      w.cursor = seq + 1;
      const kv = this.log[seq - this.logBase]!;
      if (kv.modRevision < w.minRev || !inSpan(w.span, kv.key)) return;
      const event: WatchEvent = { type: kv.version === 0 ? 'DELETE' : 'PUT', kv };
      if (w.prevKv) {
        if (prevFor !== kv || prevAtCompact !== this.compactRev) {
          prevFor = kv;
          prevAtCompact = this.compactRev;
          prevOf = this.previousOf(kv);
        }
        const prev = prevOf;
        if (prev !== undefined) event.prevKv = prev;
      }
      try {
        w.callback(event);
      } catch (e) {
        if (!failed) {
          failed = true;
          failure = e;
        }
      }
    };
    try {
      for (;;) {
        while (this.dispatchSeq < this.logEnd) {
          const seq = this.dispatchSeq++;
          for (const w of this.watchers) if (w.cursor === seq && !w.cancelled) deliver(w, seq);
        }
        let lagging = false;
        for (const w of this.watchers) {
          while (!w.cancelled && w.cursor < this.logEnd) {
            lagging = true;
            deliver(w, w.cursor);
          }
        }
        if (!lagging && this.dispatchSeq >= this.logEnd) break;
      }
    } finally {
      this.dispatching = false;
    }
    if (failed) throw failure;
  }

  /** The live version of kv's key just before kv, if still retained. */
  private previousOf(kv: KeyValue): KeyValue | undefined {
    const rec = this.records.get(kv.key);
    if (rec === undefined) return undefined;
    const i = latestIndexAtOrBefore(rec.revs, kv.modRevision);
    if (rec.versions[i] !== kv) return undefined; // kv itself was compacted away
    const prev = i > 0 ? rec.versions[i - 1] : undefined;
    return prev !== undefined && prev.version > 0 ? prev : undefined;
  }
}

/** Index of the last of the ascending `revs` that is <= rev, or -1. */
function latestIndexAtOrBefore(revs: readonly number[], rev: number): number {
  let lo = 0;
  let hi = revs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (revs[mid]! <= rev) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
