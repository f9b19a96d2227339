// What the apiserver (applying a strategic merge patch) and kubectl (folding the two patches of a three-way diff
// into one) share of strategicpatch's mergeMap: the map directive, element kinds, merge-key lookups, the merge of
// two lists and the element order rules. models staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (mergeSlice,
// mergeSliceWithSpecialElements, mergePatchIntoOriginal, normalizeElementOrder, mergeSortedSlice,
// partition…ByPresentInList, validatePatchWithSetOrderList) and the sentinel errors of util/mergepatch/errors.go.
import type { Json } from '../../api/types.ts';
import { goTypeName, goValue } from '../../api/goFormat.ts';
import { isJsonObject, jsonEqual, type JsonObject } from './jsonValue.ts';
import { lookupField, type FieldPatchMeta, type PatchTypeName } from './patchMeta.ts';

export const DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER = '$setElementOrder';

const MAP = 'map[string]interface {}';
const SLICE = '[]interface {}';

/**
 * A failure inside the strategicpatch library, with its message and the answer handlers/patch.go gives it
 * (interpretStrategicMergePatchError); kubectl only prints the message.
 */
export class StrategicPatchError extends Error {
  constructor(message: string, readonly answer: 'badRequest' | 'unprocessable' | 'unknown' = 'unknown') {
    super(message);
  }
}

const errBadPatchFormatForPrimitiveList = (): StrategicPatchError =>
  new StrategicPatchError('invalid patch format of primitive list', 'badRequest');
export const errBadPatchFormatForRetainKeys = (): StrategicPatchError =>
  new StrategicPatchError('invalid patch format of retainKeys', 'badRequest');
const errBadPatchFormatForSetElementOrderList = (): StrategicPatchError =>
  new StrategicPatchError('invalid patch format of setElementOrder list', 'badRequest');
const errNoMergeKey = (m: Json, key: string): StrategicPatchError =>
  new StrategicPatchError(`map: ${goValue(m)} does not contain declared merge key: ${key}`);
const errBadArgType = (expected: string, actual: Json | undefined): StrategicPatchError =>
  new StrategicPatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
const errBadPatchType = (t: Json | undefined, m: JsonObject): StrategicPatchError =>
  new StrategicPatchError(`unknown patch type: ${goValue(t)} in map: ${goValue(m)}`);

/**
 * The start of mergeMap: a patch map's own `$patch` says `replace` (the result is the patch without it) or
 * `delete` (the result is empty); undefined when it has none.
 */
export function mapDirectiveResult(patch: JsonObject): JsonObject | undefined {
  if (!Object.hasOwn(patch, DIRECTIVE)) return undefined;
  const directive = patch[DIRECTIVE];
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  throw errBadPatchType(directive, patch);
}

export type ElementKind = 'map' | 'scalar';

/** sliceElementType: every element of every list must have one Go type, and not be a list. */
export function sliceElementKind(...lists: Json[][]): ElementKind {
  let first: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = goTypeName(v);
      if (first === undefined) {
        first = t;
        if (t === SLICE) throw new StrategicPatchError('lists of lists are not supported', 'unprocessable');
      } else if (t !== first) {
        throw new StrategicPatchError(`list element types are not identical: ${goValue(lists)}`);
      }
    }
  }
  if (first === undefined) throw new StrategicPatchError('no elements in any of the given slices');
  return first === MAP ? 'map' : 'scalar';
}

export function asMap(v: Json | undefined): JsonObject {
  if (!isJsonObject(v)) throw errBadArgType(MAP, v);
  return v;
}

function asList(v: Json | undefined): Json[] {
  if (!Array.isArray(v)) throw errBadArgType(SLICE, v);
  return v;
}

/** Go's == on two interface{} values holding decoded JSON scalars (maps and slices never compare equal here). */
export function sameScalar(a: Json | undefined, b: Json | undefined): boolean {
  return a === b && (a === null || typeof a !== 'object');
}

/** The merge-key value of a list element, which must be a map holding it. */
export function mergeKeyOf(v: Json | undefined, key: string): Json {
  const m = asMap(v);
  if (!Object.hasOwn(m, key)) throw errNoMergeKey(m, key);
  return m[key] ?? null;
}

/** mergeKeyValueEqual: scalars compare themselves ('' merge key), maps their merge-key values (which must be present). */
export function mergeKeyEqual(left: Json, right: Json, mergeKey: string): boolean {
  if (mergeKey === '') return sameScalar(left, right);
  return sameScalar(mergeKeyOf(left, mergeKey), mergeKeyOf(right, mergeKey));
}

/** findMapInSliceBasedOnKeyValue: the index of the first map whose merge key holds `value`, or -1. */
function findByMergeKey(list: Json[], mergeKey: string, value: Json): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isJsonObject(v)) throw new StrategicPatchError(`value for key ${i} is not a map.`);
    if (Object.hasOwn(v, mergeKey) && sameScalar(v[mergeKey], value)) return i;
  }
  return -1;
}

/** extractKey: the list name after `<prefix>/`. */
export function extractKey(key: string, prefix: string): string {
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
  for (const v of list) (asMap(v)[DIRECTIVE] === 'delete' ? del : keep).push(v);
  return [keep, del];
}

