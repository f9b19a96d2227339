// Generates, offline, the OpenAPI v3 documents that the simulated kube-apiserver serves at /openapi/v3 and
// /openapi/v3/<group-version>, for the group-versions and resources the simulator implements.
// Structure (fields, types, formats, descriptions, required) comes from @kubernetes/client-node 1.0.0,
// whose models are generated from the Kubernetes v1.32.0 OpenAPI spec; Quantity-typed fields are
// recognised from kubernetes-types; x-kubernetes-* markers come from ./openapiExtensions.ts.
// Paths follow the layout of the upstream api/openapi-spec/v3/*.json documents.
// Usage: npx tsx scripts/gen-openapi.ts  (writes src/generated/openapi/)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ATOMIC_STRUCTS, PROPERTY_EXTENSIONS } from './openapiExtensions.ts';

const require = createRequire(import.meta.url);
const CLIENT_NODE = dirname(require.resolve('@kubernetes/client-node/package.json'));
const MODELS = join(CLIENT_NODE, 'dist', 'gen', 'models');
const APIS = join(CLIENT_NODE, 'dist', 'gen', 'apis');
const KTYPES = dirname(require.resolve('kubernetes-types/package.json'));
const OUT = join(import.meta.dirname, '..', 'src', 'generated', 'openapi');
const KUBERNETES_VERSION = 'v1.32.4';

type Schema = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------
// Reading the source packages

interface Attribute { name: string; baseName: string; type: string; format: string }

interface Model {
  className: string;
  description: string;
  attributes: Attribute[];
  /** property baseName -> description */
  docs: Map<string, string>;
  required: Set<string>;
}

/** Undoes the escaping that client-node's generator applies inside JSDoc. */
function unescapeDoc(text: string): string {
  return text
    .replace(/\\&#39;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\(['"`])/g, '$1');
}

function jsdocText(block: string): string {
  return unescapeDoc(
    block
      .split('\n')
      .map((line) => line.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/\s*$/, ''))
      .join('\n')
      .trim(),
  );
}

const modelCache = new Map<string, Model>();

async function loadModel(className: string): Promise<Model> {
  const cached = modelCache.get(className);
  if (cached) return cached;
  const jsFile = join(MODELS, `${className}.js`);
  if (!existsSync(jsFile)) throw new Error(`client-node has no model ${className}`);
  const mod = (await import(pathToFileURL(jsFile).href)) as Record<string, { attributeTypeMap?: Attribute[] }>;
  const attributes = mod[className]?.attributeTypeMap ?? [];
  const dts = readFileSync(join(MODELS, `${className}.d.ts`), 'utf8');
  const classDoc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export declare class/.exec(dts);
  const docs = new Map<string, string>();
  const required = new Set<string>();
  const propRe = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?'([^']+)'(\??):/g;
  for (const m of dts.matchAll(propRe)) {
    const name = m[2] ?? '';
    if (m[1] !== undefined) docs.set(name, jsdocText(m[1]));
    if (m[3] === '') required.add(name);
  }
  const model: Model = {
    className,
    description: classDoc?.[1] !== undefined ? jsdocText(classDoc[1]) : '',
    attributes,
    docs,
    required,
  };
  modelCache.set(className, model);
  return model;
}

/** kubernetes-types: per interface, per property, the TypeScript type text; plus the doc of named types. */
interface KtypesModule { props: Map<string, Map<string, string>>; docs: Map<string, string> }
const ktypesCache = new Map<string, KtypesModule>();

function ktypes(modulePath: string): KtypesModule {
  const cached = ktypesCache.get(modulePath);
  if (cached) return cached;
  const file = join(KTYPES, `${modulePath}.d.ts`);
  const result: KtypesModule = { props: new Map(), docs: new Map() };
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?export (?:interface|type) (\w+)/g)) {
      if (m[2] !== undefined && m[1] !== undefined) result.docs.set(m[2], jsdocText(m[1]));
    }
    for (const m of text.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
      const props = new Map<string, string>();
      // A property is `    name?: Type;` or, for index signatures, spans lines up to `    };`.
      const lines = (m[2] ?? '').split('\n');
      for (let i = 0; i < lines.length; i++) {
        const p = /^ {4}(?:readonly )?(\w+)\??: (.+)$/.exec(lines[i] ?? '');
        if (!p) continue;
        let typeText = p[2] ?? '';
        while (!typeText.endsWith(';') && i + 1 < lines.length) typeText += ` ${(lines[++i] ?? '').trim()}`;
        props.set(p[1] ?? '', typeText.replace(/;$/, ''));
      }
      result.props.set(m[1] ?? '', props);
    }
  }
  ktypesCache.set(modulePath, result);
  return result;
}

