// `kubectl apply` of an existing object: the patch the real kubectl v1.32 sends must be, byte for byte and with
// the same content type, the one the in-browser kubectl sends for the same file over the same live object.
// The in-browser kubectl is replayed against the exact GET answer the real one received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse } from '../../src/sim/apiserver/ApiServer.ts';
import { kubectlApply, LAST_APPLIED_ANNOTATION, type KubectlContext } from '../../src/sim/kubectl/kubectl.ts';
import { NGINX_POD_YAML, RBAC_YAML } from '../../src/sim/scenario/defaultScenario.ts';
import { startCluster, type Cluster } from './harness.ts';

let c: Cluster;
let seen: { req: ApiRequest; res: ApiResponse }[] = [];
beforeAll(async () => {
  c = await startCluster({ speed: 20 });
  const send = c.engine.request.bind(c.engine);
  c.engine.request = (req: ApiRequest): ApiResponse => {
    const res = send(req);
    if (!req.path.startsWith('/openapi')) seen.push({ req, res });
    return res;
  };
});
afterAll(async () => { await c.stop(); });

interface Run { out: string; err: string; patch?: { body: string; contentType: string }; create?: string }

/** The real `kubectl apply -f`, and the in-browser one replayed over the GET answer the real one got. */
async function applyBoth(name: string, yaml: string): Promise<{ real: Run; ours: Run }> {
  seen = [];
  const path = c.file(name, yaml);
  const r = await c.kubectl(['apply', '-f', path]);
  const get = seen.find((s) => s.req.method === 'GET');
  const sent = seen.find((s) => s.req.method === 'PATCH')?.req;
  const posted = seen.find((s) => s.req.method === 'POST')?.req;
  const real: Run = { out: r.stdout, err: r.stderr };
  if (sent) real.patch = { body: String(sent.body), contentType: String(sent.headers?.['content-type']) };
  if (posted) real.create = String(posted.body);

  let ourPatch: Run['patch'];
  let ourCreate: string | undefined;
  const ctx: KubectlContext = {
    credentials: {},
    namespace: 'default',
    send: (req) => {
      if (req.method === 'GET' && get) return get.res;
      if (req.method === 'POST') ourCreate = String(req.body);
      else ourPatch = { body: String(req.body), contentType: String(req.headers?.['content-type']) };
      return { code: 200, headers: {}, body: get?.res.body, contentType: 'application/json', span: 0 };
    },
  };
  const res = kubectlApply(ctx, path, yaml);
  const text = (stream: string): string => res.lines.filter((l) => l.stream === stream).map((l) => `${l.text}\n`).join('');
  const ours: Run = { out: text('stdout'), err: text('stderr') };
  if (ourPatch) ours.patch = ourPatch;
  if (ourCreate !== undefined) ours.create = ourCreate;
  return { real, ours };
}

/** Applies and checks both kubectls agree; returns the real kubectl's patch, parsed. */
async function samePatch(name: string, yaml: string): Promise<Record<string, unknown>> {
  const { real, ours } = await applyBoth(name, yaml);
  expect(real.patch, real.err).toBeDefined();
  expect(ours.patch).toEqual(real.patch);
  return JSON.parse(real.patch?.body ?? '{}') as Record<string, unknown>;
}

