// RFC 6902 JSON patch as the apiserver applies `application/json-patch+json`:
// models gopkg.in/evanphx/json-patch.v4 patch.go (DecodePatch, Apply) and its error texts, quirks included:
// "replace" of a missing object member adds it, "copy" from a missing member copies null, negative array indices
// count from the end, and "test" of an object passes when the live object's members are a subset of the value's.
import type { Json } from '../../api/types.ts';
import { goJsonKind } from '../../api/goFormat.ts';
import { patchErrors } from './patchErrors.ts';
import { cloneJson, isJsonObject, setKey, type JsonObject } from './jsonValue.ts';

/** maxJSONPatchOperations in handlers/patch.go. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

/** One operation as decoded: a JSON object whose op/path/from/value members are read when applied. */
export type JsonPatchOperation = JsonObject;

/** A failure inside the library; its text becomes PatchError.detail. */
class OpError extends Error {}

type Container = Json[] | JsonObject;

const missing = 'missing value';
const invalidIndex = 'invalid index referenced';

/**
 * Decodes a request body into operations (jsonpatch.DecodePatch), rejecting what the apiserver rejects before
 * applying anything: a body that is not an array, an element that is not an object (400), more than 10000 ops (413).
 */
export function decodeJsonPatch(body: Json): JsonPatchOperation[] {
  if (body === null) return [];
  if (!Array.isArray(body)) {
    throw patchErrors.badRequest(`json: cannot unmarshal ${goJsonKind(body)} into Go value of type jsonpatch.Patch`);
  }
  const ops: JsonPatchOperation[] = [];
  for (const e of body) {
    if (e === null) ops.push({});
    else if (isJsonObject(e)) ops.push(e);
    else throw patchErrors.badRequest(`json: cannot unmarshal ${goJsonKind(e)} into Go value of type jsonpatch.Operation`);
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) throw patchErrors.tooManyOperations(MAX_JSON_PATCH_OPERATIONS, ops.length);
  return ops;
}

