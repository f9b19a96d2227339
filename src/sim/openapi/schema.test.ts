import { describe, expect, it } from 'vitest';
import {
  openApiDocument,
  openApiDocumentText,
  openApiIndex,
  schemaForKind,
  strictDecodingErrors,
  strictDecodingMessage,
  unknownFields,
} from './schema.ts';

type Op = { operationId: string; parameters?: { name: string }[]; 'x-kubernetes-group-version-kind'?: unknown };
type PathItem = Partial<Record<'get' | 'put' | 'post' | 'delete' | 'patch', Op>>;

const GROUP_VERSIONS = [
  'api/v1',
  'apis/apps/v1',
  'apis/rbac.authorization.k8s.io/v1',
  'apis/coordination.k8s.io/v1',
  'apis/events.k8s.io/v1',
  'apis/authorization.k8s.io/v1',
  'apis/authentication.k8s.io/v1',
  'apis/scheduling.k8s.io/v1',
];

function doc(gv: string) {
  const d = openApiDocument(gv);
  if (!d) throw new Error(`no document for ${gv}`);
  return d;
}

function operations(gv: string): Map<string, Op> {
  const ops = new Map<string, Op>();
  for (const item of Object.values(doc(gv).paths) as PathItem[]) {
    for (const verb of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[verb];
      if (op) ops.set(op.operationId, op);
    }
  }
  return ops;
}

