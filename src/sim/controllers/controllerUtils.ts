// Helpers shared by the controllers. models pkg/controller/controller_utils.go (ComputeHash, FilterActivePods,
// ActivePodsWithRanks), pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable), k8s.io/apimachinery util/rand
// (SafeEncodeString) and util/intstr (GetScaledValueFromIntOrPercent).
import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { LabelSelector, OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../api/types.ts';
import { parseRfc3339 } from '../clock.ts';
import { utf8Encode } from '../util/base64.ts';

export { labelSelectorMatches } from '../apiserver/authz/clusterRoleAggregation.ts';

/** FNV-1a, 32 bits (Go's hash/fnv New32a). */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** util/rand.SafeEncodeString: each byte mapped onto consonants and digits that cannot spell words. */
export function safeEncodeString(s: string): string {
  const alphanums = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < s.length; i++) out += alphanums[s.charCodeAt(i) % alphanums.length];
  return out;
}

/** JSON with object keys sorted, so that equal templates serialize equally whatever their key order. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v ?? null, (_k, val: unknown) => {
    if (val && typeof val === 'object' && !Array.isArray(val)) {
      const o = val as Record<string, unknown>;
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(o).sort()) sorted[k] = o[k];
      return sorted;
    }
    return val;
  });
}

/**
 * controller.ComputeHash: FNV-32a of the pod template, then of collisionCount as 8 little-endian bytes, printed
 * in decimal and safe-encoded. Upstream hashes the Go value as spew prints it; we hash its canonical JSON instead,
 * so the same template gets another (but equally stable) pod-template-hash than a real cluster would give it.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(utf8Encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const b = new Uint8Array(8);
    const c = collisionCount >>> 0;
    b[0] = c & 0xff; b[1] = (c >>> 8) & 0xff; b[2] = (c >>> 16) & 0xff; b[3] = (c >>> 24) & 0xff;
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}

/** intstr.GetScaledValueFromIntOrPercent: "25%" of total, rounded up or down; integers as they are. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) {
    const n = Number(v);
    return Number.isInteger(n) ? n : 0;
  }
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/**
 * The controller that owns `obj`, if it is a `kind` in the lister and still the same object (uid): what
 * upstream controllers' resolveControllerRef does before they act on an owned object's event.
 */
export function resolveControllerRef<T extends { metadata?: { uid?: string } }>(obj: KubeObject, kind: string, lister: { get(namespace: string, name: string): T | undefined }): T | undefined {
  const ref = controllerRefOf(obj);
  if (!ref || ref.kind !== kind) return undefined;
  const owner = lister.get(obj.metadata?.namespace ?? '', ref.name);
  return owner && owner.metadata?.uid === ref.uid ? owner : undefined;
}

/** metav1.NewControllerRef. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export function keyOf(obj: KubeObject): string {
  const ns = obj.metadata?.namespace ?? '';
  return ns === '' ? obj.metadata?.name ?? '' : `${ns}/${obj.metadata?.name ?? ''}`;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

export function timeMs(ts: string | undefined): number | undefined {
  return ts === undefined ? undefined : parseRfc3339(ts);
}

/** controller.IsPodActive: neither terminal nor being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata?.deletionTimestamp === undefined;
}

function readyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** podutil.IsPodAvailable: ready for longer than minReadySeconds (strictly), or ready at all when it is 0. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowWallMs: number): boolean {
  const c = readyCondition(pod);
  if (c?.status !== 'True') return false;
  if (minReadySeconds === 0) return true;
  const t = timeMs(c.lastTransitionTime);
  return t !== undefined && t + minReadySeconds * 1000 < nowWallMs;
}

/** When a ready pod may next become available, for a requeue; undefined if not applicable. */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, nowWallMs: number): number | undefined {
  const c = readyCondition(pod);
  if (c?.status !== 'True' || minReadySeconds === 0) return undefined;
  const t = timeMs(c.lastTransitionTime);
  if (t === undefined) return undefined;
  const left = t + minReadySeconds * 1000 - nowWallMs;
  return left >= 0 ? left + 1 : undefined;
}

const phaseOrdinal: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function maxRestarts(pod: Pod): number {
  let m = 0;
  for (const s of pod.status?.containerStatuses ?? []) m = Math.max(m, s.restartCount ?? 0);
  return m;
}

/** log2 bucket of the age (ns), as logarithmicRankDiff computes it (LogarithmicScaleDown, on by default). */
function logRank(ts: number | undefined, nowWallMs: number): number {
  if (ts === undefined) return -1;
  const d = (nowWallMs - ts) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/**
 * controller.ActivePodsWithRanks.Less: which pod goes first when scaling down. Unassigned before assigned,
 * Pending < Unknown < Running, not ready before ready, lower pod-deletion-cost first, more co-located pods of the
 * same owner first, more recently ready first (log-bucketed), more restarts first, newer first (log-bucketed).
 */
export function comparePodsForDeletion(a: Pod, b: Pod, rankA: number, rankB: number, nowWallMs: number): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const pa = phaseOrdinal[a.status?.phase ?? ''] ?? 3;
  const pb = phaseOrdinal[b.status?.phase ?? ''] ?? 3;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = Number(a.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;
  const cb = Number(b.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;
  if (ca !== cb) return ca - cb;
  if (rankA !== rankB) return rankB - rankA;
  if (ra && rb) {
    const ta = timeMs(readyCondition(a)?.lastTransitionTime);
    const tb = timeMs(readyCondition(b)?.lastTransitionTime);
    if (ta !== tb) {
      const d = logRank(ta, nowWallMs) - logRank(tb, nowWallMs);
      if (d !== 0) return d;
      return (a.metadata?.uid ?? '') < (b.metadata?.uid ?? '') ? -1 : 1;
    }
  }
  const xa = maxRestarts(a);
  const xb = maxRestarts(b);
  if (xa !== xb) return xb - xa;
  const ta = timeMs(a.metadata?.creationTimestamp);
  const tb = timeMs(b.metadata?.creationTimestamp);
  if (ta !== tb) {
    const d = logRank(ta, nowWallMs) - logRank(tb, nowWallMs);
    if (d !== 0) return d;
    return (a.metadata?.uid ?? '') < (b.metadata?.uid ?? '') ? -1 : 1;
  }
  return 0;
}

/** A label selector as the query string form (matchLabels only; expressions are checked client-side). */
export function isEmptySelector(sel: LabelSelector | undefined): boolean {
  return !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
}