/** Drops the last-applied annotation (checked separately) from a patch's metadata. */
function withoutAnnotation(patch: Record<string, unknown>): Record<string, unknown> {
  const meta = { ...(patch.metadata as Record<string, unknown>) };
  const annotations = { ...(meta.annotations as Record<string, string>) };
  delete annotations[LAST_APPLIED_ANNOTATION];
  if (Object.keys(annotations).length === 0) delete meta.annotations;
  const out = { ...patch, metadata: meta };
  if (Object.keys(meta).length === 0) delete (out as Record<string, unknown>).metadata;
  return out;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
    tier: front
spec:
  containers:
  - name: nginx
    image: nginx
    env:
    - name: A
      value: "1"
    - name: B
      value: "2"
`;
const POD_127 = POD.replace('image: nginx', 'image: nginx:1.27');
const POD_NO_TIER = POD_127.replace('    tier: front\n', '');

describe('kubectl apply of an existing Pod', () => {
  it('re-applying the unchanged seed pod sends no PATCH and prints "unchanged" (defaulted fields are not a diff)', async () => {
    await applyBoth('nginx-pod.yaml', NGINX_POD_YAML);
    const { real, ours } = await applyBoth('nginx-pod.yaml', NGINX_POD_YAML);
    expect(real).toEqual({ out: 'pod/nginx-pod unchanged\n', err: '' });
    expect(ours).toEqual(real);
  });

  it('a new image: the container merged by name, $setElementOrder/containers, the new last-applied annotation', async () => {
    expect((await applyBoth('web.yaml', POD)).real.out).toBe('pod/web created\n');
    const { real, ours } = await applyBoth('web-127.yaml', POD_127);
    expect(real.out).toBe('pod/web configured\n');
    expect(real.patch).toEqual({
      contentType: 'application/strategic-merge-patch+json',
      body: '{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"Pod\\",\\"metadata\\":{\\"annotations\\":{},\\"labels\\":{\\"app\\":\\"web\\",\\"tier\\":\\"front\\"},\\"name\\":\\"web\\",\\"namespace\\":\\"default\\"},\\"spec\\":{\\"containers\\":[{\\"env\\":[{\\"name\\":\\"A\\",\\"value\\":\\"1\\"},{\\"name\\":\\"B\\",\\"value\\":\\"2\\"}],\\"image\\":\\"nginx:1.27\\",\\"name\\":\\"nginx\\"}]}}\\n"}},'
        + '"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.27","name":"nginx"}]}}',
    });
    expect(ours).toEqual(real);
  });

  it('a label removed from the file becomes null', async () => {
    expect(withoutAnnotation(await samePatch('web-label.yaml', POD_NO_TIER))).toEqual({ metadata: { labels: { tier: null } } });
  });

  it('a second container is sent whole, with both names in $setElementOrder/containers', async () => {
    const patch = await samePatch('web-sidecar.yaml', `${POD_NO_TIER}  - name: sidecar\n    image: busybox\n`);
    expect(withoutAnnotation(patch)).toEqual({
      spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }], containers: [{ image: 'busybox', name: 'sidecar' }] },
    });
  });

  it('an env var removed from the file becomes {"$patch":"delete"} in a nested merge list', async () => {
    const patch = await samePatch('web-env.yaml', POD_NO_TIER.replace('    - name: B\n      value: "2"\n', ''));
    expect(withoutAnnotation(patch)).toEqual({
      spec: {
        '$setElementOrder/containers': [{ name: 'nginx' }],
        containers: [{ '$setElementOrder/env': [{ name: 'A' }], env: [{ $patch: 'delete', name: 'B' }], name: 'nginx' }],
      },
    });
  });

  it('finalizers (a merged list of strings): additions as a list, removals as $deleteFromPrimitiveList', async () => {
    const two = POD_NO_TIER.replace('  labels:', '  finalizers: ["a.io/x", "b.io/y"]\n  labels:');
    expect(withoutAnnotation(await samePatch('web-fin.yaml', two))).toEqual({ metadata: { finalizers: ['a.io/x', 'b.io/y'] } });
    const one = POD_NO_TIER.replace('  labels:', '  finalizers: ["b.io/y"]\n  labels:');
    expect(withoutAnnotation(await samePatch('web-fin1.yaml', one))).toEqual({
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a.io/x'], '$setElementOrder/finalizers': ['b.io/y'] },
    });
  });

  it('a container without its merge key: the same library error, printed the same way', async () => {
    const y = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: keyless\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
    await applyBoth('keyless.yaml', y);
    const { real, ours } = await applyBoth('keyless-2.yaml', y.replace('  - name: c\n', '  - image: busybox\n  - name: c\n'));
    expect(real.err).toContain('map: map[image:busybox] does not contain declared merge key: name');
    expect(real.patch).toBeUndefined();
    expect(ours).toEqual(real);
  });
});

describe('kubectl apply of RBAC objects (no patch metadata: lists replaced whole)', () => {
  const role = RBAC_YAML.split('---\n')[0] ?? '';
  const binding = RBAC_YAML.split('---\n')[2] ?? '';

  it('a Role whose rules changed sends the whole rules list', async () => {
    await applyBoth('role.yaml', role);
    const patch = await samePatch('role-2.yaml', role.replace('verbs: ["get", "list", "watch"]', 'verbs: ["get", "list"]'));
    expect(withoutAnnotation(patch)).toEqual({ rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] });
  });

  it('a RoleBinding whose subject changed sends the whole subjects list', async () => {
    await applyBoth('binding.yaml', binding);
    const patch = await samePatch('binding-2.yaml', binding.replace('  name: alice\n', '  name: carol\n'));
    expect(withoutAnnotation(patch)).toEqual({ subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'carol' }] });
  });
});

describe('kubectl apply of a Deployment', () => {
  const dep = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  replicas: 1
  selector:
    matchLabels: {app: d}
  template:
    metadata:
      labels: {app: d}
    spec:
      containers:
      - name: c
        image: nginx
        ports:
        - containerPort: 80
`;
  it('a strategy changed to Recreate sends $retainKeys (DeploymentSpec.strategy is retainKeys in the OpenAPI), dropping the defaulted rollingUpdate', async () => {
    const named = dep.replace('  name: d\n', '  name: recreate\n');
    await applyBoth('recreate.yaml', named);
    const { real, ours } = await applyBoth('recreate-2.yaml', named.replace('  replicas: 1\n', '  replicas: 1\n  strategy:\n    type: Recreate\n'));
    expect(real.out).toBe('deployment.apps/recreate configured\n');
    expect(ours).toEqual(real);
    expect(withoutAnnotation(JSON.parse(real.patch?.body ?? '{}') as Record<string, unknown>)).toEqual({
      spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
    });
    const live = await c.kubectl(['get', 'deployment', 'recreate', '-o', 'jsonpath={.spec.strategy}']);
    expect(live.stdout).toBe('{"type":"Recreate"}');
  });

  it('a changed containerPort: the new port added and the old one deleted, by containerPort', async () => {
    await applyBoth('d.yaml', dep);
    const patch = await samePatch('d-2.yaml', dep.replace('containerPort: 80', 'containerPort: 8080'));
    expect(withoutAnnotation(patch)).toEqual({
      spec: { template: { spec: {
        '$setElementOrder/containers': [{ name: 'c' }],
        containers: [{ '$setElementOrder/ports': [{ containerPort: 8080 }], name: 'c', ports: [{ containerPort: 8080 }, { $patch: 'delete', containerPort: 80 }] }],
      } } },
    });
  });
});


