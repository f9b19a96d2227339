// Go's fmt output for the bad values that field.Error prints with %#v (maps, slices, structs) or String().
import { GoValue } from '../../api/field.ts';

/** strconv.Quote: what %q and %#v print for a Go string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** %#v of a map[string]string: keys sorted, `map[string]string{"a":"1", "b":"2"}`; a nil map prints `(nil)`. */
export function goStringMap(m: Record<string, string> | undefined | null, typeName = 'map[string]string'): GoValue {
  if (m === undefined || m === null) return new GoValue(`${typeName}(nil)`);
  const entries = Object.keys(m).sort().map((k) => `${goQuote(k)}:${goQuote(m[k] ?? '')}`);
  return new GoValue(`${typeName}{${entries.join(', ')}}`);
}

/** %#v of a []string (or a named string slice type). */
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