/** RFC 6901 unescaping of one reference token. */
function decodeKey(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** strconv.Atoi: an optional sign and decimal digits, or its error text. */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new OpError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

/** The value at key, or undefined for an absent object member; throws for an unusable array index. */
function get(con: Container, key: string): Json | undefined {
  if (!Array.isArray(con)) return Object.hasOwn(con, key) ? con[key] : undefined;
  const idx = atoi(key);
  if (idx >= con.length || idx < 0) throw new OpError(`Unable to access invalid index: ${idx}: ${invalidIndex}`);
  return con[idx];
}

function add(con: Container, key: string, value: Json): void {
  if (!Array.isArray(con)) {
    setKey(con, key, value);
    return;
  }
  if (key === '-') {
    con.push(value);
    return;
  }
  let idx: number;
  try {
    idx = atoi(key);
  } catch (e) {
    throw new OpError(`value was not a proper array index: '${key}': ${(e as Error).message}`);
  }
  const size = con.length + 1;
  if (idx >= size || idx < -size) throw new OpError(`Unable to access invalid index: ${idx}: ${invalidIndex}`);
  con.splice(idx < 0 ? idx + size : idx, 0, value);
}

function remove(con: Container, key: string): void {
  if (!Array.isArray(con)) {
    if (!Object.hasOwn(con, key)) throw new OpError(`Unable to remove nonexistent key: ${key}: ${missing}`);
    delete con[key];
    return;
  }
  const idx = atoi(key);
  if (idx >= con.length || idx < -con.length) throw new OpError(`Unable to access invalid index: ${idx}: ${invalidIndex}`);
  con.splice(idx < 0 ? idx + con.length : idx, 1);
}

/** The container holding the last token of `path`, and that token; undefined when the path does not lead anywhere. */
function findObject(root: Container, path: string): { con: Container; key: string } | undefined {
  const tokens = path.split('/');
  if (tokens.length < 2) return undefined;
  let con: Container = root;
  // Upstream skips the first token unconditionally, so "a/b" is read as "/b".
  for (const token of tokens.slice(1, -1)) {
    let next: Json | undefined;
    try {
      next = get(con, decodeKey(token));
    } catch {
      return undefined;
    }
    if (Array.isArray(next) || isJsonObject(next)) con = next;
    else return undefined;
  }
  return { con, key: decodeKey(tokens[tokens.length - 1] ?? '') };
}

function stringField(op: JsonPatchOperation, name: 'path' | 'from'): string | undefined {
  const v = op[name];
  return typeof v === 'string' ? v : undefined;
}

/** lazyNode.equal: arrays element-wise; objects pass when every member of `live` is in `want` and equal. */
function testEqual(live: Json, want: Json): boolean {
  if (Array.isArray(live)) {
    return Array.isArray(want) && live.length === want.length && live.every((e, i) => testEqual(e, want[i] ?? null));
  }
  if (isJsonObject(live)) {
    if (!isJsonObject(want)) return false;
    return Object.entries(live).every(([k, v]) => Object.hasOwn(want, k) && testEqual(v, want[k] ?? null));
  }
  return JSON.stringify(live) === JSON.stringify(want);
}

function applyOperation(root: Container, op: JsonPatchOperation): void {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  const value: Json = op.value ?? null;
  switch (kind) {
    case 'add': {
      const path = stringField(op, 'path');
      if (path === undefined) throw new OpError(`add operation failed to decode path: ${missing}`);
      const at = findObject(root, path);
      if (!at) throw new OpError(`add operation does not apply: doc is missing path: "${path}": ${missing}`);
      try {
        add(at.con, at.key, cloneJson(value));
      } catch (e) {
        throw new OpError(`error in add for path: '${path}': ${(e as Error).message}`);
      }
      return;
    }
    case 'remove': {
      const path = stringField(op, 'path');
      if (path === undefined) throw new OpError(`remove operation failed to decode path: ${missing}`);
      const at = findObject(root, path);
      if (!at) throw new OpError(`remove operation does not apply: doc is missing path: "${path}": ${missing}`);
      try {
        remove(at.con, at.key);
      } catch (e) {
        throw new OpError(`error in remove for path: '${path}': ${(e as Error).message}`);
      }
      return;
    }
    case 'replace': {
      const path = stringField(op, 'path');
      if (path === undefined) throw new OpError(`replace operation failed to decode path: operation missing path field: ${missing}`);
      const at = findObject(root, path);
      if (!at) throw new OpError(`replace operation does not apply: doc is missing path: ${path}: ${missing}`);
      try {
        get(at.con, at.key);
      } catch {
        throw new OpError(`replace operation does not apply: doc is missing key: ${path}: ${missing}`);
      }
      if (Array.isArray(at.con)) at.con[Number(at.key)] = cloneJson(value);
      else setKey(at.con, at.key, cloneJson(value));
      return;
    }
    case 'move': {
      const from = stringField(op, 'from');
      if (from === undefined) throw new OpError(`move operation failed to decode from: operation, missing from field: ${missing}`);
      const src = findObject(root, from);
      if (!src) throw new OpError(`move operation does not apply: doc is missing from path: ${from}: ${missing}`);
      let moved: Json;
      try {
        moved = get(src.con, src.key) ?? null;
        remove(src.con, src.key);
      } catch (e) {
        throw new OpError(`error in move for path: '${src.key}': ${(e as Error).message}`);
      }
      const path = stringField(op, 'path');
      if (path === undefined) throw new OpError(`move operation failed to decode path: operation missing path field: ${missing}`);
      const dst = findObject(root, path);
      if (!dst) throw new OpError(`move operation does not apply: doc is missing destination path: ${path}: ${missing}`);
      try {
        add(dst.con, dst.key, moved);
      } catch (e) {
        throw new OpError(`error in move for path: '${path}': ${(e as Error).message}`);
      }
      return;
    }
    case 'copy': {
      const from = stringField(op, 'from');
      if (from === undefined) throw new OpError(`copy operation failed to decode from: operation, missing from field: ${missing}`);
      const src = findObject(root, from);
      if (!src) throw new OpError(`copy operation does not apply: doc is missing from path: ${from}: ${missing}`);
      let copied: Json;
      try {
        copied = cloneJson(get(src.con, src.key) ?? null);
      } catch (e) {
        throw new OpError(`error in copy for from: '${from}': ${(e as Error).message}`);
      }
      const path = stringField(op, 'path');
      if (path === undefined) throw new OpError(`copy operation failed to decode path: ${missing}`);
      const dst = findObject(root, path);
      if (!dst) throw new OpError(`copy operation does not apply: doc is missing destination path: ${path}: ${missing}`);
      try {
        add(dst.con, dst.key, copied);
      } catch (e) {
        throw new OpError(`error while adding value during copy: ${(e as Error).message}`);
      }
      return;
    }
    case 'test': {
      const path = stringField(op, 'path');
      if (path === undefined) throw new OpError(`test operation failed to decode path: operation missing path field: ${missing}`);
      const at = findObject(root, path);
      if (!at) throw new OpError(`test operation does not apply: is missing path: ${path}: ${missing}`);
      let live: Json | undefined;
      try {
        live = get(at.con, at.key);
      } catch (e) {
        throw new OpError(`error in test for path: '${path}': ${(e as Error).message}`);
      }
      const failed = new OpError(`testing value ${path} failed: test failed`);
      if (live === undefined) {
        if (value === null) return;
        throw failed;
      }
      if (!Object.hasOwn(op, 'value') || !testEqual(live, value)) throw failed;
      return;
    }
    default:
      throw new OpError(`Unexpected kind: ${kind}`);
  }
}

/**
 * Applies a JSON patch body (the decoded request body, an array of operations) to `original`; does not modify its
 * arguments. Failures while applying throw PatchError 422 with the generic message the apiserver sends and the
 * library's text in `detail`; a malformed body throws what decodeJsonPatch throws.
 */
export function applyJsonPatch(original: Json, body: Json): Json {
  const ops = decodeJsonPatch(body);
  if (!Array.isArray(original) && !isJsonObject(original)) {
    throw patchErrors.unknown(`json: cannot unmarshal ${goJsonKind(original)} into Go value of type jsonpatch.partialDoc`);
  }
  const doc = cloneJson(original);
  for (const op of ops) {
    try {
      applyOperation(doc, op);
    } catch (e) {
      if (e instanceof OpError) throw patchErrors.unprocessable(e.message);
      throw e;
    }
  }
  return doc;
}
