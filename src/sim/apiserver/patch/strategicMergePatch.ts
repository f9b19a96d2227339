// Strategic merge patch as the apiserver applies `application/strategic-merge-patch+json`:
// models k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (StrategicMergeMapPatch with MergeParallelList and
// IgnoreUnmatchedNulls) and the error mapping of handlers/patch.go interpretStrategicMergePatchError.
import type { GroupVersionKind, Json } from '../../api/types.ts';
import { goJsonKind, goTypeName, goValue } from '../../api/goFormat.ts';
import { patchErrors, type PatchError } from './patchErrors.ts';
import { cloneJson, isJsonObject, type JsonObject } from './jsonValue.ts';
import { lookupField, rootTypeOf, type FieldPatchMeta, type PatchTypeName } from './patchMeta.ts';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

/** A failure inside strategicpatch, classified as handlers/patch.go answers it. */
class SmpError extends Error {
  constructor(message: string, readonly answer: 'badRequest' | 'unprocessable' | 'unknown') {
    super(message);
  }
}

// The mergepatch package's sentinel errors.
const errBadPatchFormatForPrimitiveList = (): SmpError => new SmpError('invalid patch format of primitive list', 'badRequest');
const errBadPatchFormatForRetainKeys = (): SmpError => new SmpError('invalid patch format of retainKeys', 'badRequest');
const errBadPatchFormatForSetElementOrderList = (): SmpError => new SmpError('invalid patch format of setElementOrder list', 'badRequest');
const errNoListOfLists = (): SmpError => new SmpError('lists of lists are not supported', 'unprocessable');
const errNoMergeKey = (m: Json, key: string): SmpError =>
  new SmpError(`map: ${goValue(m)} does not contain declared merge key: ${key}`, 'unknown');
const errBadArgType = (expected: string, actual: Json | undefined): SmpError =>
  new SmpError(`expected a ${expected}, but received a ${goTypeName(actual)}`, 'unknown');
const errBadPatchType = (t: Json | undefined, m: JsonObject): SmpError =>
  new SmpError(`unknown patch type: ${goValue(t)} in map: ${goValue(m)}`, 'unknown');

const MAP = 'map[string]interface {}';
const SLICE = '[]interface {}';

type ElementKind = 'map' | 'scalar';

/** sliceElementType: every element of every list must have one Go type, and not be a list. */
function sliceElementKind(...lists: Json[][]): ElementKind {
  let first: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = goTypeName(v);
      if (first === undefined) {
        first = t;
        if (t === SLICE) throw errNoListOfLists();
      } else if (t !== first) {
        throw new SmpError(`list element types are not identical: ${goValue(lists)}`, 'unknown');
      }
    }
  }
  if (first === undefined) throw new SmpError('no elements in any of the given slices', 'unknown');
  return first === MAP ? 'map' : 'scalar';
}

function asMap(v: Json | undefined): JsonObject {
  if (!isJsonObject(v)) throw errBadArgType(MAP, v);
  return v;
}

/** Go's == on two interface{} values holding decoded JSON scalars. */
function sameScalar(a: Json | undefined, b: Json | undefined): boolean {
  return a === b && (a === null || typeof a !== 'object');
}

function mergeKeyOf(m: JsonObject, key: string): Json {
  if (!Object.hasOwn(m, key)) throw errNoMergeKey(m, key);
  return m[key] ?? null;
}

/** Position of `item` in `list`, comparing merge-key values for maps and the items themselves for scalars. */
function indexIn(list: Json[], item: Json, mergeKey: string, kind: ElementKind): number {
  const valueOf = (v: Json): Json | undefined => (kind === 'map' ? (isJsonObject(v) ? v[mergeKey] : undefined) : v);
  const wanted = valueOf(item);
  return list.findIndex((v) => {
    const got = valueOf(v);
    return got === undefined ? wanted === undefined : sameScalar(got, wanted);
  });
}

function findByMergeKey(list: Json[], mergeKey: string, value: Json): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isJsonObject(v)) throw new SmpError(`value for key ${i} is not a map.`, 'unknown');
    if (Object.hasOwn(v, mergeKey) && sameScalar(v[mergeKey], value)) return i;
  }
  return -1;
}

