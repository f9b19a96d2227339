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

function typeError(struct: string, fields: readonly string[], value: unknown, goType: string): string {
  const where = fields.length === 0 ? `Go value of type ${goType}` : `Go struct field ${struct}.${fields.join('.')} of type ${goType}`;
  const what = typeof value === 'number' && !Number.isInteger(value) ? `number ${String(value)}` : jsonTypeOf(value);
  return `json: cannot unmarshal ${what} into ${where}`;
}

function isIntIn(v: number, bits: 32 | 64): boolean {
  if (!Number.isInteger(v)) return false;
  return bits === 32 ? v >= -(2 ** 31) && v < 2 ** 31 : Number.isSafeInteger(v) || Math.abs(v) < 2 ** 63;
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

/**
 * What decoding needs to know of one schema, worked out once per schema object (the documents are parsed once and
 * never change): the Go type it stands for, and for structs the required scalars Go fills with zero values.
 */
interface Compiled {
  readonly schema: Schema;
  readonly kind: 'intOrString' | 'dateTime' | 'quantity' | 'string' | 'boolean' | 'number' | 'integer' | 'array' | 'struct' | 'map' | 'any';
  readonly bits: 32 | 64;
  /** The struct name errors use below this schema; undefined keeps the enclosing one. */
  readonly struct: string | undefined;
  readonly items: Schema;
  readonly properties: SchemaMap;
  readonly additional: Schema;
  /** Required fields whose zero value is a scalar, in the schema's order. */
  readonly requiredZeros: readonly (readonly [string, unknown])[];
  /** Compiled children, filled on first use: array items, map values, struct fields by name (null: unknown). */
  itemsNode?: Compiled;
  additionalNode?: Compiled;
  readonly fieldNodes: Map<string, Compiled | null>;
}

const compiledSchemas = new WeakMap<Schema, Compiled>();
const EMPTY: Schema = {};

function requiredScalarZeros(schemas: SchemaMap, struct: Schema): (readonly [string, unknown])[] {
  const out: (readonly [string, unknown])[] = [];
  const required = struct['required'];
  const properties = (struct['properties'] ?? {}) as SchemaMap;
  if (!Array.isArray(required)) return out;
  for (const name of required as string[]) {
    const p = Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (!p) continue;
    const zero = zeroValue(schemas, p);
    if (typeof zero === 'string' || typeof zero === 'number' || typeof zero === 'boolean') out.push([name, zero]);
  }
  return out;
}

function compile(schemas: SchemaMap, schema: Schema): Compiled {
  const hit = compiledSchemas.get(schema);
  if (hit) return hit;
  const ref = refName(schema);
  const target = ref !== undefined ? schemas[ref] ?? {} : schema;
  let kind: Compiled['kind'];
  let struct: string | undefined;
  let items = EMPTY;
  let properties = EMPTY as SchemaMap;
  let additional = EMPTY;
  let requiredZeros: (readonly [string, unknown])[] = [];
  if (target['format'] === 'int-or-string') kind = 'intOrString';
  else if (target['format'] === 'date-time') kind = 'dateTime';
  else if (Array.isArray(target['oneOf'])) kind = 'quantity';
  else {
    switch (typeName(target)) {
      case 'string': kind = 'string'; break;
      case 'boolean': kind = 'boolean'; break;
      case 'number': kind = 'number'; break;
      case 'integer': kind = 'integer'; break;
      case 'array':
        kind = 'array';
        items = (target['items'] ?? {}) as Schema;
        break;
      case 'object': {
        const props = target['properties'];
        const add = target['additionalProperties'];
        if (props && typeof props === 'object') {
          kind = 'struct';
          properties = props as SchemaMap;
          struct = ref !== undefined ? ref.slice(ref.lastIndexOf('.') + 1) : undefined;
          requiredZeros = requiredScalarZeros(schemas, target);
        } else if (add && typeof add === 'object') {
          kind = 'map';
          additional = add as Schema;
        } else {
          kind = 'map';
        }
        break;
      }
      default:
        kind = 'any';
    }
  }
  const c: Compiled = { schema, kind, bits: target['format'] === 'int32' ? 32 : 64, struct, items, properties, additional, requiredZeros, fieldNodes: new Map() };
  compiledSchemas.set(schema, c);
  return c;
}

function fillZeros(c: Compiled, obj: Record<string, unknown>): void {
  for (const [name, zero] of c.requiredZeros) if (obj[name] === undefined || obj[name] === null) obj[name] = zero;
}

/** One decoding pass: `fields` is the path of struct fields from the root, as the Go error prints it. */
class TypedDecoder {
  readonly fields: string[] = [];
  constructor(private readonly schemas: SchemaMap) {}

  private error(struct: string, schema: Schema, value: unknown): string {
    return typeError(struct, this.fields, value, goTypeOf(this.schemas, schema));
  }

  check(struct: string, schema: Schema, value: unknown): string | undefined {
    return this.checkNode(struct, compile(this.schemas, schema), value);
  }

  private field(c: Compiled, name: string): Compiled | null {
    let node = c.fieldNodes.get(name);
    if (node === undefined) {
      const p = Object.hasOwn(c.properties, name) ? c.properties[name] : undefined;
      node = p ? compile(this.schemas, p) : null;
      c.fieldNodes.set(name, node);
    }
    return node;
  }

  private checkNode(struct: string, c: Compiled, value: unknown): string | undefined {
    if (value === null || value === undefined) return undefined;
    const schema = c.schema;
    switch (c.kind) {
      case 'intOrString':
        if (typeof value === 'string' || (typeof value === 'number' && isIntIn(value, 32))) return undefined;
        return typeError(struct, [], value, 'int32');
      case 'dateTime':
        // metav1.Time / MicroTime unmarshal through a plain string.
        return typeof value === 'string' ? undefined : typeError(struct, [], value, 'string');
      case 'quantity':
        // resource.Quantity: a string or a number.
        return typeof value === 'string' || typeof value === 'number' ? undefined : QUANTITY_ERROR;
      case 'string':
        return typeof value === 'string' ? undefined : this.error(struct, schema, value);
      case 'boolean':
        return typeof value === 'boolean' ? undefined : this.error(struct, schema, value);
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? undefined : this.error(struct, schema, value);
      case 'integer':
        return typeof value === 'number' && isIntIn(value, c.bits) ? undefined : this.error(struct, schema, value);
      case 'array': {
        if (!Array.isArray(value)) return this.error(struct, schema, value);
        const items = c.itemsNode ??= compile(this.schemas, c.items);
        for (let i = 0; i < value.length; i++) {
          if (value[i] === null) value[i] = zeroValue(this.schemas, c.items);
          const e = this.checkNode(struct, items, value[i]);
          if (e) return e;
        }
        return undefined;
      }
      case 'struct': {
        if (typeof value !== 'object' || Array.isArray(value)) return this.error(struct, schema, value);
        const obj = value as Record<string, unknown>;
        const inner = c.struct ?? struct;
        // The fields as they came: a null required scalar is dropped although its zero value was filled in first.
        const keys = Object.keys(obj);
        let nulled: string[] | undefined;
        for (const [name, zero] of c.requiredZeros) {
          const cur = obj[name];
          if (cur !== undefined && cur !== null) continue;
          if (cur === null) (nulled ??= []).push(name);
          obj[name] = zero;
        }
        for (const k of keys) {
          const child = this.field(c, k);
          if (child === null) continue; // unknown fields: strict decoding's business
          const v = nulled !== undefined && nulled.includes(k) ? null : obj[k];
          if (v === null) delete obj[k];
          this.fields.push(k);
          const e = this.checkNode(inner, child, v);
          this.fields.pop();
          if (e) return e;
        }
        return undefined;
      }
      case 'map': {
        if (typeof value !== 'object' || Array.isArray(value)) return this.error(struct, schema, value);
        if (c.additional === EMPTY) return undefined;
        const obj = value as Record<string, unknown>;
        const values = c.additionalNode ??= compile(this.schemas, c.additional);
        for (const k of Object.keys(obj)) {
          if (obj[k] === null) obj[k] = zeroValue(this.schemas, c.additional);
          const e = this.checkNode(struct, values, obj[k]);
          if (e) return e;
        }
        return undefined;
      }
      case 'any':
        return undefined;
    }
  }
}

/**
 * Decodes `obj` in place as Go's JSON decoder fills the kind's typed struct: nulls become zero values (see above).
 * Returns the first type error it meets, or undefined when every value fits (or the kind has no published schema).
 * The caller wraps it as `<Kind> in version "<v>" cannot be handled as a <Kind>: <error>` (a 400 BadRequest).
 */
const kindSchemas = new Map<string, { schemas: SchemaMap; root: Schema } | null>();

/** The document's schemas and the kind's root schema, looked up once per kind. */
function kindSchema(group: string, version: string, kind: string): { schemas: SchemaMap; root: Schema } | null {
  const key = `${group}/${version}/${kind}`;
  let hit = kindSchemas.get(key);
  if (hit === undefined) {
    const doc = openApiDocument(group === '' ? `api/${version}` : `apis/${group}/${version}`);
    const schemas = doc?.components.schemas;
    const root = schemas ? schemaForKind(group, version, kind) : undefined;
    hit = schemas && root ? { schemas, root } : null;
    kindSchemas.set(key, hit);
  }
  return hit;
}

export function decodeTyped(group: string, version: string, kind: string, obj: unknown): string | undefined {
  const found = kindSchema(group, version, kind);
  if (!found) return undefined;
  const { schemas, root } = found;
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const properties = (root['properties'] ?? {}) as SchemaMap;
  const o = obj as Record<string, unknown>;
  // At the root the zero values are filled before the fields are walked (unlike nested structs, see check).
  fillZeros(compile(schemas, root), o);
  const decoder = new TypedDecoder(schemas);
  for (const [k, v] of Object.entries(o)) {
    const p = Object.hasOwn(properties, k) ? properties[k] : undefined;
    if (!p) continue;
    if (v === null) delete o[k];
    decoder.fields.push(k);
    const e = decoder.check(kind, p, v);
    decoder.fields.pop();
    if (e) return e;
  }
  return undefined;
}
