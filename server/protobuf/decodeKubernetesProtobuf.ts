// Decodes the protobuf bodies that kubectl sends (Content-Type: application/vnd.kubernetes.protobuf) into the
// plain JSON object the JSON API would have carried for the same Go value.
// models staging/src/k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go (the "k8s\0" envelope
// around a runtime.Unknown) and the JSON tags of the Go types (omitempty, inline, pointers).
// The wire schema is ./proto/*.proto: our own subset of Kubernetes' generated.proto field numbers, with
// field options standing in for the Go JSON tags: (keep) = pointer or no omitempty, so a zero value still
// appears in JSON; (emitEmpty) = slice without omitempty, so an empty one is `null`; (json) = JSON name
// differs from the proto name; (inline) = embedded with json:",inline", fields merge into the parent.
import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';

/** The 4 bytes that open every Kubernetes protobuf body: "k8s" and a NUL. */
export const KUBERNETES_PROTOBUF_PREFIX: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

export interface DecodedKubernetesObject {
  apiVersion: string;
  kind: string;
  /** The object as the JSON API carries it, apiVersion and kind included. */
  object: Record<string, unknown>;
}

/** The proto package that holds each apiVersion's kinds, and the kinds this decoder accepts there. */
const GROUP_VERSIONS: Readonly<Record<string, { pkg: string; kinds: readonly string[] }>> = {
  v1: {
    pkg: 'k8s.io.api.core.v1',
    kinds: ['Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'Pod', 'Node', 'Binding', 'ResourceQuota', 'LimitRange'],
  },
  'apps/v1': { pkg: 'k8s.io.api.apps.v1', kinds: ['Deployment', 'ReplicaSet'] },
  'rbac.authorization.k8s.io/v1': {
    pkg: 'k8s.io.api.rbac.v1',
    kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  },
  'authorization.k8s.io/v1': {
    pkg: 'k8s.io.api.authorization.v1',
    kinds: ['SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview', 'LocalSubjectAccessReview'],
  },
  'authentication.k8s.io/v1': {
    pkg: 'k8s.io.api.authentication.v1',
    kinds: ['SelfSubjectReview', 'TokenReview', 'TokenRequest'],
  },
  'scheduling.k8s.io/v1': { pkg: 'k8s.io.api.scheduling.v1', kinds: ['PriorityClass'] },
};

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
const PROTO_FILES = [
  'runtime', 'meta', 'resource', 'intstr', 'core', 'apps', 'rbac', 'authorization', 'authentication', 'scheduling',
];

let cachedRoot: protobuf.Root | undefined;

/** The protobufjs Root holding every message this decoder knows (also used by tests to encode). */
export function kubernetesProtobufRoot(): protobuf.Root {
  if (cachedRoot) return cachedRoot;
  const root = new protobuf.Root();
  for (const name of PROTO_FILES) {
    const source = readFileSync(new URL(`./proto/${name}.proto`, import.meta.url), 'utf8');
    protobuf.parse(source, root, { keepCase: true });
  }
  root.resolveAll();
  cachedRoot = root;
  return root;
}

/** The message type for a top-level kind, or undefined when the decoder does not model it. */
export function kubernetesMessageType(apiVersion: string, kind: string): protobuf.Type | undefined {
  const root = kubernetesProtobufRoot();
  // DeleteOptions is registered in every group version, always as the meta/v1 type.
  if (kind === 'DeleteOptions') return root.lookupType(`${META}.DeleteOptions`);
  const gv = GROUP_VERSIONS[apiVersion];
  if (!gv?.kinds.includes(kind)) return undefined;
  return root.lookupType(`${gv.pkg}.${kind}`);
}

/** Every apiVersion/kind pair decodeKubernetesProtobuf accepts (DeleteOptions in any group version too). */
export function supportedProtobufKinds(): { apiVersion: string; kind: string }[] {
  return Object.entries(GROUP_VERSIONS).flatMap(([apiVersion, gv]) => gv.kinds.map((kind) => ({ apiVersion, kind })));
}

/**
 * Decodes a Kubernetes protobuf body. Throws an Error whose message says what is wrong: a missing
 * "k8s\0" prefix, an encoded (compressed) payload, a kind the decoder does not model, or a field number the
 * decoder's message does not know (rather than silently dropping data the client sent).
 */
export function decodeKubernetesProtobuf(body: Uint8Array): DecodedKubernetesObject {
  if (body.length < 4 || KUBERNETES_PROTOBUF_PREFIX.some((b, i) => body[i] !== b)) {
    throw new Error('protobuf body does not start with the Kubernetes prefix "k8s\\x00"');
  }
  const root = kubernetesProtobufRoot();
  const unknownType = root.lookupType('k8s.io.apimachinery.pkg.runtime.Unknown');
  const envelope = body.subarray(4);
  assertKnownFields(unknownType, envelope, 'runtime.Unknown');
  const unknown = unknownType.decode(envelope) as unknown as {
    typeMeta?: { apiVersion?: string; kind?: string };
    raw?: Uint8Array;
    contentEncoding?: string;
  };
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const kind = unknown.typeMeta?.kind ?? '';
  if (unknown.contentEncoding) {
    throw new Error(`protobuf body with contentEncoding "${unknown.contentEncoding}" is not supported`);
  }
  if (kind === '') throw new Error('protobuf body has no kind in its runtime.Unknown typeMeta');
  const type = kubernetesMessageType(apiVersion, kind);
  if (!type) {
    throw new Error(`no protobuf message is known for kind "${kind}" in version "${apiVersion}"`);
  }
  const raw = unknown.raw ?? new Uint8Array(0);
  assertKnownFields(type, raw, kind);
  const message = type.decode(raw);
  return { apiVersion, kind, object: { apiVersion, kind, ...toJsonObject(type, message) } };
}

/** Walks the wire bytes and throws on a field number that `type` (or a nested message type) lacks. */
function assertKnownFields(type: protobuf.Type, bytes: Uint8Array, path: string): void {
  const reader = protobuf.Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const id = tag >>> 3;
    const wireType = tag & 7;
    const field = type.fieldsById[id];
    if (!field) {
      throw new Error(`protobuf field ${id} of ${type.fullName.slice(1)} (at ${path}) is not known to the simulator`);
    }
    const fieldPath = `${path}.${field.name}`;
    if (wireType === 2 && field instanceof protobuf.MapField) {
      const entry = reader.bytes();
      if (field.resolvedType instanceof protobuf.Type) assertKnownMapValue(field.resolvedType, entry, fieldPath);
    } else if (wireType === 2 && field.resolvedType instanceof protobuf.Type) {
      assertKnownFields(field.resolvedType, reader.bytes(), fieldPath);
    } else {
      reader.skipType(wireType);
    }
  }
}

