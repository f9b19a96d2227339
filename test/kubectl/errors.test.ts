// Error answers as a real v1.32 cluster gives them: Invalid with field paths, Conflict, PodSecurity, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './harness.ts';

let c: Cluster;
beforeAll(async () => { c = await startCluster(); });
afterAll(async () => { await c.stop(); });

describe('error answers', () => {
  it('Invalid names the field', async () => {
    const f = c.file('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: nginx\n');
    const r = await c.kubectl(['apply', '-f', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`The Pod "bad" is invalid: spec.containers[0].image: Required value\n`);
  });

  it('strict field validation rejects unknown fields', async () => {
    const f = c.file('typo.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n    imagee: nginx\n');
    const r = await c.kubectl(['create', '-f', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error from server (BadRequest): error when creating "${f}": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"\n`);
  });

  it('Conflict on a stale resourceVersion', async () => {
    await c.kubectl(['create', 'configmap', 'settings', '--from-literal=a=1']);
    const got = await c.kubectl(['get', 'configmap', 'settings', '-o', 'json']);
    const cm = JSON.parse(got.stdout) as { metadata: { resourceVersion: string }; data: Record<string, string> };
    await c.kubectl(['label', 'configmap', 'settings', 'x=y']);
    cm.data.a = '2';
    const f = c.file('cm.json', JSON.stringify(cm));
    const r = await c.kubectl(['replace', '-f', f]);
    expect(r.stderr).toBe(`Error from server (Conflict): error when replacing "${f}": Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again\n`);
  });

  it('PodSecurity enforce rejects and warn warns', async () => {
    await c.kubectl(['create', 'namespace', 'secure']);
    const label = await c.kubectl(['label', 'namespace', 'secure', 'pod-security.kubernetes.io/enforce=restricted']);
    expect(label.stdout).toBe('namespace/secure labeled\n');
    const f = c.file('p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-pod\n  namespace: secure\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n');
    const r = await c.kubectl(['apply', '-f', f]);
    expect(r.stderr).toBe(`Error from server (Forbidden): error when creating "${f}": pods "nginx-pod" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")\n`);
    await c.kubectl(['create', 'namespace', 'warned']);
    await c.kubectl(['label', 'namespace', 'warned', 'pod-security.kubernetes.io/warn=baseline']);
    const g = c.file('h.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: h\n  namespace: warned\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: nginx\n');
    const w = await c.kubectl(['apply', '-f', g]);
    expect(w.stdout).toBe('pod/h created\n');
    expect(w.stderr).toBe('Warning: would violate PodSecurity "baseline:latest": host namespaces (hostNetwork=true)\n');
  });

  it('bad JSON gets a 400 and an unknown resource a 404', async () => {
    const r = await fetch(`http://127.0.0.1:${c.port}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":' });
    expect(r.status).toBe(400);
    const s = (await r.json()) as { reason: string; message: string };
    expect(s.reason).toBe('BadRequest');
    const nf = await fetch(`http://127.0.0.1:${c.port}/api/v1/namespaces/default/widgets`);
    expect(nf.status).toBe(404);
    const missing = await c.kubectl(['get', 'widgets']);
    expect(missing.stderr).toBe(`error: the server doesn't have a resource type "widgets"\n`);
  });
});

describe('discovery', () => {
  it('api-versions and api-resources list what the engine serves', async () => {
    const v = await c.kubectl(['api-versions']);
    expect(v.stdout.split('\n')).toEqual(expect.arrayContaining(['v1', 'apps/v1', 'rbac.authorization.k8s.io/v1', 'coordination.k8s.io/v1']));
    const r = await c.kubectl(['api-resources']);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(r.stdout).toMatch(/\npods\s+po\s+v1\s+true\s+Pod\n/);
    expect(r.stdout).toMatch(/\ndeployments\s+deploy\s+apps\/v1\s+true\s+Deployment\n/);
    const ver = await c.kubectl(['version', '-o', 'json']);
    expect((JSON.parse(ver.stdout) as { serverVersion: { gitVersion: string } }).serverVersion.gitVersion).toBe('v1.32.4');
  });
});