/** Descriptions of query/path parameters, read from the JSDoc of client-node's API classes. */
function loadParameterDocs(): Map<string, string[]> {
  const docs = new Map<string, string[]>();
  for (const file of ['CoreV1Api.d.ts', 'AppsV1Api.d.ts']) {
    const text = readFileSync(join(APIS, file), 'utf8');
    for (const m of text.matchAll(/@param (\w+) (.+)$/gm)) {
      const list = docs.get(m[1] ?? '') ?? [];
      const d = unescapeDoc(m[2] ?? '').trim();
      if (!list.includes(d)) list.push(d);
      docs.set(m[1] ?? '', list);
    }
  }
  return docs;
}

// ---------------------------------------------------------------------------------------------------------
// Group-versions and resources served

interface GroupInfo { group: string; version: string; pkg: string; ktypes: string; op: string; tag: string }

type GroupKey = 'core' | 'apps' | 'rbac' | 'coordination' | 'events' | 'authorization' | 'authentication' | 'scheduling' | 'autoscaling';

const GROUPS: Readonly<Record<GroupKey, GroupInfo>> = {
  core: { group: '', version: 'v1', pkg: 'io.k8s.api.core.v1', ktypes: 'core/v1', op: 'CoreV1', tag: 'core_v1' },
  apps: { group: 'apps', version: 'v1', pkg: 'io.k8s.api.apps.v1', ktypes: 'apps/v1', op: 'AppsV1', tag: 'apps_v1' },
  rbac: {
    group: 'rbac.authorization.k8s.io', version: 'v1', pkg: 'io.k8s.api.rbac.v1', ktypes: 'rbac/v1',
    op: 'RbacAuthorizationV1', tag: 'rbacAuthorization_v1',
  },
  coordination: {
    group: 'coordination.k8s.io', version: 'v1', pkg: 'io.k8s.api.coordination.v1', ktypes: 'coordination/v1',
    op: 'CoordinationV1', tag: 'coordination_v1',
  },
  events: {
    group: 'events.k8s.io', version: 'v1', pkg: 'io.k8s.api.events.v1', ktypes: 'events/v1', op: 'EventsV1', tag: 'events_v1',
  },
  authorization: {
    group: 'authorization.k8s.io', version: 'v1', pkg: 'io.k8s.api.authorization.v1', ktypes: 'authorization/v1',
    op: 'AuthorizationV1', tag: 'authorization_v1',
  },
  authentication: {
    group: 'authentication.k8s.io', version: 'v1', pkg: 'io.k8s.api.authentication.v1', ktypes: 'authentication/v1',
    op: 'AuthenticationV1', tag: 'authentication_v1',
  },
  scheduling: {
    group: 'scheduling.k8s.io', version: 'v1', pkg: 'io.k8s.api.scheduling.v1', ktypes: 'scheduling/v1',
    op: 'SchedulingV1', tag: 'scheduling_v1',
  },
  autoscaling: {
    group: 'autoscaling', version: 'v1', pkg: 'io.k8s.api.autoscaling.v1', ktypes: 'autoscaling/v1',
    op: 'AutoscalingV1', tag: 'autoscaling_v1',
  },
};
const META_PKG = 'io.k8s.apimachinery.pkg.apis.meta.v1';

type Subresource =
  | { name: 'status' }
  | { name: 'scale' }
  | { name: 'binding' }
  | { name: 'log' }
  | { name: 'token' }
  | { name: 'finalize' };

interface Resource {
  plural: string;
  kind: string;
  /** client-node class of the kind, and of its List */
  cls: string;
  listCls?: string;
  namespaced: boolean;
  /** only POST on the collection (the *Review kinds) */
  createOnly?: boolean;
  subresources?: Subresource['name'][];
}

interface GroupVersionDoc { path: string; groupKey: GroupKey; resources: Resource[] }

