// models apimachinery strategicpatch.CreateTwoWayMergePatch for the status patches kubelets send
// (statusutil.PatchPodStatus, nodeutil.PatchNodeStatus): maps are diffed key by key (removed keys become null),
// lists with a patchMergeKey send `$setElementOrder/<list>` plus the changed elements (only their changed fields and
// the key), removed elements as `{<key>: …, "$patch": "delete"}`; other lists are replaced whole.
import type { Json } from '../api/types.ts';
import { lookupField, type PatchTypeName } from '../apiserver/patch/patchMeta.ts';

type Obj = { [k: string]: Json };

function isObj(v: Json | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function equal(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  const ao = a as Obj;
  const bo = b as Obj;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.hasOwn(bo, k) && equal(ao[k], bo[k]));
}

/** The patch turning `original` into `modified`, for the struct `type`; undefined when they are equal. */
export function diffObject(original: Obj, modified: Obj, type: PatchTypeName | undefined): Obj | undefined {
  const patch: Obj = {};
  for (const [k, mv] of Object.entries(modified)) {
    const ov = original[k];
    // A null field is an absent one (Go's nil pointers and zero metav1.Time both serialize as null).
    if (equal(ov, mv) || (mv === null && ov === undefined)) continue;
    const meta = lookupField(type, k);
    if (isObj(mv) && isObj(ov)) {
      const sub = diffObject(ov, mv, meta.type);
      if (sub) patch[k] = sub;
      continue;
    }
    if (Array.isArray(mv) && Array.isArray(ov) && meta.mergeKey && meta.strategy?.startsWith('merge')) {
      const key = meta.mergeKey;
      const keyOf = (x: Json | undefined): Json | undefined => (isObj(x) ? x[key] : undefined);
      const items: Json[] = [];
      for (const m of mv) {
        const o = ov.find((x) => keyOf(x) === keyOf(m));
        if (o === undefined) items.push(m);
        else if (isObj(o) && isObj(m)) {
          const sub = diffObject(o, m, meta.type);
          if (sub) items.push({ ...sub, [key]: keyOf(m) ?? null });
        }
      }
      for (const o of ov) if (!mv.some((m) => keyOf(m) === keyOf(o))) items.push({ [key]: keyOf(o) ?? null, $patch: 'delete' });
      const sameOrder = ov.length === mv.length && ov.every((o, i) => keyOf(o) === keyOf(mv[i]));
      if (items.length === 0 && sameOrder) continue;
      patch[`$setElementOrder/${k}`] = mv.map((x) => ({ [key]: keyOf(x) ?? null }));
      if (items.length > 0) patch[k] = items;
      continue;
    }
    patch[k] = mv;
  }
  for (const k of Object.keys(original)) if (!Object.hasOwn(modified, k) && original[k] !== null) patch[k] = null;
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/**
 * statusutil.PatchPodStatus's body: the status diff plus `metadata.uid`, so a pod deleted and re-created under the
 * same name is not patched by mistake. Undefined when nothing changed.
 */
export function podStatusPatch(uid: string, oldStatus: Obj, newStatus: Obj): Obj | undefined {
  const status = diffObject(oldStatus, newStatus, 'PodStatus');
  return status ? { metadata: { uid }, status } : undefined;
}

/** nodeutil.PatchNodeStatus's body: the diff of the status (no uid). */
export function nodeStatusPatch(oldStatus: Obj, newStatus: Obj): Obj | undefined {
  const status = diffObject(oldStatus, newStatus, 'NodeStatus');
  return status ? { status } : undefined;
}
