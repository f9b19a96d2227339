// Model-based properties of the MVCC store: a naive model keeps a full snapshot per revision and the
// list of every change; the store must agree with it on reads, watches, txns and compaction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Etcd, EtcdError, type Compare, type KeyValue, type TxnOp, type WatchEvent } from './Etcd.ts';

const KEYS = ['/a', '/a/x', '/a/y', '/ab', '/b/x', '/b/y'];
const PREFIXES = ['/a', '/a/', '/b/', ''];

type Meta = { value: string; create: number; mod: number; version: number };
type State = Map<string, Meta>;
type Change = { rev: number; type: 'PUT' | 'DELETE'; key: string; value: string; prev?: string };

class Model {
  rev = 1;
  compactRev = 0;
  snapshots: State[] = [new Map<string, Meta>(), new Map<string, Meta>()]; // index = revision
  changes: Change[] = [];

  get state(): State {
    return this.snapshots[this.rev]!;
  }

  /** Applies ops as one revision; returns whether anything was written. */
  apply(ops: ({ put: string; value: string } | { del: string[] })[]): boolean {
    const next = new Map(this.state);
    const rev = this.rev + 1;
    const pending: Change[] = [];
    for (const op of ops) {
      if ('put' in op) {
        const prev = next.get(op.put);
        next.set(op.put, { value: op.value, create: prev ? prev.create : rev, mod: rev, version: prev ? prev.version + 1 : 1 });
        pending.push(prev ? { rev, type: 'PUT', key: op.put, value: op.value, prev: prev.value } : { rev, type: 'PUT', key: op.put, value: op.value });
      } else {
        for (const key of [...op.del].sort()) {
          const prev = next.get(key);
          if (!prev) continue;
          next.delete(key);
          pending.push({ rev, type: 'DELETE', key, value: '', prev: prev.value });
        }
      }
    }
    if (pending.length === 0) return false;
    this.rev = rev;
    this.snapshots[rev] = next;
    this.changes.push(...pending);
    return true;
  }
}

const keyArb = fc.constantFrom(...KEYS);
const valueArb = fc.constantFrom('v1', 'v2', 'v3', '{"kind":"Pod"}');

type Step =
  | { kind: 'put'; key: string; value: string }
  | { kind: 'delete'; key: string }
  | { kind: 'deletePrefix'; prefix: string }
  | { kind: 'cas'; key: string; target: 'mod' | 'create' | 'version' | 'value'; stale: boolean; value: string }
  | { kind: 'multi'; ops: ({ put: string; value: string } | { delPrefix: string })[] }
  | { kind: 'compact'; at: number }
  | { kind: 'watch'; at: number; prefix: string };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('put' as const), key: keyArb, value: valueArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: keyArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deletePrefix' as const), prefix: fc.constantFrom(...PREFIXES) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('cas' as const),
      key: keyArb,
      target: fc.constantFrom('mod' as const, 'create' as const, 'version' as const, 'value' as const),
      stale: fc.boolean(),
      value: valueArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('multi' as const),
      ops: fc.array(
        fc.oneof(
          fc.record({ put: keyArb, value: valueArb }),
          fc.record({ delPrefix: fc.constantFrom(...PREFIXES) }),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('compact' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('watch' as const),
      at: fc.double({ min: 0, max: 1.2, noNaN: true }),
      prefix: fc.constantFrom(...PREFIXES),
    }),
  },
);

function expectedState(kvs: KeyValue[]): [string, Meta][] {
  return kvs.map((kv) => [kv.key, { value: kv.value, create: kv.createRevision, mod: kv.modRevision, version: kv.version }]);
}