/** deduplicateScalars, keeping upstream's order: a later duplicate is overwritten by the current last element. */
export function dedupeScalars(list: Json[]): Json[] {
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

/** index(): position of `item` in `list`, by merge-key value for maps (a missing key matches a missing key). */
function indexIn(list: Json[], item: Json, mergeKey: string, kind: ElementKind): number {
  const valueOf = (v: Json): Json | undefined => (kind === 'map' ? (isJsonObject(v) ? v[mergeKey] : undefined) : v);
  const wanted = valueOf(item);
  return list.findIndex((v) => sameScalar(valueOf(v), wanted));
}

/** normalizeSliceOrder: sorts `items` stably by their position in `order`; `$patch: delete` items go last. */
export function sortByOrder(items: Json[], order: Json[], mergeKey: string, kind: ElementKind): Json[] {
  let toSort = items;
  let deletions: Json[] = [];
  if (kind === 'map') {
    for (const list of [items, order]) for (const v of list) mergeKeyOf(v, mergeKey);
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
function normalizeOrder(
  patchItems: Json[], serverOnly: Json[], patchOrder: Json[], serverOrder: Json[], mergeKey: string, kind: ElementKind,
): Json[] {
  const p = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const s = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  return interleave(s, p, serverOrder, mergeKey, kind);
}

/** partition…ByPresentInList: splits `merged` into the items present in `by` and the others. */
function partition(merged: Json[], by: Json[], mergeKey: string): [Json[], Json[]] {
  const found: Json[] = [];
  const others: Json[] = [];
  for (const v of merged) {
    const present = mergeKey === ''
      ? by.some((b) => sameScalar(b, v))
      : findByMergeKey(by, mergeKey, mergeKeyOf(v, mergeKey)) >= 0;
    (present ? found : others).push(v);
  }
  return [found, others];
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
    if (mergeKeyEqual(item, order[o] ?? null, mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw new StrategicPatchError(`The order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goValue(order)}\n`);
  }
}

/** How the caller merges two elements of a list of maps that share a merge key (its own mergeMap). */
export type MergeMaps = (original: JsonObject, patch: JsonObject, type: PatchTypeName | undefined) => JsonObject;

/**
 * mergeSlice: scalars are unioned (or, for a `$deleteFromPrimitiveList` list with `deleteList`, removed); maps
 * are merged by merge key after the patch's `$patch` elements delete live items or replace the list; the result
 * is put in order. Both lists are owned by the caller.
 */
export function mergeSlice(original: Json[], patch: Json[], meta: FieldPatchMeta, mergeMaps: MergeMaps, deleteList = false): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  const mergeKey = meta.mergeKey ?? '';
  let live = original;
  let patchItems = patch;
  let merged: Json[];
  if (kind === 'scalar') {
    if (deleteList) return original.filter((v) => !patch.some((d) => sameScalar(d, v)));
    merged = dedupeScalars([...original, ...patch]);
  } else {
    // The only lists of objects with a merge strategy all have a merge key; a list of strings does not.
    if (mergeKey === '') throw new StrategicPatchError('cannot merge lists without merge key for type string');
    // mergeSliceWithSpecialElements: elements carrying `$patch` delete the matching live items or replace the list.
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
        throw new StrategicPatchError('merging lists cannot yet be specified in the patch');
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
      if (at >= 0) merged[at] = mergeMaps(asMap(merged[at]), m, meta.type);
      else merged.push(v);
    }
  }
  const [inPatch, serverOnly] = partition(merged, patchItems, mergeKey);
  return normalizeOrder(inPatch, serverOnly, patchItems, live, mergeKey, kind);
}

/** extractRetainKeysPatchStrategy: whether retainKeys is asked for, and the other strategy ('' for none). */
export function splitStrategy(meta: FieldPatchMeta): { retainKeys: boolean; strategy: string } {
  const s = meta.strategy;
  if (s === 'retainKeys') return { retainKeys: true, strategy: '' };
  if (s === 'merge,retainKeys') return { retainKeys: true, strategy: 'merge' };
  return { retainKeys: false, strategy: s ?? '' };
}

/**
 * mergePatchIntoOriginal: merges each list that has a `$setElementOrder/<list>` in `patch` into `original` and
 * orders it by that list, removing both from `patch`. Without `mergeParallelList` (kubectl folding two patches)
 * the order list itself moves into `original`, where an unequal one already there is an error.
 */
export function mergeOrderedLists(
  original: JsonObject, patch: JsonObject, type: PatchTypeName | undefined, mergeMaps: MergeMaps, mergeParallelList: boolean,
): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key] ?? null;
    if (!mergeParallelList) {
      if (!Object.hasOwn(original, key)) original[key] = order;
      else if (!jsonEqual(original[key], order)) throw errBadPatchFormatForSetElementOrderList();
    }
    delete patch[key];
    const orderList = asList(order);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const hasLive = Object.hasOwn(original, field);
    const hasPatch = Object.hasOwn(patch, field);
    const live = hasLive ? asList(original[field]) : [];
    const patched = hasPatch ? asList(patch[field]) : [];
    const meta = lookupField(type, field);
    const mergeKey = meta.mergeKey ?? '';
    checkAgainstOrder(patched, orderList, mergeKey);
    if (!hasLive && !hasPatch) continue;
    const merged = hasLive && hasPatch
      ? (splitStrategy(meta).strategy === 'merge' ? mergeSlice(live, patched, meta, mergeMaps) : patched)
      : hasLive ? live : patched;
    const [inOrder, serverOnly] = partition(merged, orderList, mergeKey);
    original[field] = normalizeOrder(inOrder, serverOnly, orderList, live, mergeKey, sliceElementKind(live, patched));
    delete patch[field];
  }
}
