// Strategic merge patch as the apiserver applies `application/strategic-merge-patch+json`:
// models k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (StrategicMergeMapPatch with MergeParallelList and
// IgnoreUnmatchedNulls) and the error mapping of handlers/patch.go interpretStrategicMergePatchError.
import type { GroupVersionKind, Json } from '../../api/types.ts';
import { goJsonKind, goTypeName } from '../../api/goFormat.ts';
import { patchErrors, type PatchError } from './patchErrors.ts';
import { cloneJson, isJsonObject, type JsonObject } from './jsonValue.ts';
import {
  DELETE_FROM_PRIMITIVE_LIST, DIRECTIVE, errBadPatchFormatForRetainKeys, extractKey, mapDirectiveResult, mergeOrderedLists,
  mergeSlice, RETAIN_KEYS, SET_ELEMENT_ORDER, splitStrategy, StrategicPatchError,
} from './strategicCommon.ts';
import { lookupField, rootTypeOf, type FieldPatchMeta, type PatchTypeName } from './patchMeta.ts';

function mergeList(original: Json[], patch: Json[], meta: FieldPatchMeta, isDeleteList: boolean): Json[] {
  // extractRetainKeysPatchStrategy: retainKeys only shapes the patches clients compute.
  return splitStrategy(meta).strategy === 'merge' ? mergeSlice(original, patch, meta, mergeMap, isDeleteList) : patch;
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

/** mergeMap: merges `patch` into `original` (both owned by the caller and modified) and returns the result. */
function mergeMap(original: JsonObject, patch: JsonObject, type: PatchTypeName | undefined): JsonObject {
  const directed = mapDirectiveResult(patch);
  if (directed) return directed;
  applyRetainKeys(original, patch);
  mergeOrderedLists(original, patch, type, mergeMap, true);

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
      original[key] = splitStrategy(meta).strategy === 'replace' ? patchValue : mergeMap(live, patchValue, meta.type);
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

function toPatchError(e: StrategicPatchError): PatchError {
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
    if (e instanceof StrategicPatchError) throw toPatchError(e);
    throw e;
  }
}
