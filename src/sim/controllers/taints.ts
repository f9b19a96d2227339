// Taint helpers. models pkg/util/taints (TaintExists, add/remove), pkg/controller/controller_utils.go
// (SwapNodeControllerTaint, AddOrUpdateTaintOnNode, RemoveTaintOffNode, PatchNodeTaints) and
// pkg/apis/core/v1/helper (ToleratesTaint, GetMatchingTolerations).
import type { Node, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import type { Clock } from '../clock.ts';
import { isConflict, type Client } from '../client/Client.ts';
import { RES } from '../client/paths.ts';

export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';
export const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export const sameTaint = (a: Taint, b: Taint): boolean => a.key === b.key && a.effect === b.effect;

export function taintExists(taints: readonly Taint[] | undefined, t: Taint): boolean {
  return (taints ?? []).some((x) => sameTaint(x, t));
}

/** v1helper Toleration.ToleratesTaint. */
export function tolerates(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if ((tol.key ?? '') !== '' && tol.key !== taint.key) return false;
  const op = tol.operator ?? 'Equal';
  if (op === 'Exists') return true;
  return op === 'Equal' && (tol.value ?? '') === (taint.value ?? '');
}

/** GetMatchingTolerations: whether every taint is tolerated, and the tolerations used. */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): [boolean, Toleration[]] {
  const used: Toleration[] = [];
  for (const t of taints) {
    const tol = tolerations.find((x) => tolerates(x, t));
    if (!tol) return [false, []];
    used.push(tol);
  }
  return [true, used];
}

/** getMinTolerationTime, in ms: 0 with no tolerations, -1 for forever. */
export function minTolerationMs(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

/**
 * SwapNodeControllerTaint: add taints (timeAdded now) and remove others with one PATCH of spec.taints carrying the
 * node's resourceVersion, retried on conflict with a fresh read. Returns the updated node, or undefined if unchanged.
 */
export function swapNodeTaints(client: Client, clock: Clock, nodeName: string, add: Taint[], remove: Taint[]): Node | undefined {
  for (let attempt = 0; attempt < 5; attempt++) {
    const node = client.get<KubeObject>(RES.nodes, '', nodeName) as Node;
    const old = node.spec?.taints ?? [];
    let next = old.filter((t) => !remove.some((r) => sameTaint(r, t)));
    const now = clock.timestamp();
    for (const a of add) {
      const i = next.findIndex((t) => sameTaint(t, a));
      if (i >= 0) {
        if ((next[i]?.value ?? '') === (a.value ?? '')) continue;
        next = next.map((t, j) => (j === i ? { ...a, timeAdded: now } : t));
      } else next = [...next, { ...a, timeAdded: now }];
    }
    if (JSON.stringify(next) === JSON.stringify(old)) return undefined;
    try {
      return client.patch<KubeObject>(RES.nodes, '', nodeName, 'strategic', {
        metadata: { resourceVersion: node.metadata?.resourceVersion },
        spec: { taints: next.length > 0 ? next : null },
      }) as Node;
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }
  return undefined;
}
