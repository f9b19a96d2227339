import { describe, expect, it } from 'vitest';
import { Etcd, EtcdError, formatGet, isEtcdError, prefixRangeEnd, type KeyValue, type WatchEvent } from './Etcd.ts';
import { SortedKeyIndex } from './SortedKeyIndex.ts';

const POD_A = '/registry/pods/default/a';
const POD_B = '/registry/pods/default/b';
const POD_KS = '/registry/pods/kube-system/coredns';

function thrown(f: () => unknown): EtcdError {
  try {
    f();
  } catch (e) {
    if (e instanceof EtcdError) return e;
    throw e;
  }
  throw new Error('expected an EtcdError');
}

function brief(e: WatchEvent): string {
  const prev = e.prevKv ? ` prev=${e.prevKv.value}@${e.prevKv.modRevision}` : '';
  return `${e.type} ${e.kv.key}=${e.kv.value} mod=${e.kv.modRevision} create=${e.kv.createRevision} v=${e.kv.version}${prev}`;
}

describe('Etcd revisions and key metadata', () => {
  it('starts at header revision 1 like a fresh etcd; the first put gets revision 2', () => {
    const etcd = new Etcd();
    expect(etcd.revision).toBe(1);
    expect(etcd.compactRevision).toBe(0);
    expect(etcd.put(POD_A, '{"v":1}')).toEqual({ revision: 2 });
    expect(etcd.get(POD_A)).toEqual({ key: POD_A, createRevision: 2, modRevision: 2, version: 1, value: '{"v":1}' });
  });

  it('counts versions per key and resets them when a deleted key is created again', () => {
    const etcd = new Etcd();
    etcd.put(POD_A, '1'); // rev 2
    etcd.put(POD_B, 'x'); // rev 3
    const second = etcd.put(POD_A, '2', { prevKv: true }); // rev 4
    expect(second.prevKv).toMatchObject({ value: '1', modRevision: 2, version: 1 });
    expect(etcd.get(POD_A)).toMatchObject({ createRevision: 2, modRevision: 4, version: 2 });
    expect(etcd.delete(POD_A, { prevKv: true })).toEqual({
      revision: 5,
      deleted: 1,
      prevKvs: [{ key: POD_A, createRevision: 2, modRevision: 4, version: 2, value: '2' }],
    });
    expect(etcd.get(POD_A)).toBeUndefined();
    etcd.put(POD_A, '3'); // rev 6
    expect(etcd.get(POD_A)).toMatchObject({ createRevision: 6, modRevision: 6, version: 1 });
  });

  it('does not bump the revision for a delete that deletes nothing (kvstore_txn.go End: no changes)', () => {
    const etcd = new Etcd();
    etcd.put(POD_A, '1');
    expect(etcd.delete('/registry/pods/default/missing')).toEqual({ revision: 2, deleted: 0, prevKvs: [] });
    expect(etcd.revision).toBe(2);
  });

  it('rejects an empty key with etcd\'s text', () => {
    const etcd = new Etcd();
    expect(thrown(() => etcd.put('', 'x')).message).toBe('etcdserver: key is not provided');
    expect(thrown(() => etcd.get('')).code).toBe('empty-key');
  });

  it('rejects a request above --max-request-bytes (1.5 MiB by default)', () => {
    const etcd = new Etcd();
    const big = 'x'.repeat(1.5 * 1024 * 1024);
    expect(thrown(() => etcd.put(POD_A, big)).message).toBe('etcdserver: request is too large');
    expect(etcd.revision).toBe(1);
    // Multi-byte characters count as their UTF-8 size: 600k × 3 bytes > 1.5 MiB although only 600k code units.
    expect(thrown(() => etcd.put(POD_A, '€'.repeat(600_000))).code).toBe('request-too-large');
    expect(etcd.put(POD_A, 'x'.repeat(1024 * 1024)).revision).toBe(2);
  });
});

