import { describe, expect, it } from 'vitest';
import { Engine } from '../Engine.ts';
import { NGINX_POD_YAML, RBAC_YAML } from '../scenario/defaultScenario.ts';
import type { TraceEvent } from '../trace/types.ts';
import { kubectlApply, kubectlDelete, LAST_APPLIED_ANNOTATION, type KubectlContext } from './kubectl.ts';

function ctxFor(engine: Engine, user: string): KubectlContext {
  return { send: (req) => engine.request(req), credentials: engine.credentialsFor(user), namespace: 'default' };
}

function requests(engine: Engine, from: number): string[] {
  return engine.tracer.events.slice(from)
    .filter((e): e is Extract<TraceEvent, { type: 'request' }> => e.type === 'request' && e.from === 'kubectl')
    .map((e) => `${e.method} ${e.path}`);
}

describe('kubectl apply -f', () => {
  it('GETs, then POSTs with the last-applied annotation and kubectl-client-side-apply as field manager', () => {
    const engine = new Engine();
    const res = kubectlApply(ctxFor(engine, 'kubernetes-admin'), 'nginx-pod.yaml', NGINX_POD_YAML);
    expect(res).toMatchObject({ ok: true, lines: [{ stream: 'stdout', text: 'pod/nginx-pod created' }] });
    expect(requests(engine, 0)).toEqual([
      'GET /api/v1/namespaces/default/pods/nginx-pod',
      'POST /api/v1/namespaces/default/pods?fieldManager=kubectl-client-side-apply&fieldValidation=Strict',
    ]);
    const pod = engine.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/nginx-pod', headers: { authorization: 'Bearer admin-token' } }).body as { metadata: { annotations: Record<string, string>; managedFields?: { manager: string }[] } };
    // What kubectl v1.32 writes: the file's object, namespace filled in, empty annotations kept, keys sorted, "\n".
    expect(pod.metadata.annotations[LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"nginx-pod","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"nginx"}]}}\n',
    );
  });

  it('writes the annotation and the body with encoding/json\'s escapes (& < > as \\u0026 \\u003c \\u003e)', () => {
    const engine = new Engine();
    const sent: string[] = [];
    const ctx: KubectlContext = { ...ctxFor(engine, 'kubernetes-admin'), send: (req) => { if (req.method === 'POST') sent.push(String(req.body)); return engine.request(req); } };
    const res = kubectlApply(ctx, 'cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: esc\ndata:\n  k: "a&b<c>"\n');
    expect(res.ok).toBe(true);
    // As the real kubectl v1.32 stores it (test/kubectl/applyPatch.test.ts compares the two).
    const annotation = '{"apiVersion":"v1","data":{"k":"a\\u0026b\\u003cc\\u003e"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"esc","namespace":"default"}}\n';
    const cm = engine.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/esc', headers: { authorization: 'Bearer admin-token' } }).body as { data: Record<string, string>; metadata: { annotations: Record<string, string> } };
    expect(cm.metadata.annotations[LAST_APPLIED_ANNOTATION]).toBe(annotation);
    expect(cm.data).toEqual({ k: 'a&b<c>' });
    expect(sent).toEqual([`{"apiVersion":"v1","data":{"k":"a\\u0026b\\u003cc\\u003e"},"kind":"ConfigMap","metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":${JSON.stringify(annotation)}},"name":"esc","namespace":"default"}}\n`]);
  });

  it('says "unchanged" when applying the same file again, and PATCHes a change as "configured"', () => {
    const engine = new Engine();
    const ctx = ctxFor(engine, 'kubernetes-admin');
    kubectlApply(ctx, 'rbac.yaml', RBAC_YAML);
    expect(kubectlApply(ctx, 'rbac.yaml', RBAC_YAML).lines.map((l) => l.text)).toEqual([
      'role.rbac.authorization.k8s.io/pod-reader unchanged',
      'role.rbac.authorization.k8s.io/pod-creator unchanged',
      'rolebinding.rbac.authorization.k8s.io/alice-reads-pods unchanged',
      'rolebinding.rbac.authorization.k8s.io/bob-creates-pods unchanged',
    ]);
    const from = engine.tracer.events.length;
    const edited = RBAC_YAML.replace('verbs: ["get", "list", "watch"]', 'verbs: ["get", "list", "watch", "create"]');
    const res = kubectlApply(ctx, 'rbac.yaml', edited);
    expect(res.lines[0]?.text).toBe('role.rbac.authorization.k8s.io/pod-reader configured');
    expect(requests(engine, from)).toContain('PATCH /apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/pod-reader?fieldManager=kubectl-client-side-apply&fieldValidation=Strict');
    // alice is bound to pod-reader: with create added she may now create the pod.
    expect(kubectlApply(ctxFor(engine, 'alice'), 'nginx-pod.yaml', NGINX_POD_YAML).lines[0]?.text).toBe('pod/nginx-pod created');
  });

  it('prints the exact Forbidden error for alice (she may get pods, not create them)', () => {
    const engine = new Engine();
    const res = kubectlApply(ctxFor(engine, 'alice'), 'nginx-pod.yaml', NGINX_POD_YAML);
    expect(res.ok).toBe(false);
    expect(res.lines[0]?.text).toBe('Error from server (Forbidden): error when creating "nginx-pod.yaml": pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"');
  });

  it('fails on the GET for anonymous, as kubectl reports "error when retrieving current configuration"', () => {
    const engine = new Engine();
    const res = kubectlApply(ctxFor(engine, 'anonymous'), 'nginx-pod.yaml', NGINX_POD_YAML);
    expect(res.lines[0]?.text).toBe(
      'Error from server (Forbidden): error when retrieving current configuration of:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "nginx-pod", Namespace: "default"\nfrom server for: "nginx-pod.yaml": pods "nginx-pod" is forbidden: User "system:anonymous" cannot get resource "pods" in API group "" in the namespace "default"',
    );
  });

  it('prints an Invalid error as "The Pod … is invalid"', () => {
    const engine = new Engine();
    const res = kubectlApply(ctxFor(engine, 'kubernetes-admin'), 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n');
    expect(res.lines[0]?.text).toBe('The Pod "p" is invalid: spec.containers[0].image: Required value');
  });

  it('reports a YAML error with its line and column and sends nothing', () => {
    const engine = new Engine();
    const before = engine.tracer.events.length;
    const res = kubectlApply(ctxFor(engine, 'kubernetes-admin'), 'nginx-pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n bad: [\n');
    expect(res.ok).toBe(false);
    expect(res.parseError?.line).toBeGreaterThanOrEqual(5);
    expect(res.lines[0]?.text).toMatch(/^error: error parsing nginx-pod\.yaml: error converting YAML to JSON: yaml: line \d+: /);
    expect(engine.tracer.events.length).toBe(before);
  });

  it('refuses documents without apiVersion or kind with kubectl\'s validation text', () => {
    const engine = new Engine();
    const res = kubectlApply(ctxFor(engine, 'kubernetes-admin'), 'x.yaml', 'metadata:\n  name: x\n');
    expect(res.lines[0]?.text).toBe('error: error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false');
  });
});

describe('kubectl delete -f', () => {
  it('DELETEs each object and prints `pod "nginx-pod" deleted`, then NotFound the second time', () => {
    const engine = new Engine();
    const ctx = ctxFor(engine, 'kubernetes-admin');
    kubectlApply(ctx, 'nginx-pod.yaml', NGINX_POD_YAML);
    expect(kubectlDelete(ctx, 'nginx-pod.yaml', NGINX_POD_YAML).lines[0]?.text).toBe('pod "nginx-pod" deleted');
    expect(kubectlDelete(ctx, 'nginx-pod.yaml', NGINX_POD_YAML).lines[0]?.text).toBe('Error from server (NotFound): error when deleting "nginx-pod.yaml": pods "nginx-pod" not found');
  });
});