const DOCUMENTS: GroupVersionDoc[] = [
  {
    path: 'api/v1',
    groupKey: 'core',
    resources: [
      { plural: 'pods', kind: 'Pod', cls: 'V1Pod', listCls: 'V1PodList', namespaced: true, subresources: ['status', 'binding', 'log'] },
      { plural: 'nodes', kind: 'Node', cls: 'V1Node', listCls: 'V1NodeList', namespaced: false, subresources: ['status'] },
      { plural: 'namespaces', kind: 'Namespace', cls: 'V1Namespace', listCls: 'V1NamespaceList', namespaced: false, subresources: ['status', 'finalize'] },
      { plural: 'events', kind: 'Event', cls: 'CoreV1Event', listCls: 'CoreV1EventList', namespaced: true },
      { plural: 'serviceaccounts', kind: 'ServiceAccount', cls: 'V1ServiceAccount', listCls: 'V1ServiceAccountList', namespaced: true, subresources: ['token'] },
      { plural: 'configmaps', kind: 'ConfigMap', cls: 'V1ConfigMap', listCls: 'V1ConfigMapList', namespaced: true },
      { plural: 'secrets', kind: 'Secret', cls: 'V1Secret', listCls: 'V1SecretList', namespaced: true },
      { plural: 'limitranges', kind: 'LimitRange', cls: 'V1LimitRange', listCls: 'V1LimitRangeList', namespaced: true },
      { plural: 'resourcequotas', kind: 'ResourceQuota', cls: 'V1ResourceQuota', listCls: 'V1ResourceQuotaList', namespaced: true, subresources: ['status'] },
    ],
  },
  {
    path: 'apis/apps/v1',
    groupKey: 'apps',
    resources: [
      { plural: 'deployments', kind: 'Deployment', cls: 'V1Deployment', listCls: 'V1DeploymentList', namespaced: true, subresources: ['status', 'scale'] },
      { plural: 'replicasets', kind: 'ReplicaSet', cls: 'V1ReplicaSet', listCls: 'V1ReplicaSetList', namespaced: true, subresources: ['status', 'scale'] },
    ],
  },
  {
    path: 'apis/rbac.authorization.k8s.io/v1',
    groupKey: 'rbac',
    resources: [
      { plural: 'clusterrolebindings', kind: 'ClusterRoleBinding', cls: 'V1ClusterRoleBinding', listCls: 'V1ClusterRoleBindingList', namespaced: false },
      { plural: 'clusterroles', kind: 'ClusterRole', cls: 'V1ClusterRole', listCls: 'V1ClusterRoleList', namespaced: false },
      { plural: 'rolebindings', kind: 'RoleBinding', cls: 'V1RoleBinding', listCls: 'V1RoleBindingList', namespaced: true },
      { plural: 'roles', kind: 'Role', cls: 'V1Role', listCls: 'V1RoleList', namespaced: true },
    ],
  },
  {
    path: 'apis/coordination.k8s.io/v1',
    groupKey: 'coordination',
    resources: [{ plural: 'leases', kind: 'Lease', cls: 'V1Lease', listCls: 'V1LeaseList', namespaced: true }],
  },
  {
    path: 'apis/events.k8s.io/v1',
    groupKey: 'events',
    resources: [{ plural: 'events', kind: 'Event', cls: 'EventsV1Event', listCls: 'EventsV1EventList', namespaced: true }],
  },
  {
    path: 'apis/authorization.k8s.io/v1',
    groupKey: 'authorization',
    resources: [
      { plural: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', cls: 'V1LocalSubjectAccessReview', namespaced: true, createOnly: true },
      { plural: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', cls: 'V1SelfSubjectAccessReview', namespaced: false, createOnly: true },
      { plural: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', cls: 'V1SelfSubjectRulesReview', namespaced: false, createOnly: true },
      { plural: 'subjectaccessreviews', kind: 'SubjectAccessReview', cls: 'V1SubjectAccessReview', namespaced: false, createOnly: true },
    ],
  },
  {
    path: 'apis/authentication.k8s.io/v1',
    groupKey: 'authentication',
    resources: [
      { plural: 'selfsubjectreviews', kind: 'SelfSubjectReview', cls: 'V1SelfSubjectReview', namespaced: false, createOnly: true },
      { plural: 'tokenreviews', kind: 'TokenReview', cls: 'V1TokenReview', namespaced: false, createOnly: true },
    ],
  },
  {
    path: 'apis/scheduling.k8s.io/v1',
    groupKey: 'scheduling',
    resources: [{ plural: 'priorityclasses', kind: 'PriorityClass', cls: 'V1PriorityClass', listCls: 'V1PriorityClassList', namespaced: false }],
  },
];

/** client-node class name prefixes that name the group of a colliding type. */
const CLASS_PREFIX_GROUP: Readonly<Record<string, GroupKey>> = {
  CoreV1: 'core',
  EventsV1: 'events',
  RbacV1: 'rbac',
  AuthenticationV1: 'authentication',
};

// ---------------------------------------------------------------------------------------------------------
// Schemas

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const TIME = `${META_PKG}.Time`;
const MICRO_TIME = `${META_PKG}.MicroTime`;
const FIELDS_V1 = `${META_PKG}.FieldsV1`;
const RAW_EXTENSION = 'io.k8s.apimachinery.pkg.runtime.RawExtension';

function scalarSchemas(): Record<string, Schema> {
  const meta = ktypes('meta/v1');
  const runtime = ktypes('runtime');
  const resource = ktypes('api/resource');
  return {
    [TIME]: { description: meta.docs.get('Time') ?? '', format: 'date-time', type: 'string' },
    [MICRO_TIME]: { description: meta.docs.get('MicroTime') ?? '', format: 'date-time', type: 'string' },
    [FIELDS_V1]: { description: meta.docs.get('FieldsV1') ?? '', type: 'object' },
    [RAW_EXTENSION]: { description: runtime.docs.get('RawExtension') ?? '', type: 'object' },
    [`${META_PKG}.Patch`]: { description: meta.docs.get('Patch') ?? '', type: 'object' },
    // kube-openapi gives these two OpenAPIV3OneOfTypes.
    [QUANTITY]: {
      description: resource.docs.get('Quantity') ?? '',
      oneOf: [{ type: 'string' }, { type: 'number' }],
    },
    [INT_OR_STRING]: {
      description:
        'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
      format: 'int-or-string',
      oneOf: [{ type: 'integer' }, { type: 'string' }],
    },
  };
}

interface Definition { name: string; group: GroupKey | 'meta' }

function shortName(className: string): { short: string; prefixGroup?: GroupKey } {
  for (const [prefix, group] of Object.entries(CLASS_PREFIX_GROUP)) {
    if (className.startsWith(prefix)) return { short: className.slice(prefix.length), prefixGroup: group };
  }
  return { short: className.replace(/^V1/, '') };
}

/** Which package a client-node class belongs to, given the package of the type that refers to it. */
function definitionFor(className: string, context: GroupKey | 'meta'): Definition {
  const { short, prefixGroup } = shortName(className);
  if (prefixGroup) return { name: `${GROUPS[prefixGroup].pkg}.${short}`, group: prefixGroup };
  if (ktypes('meta/v1').props.has(short)) return { name: `${META_PKG}.${short}`, group: 'meta' };
  if (context !== 'meta' && ktypes(GROUPS[context].ktypes).props.has(short)) {
    return { name: `${GROUPS[context].pkg}.${short}`, group: context };
  }
  if (ktypes('core/v1').props.has(short)) return { name: `${GROUPS.core.pkg}.${short}`, group: 'core' };
  // Types newer than kubernetes-types' v1.30 belong with the type that refers to them.
  const group = context === 'meta' ? 'core' : context;
  return { name: `${GROUPS[group].pkg}.${short}`, group };
}

interface SchemaBuild { schemas: Map<string, Schema>; pending: { cls: string; def: Definition }[] }

/** The TypeScript type text kubernetes-types gives a property, if it knows the interface. */
function ktypeOf(def: Definition, property: string): string | undefined {
  const module = def.group === 'meta' ? 'meta/v1' : GROUPS[def.group].ktypes;
  const short = def.name.slice(def.name.lastIndexOf('.') + 1);
  return ktypes(module).props.get(short)?.get(property);
}

function typeSchema(type: string, format: string, owner: Definition, property: string, build: SchemaBuild): Schema {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { items: typeSchema(array[1] ?? '', format, owner, property, build), type: 'array' };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { additionalProperties: typeSchema(map[1] ?? '', format, owner, property, build), type: 'object' };
  const ktype = ktypeOf(owner, property) ?? '';
  switch (type) {
    case 'string':
      if (ktype.includes('Quantity')) return ref(QUANTITY);
      return format ? { format, type: 'string' } : { type: 'string' };
    case 'number':
      return format ? { format, type: 'integer' } : { format: 'double', type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'Date':
      return ref(TIME);
    case 'V1MicroTime':
      return ref(MICRO_TIME);
    case 'IntOrString':
      return ref(INT_OR_STRING);
    case 'any':
      if (ktype.includes('FieldsV1')) return ref(FIELDS_V1);
      if (ktype.includes('RawExtension')) return ref(RAW_EXTENSION);
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    default: {
      const def = definitionFor(type, owner.group);
      if (!build.schemas.has(def.name) && !build.pending.some((p) => p.def.name === def.name)) {
        build.pending.push({ cls: type, def });
      }
      return ref(def.name);
    }
  }
}

/**
 * A reference with siblings (a description, x-kubernetes-* markers) as kube-openapi writes it in v3 documents:
 * the reference alone inside allOf, the siblings beside it (DeploymentSpec.strategy and its retainKeys, say).
 */
function wrapRef(schema: Schema): Schema {
  const { $ref, ...rest } = schema;
  if ($ref === undefined || Object.keys(rest).length === 0) return schema;
  return { allOf: [{ $ref }], ...rest };
}

function sortKeys<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}

async function modelSchema(cls: string, def: Definition, gvks: Map<string, object[]>, build: SchemaBuild): Promise<Schema> {
  const model = await loadModel(cls);
  const properties: Record<string, Schema> = {};
  const extensions = PROPERTY_EXTENSIONS[def.name] ?? {};
  for (const attr of model.attributes) {
    let schema = typeSchema(attr.type, attr.format, def, attr.baseName, build);
    const doc = model.docs.get(attr.name);
    if (doc) schema = { ...schema, description: doc };
    const ext = extensions[attr.baseName];
    if (ext) {
      if (ext.key) schema['x-kubernetes-patch-merge-key'] = ext.key;
      if (ext.strategy) schema['x-kubernetes-patch-strategy'] = ext.strategy;
      if (ext.listType) schema['x-kubernetes-list-type'] = ext.listType;
      if (ext.mapKeys) schema['x-kubernetes-list-map-keys'] = ext.mapKeys;
      if (ext.mapType) schema['x-kubernetes-map-type'] = ext.mapType;
    }
    properties[attr.baseName] = sortKeys(wrapRef(schema));
  }
  const schema: Schema = { type: 'object' };
  if (model.description) schema.description = model.description;
  if (Object.keys(properties).length > 0) schema.properties = sortKeys(properties);
  const required = model.attributes.map((a) => a.baseName).filter((n) => model.required.has(n));
  if (required.length > 0) schema.required = required;
  const gvk = gvks.get(def.name);
  if (gvk) schema['x-kubernetes-group-version-kind'] = gvk;
  if (ATOMIC_STRUCTS.has(def.name)) schema['x-kubernetes-map-type'] = 'atomic';
  return sortKeys(schema);
}

// ---------------------------------------------------------------------------------------------------------
// Paths

type ParamDocs = Map<string, string[]>;

function queryParam(name: string, type: 'string' | 'boolean' | 'integer', docs: ParamDocs, pick?: (d: string) => boolean): Schema {
  const candidates = docs.get(name) ?? [];
  const description = (pick ? candidates.find(pick) : undefined) ?? candidates[0];
  const p: Schema = { in: 'query', name, schema: { type, uniqueItems: true } };
  if (description) p.description = description;
  return sortKeys(p);
}

const CONTENT = ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml'];
const content = (schemaRef: Schema, types = CONTENT): Schema =>
  Object.fromEntries(types.map((t) => [t, { schema: schemaRef }]));
const response = (description: string, schemaRef: Schema, types = CONTENT): Schema => ({ content: content(schemaRef, types), description });

interface OpContext { gi: GroupInfo; docs: ParamDocs; kindGvk: { group: string; kind: string; version: string } }

function operation(
  ctx: OpContext,
  fields: { description: string; operationId: string; action: string; parameters: Schema[]; responses: Schema; requestBody?: Schema; gvk?: object | undefined },
): Schema {
  const op: Schema = {
    description: fields.description,
    operationId: fields.operationId,
    responses: { ...fields.responses, '401': { description: 'Unauthorized' } },
    tags: [ctx.gi.tag],
    'x-kubernetes-action': fields.action,
    'x-kubernetes-group-version-kind': fields.gvk ?? ctx.kindGvk,
  };
  if (fields.parameters.length > 0) op.parameters = fields.parameters;
  if (fields.requestBody) op.requestBody = fields.requestBody;
  return op;
}

function pathParameters(docs: ParamDocs, kind: string | undefined, namespaced: boolean): Schema[] {
  const params: Schema[] = [];
  if (kind) params.push({ description: `name of the ${kind}`, in: 'path', name: 'name', required: true, schema: { type: 'string', uniqueItems: true } });
  if (namespaced) {
    params.push({ description: docs.get('namespace')?.[0] ?? '', in: 'path', name: 'namespace', required: true, schema: { type: 'string', uniqueItems: true } });
  }
  params.push(queryParam('pretty', 'string', docs));
  return params.map(sortKeys);
}

function buildPaths(doc: GroupVersionDoc, docs: ParamDocs, classDefs: Map<string, string>): Record<string, Schema> {
  const gi = GROUPS[doc.groupKey];
  const prefix = doc.groupKey === 'core' ? '/api/v1' : `/apis/${gi.group}/${gi.version}`;
  const paths: Record<string, Schema> = {};
  const q = (name: string, type: 'string' | 'boolean' | 'integer', pick?: (d: string) => boolean) => queryParam(name, type, docs, pick);
  const writeParams = [q('dryRun', 'string'), q('fieldManager', 'string', (d) => !d.includes('apply')), q('fieldValidation', 'string')];
  const patchParams = [q('dryRun', 'string'), q('fieldManager', 'string', (d) => d.includes('apply')), q('fieldValidation', 'string'), q('force', 'boolean')];
  const listParams = [
    q('allowWatchBookmarks', 'boolean'), q('continue', 'string'), q('fieldSelector', 'string'), q('labelSelector', 'string'),
    q('limit', 'integer'), q('resourceVersion', 'string'), q('resourceVersionMatch', 'string'), q('sendInitialEvents', 'boolean'),
    q('timeoutSeconds', 'integer'), q('watch', 'boolean'),
  ];
  const deleteParams = [
    q('dryRun', 'string'), q('gracePeriodSeconds', 'integer'), q('ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean'),
    q('orphanDependents', 'boolean'), q('propagationPolicy', 'string'),
  ];
  const deleteCollectionParams = [
    q('continue', 'string'), q('dryRun', 'string'), q('fieldSelector', 'string'), q('gracePeriodSeconds', 'integer'),
    q('ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean'), q('labelSelector', 'string'), q('limit', 'integer'),
    q('orphanDependents', 'boolean'), q('propagationPolicy', 'string'), q('resourceVersion', 'string'),
    q('resourceVersionMatch', 'string'), q('sendInitialEvents', 'boolean'), q('timeoutSeconds', 'integer'),
  ];
  const status = ref(`${META_PKG}.Status`);
  const deleteBody = { content: { 'application/json': { schema: ref(`${META_PKG}.DeleteOptions`) } } };
  const patchBody = {
    content: Object.fromEntries(
      ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']
        .map((t) => [t, { schema: ref(`${META_PKG}.Patch`) }]),
    ),
    required: true,
  };
  const jsonBody = (s: Schema) => ({ content: { 'application/json': { schema: s } }, required: true });
  const watchEvent = ref(`${META_PKG}.WatchEvent`);
  const streamTypes = [...CONTENT, 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];

  for (const r of doc.resources) {
    const kindRef = ref(classDefs.get(r.cls) ?? '');
    const ctx: OpContext = { gi, docs, kindGvk: { group: gi.group, kind: r.kind, version: gi.version } };
    const ns = r.namespaced ? 'Namespaced' : '';
    const base = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.plural}` : `${prefix}/${r.plural}`;
    const id = (verb: string, suffix = '') => `${verb}${gi.op}${ns}${r.kind}${suffix}`;
    const created = { '200': response('OK', kindRef), '201': response('Created', kindRef), '202': response('Accepted', kindRef) };

    if (r.createOnly) {
      paths[base] = {
        parameters: pathParameters(docs, undefined, r.namespaced),
        post: operation(ctx, {
          description: `create a ${r.kind}`, operationId: id('create'), action: 'post',
          parameters: writeParams, requestBody: jsonBody(kindRef), responses: created,
        }),
      };
      continue;
    }
    const listRef = ref(classDefs.get(r.listCls ?? '') ?? '');
    paths[base] = {
      delete: operation(ctx, {
        description: `delete collection of ${r.kind}`, operationId: `delete${gi.op}Collection${ns}${r.kind}`, action: 'deletecollection',
        parameters: deleteCollectionParams, requestBody: deleteBody, responses: { '200': response('OK', status) },
      }),
      get: operation(ctx, {
        description: `list or watch objects of kind ${r.kind}`, operationId: id('list'), action: 'list',
        parameters: listParams, responses: { '200': response('OK', listRef, streamTypes) },
      }),
      parameters: pathParameters(docs, undefined, r.namespaced),
      post: operation(ctx, {
        description: `create a ${r.kind}`, operationId: id('create'), action: 'post',
        parameters: writeParams, requestBody: jsonBody(kindRef), responses: created,
      }),
    };
    paths[`${base}/{name}`] = {
      delete: operation(ctx, {
        description: `delete a ${r.kind}`, operationId: id('delete'), action: 'delete', parameters: deleteParams,
        requestBody: deleteBody, responses: { '200': response('OK', status), '202': response('Accepted', status) },
      }),
      get: operation(ctx, {
        description: `read the specified ${r.kind}`, operationId: id('read'), action: 'get', parameters: [],
        responses: { '200': response('OK', kindRef) },
      }),
      parameters: pathParameters(docs, r.kind, r.namespaced),
      patch: operation(ctx, {
        description: `partially update the specified ${r.kind}`, operationId: id('patch'), action: 'patch',
        parameters: patchParams, requestBody: patchBody, responses: { '200': response('OK', kindRef), '201': response('Created', kindRef) },
      }),
      put: operation(ctx, {
        description: `replace the specified ${r.kind}`, operationId: id('replace'), action: 'put',
        parameters: writeParams, requestBody: jsonBody(kindRef), responses: { '200': response('OK', kindRef), '201': response('Created', kindRef) },
      }),
    };
    if (r.namespaced) {
      paths[`${prefix}/${r.plural}`] = {
        get: operation(ctx, {
          description: `list or watch objects of kind ${r.kind}`, operationId: `list${gi.op}${r.kind}ForAllNamespaces`, action: 'list',
          parameters: [], responses: { '200': response('OK', listRef, streamTypes) },
        }),
        parameters: [...listParams, queryParam('pretty', 'string', docs)].sort((a, b) => String(a.name).localeCompare(String(b.name))),
      };
    }
    // The deprecated /watch/ paths, still served in v1.32.
    const watchBase = r.namespaced ? `${prefix}/watch/namespaces/{namespace}/${r.plural}` : `${prefix}/watch/${r.plural}`;
    const watchResponses = { '200': response('OK', watchEvent, streamTypes) };
    paths[watchBase] = {
      get: operation(ctx, {
        description: `watch individual changes to a list of ${r.kind}. deprecated: use the 'watch' parameter with a list operation instead.`,
        operationId: id('watch', 'List'), action: 'watchlist', parameters: [], responses: watchResponses,
      }),
      parameters: [...listParams, ...pathParameters(docs, undefined, r.namespaced)],
    };
    paths[`${watchBase}/{name}`] = {
      get: operation(ctx, {
        description: `watch changes to an object of kind ${r.kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.`,
        operationId: id('watch'), action: 'watch', parameters: [], responses: watchResponses,
      }),
      parameters: [...listParams, ...pathParameters(docs, r.kind, r.namespaced)],
    };

    for (const sub of r.subresources ?? []) {
      const subPath = `${base}/{name}/${sub}`;
      const subParams = pathParameters(docs, r.kind, r.namespaced);
      if (sub === 'status' || sub === 'scale') {
        const Sub = sub === 'status' ? 'Status' : 'Scale';
        const subRef = sub === 'status' ? kindRef : ref(`${GROUPS.autoscaling.pkg}.Scale`);
        const gvk = sub === 'status' ? undefined : { group: 'autoscaling', kind: 'Scale', version: 'v1' };
        const what = sub === 'status' ? `status of the specified ${r.kind}` : `scale of the specified ${r.kind}`;
        paths[subPath] = {
          get: operation(ctx, { description: `read ${what}`, operationId: id('read', Sub), action: 'get', parameters: [], responses: { '200': response('OK', subRef) }, gvk }),
          parameters: subParams.map((p) => (p.name === 'name' ? { ...p, description: `name of the ${sub === 'scale' ? 'Scale' : r.kind}` } : p)),
          patch: operation(ctx, {
            description: `partially update ${what}`, operationId: id('patch', Sub), action: 'patch', parameters: patchParams,
            requestBody: patchBody, responses: { '200': response('OK', subRef), '201': response('Created', subRef) }, gvk,
          }),
          put: operation(ctx, {
            description: `replace ${what}`, operationId: id('replace', Sub), action: 'put', parameters: writeParams,
            requestBody: jsonBody(subRef), responses: { '200': response('OK', subRef), '201': response('Created', subRef) }, gvk,
          }),
        };
      } else if (sub === 'binding') {
        const binding = ref(`${GROUPS.core.pkg}.Binding`);
        paths[subPath] = {
          parameters: subParams.map((p) => (p.name === 'name' ? { ...p, description: 'name of the Binding' } : p)),
          post: operation(ctx, {
            description: 'create binding of a Pod', operationId: id('create', 'Binding'), action: 'post', parameters: writeParams,
            requestBody: jsonBody(binding), gvk: { group: '', kind: 'Binding', version: 'v1' },
            responses: { '200': response('OK', binding), '201': response('Created', binding), '202': response('Accepted', binding) },
          }),
        };
      } else if (sub === 'log') {
        const logParams = [
          q('container', 'string'), q('follow', 'boolean'), q('insecureSkipTLSVerifyBackend', 'boolean'), q('limitBytes', 'integer'),
          q('previous', 'boolean'), q('sinceSeconds', 'integer'), q('stream', 'string'), q('tailLines', 'integer'), q('timestamps', 'boolean'),
        ];
        paths[subPath] = {
          get: operation(ctx, {
            description: 'read log of the specified Pod', operationId: id('read', 'Log'), action: 'get', parameters: [],
            responses: { '200': response('OK', { type: 'string' }, ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml', 'text/plain']) },
          }),
          parameters: [...logParams, ...subParams].sort((a, b) => String(a.name).localeCompare(String(b.name))),
        };
      } else if (sub === 'token') {
        const tokenRequest = ref(`${GROUPS.authentication.pkg}.TokenRequest`);
        paths[subPath] = {
          parameters: subParams.map((p) => (p.name === 'name' ? { ...p, description: 'name of the TokenRequest' } : p)),
          post: operation(ctx, {
            description: 'create token of a ServiceAccount', operationId: id('create', 'Token'), action: 'post', parameters: writeParams,
            requestBody: jsonBody(tokenRequest), gvk: { group: 'authentication.k8s.io', kind: 'TokenRequest', version: 'v1' },
            responses: { '200': response('OK', tokenRequest), '201': response('Created', tokenRequest), '202': response('Accepted', tokenRequest) },
          }),
        };
      } else {
        paths[subPath] = {
          parameters: [...subParams, q('dryRun', 'string'), q('fieldManager', 'string', (d) => !d.includes('apply')), q('fieldValidation', 'string')],
          put: operation(ctx, {
            description: `replace finalize of the specified ${r.kind}`, operationId: id('replace', 'Finalize'), action: 'put', parameters: [],
            requestBody: jsonBody(kindRef), responses: { '200': response('OK', kindRef), '201': response('Created', kindRef) },
          }),
        };
      }
    }
  }
  return sortKeys(paths);
}

// ---------------------------------------------------------------------------------------------------------
// Documents

/** Every served group-version, for the GVK lists of meta types registered in each of them. */
const SERVED_GVS = DOCUMENTS.map((d) => ({ group: GROUPS[d.groupKey].group, version: GROUPS[d.groupKey].version }));

function collectRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') into.add(v.slice('#/components/schemas/'.length));
      else collectRefs(v, into);
    }
  }
}

async function buildDocument(doc: GroupVersionDoc, docs: ParamDocs): Promise<Schema> {
  const gi = GROUPS[doc.groupKey];
  const build: SchemaBuild = { schemas: new Map(), pending: [] };
  const gvks = new Map<string, object[]>();
  const classDefs = new Map<string, string>();
  const addRoot = (cls: string, def: Definition, gvk?: object[]) => {
    classDefs.set(cls, def.name);
    if (gvk) gvks.set(def.name, gvk);
    build.pending.push({ cls, def });
  };
  const inGroup = (cls: string): Definition => ({ name: `${gi.pkg}.${shortName(cls).short}`, group: doc.groupKey });
  for (const r of doc.resources) {
    addRoot(r.cls, inGroup(r.cls), [{ group: gi.group, kind: r.kind, version: gi.version }]);
    if (r.listCls) addRoot(r.listCls, inGroup(r.listCls), [{ group: gi.group, kind: `${r.kind}List`, version: gi.version }]);
    for (const sub of r.subresources ?? []) {
      if (sub === 'scale') addRoot('V1Scale', { name: `${GROUPS.autoscaling.pkg}.Scale`, group: 'autoscaling' }, [{ group: 'autoscaling', kind: 'Scale', version: 'v1' }]);
      if (sub === 'binding') addRoot('V1Binding', { name: `${GROUPS.core.pkg}.Binding`, group: 'core' }, [{ group: '', kind: 'Binding', version: 'v1' }]);
      if (sub === 'token') {
        addRoot('AuthenticationV1TokenRequest', { name: `${GROUPS.authentication.pkg}.TokenRequest`, group: 'authentication' }, [
          { group: 'authentication.k8s.io', kind: 'TokenRequest', version: 'v1' },
        ]);
      }
    }
  }
  const everyGv = (kind: string) => SERVED_GVS.map((gv) => ({ ...gv, kind }));
  addRoot('V1Status', { name: `${META_PKG}.Status`, group: 'meta' }, [{ group: '', kind: 'Status', version: 'v1' }]);
  addRoot('V1DeleteOptions', { name: `${META_PKG}.DeleteOptions`, group: 'meta' }, everyGv('DeleteOptions'));
  addRoot('V1WatchEvent', { name: `${META_PKG}.WatchEvent`, group: 'meta' }, everyGv('WatchEvent'));
  addRoot('V1APIResourceList', { name: `${META_PKG}.APIResourceList`, group: 'meta' }, [{ group: '', kind: 'APIResourceList', version: 'v1' }]);

  while (build.pending.length > 0) {
    const next = build.pending.shift();
    if (!next || build.schemas.has(next.def.name)) continue;
    build.schemas.set(next.def.name, {});
    build.schemas.set(next.def.name, await modelSchema(next.cls, next.def, gvks, build));
  }
  const schemas: Record<string, Schema> = Object.fromEntries(build.schemas);
  const paths = buildPaths(doc, docs, classDefs);
  // Add the scalar schemas actually referenced, and check that every $ref resolves.
  const scalars = scalarSchemas();
  const refs = new Set<string>();
  collectRefs({ paths, schemas }, refs);
  for (const name of refs) {
    const scalar = scalars[name];
    if (scalar) schemas[name] = scalar;
    if (!schemas[name]) throw new Error(`${doc.path}: unresolved $ref ${name}`);
  }
  return {
    components: {
      schemas: sortKeys(schemas),
      securitySchemes: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
    },
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION },
    openapi: '3.0.0',
    paths,
    security: [{ BearerToken: [] }],
  };
}

function fileNameFor(gvPath: string): string {
  return `${gvPath.replace(/\//g, '__')}.json`;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const paramDocs = loadParameterDocs();
  const index: Record<string, { serverRelativeURL: string }> = {};
  const texts: Record<string, string> = {};
  for (const doc of DOCUMENTS) {
    const text = JSON.stringify(await buildDocument(doc, paramDocs));
    // kube-apiserver's etag for a group-version document is the upper-case hex SHA-512 of its JSON.
    const hash = createHash('sha512').update(text).digest('hex').toUpperCase();
    index[doc.path] = { serverRelativeURL: `/openapi/v3/${doc.path}?hash=${hash}` };
    texts[doc.path] = text;
    writeFileSync(join(OUT, fileNameFor(doc.path)), text);
    console.log(`${doc.path}: ${(text.length / 1024).toFixed(0)} KiB`);
  }
  const indexText = JSON.stringify({ paths: index });
  writeFileSync(join(OUT, 'index.json'), indexText);
  // The sim imports the documents as string literals: type-checking a string is free, inferring a type
  // for megabytes of JSON is not.
  const lines = [
    '// Generated by scripts/gen-openapi.ts. Do not edit.',
    `export const openApiIndexText = ${JSON.stringify(indexText)};`,
    'export const openApiDocumentTexts: Readonly<Record<string, string>> = {',
    ...Object.entries(texts).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    '};',
    '',
  ];
  writeFileSync(join(OUT, 'documents.ts'), lines.join('\n'));
}

await main();
