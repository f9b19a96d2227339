// Request bodies: JSON, or YAML (application/yaml), with the apiserver's 400 texts for malformed input, and the
// Go decoder's type errors for values that do not fit the kind's fields.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { errors } from '../api/status.ts';
import { openApiDocument, schemaForKind } from '../openapi/schema.ts';

export function parseYamlOrJson(text: string, yaml: boolean): unknown {
  if (yaml) {
    try {
      return parseYaml(text, { uniqueKeys: true, logLevel: 'error' });
    } catch (e) {
      if (e instanceof YAMLParseError) {
        const pos = e.linePos?.[0];
        throw errors.badRequest(`error converting YAML to JSON: yaml: line ${pos?.line ?? 0}: ${e.message.split('\n')[0] ?? ''}`);
      }
      throw errors.badRequest(String(e));
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw errors.badRequest(`couldn't get version/kind; json parse error: ${goJsonError(msg)}`);
  }
}

/** Turns a JS JSON.parse message into the wording of Go's encoding/json where it can. */
function goJsonError(msg: string): string {
  const m = /Unexpected token '?(.)'?/.exec(msg);
  if (m) return `invalid character '${m[1] ?? ''}' looking for beginning of value`;
  if (/Unexpected end of JSON input/.test(msg)) return 'unexpected end of JSON input';
  return msg;
}

// ---- typed decoding ------------------------------------------------------------------------------------------
// models encoding/json's UnmarshalTypeError as the apiserver's decoder (sigs.k8s.io/json) reports it when a JSON
// value does not fit the Go field: `json: cannot unmarshal string into Go struct field PodSpec.spec.containers of
// type []v1.Container`. The field path lists struct fields from the root (no indices, no map keys); the struct is
// the innermost one. Custom unmarshalers (IntOrString, Quantity, Time) are modelled by the types they accept only.
// A JSON null leaves Go's zero value: the field is dropped, an array element or map value becomes the zero value.
// A required (non-omitempty) string, integer or boolean field that is absent gets its zero value, as the object
// re-encoded from the Go struct carries it (`"key": ""`); absent required slices, maps and structs stay absent.

type Schema = { readonly [key: string]: unknown };
type SchemaMap = Record<string, Schema>;

const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function refName(schema: Schema): string | undefined {
  let ref = schema['$ref'];
  const allOf = schema['allOf'];
  if (typeof ref !== 'string' && Array.isArray(allOf) && allOf.length === 1) ref = (allOf[0] as Schema)['$ref'];
  return typeof ref === 'string' ? ref.slice(ref.lastIndexOf('/') + 1) : undefined;
}

/** `io.k8s.api.core.v1.Container` → `v1.Container`, as reflect prints a named type. */
function goName(ref: string): string {
  const parts = ref.split('.');
  return parts.slice(-2).join('.');
}

function goTypeOf(schemas: SchemaMap, schema: Schema): string {
  const ref = refName(schema);
  if (ref !== undefined) return goName(ref);
  const type = schema['type'];
  if (type === 'array') return `[]${goTypeOf(schemas, (schema['items'] ?? {}) as Schema)}`;
  if (type === 'object' && schema['additionalProperties'] && typeof schema['additionalProperties'] === 'object') {
    return `map[string]${goTypeOf(schemas, schema['additionalProperties'] as Schema)}`;
  }
  if (type === 'integer') return schema['format'] === 'int32' ? 'int32' : 'int64';
  if (type === 'number') return 'float64';
  if (type === 'boolean') return 'bool';
  if (type === 'string') return 'string';
  return 'interface {}';
}

function jsonTypeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  return 'string';
}

interface Ctx { schemas: SchemaMap; struct: string; fields: string[] }

function typeError(ctx: Ctx, value: unknown, goType: string): string {
  const where = ctx.fields.length === 0 ? `Go value of type ${goType}` : `Go struct field ${ctx.struct}.${ctx.fields.join('.')} of type ${goType}`;
  const what = typeof value === 'number' && !Number.isInteger(value) ? `number ${String(value)}` : jsonTypeOf(value);
  return `json: cannot unmarshal ${what} into ${where}`;
}

function isIntIn(v: number, bits: 32 | 64): boolean {
  if (!Number.isInteger(v)) return false;
  return bits === 32 ? v >= -(2 ** 31) && v < 2 ** 31 : Number.isSafeInteger(v) || Math.abs(v) < 2 ** 63;
}

function fillRequiredScalars(schemas: SchemaMap, struct: Schema, obj: Record<string, unknown>): void {
  const required = struct['required'];
  const properties = (struct['properties'] ?? {}) as SchemaMap;
  if (!Array.isArray(required)) return;
  for (const name of required as string[]) {
    const p = Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (!p || (obj[name] !== undefined && obj[name] !== null)) continue;
    const zero = zeroValue(schemas, p);
    if (typeof zero === 'string' || typeof zero === 'number' || typeof zero === 'boolean') obj[name] = zero;
  }
}