function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === DELETE_FROM_PRIMITIVE_LIST ? errBadPatchFormatForPrimitiveList() : errBadPatchFormatForSetElementOrderList();
  }
  return key.slice(slash + 1);
}

/** Splits a list of maps into those without and those with `$patch: delete`. */
function splitDeletions(list: Json[]): [Json[], Json[]] {
  const keep: Json[] = [];
  const del: Json[] = [];
  for (const v of list) {
    const m = asMap(v);
    (m[DIRECTIVE] === 'delete' ? del : keep).push(v);
  }
  return [keep, del];
}

/** normalizeSliceOrder: sorts `items` stably by their position in `order`; `$patch: delete` items go last. */
function sortByOrder(items: Json[], order: Json[], mergeKey: string, kind: ElementKind): Json[] {
  let toSort = items;
  let deletions: Json[] = [];
  if (kind === 'map') {
    for (const list of [items, order]) for (const v of list) mergeKeyOf(asMap(v), mergeKey);
    [toSort, deletions] = splitDeletions(items);
  }
  const ranked = toSort.map((v, i) => ({ v, i, at: indexIn(order, v, mergeKey, kind) }));
  ranked.sort((a, b) => (a.at >= 0 && b.at >= 0 ? a.at - b.at : 0) || a.i - b.i);
  return [...ranked.map((r) => r.v), ...deletions];
}

/**
 * mergeSortedSlice: interleaves server-only items (`left`) into patch items (`right`), both already sorted; a
 * left item goes first only when both are in the live list and it comes earlier there.
 */
function interleave(left: Json[], right: Json[], serverOrder: Json[], mergeKey: string, kind: ElementKind): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const l = left[i];
    const r = right[j];
    if (l === undefined) {
      out.push(r ?? null);
      j++;
    } else if (r === undefined) {
      out.push(l);
      i++;
    } else {
      const li = indexIn(serverOrder, l, mergeKey, kind);
      const ri = indexIn(serverOrder, r, mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) {
        out.push(l);
        i++;
      } else {
        out.push(r);
        j++;
      }
    }
  }
  return out;
}

/** normalizeElementOrder: patch items in patch order, server-only items in live order, merged by live order. */
function normalizeOrder(patchItems: Json[], serverOnly: Json[], patchOrder: Json[], serverOrder: Json[], mergeKey: string, kind: ElementKind): Json[] {
  const p = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const s = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  return interleave(s, p, serverOrder, mergeKey, kind);
}

/** Splits `merged` into the items present in `by` and the others (partition…ByPresentInList). */
function partition(merged: Json[], by: Json[], mergeKey: string): [Json[], Json[]] {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of merged) {
    let present: boolean;
    if (mergeKey === '') {
      present = by.some((b) => sameScalar(b, v));
    } else {
      present = findByMergeKey(by, mergeKey, mergeKeyOf(asMap(v), mergeKey)) >= 0;
    }
    (present ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}

/** deduplicateScalars, keeping upstream's order: a later duplicate is overwritten by the current last element. */
function dedupeScalars(list: Json[]): Json[] {
  const s = [...list];
  let last = s.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (sameScalar(s[i], s[j])) {
        s[j] = s[last] ?? null;
        s.length = last;
        last--;
        j--;
      }
    }
  }
  return s;
}

