// The patch `kubectl apply` sends when the object exists: a three-way diff of the last-applied configuration
// (original), the file (modified) and the live object (current).
// models staging/src/k8s.io/apimachinery/pkg/util/jsonmergepatch/patch.go (CreateThreeWayJSONMergePatch).
// Simplified: kubectl builds a strategic merge patch for built-in kinds (lists merged by their patchMergeKey,
// `$setElementOrder`/`$retainKeys` directives); this computes a JSON merge patch, in which lists are replaced whole.
import type { Json } from '../api/types.ts';

type JsonObject = { [key: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Fields to delete (in original, gone from modified, still live) as nulls, merged with the fields whose
 * modified value differs from the live one. `{}` means the live object already matches: "unchanged".
 */
export function threeWayMergePatch(original: Json | undefined, modified: JsonObject, current: Json | undefined): JsonObject {
  const patch: JsonObject = {};
  const orig = isObject(original) ? original : {};
  const live = isObject(current) ? current : {};
  for (const key of Object.keys(orig)) {
    if (!(key in modified) && key in live) patch[key] = null;
  }
  for (const [key, want] of Object.entries(modified)) {
    const have = live[key];
    if (isObject(want) && isObject(have)) {
      const sub = threeWayMergePatch(orig[key], want, have);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!jsonEqual(want, have)) {
      patch[key] = want;
    }
  }
  return patch;
}