function assertKnownMapValue(valueType: protobuf.Type, entry: Uint8Array, path: string): void {
  const reader = protobuf.Reader.create(entry);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 2 && (tag & 7) === 2) assertKnownFields(valueType, reader.bytes(), path);
    else reader.skipType(tag & 7);
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function has(message: object, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(message, name);
}

function fieldValue(message: protobuf.Message, name: string): unknown {
  return (message as unknown as Record<string, unknown>)[name];
}

function toJsonObject(type: protobuf.Type, message: protobuf.Message): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const field of type.fieldsArray) {
    const options = field.options ?? {};
    const jsonName = typeof options['(json)'] === 'string' ? options['(json)'] : field.name;
    // A nil slice tagged without omitempty is `null` in JSON; proto cannot tell nil from empty.
    const emptyList: Json | undefined = options['(emitEmpty)'] === true ? null : undefined;
    if (!has(message, field.name)) {
      if (emptyList !== undefined) out[jsonName] = emptyList;
      continue;
    }
    const value = fieldValue(message, field.name);
    const keep = options['(keep)'] === true;
    if (field instanceof protobuf.MapField) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length > 0) out[jsonName] = Object.fromEntries(entries.map(([k, v]) => [k, convert(field, v)]));
      else if (emptyList !== undefined) out[jsonName] = emptyList;
    } else if (field.repeated) {
      const items = value as unknown[];
      if (items.length > 0) out[jsonName] = items.map((v) => convert(field, v));
      else if (emptyList !== undefined) out[jsonName] = emptyList;
    } else if (options['(inline)'] === true && field.resolvedType instanceof protobuf.Type) {
      Object.assign(out, toJsonObject(field.resolvedType, value as protobuf.Message));
    } else {
      const converted = convert(field, value);
      // A Go value that is neither a pointer nor tagged without omitempty is left out of JSON when zero.
      if (!keep && (converted === '' || converted === 0 || converted === false)) continue;
      out[jsonName] = converted;
    }
  }
  return out;
}

