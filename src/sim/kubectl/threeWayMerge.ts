// The patch `kubectl apply` sends when the object exists: a three-way diff of the last-applied configuration
// (original), the file (modified) and the live object (current).
// models staging/src/k8s.io/kubectl/pkg/cmd/apply/patcher.go (patchSimple) over
// staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (CreateThreeWayMergePatch) and
// staging/src/k8s.io/apimachinery/pkg/util/jsonmergepatch/patch.go (CreateThreeWayJSONMergePatch).
import type { GroupVersionKind, Json } from '../api/types.ts';
import { cloneJson, isJsonObject, jsonEqual, setKey, type JsonObject } from '../apiserver/patch/jsonValue.ts';
import { rootTypeOf } from '../apiserver/patch/patchMeta.ts';
import { StrategicPatchError } from '../apiserver/patch/strategicCommon.ts';
import { goStringCompare } from './goJson.ts';
import { toGoYaml } from './goYaml.ts';
import { diffMaps, mergePatches, mergingMapsHaveConflicts } from './strategicDiff.ts';

export { StrategicPatchError } from '../apiserver/patch/strategicCommon.ts';

export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';

export interface ApplyPatch {
  contentType: typeof STRATEGIC_MERGE_PATCH | typeof MERGE_PATCH;
  /** Object keys sorted at every level, so that JSON.stringify writes the bytes Go's json.Marshal writes. */
  patch: JsonObject;
}

export interface ThreeWayOptions {
  /** kubectl apply --overwrite (default true); when false, changes made on the server since the last apply conflict. */
  overwrite?: boolean;
}

/**
 * The groups whose kinds kubectl's own scheme knows, and so patches strategically; anything else (a custom
 * resource) gets a JSON merge patch. Every kind this apiserver serves is built in.
 */
function isBuiltInGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

/**
 * What kubectl sends for `apply` of `modified` over `current`, given the last-applied `original` (undefined when
 * the live object has no annotation). An empty `patch` means "unchanged": kubectl sends nothing.
 * Throws StrategicPatchError when the library fails (e.g. a merge-list element without its merge key), and, with
 * overwrite false, for a conflict, with mergepatch.ErrConflict's text.
 */
export function threeWayMergePatch(
  original: Json | undefined, modified: JsonObject, current: Json | undefined,
  kind: Pick<GroupVersionKind, 'group' | 'kind'>, options: ThreeWayOptions = {},
): ApplyPatch {
  const orig = isJsonObject(original) ? cloneJson(original) : {};
  const mod = cloneJson(modified);
  const live = isJsonObject(current) ? cloneJson(current) : {};
  if (!isBuiltInGroup(kind.group)) return { contentType: MERGE_PATCH, patch: sortKeys(threeWayJsonMergePatch(orig, mod, live)) };
  const type = rootTypeOf(kind);
  // The patch is the change from current to modified without deletions, plus the deletions from original to
  // modified: the first folded into the second.
  const delta = diffMaps(live, mod, type, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(orig, mod, type, { ignoreChangesAndAdditions: true, setElementOrder: true });
  const patch = mergePatches(deletions, delta, type);
  if (options.overwrite === false) {
    const changed = diffMaps(orig, live, type, {});
    if (mergingMapsHaveConflicts(patch, changed, type)) {
      throw new StrategicPatchError(`patch:\n${toGoYaml(patch)}\nconflicts with changes made from original to current:\n${toGoYaml(changed)}\n`);
    }
  }
  return { contentType: STRATEGIC_MERGE_PATCH, patch: sortKeys(patch) };
}

/**
 * The JSON merge patch for kinds kubectl has no Go type for: fields to delete (in original, gone from modified,
 * still live) as nulls, merged with the fields whose modified value differs from the live one; lists are replaced.
 * Simplified: upstream's preconditions (apiVersion, kind and name unchanged) are not checked.
 */
export function threeWayJsonMergePatch(original: Json | undefined, modified: JsonObject, current: Json | undefined): JsonObject {
  const patch: JsonObject = {};
  const orig = isJsonObject(original) ? original : {};
  const live = isJsonObject(current) ? current : {};
  for (const key of Object.keys(orig)) {
    if (!Object.hasOwn(modified, key) && Object.hasOwn(live, key)) patch[key] = null;
  }
  for (const [key, want] of Object.entries(modified)) {
    const have = live[key];
    if (isJsonObject(want) && isJsonObject(have)) {
      const sub = threeWayJsonMergePatch(orig[key], want, have);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!jsonEqual(want, have)) {
      patch[key] = want;
    }
  }
  return patch;
}

/** A copy with object keys in Go's map order (bytewise), as json.Marshal writes a map[string]interface{}. */
function sortKeys<T extends Json>(v: T): T {
  if (Array.isArray(v)) return v.map((e) => sortKeys(e)) as T;
  if (!isJsonObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort(goStringCompare)) setKey(out, k, sortKeys(v[k] ?? null));
  return out as T;
}