function mergeSlice(original: Json[], patch: Json[], meta: FieldPatchMeta, isDeleteList: boolean): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  const mergeKey = meta.mergeKey ?? '';
  let live = original;
  let patchItems = patch;
  let merged: Json[];
  if (kind === 'scalar') {
    if (isDeleteList) return original.filter((v) => !patch.some((d) => sameScalar(d, v)));
    merged = dedupeScalars([...original, ...patch]);
  } else {
    // The only lists of objects with a merge strategy all have a merge key; a list of strings does not.
    if (mergeKey === '') throw new SmpError('cannot merge lists without merge key for type string', 'unknown');
    // Elements carrying `$patch`: delete the matching live items, or replace the whole list.
    const plain: Json[] = [];
    let replace = false;
    for (const v of patch) {
      const m = asMap(v);
      if (!Object.hasOwn(m, DIRECTIVE)) {
        plain.push(v);
        continue;
      }
      const directive = m[DIRECTIVE];
      if (directive === 'delete') {
        const value = mergeKeyOf(m, mergeKey);
        for (let at = findByMergeKey(live, mergeKey, value); at >= 0; at = findByMergeKey(live, mergeKey, value)) {
          live = [...live.slice(0, at), ...live.slice(at + 1)];
        }
      } else if (directive === 'replace') {
        replace = true;
      } else if (directive === 'merge') {
        throw new SmpError('merging lists cannot yet be specified in the patch', 'unknown');
      } else {
        throw errBadPatchType(directive, m);
      }
    }
    if (replace) {
      live = plain;
      patchItems = [];
    } else {
      patchItems = plain;
    }
    merged = [...live];
    for (const v of patchItems) {
      const m = asMap(v);
      const at = findByMergeKey(merged, mergeKey, mergeKeyOf(m, mergeKey));
      if (at >= 0) merged[at] = mergeMap(asMap(merged[at]), m, meta.type);
      else merged.push(v);
    }
  }
  const [inPatch, serverOnly] = partition(merged, patchItems, mergeKey);
  return normalizeOrder(inPatch, serverOnly, patchItems, live, mergeKey, kind);
}

function strategyOf(meta: FieldPatchMeta): string {
  // extractRetainKeysPatchStrategy: retainKeys only shapes the patches clients compute.
  return meta.strategy === 'merge,retainKeys' ? 'merge' : meta.strategy === 'retainKeys' ? '' : (meta.strategy ?? '');
}

function mergeList(original: Json[], patch: Json[], meta: FieldPatchMeta, isDeleteList: boolean): Json[] {
  return strategyOf(meta) === 'merge' ? mergeSlice(original, patch, meta, isDeleteList) : patch;
}

/** `$retainKeys`: drop live members not listed; every non-null member of the patch must be listed. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw errBadPatchFormatForRetainKeys();
  const retained = (k: string): boolean => list.some((v) => v === k);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!retained(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!retained(k)) delete original[k];
}

/** validatePatchWithSetOrderList: the patch list's items must appear in the `$setElementOrder` list, in its order. */
function checkAgainstOrder(patchList: Json[], order: Json[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey === '' ? patchList : splitDeletions(patchList)[0];
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p] ?? null;
    if (isJsonObject(item) && Object.hasOwn(item, DIRECTIVE)) {
      p++;
      continue;
    }
    const target = order[o] ?? null;
    const equal = mergeKey === ''
      ? sameScalar(item, target)
      : sameScalar(mergeKeyOf(asMap(item), mergeKey), mergeKeyOf(asMap(target), mergeKey));
    if (equal) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw new SmpError(`The order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goValue(order)}\n`, 'unknown');
  }
}

/** mergePatchIntoOriginal: merges each list that has a `$setElementOrder/<list>` and orders it by that list. */
function mergeOrderedLists(original: JsonObject, patch: JsonObject, type: PatchTypeName | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType(SLICE, order);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const hasLive = Object.hasOwn(original, field);
    const hasPatch = Object.hasOwn(patch, field);
    const liveList = original[field];
    const patchList = patch[field];
    if (hasLive && !Array.isArray(liveList)) throw errBadArgType(SLICE, liveList);
    if (hasPatch && !Array.isArray(patchList)) throw errBadArgType(SLICE, patchList);
    const live = Array.isArray(liveList) ? liveList : [];
    const patched = Array.isArray(patchList) ? patchList : [];
    const meta = lookupField(type, field);
    const mergeKey = meta.mergeKey ?? '';
    checkAgainstOrder(patched, order, mergeKey);
    let merged: Json[];
    if (hasLive && hasPatch) merged = mergeList(live, patched, meta, false);
    else if (hasLive) merged = live;
    else if (hasPatch) merged = patched;
    else continue;
    const [inOrder, serverOnly] = partition(merged, order, mergeKey);
    const kind = sliceElementKind(live, patched);
    original[field] = normalizeOrder(inOrder, serverOnly, order, live, mergeKey, kind);
    delete patch[field];
  }
}

