// The client half of strategic merge patch: the diffs kubectl computes between two documents, the merge of two
// such patches into one, and the conflict test of `kubectl apply --overwrite=false`.
// models staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (diffMaps, diffLists, mergeMap with
// MergeParallelList and IgnoreUnmatchedNulls both false, MergingMapsHaveConflicts), with the patch metadata of
// apiserver/patch/patchMeta.ts standing in for the Go struct tags / OpenAPI extensions.
import type { Json } from '../api/types.ts';
import { goTypeName, goValue } from '../api/goFormat.ts';
import { isJsonObject, jsonEqual, setKey, type JsonObject } from '../apiserver/patch/jsonValue.ts';
import {
  asMap, dedupeScalars, DELETE_FROM_PRIMITIVE_LIST, DIRECTIVE, mapDirectiveResult, mergeKeyEqual, mergeKeyOf, mergeOrderedLists, mergeSlice,
  RETAIN_KEYS, sameScalar, SET_ELEMENT_ORDER, sliceElementKind, sortByOrder, splitStrategy, StrategicPatchError,
} from '../apiserver/patch/strategicCommon.ts';
import { lookupField, type FieldPatchMeta, type PatchTypeName } from '../apiserver/patch/patchMeta.ts';
import { goStringCompare } from './goJson.ts';

export interface DiffOptions {
  /** Emit `$setElementOrder/<list>` beside changed merge lists. */
  setElementOrder?: boolean;
  /** Leave out what `modified` adds or changes (only deletions). */
  ignoreChangesAndAdditions?: boolean;
  /** Leave out what `modified` deletes. */
  ignoreDeletions?: boolean;
  /** Emit `$retainKeys` for this level (the field's strategy says retainKeys). */
  buildRetainKeysDirective?: boolean;
}

/** sortScalars: scalars ordered by their %v text. */
function sortScalars(list: Json[]): Json[] {
  return [...list].sort((x, y) => goStringCompare(goValue(x), goValue(y)));
}

// ---------------------------------------------------------------------------------------------------------
// Diff

/**
 * diffMaps: the strategic merge patch that turns `original` into `modified`, within the options' limits.
 * Merge lists are diffed element by element, deletions become nulls, `$patch: delete` elements or
 * `$deleteFromPrimitiveList` lists, and `$setElementOrder`/`$retainKeys` directives go beside them.
 */
export function diffMaps(original: JsonObject, modified: JsonObject, type: PatchTypeName | undefined, options: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: Json[] = [];
  for (const [key, want] of Object.entries(modified)) {
    if (options.buildRetainKeysDirective && want !== null) retainKeys.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!options.ignoreChangesAndAdditions) setKey(patch, key, want);
      continue;
    }
    const have = original[key] ?? null;
    if (key === DIRECTIVE) {
      if (typeof have !== 'string' || typeof want !== 'string') throw new StrategicPatchError(`invalid value for special key: ${DIRECTIVE}`);
      if (have !== want) setKey(patch, key, want);
      continue;
    }
    if (goTypeName(have) !== goTypeName(want)) {
      if (!options.ignoreChangesAndAdditions) setKey(patch, key, want);
      continue;
    }
    if (isJsonObject(have) && isJsonObject(want)) {
      diffMapField(key, have, want, patch, type, options);
    } else if (Array.isArray(have) && Array.isArray(want)) {
      diffListField(key, have, want, patch, type, options);
    } else if (!options.ignoreChangesAndAdditions && !jsonEqual(have, want)) {
      setKey(patch, key, want);
    }
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) setKey(patch, key, null);
  }
  const originalHasMore = Object.entries(original).some(([k, v]) => v !== null && !Object.hasOwn(modified, k));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || originalHasMore)) patch[RETAIN_KEYS] = sortScalars(retainKeys);
  return patch;
}

/** handleMapDiff */
function diffMapField(key: string, have: JsonObject, want: JsonObject, patch: JsonObject, type: PatchTypeName | undefined, options: DiffOptions): void {
  const meta = lookupField(type, key);
  const { retainKeys, strategy } = splitStrategy(meta);
  if (strategy === 'replace') {
    if (!options.ignoreChangesAndAdditions) setKey(patch, key, want);
    return;
  }
  const sub = diffMaps(have, want, meta.type, { ...options, buildRetainKeysDirective: retainKeys });
  if (Object.keys(sub).length > 0) setKey(patch, key, sub);
}

