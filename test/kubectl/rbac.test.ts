// Authentication, impersonation and RBAC as the real kubectl sees them: auth can-i, Forbidden texts, role generators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NGINX_POD_YAML } from '../../src/sim/scenario/defaultScenario.ts';
import { startCluster, type Cluster } from './harness.ts';

let c: Cluster;
beforeAll(async () => { c = await startCluster(); });
afterAll(async () => { await c.stop(); });

describe('kubectl auth can-i', () => {
  it('answers for the admin and, through impersonation, for alice', async () => {
    expect((await c.kubectl(['auth', 'can-i', 'create', 'pods'])).stdout).toBe('yes\n');
    const no = await c.kubectl(['auth', 'can-i', 'create', 'pods', '--as', 'alice']);
    expect(no.stdout).toBe('no\n');
    expect(no.code).toBe(1);
    expect((await c.kubectl(['auth', 'can-i', 'list', 'pods', '--as', 'alice'])).stdout).toBe('yes\n');
    expect((await c.kubectl(['auth', 'can-i', 'list', 'pods', '--as', 'alice', '-n', 'kube-system'])).stdout).toBe('no\n');
    expect((await c.kubectl(['auth', 'can-i', 'create', 'pods', '--as', 'bob'])).stdout).toBe('yes\n');
  });

  it('handles --as-group, --subresource and non-resource URLs', async () => {
    expect((await c.kubectl(['auth', 'can-i', 'delete', 'nodes', '--as', 'eve', '--as-group', 'system:masters'])).stdout).toBe('yes\n');
    expect((await c.kubectl(['auth', 'can-i', 'get', 'pods', '--subresource', 'log', '--as', 'alice'])).stdout).toBe('no\n');
    // system:discovery and system:public-info-viewer are bound to every authenticated user.
    expect((await c.kubectl(['auth', 'can-i', 'get', '/version', '--as', 'alice'])).stdout).toBe('yes\n');
    expect((await c.kubectl(['auth', 'can-i', 'get', '/logs', '--as', 'alice'])).stdout).toBe('no\n');
  });

  it('--list prints the rules table from SelfSubjectRulesReview', async () => {
    const r = await c.kubectl(['auth', 'can-i', '--list', '--as', 'alice']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/);
    expect(r.stdout).toMatch(/\npods\s+\[\]\s+\[\]\s+\[get list watch\]\n/);
    expect(r.stdout).toMatch(/\n\s+\[\/version\]\s+\[\]\s+\[get\]\n/);
  });

  it('whoami reports the impersonated user and groups', async () => {
    const r = await c.kubectl(['auth', 'whoami', '--as', 'alice', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}']);
    expect(r.stdout).toBe('alice ["system:authenticated"]');
  });
});

describe('Forbidden', () => {
  it('alice cannot create the seed pod, with the exact 403 text', async () => {
    const f = c.file('nginx-pod.yaml', NGINX_POD_YAML);
    const cr = await c.kubectl(['create', '-f', f, '--as', 'alice']);
    expect(cr.stderr).toBe(`Error from server (Forbidden): error when creating "${f}": pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"\n`);
  });

  it('names the cluster scope and impersonation denials', async () => {
    const nodes = await c.kubectl(['get', 'nodes', '--as', 'alice']);
    expect(nodes.stderr).toBe('Error from server (Forbidden): nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope\n');
    // bob may not impersonate: the adapter's user does, and names the check that failed.
    const asAlice = await startCluster({ user: 'alice' });
    try {
      // Every request fails impersonation, discovery included, so check the Status the API answers.
      const res = await fetch(`http://127.0.0.1:${asAlice.port}/api/v1/namespaces/default/pods`, { headers: { 'Impersonate-User': 'bob' } });
      expect(res.status).toBe(403);
      const status = (await res.json()) as { message: string; reason: string };
      expect(status.reason).toBe('Forbidden');
      expect(status.message).toBe('users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope');
      expect((await asAlice.kubectl(['get', 'pods'])).code).toBe(0);
    } finally {
      await asAlice.stop();
    }
  });
});

describe('RBAC generators (protobuf bodies)', () => {
  it('creates a role and a rolebinding that then grant access', async () => {
    const role = await c.kubectl(['create', 'role', 'cm-reader', '--verb=get,list', '--resource=configmaps']);
    expect(role.stderr).toBe('');
    expect(role.stdout).toBe('role.rbac.authorization.k8s.io/cm-reader created\n');
    const rb = await c.kubectl(['create', 'rolebinding', 'alice-cm', '--role=cm-reader', '--user=alice']);
    expect(rb.stdout).toBe('rolebinding.rbac.authorization.k8s.io/alice-cm created\n');
    expect((await c.kubectl(['auth', 'can-i', 'list', 'configmaps', '--as', 'alice'])).stdout).toBe('yes\n');
    const get = await c.kubectl(['get', 'configmaps', '--as', 'alice', '-o', 'name']);
    expect(get.stdout).toBe('configmap/kube-root-ca.crt\n');
  });

  it('refuses a role that grants more than its creator holds (escalation check)', async () => {
    const r = await c.kubectl(['create', 'role', 'too-much', '--verb=delete', '--resource=secrets', '--as', 'bob']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error from server (Forbidden)');
  });
});