/** mergeMap: merges `patch` into `original` (both owned by the caller and modified) and returns the result. */
function mergeMap(original: JsonObject, patch: JsonObject, type: PatchTypeName | undefined): JsonObject {
  if (Object.hasOwn(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === 'replace') {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (directive === 'delete') return {};
    throw errBadPatchType(directive, patch);
  }
  applyRetainKeys(original, patch);
  mergeOrderedLists(original, patch, type);

  for (const [rawKey, patchValue] of Object.entries(patch)) {
    let key = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      key = extractKey(rawKey, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchValue === null) {
      delete original[key];
      continue;
    }
    const live = original[key];
    // Also upstream: a deletion list for a list the object lacks becomes that list.
    if (live === undefined || goTypeName(live) !== goTypeName(patchValue)) {
      original[key] = patchValue;
      continue;
    }
    const meta = lookupField(type, key);
    if (isJsonObject(live) && isJsonObject(patchValue)) {
      original[key] = strategyOf(meta) === 'replace' ? patchValue : mergeMap(live, patchValue, meta.type);
    } else if (Array.isArray(live) && Array.isArray(patchValue)) {
      original[key] = mergeList(live, patchValue, meta, isDeleteList);
    } else {
      original[key] = patchValue;
    }
  }
  return original;
}

function isDirectiveKey(key: string): boolean {
  return key === DIRECTIVE || key === RETAIN_KEYS || key.startsWith(`${SET_ELEMENT_ORDER}/`) || key.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`);
}

/**
 * Drops directive keys left in values the merge copied verbatim (a new member, a replaced list): upstream leaves
 * them to the decode into the typed object, which discards fields it does not know.
 */
function dropLeftoverDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(dropLeftoverDirectives);
  if (!isJsonObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, e] of Object.entries(v)) if (!isDirectiveKey(k)) out[k] = dropLeftoverDirectives(e);
  return out;
}

/**
 * dropLeftoverDirectives on a value the caller owns outright (the merge result): members are replaced in place, and
 * only objects that hold a directive key are rebuilt without it. The result is the same value.
 */
function dropLeftoverDirectivesOwned(v: Json): Json {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = dropLeftoverDirectivesOwned(v[i] as Json);
    return v;
  }
  if (!isJsonObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.some(isDirectiveKey)) return dropLeftoverDirectives(v);
  for (const k of keys) v[k] = dropLeftoverDirectivesOwned(v[k] as Json);
  return v;
}

function toPatchError(e: SmpError): PatchError {
  switch (e.answer) {
    case 'badRequest':
      return patchErrors.badRequest(e.message);
    case 'unprocessable':
      return patchErrors.unprocessable(e.message);
    case 'unknown':
      return patchErrors.unknown(e.message);
  }
}

/**
 * Applies a strategic merge patch to an object of `kind`; does not modify its arguments. Lists are merged or
 * replaced by the kind's patch metadata (patchMeta.ts). Failures throw PatchError with the status the apiserver
 * answers: 400 for malformed directives, 422 for lists of lists, 500 (no reason) for other library errors such as
 * a list element without its merge key.
 */
export function applyStrategicMergePatch(original: Json, patch: Json, kind: GroupVersionKind): Json {
  if (patch === null) return cloneJson(original);
  if (!isJsonObject(patch)) {
    throw patchErrors.badRequest(`json: cannot unmarshal ${goJsonKind(patch)} into Go value of type map[string]interface {}`);
  }
  if (!isJsonObject(original)) throw patchErrors.badRequest('invalid JSON document');
  try {
    return dropLeftoverDirectivesOwned(mergeMap(cloneJson(original), cloneJson(patch), rootTypeOf(kind)));
  } catch (e) {
    if (e instanceof SmpError) throw toPatchError(e);
    throw e;
  }
}