describe('Etcd range', () => {
  function seeded(): Etcd {
    const etcd = new Etcd();
    etcd.put(POD_KS, 'dns'); // 2
    etcd.put(POD_B, 'b'); // 3
    etcd.put(POD_A, 'a'); // 4
    etcd.put('/registry/pods/defaultx/z', 'z'); // 5: shares the string prefix "/registry/pods/default"
    etcd.put('/registry/namespaces/default', 'ns'); // 6
    return etcd;
  }

  it('returns a prefix sorted by key with count, and the current revision as header revision', () => {
    const etcd = seeded();
    const r = etcd.range('/registry/pods/default/', { prefix: true });
    expect(r.kvs.map((kv) => kv.key)).toEqual([POD_A, POD_B]);
    expect(r).toMatchObject({ count: 2, more: false, revision: 6 });
    // A prefix is a plain string prefix, as with etcdctl --prefix.
    expect(etcd.range('/registry/pods/default', { prefix: true }).kvs.map((kv) => kv.key)).toEqual([
      POD_A, POD_B, '/registry/pods/defaultx/z',
    ]);
    expect(etcd.range('', { prefix: true }).count).toBe(5);
  });

  it('honours [key, rangeEnd) and rangeEnd "\\0" as "every key from key"', () => {
    const etcd = seeded();
    expect(etcd.range(POD_A, { rangeEnd: POD_KS }).kvs.map((kv) => kv.key)).toEqual([POD_A, POD_B, '/registry/pods/defaultx/z']);
    expect(etcd.range('/registry/pods/', { rangeEnd: '\0' }).count).toBe(4);
    expect(etcd.range(POD_B).kvs.map((kv) => kv.value)).toEqual(['b']);
  });

  it('limits with more=true and count of the whole range (apply.go: Count is the total, not len(kvs))', () => {
    const etcd = seeded();
    const r = etcd.range('/registry/pods/', { prefix: true, limit: 2 });
    expect(r.kvs.map((kv) => kv.key)).toEqual([POD_A, POD_B]);
    expect(r.count).toBe(4);
    expect(r.more).toBe(true);
    expect(etcd.range('/registry/pods/', { prefix: true, limit: 4 }).more).toBe(false);
  });

  it('supports keysOnly (empty values, metadata kept) and countOnly (no kvs)', () => {
    const etcd = seeded();
    const keys = etcd.range('/registry/pods/default/', { prefix: true, keysOnly: true });
    expect(keys.kvs[0]).toEqual({ key: POD_A, createRevision: 4, modRevision: 4, version: 1, value: '' });
    expect(etcd.get(POD_A)?.value).toBe('a');
    expect(etcd.range('/registry/', { prefix: true, countOnly: true })).toEqual({ kvs: [], count: 5, more: false, revision: 6 });
  });

  it('reads at a past revision, including keys deleted since', () => {
    const etcd = seeded();
    etcd.put(POD_A, 'a2'); // 7
    etcd.delete(POD_B); // 8
    const past = etcd.range('/registry/pods/default/', { prefix: true, revision: 6 });
    expect(past.kvs.map((kv) => `${kv.key}=${kv.value}`)).toEqual([`${POD_A}=a`, `${POD_B}=b`]);
    expect(past.revision).toBe(8);
    expect(etcd.get(POD_A, { revision: 3 })).toBeUndefined();
    expect(etcd.get(POD_B, { revision: 7 })?.value).toBe('b');
    expect(etcd.get(POD_B)).toBeUndefined();
  });

  it('fails a read at a future revision with mvcc\'s text', () => {
    const etcd = seeded();
    const e = thrown(() => etcd.range('/registry/', { prefix: true, revision: 7 }));
    expect(e.code).toBe('future-revision');
    expect(e.message).toBe('mvcc: required revision is a future revision');
  });
});

