// How Go prints the decoded JSON values that patch errors quote: fmt's %v, reflect type names, encoding/json kinds.
// Upstream error texts embed these (e.g. "map: map[image:nginx] does not contain declared merge key: name").
import type { Json } from '../../api/types.ts';

/** A float as strconv.FormatFloat(f, 'g', -1, 64) writes it, which is what %v uses for float64. */
function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa = '', expText = '0'] = n.toExponential().split('e');
  const exp = Number(expText);
  // strconv's shortest 'g' switches to an exponent below 1e-4 and from 1e6 (e.g. 1.5e+06).
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const abs = Math.abs(exp);
    return `${mantissa}e${sign}${abs < 10 ? '0' : ''}${abs}`;
  }
  return String(n);
}

/** Go's fmt %v of a value decoded from JSON (integers arrive as int64 on the server, other numbers as float64). */
export function goValue(v: Json | undefined): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  const keys = Object.keys(v).sort();
  return `map[${keys.map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
}

/** reflect.TypeOf(v).String() for a decoded JSON value, as mergepatch.ErrBadArgType prints it. */
export function goTypeName(v: Json | undefined): string {
  if (v === undefined || v === null) return '%!s(<nil>)';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** The JSON kind encoding/json names in "json: cannot unmarshal <kind> into Go value of type …". */
export function goJsonKind(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  return Array.isArray(v) ? 'array' : 'object';
}
