// JSON text as Go's encoding/json writes it: json.MarshalIndent layout ("{}" and "[]" when empty), HTML-safe string
// escaping (<, >, & as \u003c, \u003e, \u0026; U+2028/U+2029 escaped), and, for maps (kubectl's unstructured
// objects), keys in sorted order. models encoding/json encode.go (appendString, mapEncoder) and indent.go.
import type { Json } from '../api/types.ts';

export interface GoJsonOptions {
  /** One level of indentation ("" = compact, as json.Marshal). */
  indent: string;
  /** Sort object keys (a Go map); false keeps the order given (a Go struct's field order). */
  sortKeys: boolean;
}

export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function goJson(value: Json, opts: GoJsonOptions): string {
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
    if (opts.sortKeys) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (keys.length === 0) return '{}';
    return `{${nl}${keys.map((k) => `${pad}${goJsonString(k)}${sep}${walk(v[k] as Json, depth + 1)}`).join(`,${nl}`)}${nl}${end}}`;
  };
  return walk(value, 0);
}
