// The ordered key space of the MVCC store (etcd keeps a B-tree, server/storage/mvcc/index.go).
// Here: a sorted array of entries split into chunks, so insertion moves at most one chunk and a range
// read seeks in O(log n) and then walks only the entries it returns, with no lookup per key.
// Keys compare as JS strings (UTF-16 code units); that equals etcd's byte order for ASCII keys,
// which is all kube-apiserver writes.

const MAX_CHUNK = 512;
const FILL = 256;

export interface Keyed {
  readonly key: string;
}

/** Index of the first entry of `a` whose key is >= `key`. */
function lowerBound(a: readonly Keyed[], key: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]!.key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Entries ordered by their (unique) key. */
export class SortedKeyIndex<T extends Keyed> {
  private chunks: T[][] = [];
  /** firsts[i] === chunks[i][0].key; chunks are never empty. */
  private firsts: string[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The chunk that holds `key` or where it belongs: the last whose first key is <= key (0 if none). */
  private chunkFor(key: string): number {
    const f = this.firsts;
    let hi = f.length - 1;
    if (f[hi]! <= key) return hi; // appends, the common case for kube-apiserver keys
    let lo = 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (f[mid]! <= key) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Adds `entry`; false if an entry with its key was already present. */
  add(entry: T): boolean {
    const key = entry.key;
    if (this.count === 0) {
      this.chunks = [[entry]];
      this.firsts = [key];
      this.count = 1;
      return true;
    }
    const ci = this.chunkFor(key);
    const chunk = this.chunks[ci]!;
    const i = lowerBound(chunk, key);
    if (chunk[i]?.key === key) return false;
    if (i === chunk.length) chunk.push(entry);
    else chunk.splice(i, 0, entry);
    if (i === 0) this.firsts[ci] = key;
    this.count++;
    if (chunk.length > MAX_CHUNK) {
      const right = chunk.splice(chunk.length >>> 1);
      this.chunks.splice(ci + 1, 0, right);
      this.firsts.splice(ci + 1, 0, right[0]!.key);
    }
    return true;
  }

  get(key: string): T | undefined {
    if (this.count === 0) return undefined;
    const chunk = this.chunks[this.chunkFor(key)]!;
    const entry = chunk[lowerBound(chunk, key)];
    return entry?.key === key ? entry : undefined;
  }

  /**
   * Calls `visit` with each entry, in key order, whose key k has start <= k and (end === null or k < end).
   * Stops early when `visit` returns false. `visit` must not add entries.
   */
  scan(start: string, end: string | null, visit: (entry: T) => boolean | void): void {
    if (this.count === 0) return;
    const chunks = this.chunks;
    let ci = this.chunkFor(start);
    let i = lowerBound(chunks[ci]!, start);
    // Locate the end once: comparing every visited key with it would cost a string compare per key.
    let endChunk = chunks.length - 1;
    let endIndex = chunks[endChunk]!.length;
    if (end !== null) {
      endChunk = this.chunkFor(end);
      endIndex = lowerBound(chunks[endChunk]!, end);
    }
    for (; ci <= endChunk; ci++, i = 0) {
      const chunk = chunks[ci]!;
      const stop = ci === endChunk ? endIndex : chunk.length;
      for (; i < stop; i++) {
        if (visit(chunk[i]!) === false) return;
      }
    }
  }

  /** Keeps only the entries for which `keep` is true, rebuilding the chunks (used by compaction). */
  retain(keep: (entry: T) => boolean): void {
    const chunks: T[][] = [];
    const firsts: string[] = [];
    let current: T[] = [];
    let count = 0;
    for (const chunk of this.chunks) {
      for (const entry of chunk) {
        if (!keep(entry)) continue;
        if (current.length === FILL) {
          chunks.push(current);
          firsts.push(current[0]!.key);
          current = [];
        }
        current.push(entry);
        count++;
      }
    }
    if (current.length > 0) {
      chunks.push(current);
      firsts.push(current[0]!.key);
    }
    this.chunks = chunks;
    this.firsts = firsts;
    this.count = count;
  }
}