describe('Etcd compaction', () => {
  function history(): Etcd {
    const etcd = new Etcd();
    for (let i = 1; i <= 5; i++) etcd.put(POD_A, `a${i}`); // 2..6
    etcd.put(POD_B, 'b'); // 7
    etcd.delete(POD_B); // 8
    etcd.put(POD_KS, 'dns'); // 9
    return etcd;
  }

  it('fails reads below the compact revision and allows a read at it (kvstore_txn.go: rev < compactMainRev)', () => {
    const etcd = history();
    etcd.compact(5);
    expect(etcd.compactRevision).toBe(5);
    const e = thrown(() => etcd.get(POD_A, { revision: 4 }));
    expect(e.code).toBe('compacted');
    expect(e.message).toBe('mvcc: required revision has been compacted');
    expect(e.compactRevision).toBe(5);
    expect(etcd.get(POD_A, { revision: 5 })?.value).toBe('a4');
    expect(etcd.get(POD_A)?.value).toBe('a5');
    expect(etcd.range('/registry/', { prefix: true, revision: 7 }).kvs.map((kv) => kv.value)).toEqual(['a5', 'b']);
  });

  it('rejects compacting at or below the compact revision, and beyond the current one', () => {
    const etcd = history();
    etcd.compact(5);
    expect(thrown(() => etcd.compact(5)).message).toBe('mvcc: required revision has been compacted');
    expect(thrown(() => etcd.compact(3)).code).toBe('compacted');
    expect(thrown(() => etcd.compact(10)).message).toBe('mvcc: required revision is a future revision');
    etcd.compact(9);
    expect(etcd.compactRevision).toBe(9);
  });

  it('keeps only the latest version of each live key and forgets keys deleted before the compact revision', () => {
    const etcd = history();
    expect(etcd.stats()).toEqual({ keys: 3, liveKeys: 2, historyEntries: 8, logEntries: 8 });
    etcd.compact(9);
    expect(etcd.stats()).toEqual({ keys: 2, liveKeys: 2, historyEntries: 2, logEntries: 1 });
    expect(etcd.range('/registry/', { prefix: true }).kvs.map((kv) => kv.key)).toEqual([POD_A, POD_KS]);
    expect(etcd.get(POD_A)).toMatchObject({ createRevision: 2, modRevision: 6, version: 5 });
    // The deleted key is gone from the index too: it can be created afresh.
    etcd.put(POD_B, 'again');
    expect(etcd.get(POD_B)).toMatchObject({ createRevision: 10, version: 1 });
  });
});

