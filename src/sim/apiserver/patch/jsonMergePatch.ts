// RFC 7386 JSON merge patch as the apiserver applies `application/merge-patch+json`:
// models gopkg.in/evanphx/json-patch.v4 merge.go (MergePatch, CreateMergePatch), quirks included.
import type { Json } from '../../api/types.ts';
import { patchErrors } from './patchErrors.ts';
import { cloneJson, isJsonObject, jsonEqual, type JsonObject } from './jsonValue.ts';

/** Removes null members of objects and null elements of arrays, recursively (pruneNulls). */
function pruneNulls(v: Json): Json {
  if (Array.isArray(v)) return v.filter((e) => e !== null).map(pruneNulls);
  if (isJsonObject(v)) {
    for (const k of Object.keys(v)) {
      const e = v[k];
      if (e === null || e === undefined) delete v[k];
      else v[k] = pruneNulls(e);
    }
  }
  return v;
}

function mergeInto(doc: JsonObject, patch: JsonObject): void {
  for (const [k, pv] of Object.entries(patch)) {
    if (pv === null) {
      delete doc[k];
      continue;
    }
    const cur = doc[k];
    if (!isJsonObject(cur)) {
      // Absent or not an object: the patch value replaces it, its nulls pruned.
      doc[k] = pruneNulls(pv);
    } else if (!isJsonObject(pv)) {
      // An object replaced by a non-object keeps the patch value as sent (v4 prunes nothing here).
      doc[k] = pv;
    } else {
      mergeInto(cur, pv);
    }
  }
}

/**
 * Applies a JSON merge patch; does not modify its arguments.
 * A patch that is null or a scalar is rejected like ErrBadJSONPatch (400 "Invalid JSON Patch"); an array patch
 * replaces the document (the caller's decode into the kind then fails).
 */
export function applyMergePatch(original: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object') throw patchErrors.badRequest('Invalid JSON Patch');
  if (original === null) throw patchErrors.unknown('Invalid JSON Document');
  const p = cloneJson(patch);
  if (Array.isArray(p) || !isJsonObject(original)) return pruneNulls(p);
  const doc = cloneJson(original);
  mergeInto(doc, p);
  return doc;
}

/**
 * The merge patch that turns `original` into `modified` (jsonpatch.CreateMergePatch, as `kubectl label`,
 * `annotate` and `scale` compute their bodies): changed or added members as in `modified`, removed ones as null,
 * arrays replaced whole.
 */
export function createMergePatch(original: JsonObject, modified: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, bv] of Object.entries(modified)) {
    if (!Object.hasOwn(original, k)) {
      out[k] = cloneJson(bv);
      continue;
    }
    const av = original[k] ?? null;
    if (isJsonObject(av) && isJsonObject(bv)) {
      const sub = createMergePatch(av, bv);
      if (Object.keys(sub).length > 0) out[k] = sub;
    } else if (!jsonEqual(av, bv)) {
      out[k] = cloneJson(bv);
    }
  }
  for (const k of Object.keys(original)) {
    if (!Object.hasOwn(modified, k)) out[k] = null;
  }
  return out;
}
