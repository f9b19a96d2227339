// How Go prints the values that Kubernetes' error texts embed: strconv.Quote (%q), fmt's %#v of the bad values
// field.Error carries, fmt's %v of decoded JSON, reflect/encoding-json type names, and utilerrors' aggregate text.
import { GoValue } from './field.ts';
import type { Json } from './types.ts';

// ---- strings: %q ----

/** strconv.Quote: what %q and %#v print for a Go string (double quotes, Go escapes for control characters). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\n': out += '\\n'; break;
      case '\t': out += '\\t'; break;
      case '\r': out += '\\r'; break;
      case '\x07': out += '\\a'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\v': out += '\\v'; break;
      default:
        out += code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : ch;
    }
  }
  return out + '"';
}

/** fmt.Sprintf("%q", []string{...}): `["a" "b"]` (a nil slice prints `[]`). */
export function goQuoteList(values: readonly string[] | undefined): string {
  return `[${(values ?? []).map(goQuote).join(' ')}]`;
}

// ---- %#v of field.Error bad values ----

/** %#v of a map[string]string: keys sorted, `map[string]string{"a":"1", "b":"2"}`; a nil map prints `(nil)`. */
export function goStringMap(m: Record<string, string> | undefined | null, typeName = 'map[string]string'): GoValue {
  if (m === undefined || m === null) return new GoValue(`${typeName}(nil)`);
  const entries = Object.keys(m).sort().map((k) => `${goQuote(k)}:${goQuote(m[k] ?? '')}`);
  return new GoValue(`${typeName}{${entries.join(', ')}}`);
}

/** %#v of a []string (or a named string slice type): `[]string{"a", "b"}`, nil as `[]string(nil)`. */
export function goStringSlice(values: readonly string[] | undefined | null, typeName = '[]string'): GoValue {
  if (values === undefined || values === null) return new GoValue(`${typeName}(nil)`);
  return new GoValue(`${typeName}{${values.map(goQuote).join(', ')}}`);
}

/** %#v of a struct whose fields are already rendered: `rbac.RoleRef{APIGroup:"x", Kind:"Role", Name:"y"}`. */
export function goStruct(typeName: string, fields: [string, string][]): GoValue {
  return new GoValue(`${typeName}{${fields.map(([k, v]) => `${k}:${v}`).join(', ')}}`);
}

/** A value printed through its String() method, unquoted (resource.Quantity, intstr.IntOrString). */
export function goStringer(text: string): GoValue {
  return new GoValue(text);
}

// ---- %v and type names of decoded JSON (patch errors) ----

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

/**
 * Go's fmt %v of a value decoded from JSON (integers arrive as int64 on the server, other numbers as float64),
 * e.g. "map: map[image:nginx] does not contain declared merge key: name". Strings print bare, unlike goQuote.
 */
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

// ---- error aggregates ----

/** utilerrors.NewAggregate(errs).Error(): one message alone, several de-duplicated as "[a, b]"; none is "". */
export function aggregateErrorMessage(messages: readonly string[]): string {
  if (messages.length === 0) return '';
  if (messages.length === 1) return messages[0] ?? '';
  const seen = [...new Set(messages)];
  return seen.length === 1 ? (seen[0] ?? '') : `[${seen.join(', ')}]`;
}
