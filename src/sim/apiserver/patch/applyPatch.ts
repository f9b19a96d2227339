// The patch mechanisms of handlers/patch.go, chosen by the request's Content-Type.
import type { GroupVersionKind, Json } from '../../api/types.ts';
import { applyJsonPatch } from './jsonPatch.ts';
import { applyMergePatch } from './jsonMergePatch.ts';
import { applyStrategicMergePatch } from './strategicMergePatch.ts';

/** types.PatchType values; server-side apply (`application/apply-patch+yaml`) is not handled here. */
export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
} as const;

export type PatchType = (typeof PATCH_TYPES)[keyof typeof PATCH_TYPES];

export function isPatchType(contentType: string): contentType is PatchType {
  return (Object.values(PATCH_TYPES) as string[]).includes(contentType);
}

/**
 * Applies a decoded PATCH body to the current object (as served in `kind`'s version); throws PatchError with the
 * apiserver's Status on failure. The caller still decodes the result into the kind, defaults and validates it.
 */
export function applyPatch(patchType: PatchType, current: Json, body: Json, kind: GroupVersionKind): Json {
  switch (patchType) {
    case PATCH_TYPES.json:
      return applyJsonPatch(current, body);
    case PATCH_TYPES.merge:
      return applyMergePatch(current, body);
    case PATCH_TYPES.strategic:
      return applyStrategicMergePatch(current, body, kind);
  }
}