/** handleSliceDiff: merge lists are diffed by element; any other list is replaced whole when it differs. */
function diffListField(key: string, have: Json[], want: Json[], patch: JsonObject, type: PatchTypeName | undefined, options: DiffOptions): void {
  const meta = lookupField(type, key);
  const { retainKeys, strategy } = splitStrategy(meta);
  if (strategy !== 'merge') {
    if (!options.ignoreChangesAndAdditions && !jsonEqual(have, want)) setKey(patch, key, want);
    return;
  }
  const { add, del, order } = diffLists(have, want, meta, { ...options, buildRetainKeysDirective: retainKeys });
  if (add.length > 0) setKey(patch, key, add);
  if (del.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = del;
  if (order.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

/** diffLists: changes and additions (deletion directives last), the primitive deletion list, the element order. */
function diffLists(original: Json[], modified: Json[], meta: FieldPatchMeta, options: DiffOptions): { add: Json[]; del: Json[]; order: Json[] } {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return { add: [], del: [], order: [] };
    return { add: modified, del: [], order: [] };
  }
  const mergeKey = meta.mergeKey ?? '';
  const kind = sliceElementKind(original, modified);
  if (kind === 'map') {
    const { changes, deletions } = diffListsOfMaps(original, modified, meta, options);
    const add = [...sortByOrder(changes, modified, mergeKey, 'map'), ...deletions];
    const orderSame = isOrderSame(original, modified, mergeKey);
    let order: Json[] = [];
    if (options.setElementOrder
      && ((!options.ignoreChangesAndAdditions && (add.length > 0 || !orderSame)) || (!options.ignoreDeletions && add.length > 0))) {
      order = modified.map((v) => ({ [mergeKey]: asMap(v)[mergeKey] ?? null }));
    }
    return { add, del: [], order };
  }
  const { add, del } = diffListsOfScalars(original, modified, options);
  let order: Json[] = [];
  if (options.setElementOrder
    && ((!options.ignoreDeletions && del.length > 0) || (!options.ignoreChangesAndAdditions && !jsonEqual(original, modified)))) {
    order = modified;
  }
  return { add: sortByOrder(add, modified, '', 'scalar'), del, order };
}

function isOrderSame(original: Json[], modified: Json[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((v, i) => mergeKeyEqual(original[i] ?? null, v, mergeKey));
}

/** diffListsOfScalars: both lists sorted by %v text and walked side by side. */
function diffListsOfScalars(original: Json[], modified: Json[], options: DiffOptions): { add: Json[]; del: Json[] } {
  const o = sortScalars(original);
  const m = sortScalars(modified);
  const add: Json[] = [];
  const del: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const cmp = i >= o.length ? 1 : j >= m.length ? -1 : goStringCompare(goValue(o[i]), goValue(m[j]));
    if (cmp === 0) {
      i++;
      j++;
    } else if (cmp < 0) {
      if (!options.ignoreDeletions) del.push(o[i] ?? null);
      i++;
    } else {
      if (!options.ignoreChangesAndAdditions) add.push(m[j] ?? null);
      j++;
    }
  }
  return { add, del: dedupeScalars(del) };
}

/** sortMergeListsByNameArray without recursion: maps ordered by the %v text of their merge key. */
function sortByMergeKey(list: Json[], mergeKey: string): Json[] {
  sliceElementKind(list);
  return [...list].sort((x, y) => goStringCompare(goValue(asMap(x)[mergeKey]), goValue(asMap(y)[mergeKey])));
}

/** diffListsOfMaps: elements matched by merge key; matched ones diffed, new ones whole, gone ones `$patch: delete`. */
function diffListsOfMaps(original: Json[], modified: Json[], meta: FieldPatchMeta, options: DiffOptions): { changes: Json[]; deletions: Json[] } {
  const mergeKey = meta.mergeKey ?? '';
  const o = sortByMergeKey(original, mergeKey);
  const m = sortByMergeKey(modified, mergeKey);
  const changes: Json[] = [];
  const deletions: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const oe = i < o.length ? asMap(o[i]) : undefined;
    const me = j < m.length ? asMap(m[j]) : undefined;
    const ok = oe === undefined ? undefined : mergeKeyOf(oe, mergeKey);
    const mk = me === undefined ? undefined : mergeKeyOf(me, mergeKey);
    const cmp = oe === undefined ? 1 : me === undefined ? -1 : goStringCompare(goValue(ok), goValue(mk));
    if (cmp === 0 && oe && me) {
      const sub = diffMaps(oe, me, meta.type, options);
      if (Object.keys(sub).length > 0) {
        sub[mergeKey] = mk ?? null;
        changes.push(sub);
      }
      i++;
      j++;
    } else if (cmp > 0 && me) {
      if (!options.ignoreChangesAndAdditions) changes.push(me);
      j++;
    } else {
      if (!options.ignoreDeletions) deletions.push({ [mergeKey]: ok ?? null, [DIRECTIVE]: 'delete' });
      i++;
    }
  }
  return { changes, deletions };
}

// ---------------------------------------------------------------------------------------------------------
// Merging two patches (client side)

/**
 * mergeMap as CreateThreeWayMergePatch calls it: folds `patch` into `original`, both patches computed against
 * the same modified document. Directives are carried into the result rather than executed (parallel lists
 * are not merged) and nulls are kept. Both arguments are consumed (modified in place).
 */
export function mergePatches(original: JsonObject, patch: JsonObject, type: PatchTypeName | undefined): JsonObject {
  const directed = mapDirectiveResult(patch);
  if (directed) return directed;
  if (Object.hasOwn(patch, RETAIN_KEYS)) {
    const keys = patch[RETAIN_KEYS] ?? null;
    delete patch[RETAIN_KEYS];
    if (!Object.hasOwn(original, RETAIN_KEYS)) original[RETAIN_KEYS] = keys;
    else if (!jsonEqual(original[RETAIN_KEYS], keys)) {
      throw new StrategicPatchError(`${goValue(original[RETAIN_KEYS])} and ${goValue(keys)} are not deep equal: this may happen when calculating the 3-way diff patch`);
    }
  }
  mergeOrderedLists(original, patch, type, mergePatches, false);
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || value === null || !Object.hasOwn(original, key)) {
      setKey(original, key, value);
      continue;
    }
    const have = original[key] ?? null;
    if (goTypeName(have) !== goTypeName(value)) {
      setKey(original, key, value);
      continue;
    }
    const meta = lookupField(type, key);
    const { strategy } = splitStrategy(meta);
    if (isJsonObject(have) && isJsonObject(value)) {
      setKey(original, key, strategy === 'replace' ? value : mergePatches(have, value, meta.type));
    } else if (Array.isArray(have) && Array.isArray(value)) {
      setKey(original, key, strategy === 'merge' ? mergeSlice(have, value, meta, mergePatches) : value);
    } else {
      setKey(original, key, value);
    }
  }
  return original;
}

