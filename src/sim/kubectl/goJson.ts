// The bytes Go's encoding/json (json.Marshal) writes for decoded JSON, as kubectl sends and stores it.
import type { Json } from '../api/types.ts';

/** Byte order of the UTF-8 encodings, which is code point order (Go compares strings bytewise). */
export function goStringCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n;) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(i) ?? 0;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

// json.Marshal escapes these for embedding in HTML (and U+2028/U+2029 for JavaScript); JSON.stringify writes them raw.
const HTML_UNSAFE = /[&<>\u2028\u2029]/g;

export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(HTML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface GoJsonOptions {
  /** One level of indentation, as json.MarshalIndent takes it ("" = compact, as json.Marshal). */
  indent: string;
  /** Sort object keys in byte order (a Go map, e.g. kubectl's unstructured objects); false keeps a struct's order. */
  sortKeys: boolean;
}

const MARSHAL: GoJsonOptions = { indent: '', sortKeys: true };

/**
 * What Go's encoding/json writes: by default json.Marshal of a map[string]interface{} (kubectl's request bodies and
 * last-applied annotation); with `indent`, json.MarshalIndent ("{}" and "[]" when empty).
 * JSON.stringify already matches Go for control characters (\b \f \n \r \t short, the rest \u00xx).
 */
export function goJson(value: Json, opts: GoJsonOptions = MARSHAL): string {
  const nl = opts.indent === '' ? '' : '\n';
  const sep = opts.indent === '' ? ':' : ': ';
  const walk = (v: Json, depth: number): string => {
    if (v === null) return 'null';
    if (typeof v === 'string') return goJsonString(v);
    if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
    const pad = opts.indent.repeat(depth + 1);
    const end = opts.indent.repeat(depth);
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${nl}${v.map((x) => pad + walk(x, depth + 1)).join(`,${nl}`)}${nl}${end}]`;
    }
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (opts.sortKeys) keys.sort(goStringCompare);
    if (keys.length === 0) return '{}';
    return `{${nl}${keys.map((k) => `${pad}${goJsonString(k)}${sep}${walk(v[k] as Json, depth + 1)}`).join(`,${nl}`)}${nl}${end}}`;
  };
  return walk(value, 0);
}
