// Throughput of the etcd MVCC model under kube-apiserver-like load: pod keys /registry/pods/<ns>/<name>,
// 256-byte values. Each figure is the median of a few runs on a fresh store.
import { Etcd } from '../src/sim/etcd/Etcd.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const RUNS = 3;
const NAMESPACES = 1000;
const PODS_PER_NAMESPACE = 100;
const PUTS = 1_000_000;
const RANGES = 100_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Deterministic shuffle (xorshift), so keys are created in no particular order. */
function shuffled<T>(xs: T[]): T[] {
  const a = [...xs];
  let x = 0x9e3779b9;
  for (let i = a.length - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function podKeys(): string[] {
  const keys: string[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    for (let p = 0; p < PODS_PER_NAMESPACE; p++) {
      keys.push(`/registry/pods/ns-${String(n).padStart(4, '0')}/pod-${String(p).padStart(3, '0')}`);
    }
  }
  return shuffled(keys);
}

function values(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 16; i++) {
    const head = `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"pod-${i}"},"spec":{`;
    out.push((head + 'x'.repeat(256)).slice(0, 255) + '}');
  }
  return out;
}

function timed(f: () => void): number {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
}

function fill(etcd: Etcd, keys: string[], vals: string[], puts: number): void {
  for (let i = 0; i < puts; i++) etcd.put(keys[i % keys.length]!, vals[i & 15]!);
}

export async function benchEtcd(): Promise<BenchResult[]> {
  const keys = podKeys();
  const vals = values();
  const results: BenchResult[] = [];
  const rate = (name: string, ops: number, seconds: number[]): void => {
    results.push({ name, value: Math.round(ops / median(seconds)), unit: 'ops/s' });
  };

  // Puts: 1M puts over 100k keys (100k creates, 900k updates), no watchers; then compaction of those
  // 1M revisions down to one version per key.
  const putTimes: number[] = [];
  const compactTimes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const etcd = new Etcd();
    putTimes.push(timed(() => fill(etcd, keys, vals, PUTS)));
    compactTimes.push(timed(() => etcd.compact(etcd.revision)));
    if (etcd.stats().historyEntries !== keys.length) throw new Error('compaction kept too much');
  }
  rate('etcd put (1M puts, 100k keys, 256 B)', PUTS, putTimes);

  // Puts with one prefix watch over all pods, as the apiserver's watch cache keeps.
  const watchedTimes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const etcd = new Etcd();
    let events = 0;
    etcd.watch('/registry/pods/', { prefix: true }, () => {
      events++;
    });
    watchedTimes.push(timed(() => fill(etcd, keys, vals, PUTS)));
    if (events !== PUTS) throw new Error(`watch saw ${events} of ${PUTS} events`);
  }
  rate('etcd put with a prefix watch', PUTS, watchedTimes);

  // Guaranteed update: txn compare mod_revision then put, as kube-apiserver's GuaranteedUpdate.
  const txnTimes: number[] = [];
  const TXNS = 300_000;
  for (let r = 0; r < RUNS; r++) {
    const etcd = new Etcd();
    fill(etcd, keys, vals, keys.length);
    txnTimes.push(
      timed(() => {
        for (let i = 0; i < TXNS; i++) {
          const key = keys[i % keys.length]!;
          const mod = etcd.get(key)!.modRevision;
          const res = etcd.txn({
            compare: [{ key, target: 'mod', result: '=', value: mod }],
            success: [{ type: 'put', key, value: vals[i & 15]! }],
            failure: [{ type: 'range', key }],
          });
          if (!res.succeeded) throw new Error('guaranteed update failed');
        }
      }),
    );
  }
  rate('etcd get + txn CAS update', TXNS, txnTimes);

  // Prefix ranges of one namespace (100 pods) in a store of 100k pods with some history.
  const etcd = new Etcd();
  fill(etcd, keys, vals, keys.length * 3);
  const past = etcd.revision - keys.length;
  const prefixes: string[] = [];
  for (let n = 0; n < NAMESPACES; n++) prefixes.push(`/registry/pods/ns-${String(n).padStart(4, '0')}/`);
  const order = shuffled(prefixes);
  const rangeRun = (revision: number): number =>
    timed(() => {
      for (let i = 0; i < RANGES; i++) {
        const r = etcd.range(order[i % order.length]!, { prefix: true, revision });
        if (r.count !== PODS_PER_NAMESPACE) throw new Error(`range returned ${r.count}`);
      }
    });
  const currentTimes: number[] = [];
  const pastTimes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    currentTimes.push(rangeRun(0));
    pastTimes.push(rangeRun(past));
  }
  rate('etcd prefix range (100 of 100k keys)', RANGES, currentTimes);
  rate('etcd prefix range at a past revision', RANGES, pastTimes);

  results.push({ name: 'etcd compact (1M revisions, 100k keys)', value: Math.round(median(compactTimes) * 1000), unit: 'ms' });

  return Promise.resolve(results);
}