describe('Etcd txn', () => {
  it('creates only when absent: compare create_revision = 0 (a missing key has revisions and version 0)', () => {
    const etcd = new Etcd();
    const create = () =>
      etcd.txn({
        compare: [{ key: POD_A, target: 'create', result: '=', value: 0 }],
        success: [{ type: 'put', key: POD_A, value: 'new' }],
        failure: [{ type: 'range', key: POD_A }],
      });
    expect(create()).toEqual({ succeeded: true, revision: 2, responses: [{ type: 'put', revision: 2 }] });
    const again = create();
    expect(again.succeeded).toBe(false);
    expect(again.revision).toBe(2);
    expect(again.responses).toEqual([
      { type: 'range', kvs: [etcd.get(POD_A)], count: 1, more: false, revision: 2 },
    ]);
  });

  it('updates only at the expected mod_revision (kube-apiserver GuaranteedUpdate)', () => {
    const etcd = new Etcd();
    etcd.put(POD_A, 'v1'); // 2
    etcd.put(POD_A, 'v2'); // 3
    const update = (rv: number) =>
      etcd.txn({
        compare: [{ key: POD_A, target: 'mod', result: '=', value: rv }],
        success: [{ type: 'put', key: POD_A, value: `after ${rv}`, prevKv: true }],
        failure: [{ type: 'range', key: POD_A }],
      });
    const stale = update(2);
    expect(stale.succeeded).toBe(false);
    expect(stale.responses[0]).toMatchObject({ type: 'range', kvs: [{ value: 'v2', modRevision: 3 }] });
    const fresh = update(3);
    expect(fresh.succeeded).toBe(true);
    expect(fresh.responses[0]).toMatchObject({ type: 'put', revision: 4, prevKv: { value: 'v2', modRevision: 3 } });
    expect(etcd.get(POD_A)).toMatchObject({ value: 'after 3', version: 3 });
  });

  it('needs every compare to hold; compares version, value, < and >', () => {
    const etcd = new Etcd();
    etcd.put(POD_A, 'abc'); // 2
    etcd.put(POD_A, 'abd'); // 3, version 2
    const holds = (compare: Parameters<Etcd['txn']>[0]['compare']) =>
      etcd.txn({ compare, success: [], failure: [] }).succeeded;
    expect(holds([{ key: POD_A, target: 'version', result: '=', value: 2 }])).toBe(true);
    expect(holds([{ key: POD_A, target: 'version', result: '>', value: 1 }, { key: POD_A, target: 'mod', result: '<', value: 3 }])).toBe(false);
    expect(holds([{ key: POD_A, target: 'value', result: '>', value: 'abc' }])).toBe(true);
    expect(holds([{ key: POD_A, target: 'value', result: '!=', value: 'abd' }])).toBe(false);
    // etcd applyCompare: a value compare on a missing key always fails, even "!=".
    expect(holds([{ key: POD_B, target: 'value', result: '!=', value: 'x' }])).toBe(false);
    expect(holds([{ key: POD_B, target: 'mod', result: '=', value: 0 }])).toBe(true);
    expect(holds([])).toBe(true);
    expect(etcd.revision).toBe(3);
  });

  it('applies several writes as one revision, with sub-ops seeing earlier writes', () => {
    const etcd = new Etcd();
    etcd.put(POD_KS, 'dns'); // 2
    const r = etcd.txn({
      compare: [],
      success: [
        { type: 'put', key: POD_A, value: 'a' },
        { type: 'put', key: POD_B, value: 'b' },
        { type: 'delete', key: POD_KS, prevKv: true },
        { type: 'range', key: '/registry/pods/', prefix: true },
        { type: 'range', key: '/registry/pods/', prefix: true, revision: 2 },
      ],
      failure: [],
    });
    expect(r.revision).toBe(3);
    expect(etcd.revision).toBe(3);
    expect(r.responses.map((x) => x.type)).toEqual(['put', 'put', 'delete', 'range', 'range']);
    expect(r.responses[2]).toMatchObject({ deleted: 1, prevKvs: [{ key: POD_KS, value: 'dns' }], revision: 3 });
    expect(r.responses[3]).toMatchObject({ count: 2, revision: 3 });
    expect(r.responses[4]).toMatchObject({ count: 1, kvs: [{ key: POD_KS }] });
    expect(etcd.get(POD_A)).toMatchObject({ createRevision: 3, modRevision: 3 });
    expect(etcd.get(POD_B)).toMatchObject({ createRevision: 3, modRevision: 3 });
  });

  it('rejects a put twice on one key, or on a key deleted in the same branch (v3rpc checkIntervals)', () => {
    const etcd = new Etcd();
    etcd.put(POD_A, 'a');
    const dup = thrown(() =>
      etcd.txn({ compare: [], success: [], failure: [{ type: 'put', key: POD_B, value: '1' }, { type: 'put', key: POD_B, value: '2' }] }),
    );
    expect(dup.message).toBe('etcdserver: duplicate key given in txn request');
    expect(
      thrown(() =>
        etcd.txn({
          compare: [],
          success: [{ type: 'delete', key: '/registry/pods/', prefix: true }, { type: 'put', key: POD_A, value: 'x' }],
          failure: [],
        }),
      ).code,
    ).toBe('duplicate-key');
    // Two deletes of one key are fine, and so is a put in one branch and a delete in the other.
    const ok = etcd.txn({
      compare: [{ key: POD_A, target: 'value', result: '=', value: 'a' }],
      success: [{ type: 'delete', key: POD_A }, { type: 'delete', key: POD_A }],
      failure: [{ type: 'put', key: POD_A, value: 'x' }],
    });
    expect(ok.responses).toMatchObject([{ deleted: 1 }, { deleted: 0 }]);
    expect(etcd.revision).toBe(3);
  });

  it('applies nothing when a range op is invalid, and limits ops to --max-txn-ops', () => {
    const etcd = new Etcd({ maxTxnOps: 2 });
    etcd.put(POD_A, 'a');
    const e = thrown(() =>
      etcd.txn({ compare: [], success: [{ type: 'put', key: POD_B, value: 'b' }, { type: 'range', key: POD_A, revision: 9 }], failure: [] }),
    );
    expect(e.code).toBe('future-revision');
    expect(etcd.get(POD_B)).toBeUndefined();
    expect(etcd.revision).toBe(2);
    const ops = [1, 2, 3].map((i) => ({ type: 'put' as const, key: `/k${i}`, value: '' }));
    expect(thrown(() => etcd.txn({ compare: [], success: ops, failure: [] })).message).toBe(
      'etcdserver: too many operations in txn request',
    );
  });
});