describe('the last-applied annotation and the bodies are encoding/json bytes', () => {
  // Go's json.Marshal escapes &, <, > as \u0026, \u003c, \u003e and U+2028/U+2029 as \u2028/\u2029, in the request
  // body and, one level down, in the annotation's text.
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: esc\ndata:\n  k: "a&b<c>"\n  s: "x\\u2028y\\u2029z"\n';

  it('the create body (keys sorted, newline-terminated) and the stored annotation match the real kubectl', async () => {
    const { real, ours } = await applyBoth('esc.yaml', cm);
    expect(real.out).toBe('configmap/esc created\n');
    expect(ours.create).toBe(real.create);
    const annotation = (JSON.parse(real.create ?? '{}') as { metadata: { annotations: Record<string, string> } }).metadata.annotations[LAST_APPLIED_ANNOTATION];
    expect(annotation).toBe('{"apiVersion":"v1","data":{"k":"a\\u0026b\\u003cc\\u003e","s":"x\\u2028y\\u2029z"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"esc","namespace":"default"}}\n');
    const stored = await c.kubectl(['get', 'configmap', 'esc', '-o', `jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}`]);
    expect(stored.stdout).toBe(annotation);
  });

  it('a changed value: the patch escapes the value and the new annotation alike', async () => {
    const patch = await samePatch('esc-2.yaml', cm.replace('a&b<c>', 'a&b>d'));
    expect(withoutAnnotation(patch)).toEqual({ data: { k: 'a&b>d' } });
  });
});
