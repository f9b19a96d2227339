// curl through `kubectl proxy`, etcdctl on the control-plane node, crictl on a worker.
import { describe, expect, it } from 'vitest';
import { testShell } from './testing.ts';

describe('curl', () => {
  it("fails to connect until kubectl proxy runs (curl 7.88's text, exit 7)", () => {
    const t = testShell();
    expect(t.run('curl http://localhost:8001/api/v1/pods')).toMatchObject({ exitCode: 7, stderr: "curl: (7) Failed to connect to localhost port 8001 after 0 ms: Couldn't connect to server\n" });
    expect(t.run('curl http://127.0.0.1:8001/api/v1/pods').stderr).toBe("curl: (7) Failed to connect to 127.0.0.1 port 8001 after 0 ms: Couldn't connect to server\n");
    expect(t.run('curl -s http://localhost:8001/api/v1/pods')).toMatchObject({ exitCode: 7, stderr: '' });
  });

  it('through the proxy prints the apiserver\'s JSON, pretty-printed for curl (two spaces, kind first)', () => {
    const t = testShell();
    t.run('kubectl apply -f nginx-pod.yaml');
    t.run('kubectl proxy');
    const r = t.run('curl http://localhost:8001/api/v1/pods');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^\{\n {2}"kind": "PodList",\n {2}"apiVersion": "v1",\n {2}"metadata": \{\n {4}"resourceVersion": "\d+"\n {2}\},\n {2}"items": \[\n/);
    expect(r.stdout).toContain('"name": "nginx-pod"');
    expect(t.run('curl localhost:8001/version?pretty=false').stdout).toMatch(/^\{"major":"1","minor":"32",/);
    // The proxy forwards as the terminal's user: alice may list pods only in default.
    const alice = testShell('alice');
    alice.run('kubectl proxy');
    expect(alice.run('curl http://localhost:8001/api/v1/pods').stdout).toContain('"message": "pods is forbidden: User \\"alice\\" cannot list resource \\"pods\\" in API group \\"\\" at the cluster scope"');
  });
});

describe('etcdctl on the control-plane node', () => {
  it('get --prefix --keys-only prints each key and an empty line', () => {
    const t = testShell();
    t.run('kubectl apply -f nginx-pod.yaml');
    t.run('ssh control-plane');
    expect(t.run('ETCDCTL_API=3 etcdctl get /registry/pods --prefix --keys-only')).toMatchObject({ exitCode: 0, stdout: '/registry/pods/default/nginx-pod\n\n' });
    const r = t.run('etcdctl get /registry/namespaces/default');
    // Our store holds JSON (a real kube-apiserver writes protobuf for core kinds).
    expect(r.stdout).toMatch(/^\/registry\/namespaces\/default\n\{"apiVersion":"v1","kind":"Namespace",/);
    expect(t.run('etcdctl get /registry/nothing').stdout).toBe('');
    expect(t.run('etcdctl get').stderr).toBe('Error: get command needs one argument as key and an optional argument as range_end\n');
    expect(t.run('etcdctl get /registry/pods --prefix --count-only').stdout).toBe('1\n');
    expect(t.run('etcdctl get /registry/pods --rev 99999999').stderr).toBe('Error: etcdserver: mvcc: required revision is a future revision\n');
  });

  it('-w json prints the RangeResponse with base64 keys and values', () => {
    const t = testShell();
    t.run('ssh control-plane');
    const r = t.run('etcdctl get /registry/namespaces/default -w json --keys-only');
    expect(r.stdout).toMatch(/^\{"header":\{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":\d+,"raft_term":2\},"kvs":\[\{"key":"L3JlZ2lzdHJ5L25hbWVzcGFjZXMvZGVmYXVsdA==","create_revision":\d+,"mod_revision":\d+,"version":1\}\],"count":1\}\n$/);
  });
});

describe('crictl on a node', () => {
  it('lists the nginx container, its sandbox and the images, as crictl v1.32 prints them', () => {
    const t = testShell();
    t.run('kubectl apply -f nginx-pod.yaml');
    t.advance(30_000);
    t.run('ssh node-1');
    const ps = t.run('crictl ps').stdout.split('\n');
    expect(ps[0]).toBe('CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE');
    expect(ps[1]).toMatch(/^[0-9a-f]{13} {7}[0-9a-f]{13} {7}\d+ seconds ago +Running {13}nginx {15}0 {19}[0-9a-f]{13} {7}nginx-pod {11}default$/);
    expect(t.run('crictl pods').stdout).toMatch(/^POD ID +CREATED +STATE +NAME +NAMESPACE +ATTEMPT +RUNTIME\n/);
    expect(t.run('crictl images').stdout).toContain('docker.io/library/nginx   latest');
    const id = (ps[1] ?? '').slice(0, 13);
    expect(t.run(`crictl logs ${id}`).stdout).toMatch(/^\/docker-entrypoint\.sh/);
    expect(t.run('crictl logs nope').exitCode).toBe(1);
  });
});