function sortedState(s: State): [string, Meta][] {
  return [...s.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function compactedError(f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch (e) {
    return e instanceof EtcdError && e.code === 'compacted' && e.message === 'mvcc: required revision has been compacted';
  }
}

interface Recorder {
  start: number;
  prefix: string;
  /** The compact revision when the watch was opened: a change replayed at it has lost its prevKv. */
  compactRev: number;
  events: Change[];
}

function record(events: Change[]) {
  return (e: WatchEvent): void => {
    const c: Change = { rev: e.kv.modRevision, type: e.type, key: e.kv.key, value: e.kv.value };
    if (e.prevKv) c.prev = e.prevKv.value;
    events.push(c);
  };
}

/** What a watch opened when the compact revision was `compactRev` sees: prevKv older than it is gone. */
function seen(changes: Change[], compactRev: number): Change[] {
  return changes.map((c) => {
    if (c.rev !== compactRev || c.prev === undefined) return c;
    const { prev: _prev, ...rest } = c;
    return rest;
  });
}

function run(steps: Step[]): void {
  const etcd = new Etcd();
  const model = new Model();
  const recorders: Recorder[] = [];
  let lastRev = etcd.revision;

  for (const step of steps) {
    const before = etcd.revision;
    switch (step.kind) {
      case 'put': {
        const r = etcd.put(step.key, step.value);
        model.apply([{ put: step.key, value: step.value }]);
        expect(r.revision).toBe(before + 1);
        break;
      }
      case 'delete': {
        const r = etcd.delete(step.key);
        const wrote = model.apply([{ del: [step.key] }]);
        expect(r.deleted).toBe(wrote ? 1 : 0);
        break;
      }
      case 'deletePrefix': {
        const doomed = [...model.state.keys()].filter((k) => k.startsWith(step.prefix));
        const r = etcd.deletePrefix(step.prefix, { prevKv: true });
        model.apply([{ del: doomed }]);
        expect(r.prevKvs.map((kv) => kv.key)).toEqual([...doomed].sort());
        break;
      }
      case 'cas': {
        const cur = model.state.get(step.key);
        const actual =
          step.target === 'value' ? cur?.value ?? '' : cur ? (step.target === 'mod' ? cur.mod : step.target === 'create' ? cur.create : cur.version) : 0;
        const compare: Compare =
          step.target === 'value'
            ? { key: step.key, target: 'value', result: '=', value: step.stale ? 'stale' : String(actual) }
            : { key: step.key, target: step.target, result: '=', value: step.stale ? Number(actual) + 1 : Number(actual) };
        const r = etcd.txn({
          compare: [compare],
          success: [{ type: 'put', key: step.key, value: step.value, prevKv: true }],
          failure: [{ type: 'range', key: step.key }],
        });
        // A value compare on a missing key fails whatever it compares with.
        const shouldSucceed = !step.stale && (step.target !== 'value' || cur !== undefined);
        expect(r.succeeded).toBe(shouldSucceed);
        if (shouldSucceed) {
          model.apply([{ put: step.key, value: step.value }]);
          const res = r.responses[0];
          expect(res?.type === 'put' ? res.prevKv?.value : 'not a put').toBe(cur?.value);
        } else {
          expect(r.responses[0]).toMatchObject({ type: 'range', count: cur ? 1 : 0 });
        }
        break;
      }
      case 'multi': {
        const puts = step.ops.flatMap((o) => ('put' in o ? [o.put] : []));
        const prefixes = step.ops.flatMap((o) => ('delPrefix' in o ? [o.delPrefix] : []));
        const duplicate = puts.some((k, i) => puts.indexOf(k) !== i || prefixes.some((p) => k.startsWith(p)));
        const ops: TxnOp[] = step.ops.map((o) =>
          'put' in o ? { type: 'put', key: o.put, value: o.value } : { type: 'delete', key: o.delPrefix, prefix: true },
        );
        if (duplicate) {
          expect(() => etcd.txn({ compare: [], success: ops, failure: [] })).toThrow('etcdserver: duplicate key given in txn request');
          break;
        }
        const r = etcd.txn({ compare: [], success: ops, failure: [] });
        // The model deletes sequentially: compute each prefix's victims against the state so far.
        const modelOps: ({ put: string; value: string } | { del: string[] })[] = [];
        const live = new Set(model.state.keys());
        for (const o of step.ops) {
          if ('put' in o) {
            live.add(o.put);
            modelOps.push({ put: o.put, value: o.value });
          } else {
            const del = [...live].filter((k) => k.startsWith(o.delPrefix));
            for (const k of del) live.delete(k);
            modelOps.push({ del });
          }
        }
        const wrote = model.apply(modelOps);
        expect(r.revision).toBe(wrote ? before + 1 : before);
        break;
      }
      case 'compact': {
        const target = model.compactRev + 1 + Math.floor(step.at * (model.rev - model.compactRev));
        if (target > model.rev) {
          expect(() => etcd.compact(target)).toThrow('mvcc: required revision is a future revision');
          break;
        }
        etcd.compact(target);
        model.compactRev = target;
        break;
      }
      case 'watch': {
        const start = Math.max(1, Math.floor(step.at * (model.rev + 1)));
        const events: Change[] = [];
        if (start < model.compactRev) {
          expect(compactedError(() => etcd.watch(step.prefix, { prefix: true, startRevision: start, prevKv: true }, record(events)))).toBe(true);
        } else {
          etcd.watch(step.prefix, { prefix: true, startRevision: start, prevKv: true }, record(events));
          recorders.push({ start, prefix: step.prefix, compactRev: model.compactRev, events });
        }
        break;
      }
    }
    // Revisions never go back, and move by exactly one per writing request.
    expect(etcd.revision).toBe(model.rev);
    expect(etcd.revision).toBeGreaterThanOrEqual(lastRev);
    expect(etcd.revision - before).toBeLessThanOrEqual(1);
    lastRev = etcd.revision;
  }

  // Every retained revision reads as the model's snapshot; every compacted one fails.
  for (let rev = 1; rev <= model.rev; rev++) {
    if (rev < model.compactRev) {
      expect(compactedError(() => etcd.range('', { prefix: true, revision: rev }))).toBe(true);
      continue;
    }
    const got = etcd.range('', { prefix: true, revision: rev });
    expect(expectedState(got.kvs)).toEqual(sortedState(model.snapshots[rev]!));
    expect(got.revision).toBe(model.rev);
    for (const prefix of PREFIXES) {
      const want = sortedState(model.snapshots[rev]!).filter(([k]) => k.startsWith(prefix));
      const limited = etcd.range(prefix, { prefix: true, revision: rev, limit: 2 });
      expect(limited.count).toBe(want.length);
      expect(limited.more).toBe(want.length > 2);
      expect(expectedState(limited.kvs)).toEqual(want.slice(0, 2));
    }
  }

  // Each watch saw every matching change from its start revision, in order, exactly once.
  const matching = (start: number, prefix: string): Change[] =>
    model.changes.filter((c) => c.rev >= start && c.key.startsWith(prefix));
  for (const r of recorders) expect(r.events).toEqual(seen(matching(r.start, r.prefix), r.compactRev));

  // A watch opened now from any retained revision replays the same history.
  for (let start = Math.max(1, model.compactRev); start <= model.rev + 1; start++) {
    const events: Change[] = [];
    const handle = etcd.watch('', { prefix: true, startRevision: start, prevKv: true }, record(events));
    handle.cancel();
    expect(events).toEqual(seen(matching(start, ''), model.compactRev));
  }
}

describe('Etcd properties', () => {
  it('agrees with a snapshot-per-revision model on reads, watches, txns and compaction', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
        run(steps);
      }),
      { numRuns: 300 },
    );
  });

  it('delivers in order without gaps or repeats when callbacks write and open watches from old revisions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(keyArb, fc.boolean(), fc.option(fc.double({ min: 0, max: 1, noNaN: true }))), { minLength: 1, maxLength: 30 }),
        (writes) => {
          const etcd = new Etcd();
          const observed: Change[] = [];
          const late: { start: number; events: Change[] }[] = [];
          let step = 0;
          // Echoes every PUT on /a/x to /b/y, and at some steps opens a watch from an old revision.
          etcd.watch('/a/x', {}, (e) => {
            if (e.type === 'PUT') etcd.put('/b/y', e.kv.value);
            const at = writes[step]?.[2];
            if (at !== undefined && at !== null) {
              const start = 1 + Math.floor(at * etcd.revision);
              const events: Change[] = [];
              etcd.watch('', { prefix: true, startRevision: start }, record(events));
              late.push({ start, events });
            }
          });
          etcd.watch('', { prefix: true, startRevision: 1 }, record(observed));
          for (const [key, del] of writes) {
            if (del) etcd.delete(key);
            else etcd.put(key, 'v');
            step++;
          }
          // The first watch saw every revision once, in order.
          const revs = [...new Set(observed.map((c) => c.rev))];
          expect(revs).toEqual(Array.from({ length: etcd.revision - 1 }, (_, i) => i + 2));
          expect(observed.filter((c) => c.type === 'PUT').length).toBe(etcd.stats().historyEntries - observed.filter((c) => c.type === 'DELETE').length);
          for (const l of late) expect(l.events).toEqual(observed.filter((c) => c.rev >= l.start));
          expect(late.length).toBeGreaterThanOrEqual(writes.filter(([key, del, at]) => key === '/a/x' && !del && at !== null).length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