// ---------------------------------------------------------------------------------------------------------
// Conflicts (kubectl apply --overwrite=false)

/** MergingMapsHaveConflicts: whether the two patches set any key to different values. */
export function mergingMapsHaveConflicts(left: JsonObject, right: JsonObject, type: PatchTypeName | undefined): boolean {
  return fieldsConflict(left, right, type, {});
}

function fieldsConflict(left: Json, right: Json, type: PatchTypeName | undefined, meta: FieldPatchMeta): boolean {
  const { strategy } = splitStrategy(meta);
  if (isJsonObject(left)) {
    if (!isJsonObject(right)) return true;
    const l = Object.hasOwn(left, DIRECTIVE);
    const r = Object.hasOwn(right, DIRECTIVE);
    if ((l || r) && (l !== r || !sameScalar(left[DIRECTIVE], right[DIRECTIVE]))) return true;
    if (strategy === 'replace') return false;
    for (const [key, lv] of Object.entries(left)) {
      if (key === DIRECTIVE || key === RETAIN_KEYS || !Object.hasOwn(right, key)) continue;
      const fieldMeta = lookupField(type, key);
      if (fieldsConflict(lv, right[key] ?? null, fieldMeta.type, fieldMeta)) return true;
    }
    return false;
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return true;
    return listsConflict(left, right, type, meta, strategy);
  }
  return !jsonEqual(left, right);
}

/** slicesHaveConflicts */
function listsConflict(left: Json[], right: Json[], type: PatchTypeName | undefined, meta: FieldPatchMeta, strategy: string): boolean {
  const kind = sliceElementKind(left, right);
  if (strategy === 'merge') {
    if (kind !== 'map') return false;
    const byKey = (list: Json[]): Map<string, Json> => {
      const out = new Map<string, Json>();
      for (const v of list) {
        if (!isJsonObject(v)) throw new StrategicPatchError(`invalid element type in merging list:${goValue(list)}`);
        const key = meta.mergeKey ?? '';
        if (!Object.hasOwn(v, key)) throw new StrategicPatchError(`cannot find merge key \`${key}\` in merging list element:${goValue(v)}`);
        out.set(goValue(v[key]), v);
      }
      return out;
    };
    const l = byKey(left);
    const r = byKey(right);
    for (const [k, lv] of l) {
      const rv = r.get(k);
      if (rv !== undefined && fieldsConflict(lv, rv, type, {})) return true;
    }
    return false;
  }
  if (left.length !== right.length) return true;
  const a = kind === 'map' ? left : sortScalars(dedupeScalars(left));
  const b = kind === 'map' ? right : sortScalars(dedupeScalars(right));
  return a.some((v, i) => fieldsConflict(v, b[i] ?? null, type, {}));
}