function convert(field: protobuf.Field, value: unknown): Json {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return messageToJson(resolved, value as protobuf.Message);
  if (resolved instanceof protobuf.Enum) return value as number;
  if (field.type === 'bytes') return Buffer.from(value as Uint8Array).toString('base64');
  if (['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64'].includes(field.type)) return longToNumber(value);
  return value as Json;
}

function longToNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && 'low' in value && 'high' in value) {
    const v = value as { low: number; high: number; unsigned?: boolean };
    return new protobuf.util.LongBits(v.low >>> 0, v.high >>> 0).toNumber(v.unsigned === true);
  }
  return Number(value);
}

/** Messages whose JSON form is not an object of their fields. */
function messageToJson(type: protobuf.Type, message: protobuf.Message): Json {
  const name = type.fullName.slice(1);
  const get = (field: string): unknown => (has(message, field) ? fieldValue(message, field) : undefined);
  switch (name) {
    case `${META}.Time`:
      return formatTime(get('seconds'), false, undefined);
    case `${META}.MicroTime`:
      return formatTime(get('seconds'), true, get('nanos'));
    case 'k8s.io.apimachinery.pkg.api.resource.Quantity':
      return (get('string') as string | undefined) ?? '';
    case 'k8s.io.apimachinery.pkg.util.intstr.IntOrString':
      // type 1 is intstr.String; type 0 (or absent) is intstr.Int.
      return longToNumber(get('type') ?? 0) === 1 ? ((get('strVal') as string | undefined) ?? '') : ((get('intVal') as number | undefined) ?? 0);
    case `${META}.FieldsV1`:
      return parseRawJson(get('Raw'));
    case 'k8s.io.apimachinery.pkg.runtime.RawExtension':
      return parseRawJson(get('raw'));
    case 'k8s.io.api.authorization.v1.ExtraValue':
    case 'k8s.io.api.authentication.v1.ExtraValue':
      return ((get('items') as string[] | undefined) ?? []).slice();
    default:
      return toJsonObject(type, message);
  }
}

function parseRawJson(raw: unknown): Json {
  if (!(raw instanceof Uint8Array) || raw.length === 0) return null;
  return JSON.parse(Buffer.from(raw).toString('utf8')) as Json;
}

/**
 * metav1.Time marshals a zero time as an empty message and keeps whole seconds only; MicroTime keeps
 * microseconds. Their JSON forms are RFC 3339 in UTC, or null for the zero time.
 * models staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/time_proto.go and micro_time_proto.go
 */
function formatTime(seconds: unknown, micro: boolean, nanos: unknown): Json {
  if (seconds === undefined) return null;
  const iso = new Date(longToNumber(seconds) * 1000).toISOString().slice(0, 19);
  if (!micro) return `${iso}Z`;
  const micros = Math.floor((typeof nanos === 'number' ? nanos : 0) / 1000);
  return `${iso}.${String(micros).padStart(6, '0')}Z`;
}