/** The schema's JSON type; a struct schema may carry only `properties`. */
function typeName(schema: Schema): string {
  const type = schema['type'];
  if (typeof type === 'string') return type;
  return schema['properties'] ? 'object' : '';
}

/** Go's zero value for a slice element or map value of this schema, as it marshals back. */
function zeroValue(schemas: SchemaMap, schema: Schema): unknown {
  const ref = refName(schema);
  const target = ref !== undefined ? schemas[ref] ?? {} : schema;
  if (target['format'] === 'int-or-string') return 0;
  if (target['format'] === 'date-time') return null;
  if (Array.isArray(target['oneOf'])) return '0';
  switch (typeName(target)) {
    case 'string': return '';
    case 'boolean': return false;
    case 'integer': case 'number': return 0;
    case 'array': return null;
    case 'object': return target['properties'] ? {} : null;
    default: return null;
  }
}

function checkValue(ctx: Ctx, schema: Schema, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const ref = refName(schema);
  const target = ref !== undefined ? ctx.schemas[ref] ?? {} : schema;
  if (target['format'] === 'int-or-string') {
    if (typeof value === 'string' || (typeof value === 'number' && isIntIn(value, 32))) return undefined;
    return typeError({ ...ctx, fields: [] }, value, 'int32');
  }
  if (target['format'] === 'date-time') {
    // metav1.Time / MicroTime unmarshal through a plain string.
    return typeof value === 'string' ? undefined : typeError({ ...ctx, fields: [] }, value, 'string');
  }
  const oneOf = target['oneOf'];
  if (Array.isArray(oneOf)) {
    // resource.Quantity: a string or a number.
    return typeof value === 'string' || typeof value === 'number' ? undefined : QUANTITY_ERROR;
  }
  const goType = goTypeOf(ctx.schemas, schema);
  const properties = target['properties'];
  switch (typeName(target)) {
    case 'string':
      return typeof value === 'string' ? undefined : typeError(ctx, value, goType);
    case 'boolean':
      return typeof value === 'boolean' ? undefined : typeError(ctx, value, goType);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : typeError(ctx, value, goType);
    case 'integer':
      return typeof value === 'number' && isIntIn(value, target['format'] === 'int32' ? 32 : 64) ? undefined : typeError(ctx, value, goType);
    case 'array': {
      if (!Array.isArray(value)) return typeError(ctx, value, goType);
      const items = (target['items'] ?? {}) as Schema;
      for (const [i, item] of value.entries()) {
        if (item === null) value[i] = zeroValue(ctx.schemas, items);
        const e = checkValue(ctx, items, value[i]);
        if (e) return e;
      }
      return undefined;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return typeError(ctx, value, goType);
      const entries = Object.entries(value as Record<string, unknown>);
      if (properties && typeof properties === 'object') {
        const struct = ref !== undefined ? ref.slice(ref.lastIndexOf('.') + 1) : ctx.struct;
        fillRequiredScalars(ctx.schemas, target, value as Record<string, unknown>);
        for (const [k, v] of entries) {
          const p = (properties as SchemaMap)[k];
          if (!p || !Object.hasOwn(properties, k)) continue; // unknown fields: strict decoding's business
          if (v === null) delete (value as Record<string, unknown>)[k];
          const e = checkValue({ schemas: ctx.schemas, struct, fields: [...ctx.fields, k] }, p, v);
          if (e) return e;
        }
        return undefined;
      }
      const additional = target['additionalProperties'];
      if (additional && typeof additional === 'object') {
        for (const [k, v] of entries) {
          if (v === null) (value as Record<string, unknown>)[k] = zeroValue(ctx.schemas, additional as Schema);
          const e = checkValue(ctx, additional as Schema, (value as Record<string, unknown>)[k]);
          if (e) return e;
        }
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Decodes `obj` in place as Go's JSON decoder fills the kind's typed struct: nulls become zero values (see above).
 * Returns the first type error it meets, or undefined when every value fits (or the kind has no published schema).
 * The caller wraps it as `<Kind> in version "<v>" cannot be handled as a <Kind>: <error>` (a 400 BadRequest).
 */
export function decodeTyped(group: string, version: string, kind: string, obj: unknown): string | undefined {
  const doc = openApiDocument(group === '' ? `api/${version}` : `apis/${group}/${version}`);
  const schemas = doc?.components.schemas;
  if (!schemas) return undefined;
  const root = schemaForKind(group, version, kind);
  if (!root) return undefined;
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const properties = (root['properties'] ?? {}) as SchemaMap;
  fillRequiredScalars(schemas, root, obj as Record<string, unknown>);
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const p = Object.hasOwn(properties, k) ? properties[k] : undefined;
    if (!p) continue;
    if (v === null) delete (obj as Record<string, unknown>)[k];
    const e = checkValue({ schemas, struct: kind, fields: [k] }, p, v);
    if (e) return e;
  }
  return undefined;
}
