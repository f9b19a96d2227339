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

function goString(s: string): string {
  return JSON.stringify(s).replace(HTML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * json.Marshal of a map[string]interface{}: object keys in byte order at every level, strings with Go's escapes.
 * JSON.stringify already matches Go for control characters (\b \f \n \r \t short, the rest \u00xx).
 */
export function goJson(value: Json): string {
  if (typeof value === 'string') return goString(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort(goStringCompare);
    return `{${keys.map((k) => `${goString(k)}:${goJson(value[k] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
