// Turns the OpenAPI v3 documents the simulated kube-apiserver serves into one JSON Schema (draft-07) that
// monaco-yaml validates every YAML document against: the document's apiVersion and kind pick the kind's schema
// (`if`/`then`), so a file may mix Pods, Roles and RoleBindings. Runs at build time (scripts/gen-schemas.ts and
// the Vite plugin); the browser only loads the result.

type Schema = { [k: string]: unknown };

export interface OpenApiDocument {
  components?: { schemas?: Record<string, Schema> };
}

export interface ServedKind {
  group: string;
  version: string;
  kind: string;
}

export interface KubernetesJsonSchema extends Schema {
  /** "v1/Pod", "rbac.authorization.k8s.io/v1/Role" → the definition that describes it. */
  'x-kinds': Record<string, string>;
  definitions: Record<string, Schema>;
}

const REF_PREFIX = '#/components/schemas/';

export function apiVersionOf(k: ServedKind): string {
  return k.group === '' ? k.version : `${k.group}/${k.version}`;
}

/** The definition name of each served kind, from the documents' x-kubernetes-group-version-kind markers. */
function definitionsByKind(schemas: Record<string, Schema>, kinds: readonly ServedKind[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, schema] of Object.entries(schemas)) {
    const gvks = schema['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks) || gvks.length !== 1) continue;
    const g = gvks[0] as ServedKind;
    if (kinds.some((k) => k.group === g.group && k.version === g.version && k.kind === g.kind)) out.set(`${apiVersionOf(g)}/${g.kind}`, name);
  }
  return out;
}

/**
 * One OpenAPI schema as JSON Schema: references re-pointed at `definitions`, x-kubernetes-* markers dropped, and
 * objects with known properties closed (additionalProperties: false), since kubectl sends fieldValidation=Strict
 * and the apiserver refuses unknown fields.
 */
function convert(node: unknown, refs: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => convert(n, refs));
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node as Schema)) {
    if (k.startsWith('x-') || k === 'nullable') continue;
    if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) {
      const name = v.slice(REF_PREFIX.length);
      refs.add(name);
      out.$ref = `#/definitions/${name}`;
      continue;
    }
    out[k] = k === 'properties' || k === 'definitions'
      ? Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, convert(s, refs)]))
      : convert(v, refs);
  }
  if (out.type === 'object' && out.properties !== undefined && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export function kubernetesJsonSchema(documents: readonly OpenApiDocument[], kinds: readonly ServedKind[]): KubernetesJsonSchema {
  const schemas: Record<string, Schema> = {};
  for (const d of documents) Object.assign(schemas, d.components?.schemas ?? {});
  const byKind = definitionsByKind(schemas, kinds);
  const definitions: Record<string, Schema> = {};
  const pending = [...new Set(byKind.values())];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (definitions[name] || !schemas[name]) continue;
    const refs = new Set<string>();
    definitions[name] = convert(schemas[name], refs) as Schema;
    for (const r of refs) if (!definitions[r]) pending.push(r);
  }
  const entries = [...byKind.entries()].sort(([a], [b]) => a.localeCompare(b));
  const apiVersions = [...new Set(entries.map(([k]) => k.slice(0, k.lastIndexOf('/'))))];
  const kindNames = [...new Set(entries.map(([k]) => k.slice(k.lastIndexOf('/') + 1)))].sort();
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes v1.32 object',
    description: 'An object of a kind this simulated kube-apiserver serves.',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { type: 'string', enum: apiVersions, description: 'The group and version of the kind, e.g. v1 or rbac.authorization.k8s.io/v1.' },
      kind: { type: 'string', enum: kindNames, description: 'The kind of object: Pod, Deployment, Role, RoleBinding …' },
    },
    allOf: entries.map(([key, def]) => ({
      if: {
        required: ['apiVersion', 'kind'],
        properties: { apiVersion: { const: key.slice(0, key.lastIndexOf('/')) }, kind: { const: key.slice(key.lastIndexOf('/') + 1) } },
      },
      then: { $ref: `#/definitions/${def}` },
    })),
    'x-kinds': Object.fromEntries(entries),
    definitions,
  };
}