describe('Etcd watch', () => {
  it('delivers PUT and DELETE events with prevKv; a DELETE kv is a tombstone at the delete revision', () => {
    const etcd = new Etcd();
    const seen: string[] = [];
    etcd.watch('/registry/pods/', { prefix: true, prevKv: true }, (e) => seen.push(brief(e)));
    etcd.put(POD_A, '1');
    etcd.put('/registry/namespaces/default', 'ns');
    etcd.put(POD_A, '2');
    etcd.delete(POD_A);
    etcd.put(POD_A, '3');
    expect(seen).toEqual([
      `PUT ${POD_A}=1 mod=2 create=2 v=1`,
      `PUT ${POD_A}=2 mod=4 create=2 v=2 prev=1@2`,
      `DELETE ${POD_A}= mod=5 create=0 v=0 prev=2@4`,
      `PUT ${POD_A}=3 mod=6 create=6 v=1`,
    ]);
  });

  it('replays history from startRevision before returning, then continues live, exactly once', () => {
    const etcd = new Etcd();
    etcd.put(POD_A, '1'); // 2
    etcd.put(POD_B, '1'); // 3
    etcd.put(POD_A, '2'); // 4
    const revs: number[] = [];
    etcd.watch(POD_A, { startRevision: 3 }, (e) => revs.push(e.kv.modRevision));
    expect(revs).toEqual([4]);
    etcd.put(POD_B, '2');
    etcd.put(POD_A, '3');
    expect(revs).toEqual([4, 6]);
  });

  it('without startRevision delivers only changes after now; a future startRevision waits for it', () => {
    const etcd = new Etcd();
    etcd.put(POD_A, '1');
    const now: number[] = [];
    const later: number[] = [];
    etcd.watch(POD_A, {}, (e) => now.push(e.kv.modRevision));
    etcd.watch(POD_A, { startRevision: 5 }, (e) => later.push(e.kv.modRevision));
    for (let i = 0; i < 4; i++) etcd.put(POD_A, `${i}`);
    expect(now).toEqual([3, 4, 5, 6]);
    expect(later).toEqual([5, 6]);
  });

  it('delivers the events of one txn in op order, all at the txn revision', () => {
    const etcd = new Etcd();
    etcd.put(POD_KS, 'dns');
    const seen: string[] = [];
    etcd.watch('/registry/', { prefix: true }, (e) => seen.push(`${e.type} ${e.kv.key} ${e.kv.modRevision}`));
    etcd.txn({
      compare: [],
      success: [
        { type: 'put', key: POD_B, value: 'b' },
        { type: 'delete', key: POD_KS },
        { type: 'put', key: POD_A, value: 'a' },
      ],
      failure: [],
    });
    expect(seen).toEqual([`PUT ${POD_B} 3`, `DELETE ${POD_KS} 3`, `PUT ${POD_A} 3`]);
  });

  it('fails with compacted below the compact revision and replays from it (watchable_store.go: minRev < compactRev)', () => {
    const etcd = new Etcd();
    etcd.put(POD_A, '1'); // 2
    etcd.put(POD_B, '1'); // 3
    etcd.delete(POD_B); // 4
    etcd.put(POD_A, '2'); // 5
    etcd.compact(4);
    const e = thrown(() => etcd.watch('/registry/', { prefix: true, startRevision: 3 }, () => undefined));
    expect(e.message).toBe('mvcc: required revision has been compacted');
    expect(e.compactRevision).toBe(4);
    const seen: string[] = [];
    etcd.watch('/registry/', { prefix: true, startRevision: 4 }, (ev) => seen.push(`${ev.type} ${ev.kv.key} ${ev.kv.modRevision}`));
    expect(seen).toEqual([`DELETE ${POD_B} 4`, `PUT ${POD_A} 5`]);
  });

  it('stops delivering after cancel', () => {
    const etcd = new Etcd();
    const seen: number[] = [];
    const handle = etcd.watch(POD_A, {}, (e) => seen.push(e.kv.modRevision));
    etcd.put(POD_A, '1');
    handle.cancel();
    etcd.put(POD_A, '2');
    expect(seen).toEqual([2]);
  });

  it('never re-enters a callback: writes made by a callback reach every watcher after the current event', () => {
    const etcd = new Etcd();
    const first: string[] = [];
    const second: string[] = [];
    let depth = 0;
    etcd.watch('/k/', { prefix: true }, (e) => {
      depth++;
      expect(depth).toBe(1);
      first.push(e.kv.key);
      if (e.kv.key === '/k/1') etcd.put('/k/2', 'by callback');
      depth--;
    });
    etcd.watch('/k/', { prefix: true }, (e) => second.push(e.kv.key));
    etcd.put('/k/1', 'x');
    expect(first).toEqual(['/k/1', '/k/2']);
    expect(second).toEqual(['/k/1', '/k/2']);
  });

  it('lets a callback open a watch from an old revision without duplicates or gaps', () => {
    const etcd = new Etcd();
    etcd.put('/k/0', 'x'); // 2
    const late: number[] = [];
    etcd.watch('/k/', { prefix: true }, (e) => {
      if (e.kv.modRevision === 3) {
        etcd.put('/k/9', 'y'); // 4, written before the new watch exists
        etcd.watch('/k/', { prefix: true, startRevision: 2 }, (ev) => late.push(ev.kv.modRevision));
      }
    });
    etcd.put('/k/1', 'x'); // 3
    etcd.put('/k/2', 'x'); // 5
    expect(late).toEqual([2, 3, 4, 5]);
  });

  it('keeps delivering to the other watchers when a callback throws, then rethrows', () => {
    const etcd = new Etcd();
    const seen: number[] = [];
    etcd.watch(POD_A, {}, () => {
      throw new Error('boom');
    });
    etcd.watch(POD_A, {}, (e) => seen.push(e.kv.modRevision));
    expect(() => etcd.put(POD_A, '1')).toThrow('boom');
    expect(seen).toEqual([2]);
    expect(etcd.get(POD_A)?.value).toBe('1');
  });
});

