// The RFC 6902 patch that turns one JSON value into another: how the UI shows what an admission plugin changed.
import type { Json, JsonPatchOpLike } from './jsonTypes.ts';

const escape = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');

function isObject(v: unknown): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep equality of JSON values (key order ignored, as JSON objects are unordered). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

export function jsonDiff(before: unknown, after: unknown, path = ''): JsonPatchOpLike[] {
  if (jsonEqual(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const ops: JsonPatchOpLike[] = [];
    for (const k of Object.keys(before)) {
      if (!(k in after)) ops.push({ op: 'remove', path: `${path}/${escape(k)}` });
    }
    for (const [k, v] of Object.entries(after)) {
      if (!(k in before)) ops.push({ op: 'add', path: `${path}/${escape(k)}`, value: v });
      else ops.push(...jsonDiff(before[k], v, `${path}/${escape(k)}`));
    }
    return ops;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => jsonDiff(b, after[i], `${path}/${i}`));
  }
  if (Array.isArray(before) && Array.isArray(after) && after.length > before.length
    && before.every((b, i) => jsonEqual(b, after[i]))) {
    return after.slice(before.length).map((v) => ({ op: 'add' as const, path: `${path}/-`, value: v as Json }));
  }
  if (before === undefined) return [{ op: 'add', path, value: after as Json }];
  if (after === undefined) return [{ op: 'remove', path }];
  return [{ op: 'replace', path, value: after as Json }];
}