/** kubectl's check (staging/src/k8s.io/cli-runtime/pkg/resource/query_param_verifier_v3.go). */
function patchSupportsFieldValidation(gv: string, gvk: { group: string; version: string; kind: string }): boolean {
  for (const item of Object.values(doc(gv).paths) as PathItem[]) {
    const op = item.patch;
    if (!op) continue;
    const ext = op['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string } | undefined;
    if (ext?.group !== gvk.group || ext.version !== gvk.version || ext.kind !== gvk.kind) continue;
    return (op.parameters ?? []).some((p) => p.name === 'fieldValidation');
  }
  return false;
}

describe('the /openapi/v3 index', () => {
  it('lists every served group-version with a hashed serverRelativeURL', () => {
    const index = openApiIndex();
    expect(Object.keys(index.paths).sort()).toEqual([...GROUP_VERSIONS].sort());
    for (const gv of GROUP_VERSIONS) {
      expect(index.paths[gv]?.serverRelativeURL).toMatch(new RegExp(`^/openapi/v3/${gv.replace(/\./g, '\\.')}\\?hash=[0-9A-F]{128}$`));
      expect(openApiDocumentText(gv)).toBeTypeOf('string');
    }
  });

  it('has no document for a group-version it does not serve', () => {
    expect(openApiDocument('apis/batch/v1')).toBeUndefined();
  });
});

describe('group-version documents', () => {
  it('are OpenAPI 3.0.0 documents whose $refs all resolve', () => {
    for (const gv of GROUP_VERSIONS) {
      const d = doc(gv);
      expect(d.openapi).toBe('3.0.0');
      const refs = new Set<string>();
      JSON.stringify(d, (key, value: unknown) => {
        if (key === '$ref' && typeof value === 'string') refs.add(value);
        return value;
      });
      for (const ref of refs) {
        expect(d.components.schemas[ref.replace('#/components/schemas/', '')], `${gv}: ${ref}`).toBeDefined();
      }
    }
  });

  it('carry upstream operationIds', () => {
    expect([...operations('api/v1').keys()]).toEqual(expect.arrayContaining([
      'createCoreV1NamespacedPod', 'readCoreV1NamespacedPod', 'patchCoreV1NamespacedPod', 'replaceCoreV1NamespacedPodStatus',
      'createCoreV1NamespacedPodBinding', 'readCoreV1NamespacedPodLog', 'listCoreV1PodForAllNamespaces',
      'deleteCoreV1CollectionNamespacedPod', 'createCoreV1Namespace', 'replaceCoreV1NamespaceFinalize',
      'patchCoreV1NodeStatus', 'createCoreV1NamespacedServiceAccountToken', 'watchCoreV1NamespacedPodList',
    ]));
    expect([...operations('apis/apps/v1').keys()]).toEqual(expect.arrayContaining([
      'createAppsV1NamespacedDeployment', 'patchAppsV1NamespacedDeploymentScale', 'readAppsV1NamespacedReplicaSetStatus',
    ]));
    expect([...operations('apis/authorization.k8s.io/v1').keys()].sort()).toEqual([
      'createAuthorizationV1NamespacedLocalSubjectAccessReview', 'createAuthorizationV1SelfSubjectAccessReview',
      'createAuthorizationV1SelfSubjectRulesReview', 'createAuthorizationV1SubjectAccessReview',
    ]);
    expect([...operations('apis/authentication.k8s.io/v1').keys()].sort()).toEqual([
      'createAuthenticationV1SelfSubjectReview', 'createAuthenticationV1TokenReview',
    ]);
  });

  it('declare fieldValidation on PATCH, so kubectl validates server-side', () => {
    const kinds: [string, string, string, string][] = [
      ['api/v1', '', 'v1', 'Pod'], ['api/v1', '', 'v1', 'Namespace'], ['api/v1', '', 'v1', 'ConfigMap'],
      ['apis/apps/v1', 'apps', 'v1', 'Deployment'], ['apis/rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io', 'v1', 'Role'],
      ['apis/scheduling.k8s.io/v1', 'scheduling.k8s.io', 'v1', 'PriorityClass'],
    ];
    for (const [gv, group, version, kind] of kinds) {
      expect(patchSupportsFieldValidation(gv, { group, version, kind }), kind).toBe(true);
    }
    const create = operations('api/v1').get('createCoreV1NamespacedPod');
    expect(create?.parameters?.map((p) => p.name)).toEqual(['dryRun', 'fieldManager', 'fieldValidation']);
  });

  it('mark top-level kinds with x-kubernetes-group-version-kind', () => {
    const pod = doc('api/v1').components.schemas['io.k8s.api.core.v1.Pod'];
    expect(pod?.['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    expect(schemaForKind('apps', 'v1', 'Deployment')?.['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
    expect(schemaForKind('', 'v1', 'Service')).toBeUndefined();
  });

  it('carry the strategic-merge and list-type markers of types.go', () => {
    const schemas = doc('apis/apps/v1').components.schemas;
    const prop = (schema: string, name: string) =>
      (schemas[schema]?.['properties'] as Record<string, Record<string, unknown>> | undefined)?.[name];
    expect(prop('io.k8s.api.core.v1.PodSpec', 'containers')).toMatchObject({
      'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'],
    });
    expect(prop('io.k8s.api.core.v1.PodSpec', 'volumes')).toMatchObject({
      'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge,retainKeys',
    });
    expect(prop('io.k8s.api.core.v1.Container', 'ports')).toMatchObject({
      'x-kubernetes-patch-merge-key': 'containerPort', 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
    });
    expect(prop('io.k8s.api.core.v1.Container', 'env')).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name' });
    expect(prop('io.k8s.api.core.v1.Container', 'volumeMounts')).toMatchObject({ 'x-kubernetes-patch-merge-key': 'mountPath' });
    expect(prop('io.k8s.api.apps.v1.DeploymentStatus', 'conditions')).toMatchObject({ 'x-kubernetes-patch-merge-key': 'type' });
    // Upstream v1.32 apis__apps__v1_openapi.json: the reference inside allOf, the marker beside it.
    expect(prop('io.k8s.api.apps.v1.DeploymentSpec', 'strategy')).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy' }], 'x-kubernetes-patch-strategy': 'retainKeys',
    });
    expect(prop('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers')).toMatchObject({
      'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set',
    });
    expect(prop('io.k8s.api.core.v1.PodSpec', 'tolerations')).toMatchObject({ 'x-kubernetes-list-type': 'atomic' });
    expect(prop('io.k8s.api.core.v1.PodSpec', 'tolerations')).not.toHaveProperty('x-kubernetes-patch-merge-key');
  });

  it('type fields as the v1.32 schema does', () => {
    const schemas = doc('api/v1').components.schemas;
    const props = (schema: string) => schemas[schema]?.['properties'] as Record<string, Record<string, unknown>>;
    expect(props('io.k8s.api.core.v1.ContainerPort')['containerPort']).toMatchObject({ type: 'integer', format: 'int32' });
    expect(props('io.k8s.api.core.v1.ResourceRequirements')['limits']).toMatchObject({
      type: 'object', additionalProperties: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' },
    });
    expect(props('io.k8s.api.core.v1.Secret')['data']).toMatchObject({ additionalProperties: { format: 'byte', type: 'string' } });
    // A reference with a description sits alone inside allOf, as kube-openapi writes v3 documents.
    expect(props('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')['creationTimestamp']).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time' }],
    });
    expect(schemas['io.k8s.api.core.v1.Container']?.['required']).toEqual(['name']);
    expect(schemas['io.k8s.api.core.v1.PodSpec']?.['required']).toEqual(['containers']);
  });
});