describe('formatGet (etcdctl simple printer)', () => {
  const kvs: KeyValue[] = [
    { key: POD_A, createRevision: 2, modRevision: 2, version: 1, value: '{"kind":"Pod"}' },
    { key: POD_B, createRevision: 3, modRevision: 3, version: 1, value: '{"kind":"Pod"}' },
  ];

  it('prints key then value per kv, and key then an empty line with --keys-only', () => {
    expect(formatGet(kvs, { prefix: true })).toBe(`${POD_A}\n{"kind":"Pod"}\n${POD_B}\n{"kind":"Pod"}\n`);
    expect(formatGet(kvs, { prefix: true, keysOnly: true })).toBe(`${POD_A}\n\n${POD_B}\n\n`);
    expect(formatGet(kvs, { printValueOnly: true })).toBe('{"kind":"Pod"}\n{"kind":"Pod"}\n');
    expect(formatGet([])).toBe('');
  });

  it('prints what a keys-only range returns', () => {
    const etcd = new Etcd();
    etcd.put(POD_B, 'b');
    etcd.put(POD_A, 'a');
    expect(formatGet(etcd.range('/registry/pods', { prefix: true, keysOnly: true }).kvs)).toBe(`${POD_A}\n\n${POD_B}\n\n`);
  });
});

describe('helpers', () => {
  it('computes clientv3.GetPrefixRangeEnd', () => {
    expect(prefixRangeEnd('/registry/pods/')).toBe('/registry/pods0');
    expect(prefixRangeEnd('a\uffff')).toBe('b');
    expect(prefixRangeEnd('\uffff')).toBeNull();
  });

  it('recognises EtcdErrors by code', () => {
    expect(isEtcdError(new EtcdError('compacted', 3), 'compacted')).toBe(true);
    expect(isEtcdError(new EtcdError('compacted', 3), 'future-revision')).toBe(false);
    expect(isEtcdError(new Error('x'))).toBe(false);
  });

  it('SortedKeyIndex keeps entries sorted by key across chunk splits and retain', () => {
    const index = new SortedKeyIndex<{ key: string; n: number }>();
    const keys: string[] = [];
    for (let i = 0; i < 3000; i++) keys.push(`/k/${(i * 7919) % 3000}`);
    for (const [n, key] of keys.entries()) expect(index.add({ key, n })).toBe(true);
    expect(index.add({ key: '/k/5', n: -1 })).toBe(false);
    expect(index.get('/k/5')?.n).toBe(keys.indexOf('/k/5'));
    const sorted = [...keys].sort();
    const all: string[] = [];
    index.scan('', null, (e) => void all.push(e.key));
    expect(all).toEqual(sorted);
    for (const [start, end] of [['/k/10', '/k/11'], ['/k/1', '/k/2'], ['/k/2999', '/k/3'], ['/k/9', null], ['/l', null], ['', '/k/0']] as const) {
      const some: string[] = [];
      index.scan(start, end, (e) => void some.push(e.key));
      expect(some).toEqual(sorted.filter((k) => k >= start && (end === null || k < end)));
    }
    const firstThree: string[] = [];
    index.scan('/k/5', null, (e) => firstThree.push(e.key) < 3);
    expect(firstThree).toEqual(['/k/5', '/k/50', '/k/500']);
    index.retain((e) => e.key.endsWith('7'));
    expect(index.size).toBe(300);
    expect(index.get('/k/17')?.key).toBe('/k/17');
    expect(index.get('/k/18')).toBeUndefined();
  });
});