const pod = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', labels: { app: 'web' }, annotations: { 'x/y': 'z' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { limits: { cpu: '1' } }, ...container }] },
  ...extra,
});

describe('unknownFields', () => {
  it('reports the path as strict decoding does (spec.containers[0].imagee)', () => {
    expect(unknownFields('', 'v1', 'Pod', pod({ imagee: 'nginx' }))).toEqual(['spec.containers[0].imagee']);
  });

  it('accepts a complete pod, map keys and free-form fields', () => {
    const obj = pod({}, {
      status: { phase: 'Pending' },
      metadata: {
        name: 'x',
        managedFields: [{ manager: 'kubectl', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { '.': {} } } }],
      },
    });
    expect(unknownFields('', 'v1', 'Pod', obj)).toEqual([]);
  });

  it('reports every unknown field, top-level ones without a prefix, and skips inside an unknown field', () => {
    const obj = { ...pod({ imagee: 'x', Image: 'y' }), specs: { nested: { deeper: 1 } }, metadata: { name: 'p', labelz: {} } };
    // In the object's key order: metadata keeps its place when the spread overrides it.
    expect(unknownFields('', 'v1', 'Pod', obj)).toEqual([
      'metadata.labelz', 'spec.containers[0].imagee', 'spec.containers[0].Image', 'specs',
    ]);
  });

  it('walks a Deployment pod template', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        strategy: { rollingUpdate: { maxSurge: 1, maxUnaivailable: 5 } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i', port: 80 }] } },
      },
    };
    expect(unknownFields('apps', 'v1', 'Deployment', deployment)).toEqual([
      'spec.strategy.rollingUpdate.maxUnaivailable',
      'spec.template.spec.containers[0].port',
    ]);
  });

  it('returns nothing for a kind no document describes', () => {
    expect(unknownFields('batch', 'v1', 'Job', { spec: { whatever: 1 } })).toEqual([]);
  });
});

describe('strictDecodingErrors', () => {
  it('reports duplicate and unknown fields in document order, once each', () => {
    const body =
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","name":"b","labels":{"app":"x","app":"y"}},' +
      '"spec":{"containers":[{"name":"c","image":"i","imagee":"j","imagee":"k"}]},"kind":"Pod"}';
    expect(strictDecodingErrors('', 'v1', 'Pod', body)).toEqual([
      'duplicate field "metadata.name"',
      'duplicate field "metadata.labels.app"',
      'unknown field "spec.containers[0].imagee"',
      'duplicate field "kind"',
    ]);
  });

  it('handles whitespace, escapes and numbers', () => {
    const body = '{ "apiVersion" : "v1", "kind": "Pod", "metadata": { "name": "a\\"b", "annotations": {"k": "v\\u00e9"} },\n' +
      '  "spec": { "containers": [ { "name": "c", "ports": [ { "containerPort": 8.0e1, "hostPortt": -1 } ] } ] } }';
    expect(strictDecodingErrors('', 'v1', 'Pod', body)).toEqual(['unknown field "spec.containers[0].ports[0].hostPortt"']);
  });

  it('returns nothing for invalid JSON', () => {
    expect(strictDecodingErrors('', 'v1', 'Pod', '{"spec": ')).toEqual([]);
  });
});

describe('strictDecodingMessage', () => {
  it('words the BadRequest as kube-apiserver v1.32 does', () => {
    expect(strictDecodingMessage('Pod', 'v1', ['unknown field "spec.containers[0].imagee"'])).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"',
    );
  });

  it('joins several errors with ", " and uses the version without the group', () => {
    const errors = strictDecodingErrors('apps', 'v1', 'Deployment',
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","name":"d"},"spec":{"strategy":{"rollingUpdate":{"maxUnaivailable":5}}}}');
    expect(strictDecodingMessage('Deployment', 'v1', errors)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ' +
        'duplicate field "metadata.name", unknown field "spec.strategy.rollingUpdate.maxUnaivailable"',
    );
  });
});
