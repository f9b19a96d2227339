// Expected texts are kubectl v1.32.4's, captured against the engine behind the HTTP adapter.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../trace/types.ts';
import { testShell } from './testing.ts';

const BIG = { name: 'big.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "100"\n' };

function running(): ReturnType<typeof testShell> {
  const t = testShell('kubernetes-admin', [BIG]);
  t.run('kubectl apply -f nginx-pod.yaml');
  t.advance(30_000);
  return t;
}

describe('kubectl get', () => {
  it('sends its requests through the apiserver as the terminal user, from "kubectl", asking for a Table', () => {
    const t = testShell();
    const from = t.engine.tracer.events.length;
    t.run('kubectl get pods -l app=web --field-selector status.phase=Pending');
    const reqs = t.engine.tracer.events.slice(from).filter((e): e is Extract<TraceEvent, { type: 'request' }> => e.type === 'request');
    // kubectl's query: url.Values.Encode (keys sorted, '=' escaped) with limit=500.
    expect(reqs.map((r) => [r.from, r.method, r.path])).toEqual([['kubectl', 'GET', '/api/v1/namespaces/default/pods?fieldSelector=status.phase%3DPending&labelSelector=app%3Dweb&limit=500']]);
  });

  it('prints "No resources found in default namespace." on stderr with exit 0; "No resources found" for cluster scope', () => {
    const t = testShell();
    expect(t.run('kubectl get pods')).toMatchObject({ exitCode: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(t.run('kubectl get pods -n nope').stderr).toBe('No resources found in nope namespace.\n');
    expect(t.run('kubectl get nodes -l x=y').stderr).toBe('No resources found\n');
    expect(t.run('kubectl get pods -A').stderr).toBe('No resources found\n');
  });

  it('prints the server Table with kubectl\'s tabwriter; -o wide; --show-labels; kinds and a blank line for two types', () => {
    const t = running();
    expect(t.run('kubectl get pods').stdout).toBe('NAME        READY   STATUS    RESTARTS   AGE\nnginx-pod   1/1     Running   0          30s\n');
    expect(t.run('kubectl get po -o wide').stdout).toBe(
      'NAME        READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
      'nginx-pod   1/1     Running   0          30s   10.244.1.2   node-1   <none>           <none>\n');
    expect(t.run('kubectl get pods --show-labels').stdout).toBe('NAME        READY   STATUS    RESTARTS   AGE   LABELS\nnginx-pod   1/1     Running   0          30s   <none>\n');
    expect(t.run('kubectl get pods,nodes').stdout).toBe(
      'NAME            READY   STATUS    RESTARTS   AGE\npod/nginx-pod   1/1     Running   0          30s\n\n' +
      'NAME                 STATUS   ROLES           AGE   VERSION\nnode/control-plane   Ready    control-plane   30s   v1.32.4\n' +
      'node/node-1          Ready    <none>          30s   v1.32.4\nnode/node-2          Ready    <none>          30s   v1.32.4\n');
    expect(t.run('kubectl get pods -A').stdout).toBe('NAMESPACE   NAME        READY   STATUS    RESTARTS   AGE\ndefault     nginx-pod   1/1     Running   0          30s\n');
  });

  it('--field-selector=status.phase=Pending shows the pod no node can hold', () => {
    const t = running();
    t.run('kubectl apply -f big.yaml');
    t.advance(1000);
    expect(t.run('kubectl get pods --field-selector=status.phase=Pending').stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\nbig    0/1     Pending   0          1s\n');
    expect(t.run('kubectl get pods --field-selector=status.phase=Pending -o name').stdout).toBe('pod/big\n');
  });

  it('-o yaml / -o json print the object (sorted keys; json indented by 4); lists become kind: List', () => {
    const t = running();
    const yaml = t.run('kubectl get pods nginx-pod -o yaml').stdout;
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n {2}annotations:\n/);
    expect(yaml).toContain('\n  phase: Running\n');
    const json = t.run('kubectl get pods -o json').stdout;
    expect(json).toMatch(/^\{\n {4}"apiVersion": "v1",\n {4}"items": \[\n {8}\{\n {12}"apiVersion": "v1",\n {12}"kind": "Pod",/);
    expect(json.endsWith('    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')).toBe(true);
    expect(t.run('kubectl get pods -l app=web -o yaml').stdout).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
  });

  it('reports errors with kubectl\'s texts and exit 1', () => {
    const t = running();
    expect(t.run('kubectl get foo')).toMatchObject({ exitCode: 1, stderr: 'error: the server doesn\'t have a resource type "foo"\n' });
    expect(t.run('kubectl get pod missing')).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "missing" not found\n' });
    expect(t.run('kubectl get pod nginx-pod missing')).toMatchObject({
      exitCode: 1, stdout: 'NAME        READY   STATUS    RESTARTS   AGE\nnginx-pod   1/1     Running   0          30s\n', stderr: 'Error from server (NotFound): pods "missing" not found\n',
    });
    expect(t.run('kubectl get pods -n kube-system --as alice').stderr).toBe('Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "kube-system"\n');
    expect(t.run('kubectl get nodes --as alice').stderr).toBe('Error from server (Forbidden): nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope\n');
    expect(t.run('kubectl get pods -o foo').stderr).toBe('error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n');
    expect(t.run('kubectl get pods --bogus').stderr).toBe("Error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n");
    expect(t.run('kubectl get pods -n').stderr).toBe("Error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n");
    expect(t.run('kubectl get').stderr).toContain('error: Required resource not specified.\n');
    expect(t.run('kubectl gte pods').stderr).toBe('Error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n\n');
  });

  it('--raw prints the body the server sends', () => {
    const t = testShell();
    expect(t.run('kubectl get --raw /version').stdout).toBe('{"major":"1","minor":"32","gitVersion":"v1.32.4","gitCommit":"59526cd4867447956156ae3a602fcbac10a2c335","gitTreeState":"clean","buildDate":"2025-04-22T16:02:27Z","goVersion":"go1.23.6","compiler":"gc","platform":"linux/amd64"}\n');
    expect(t.run('kubectl get --raw /api/v1/namespaces/default/pods/missing').stderr).toBe('Error from server (NotFound): pods "missing" not found\n');
  });
});

describe('kubectl auth', () => {
  it('can-i prints yes/no with exit 0/1, honours --as, and warns as kubectl does', () => {
    const t = testShell();
    expect(t.run('kubectl auth can-i create pods --as alice')).toMatchObject({ stdout: 'no\n', exitCode: 1 });
    expect(t.run('kubectl auth can-i list pods --as alice')).toMatchObject({ stdout: 'yes\n', exitCode: 0 });
    expect(t.run('kubectl auth can-i get pods --as alice -n kube-system').stdout).toBe('no\n');
    expect(t.run('kubectl auth can-i list nodes --as alice')).toMatchObject({ stderr: "Warning: resource 'nodes' is not namespace scoped\n\n", stdout: 'no\n' });
    expect(t.run('kubectl auth can-i create foo')).toMatchObject({ stderr: "Warning: the server doesn't have a resource type 'foo'\n\n", stdout: 'yes\n' });
    expect(t.run('kubectl auth can-i').stderr).toBe("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n");
  });

  it('whoami prints the SelfSubjectReview as a table', () => {
    const t = testShell();
    expect(t.run('kubectl auth whoami').stdout).toBe('ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [system:masters system:authenticated]\n');
    expect(t.run('kubectl auth whoami --as alice').stdout).toBe('ATTRIBUTE   VALUE\nUsername    alice\nGroups      [system:authenticated]\n');
  });
});

describe('kubectl logs, apply, delete, version, proxy', () => {
  it('logs: the container\'s output; kubectl\'s errors for a missing pod or container', () => {
    const t = running();
    expect(t.run('kubectl logs nginx-pod').stdout).toMatch(/^\/docker-entrypoint\.sh: \/docker-entrypoint\.d\/ is not empty/);
    expect(t.run('kubectl logs missing').stderr).toBe('error: error from server (NotFound): pods "missing" not found in namespace "default"\n');
    expect(t.run('kubectl logs nginx-pod -c foo').stderr).toBe('error: container foo is not valid for pod nginx-pod\n');
    expect(t.run('kubectl logs nginx-pod --previous').stderr).toBe('Error from server (BadRequest): previous terminated container "nginx" in pod "nginx-pod" not found\n');
    expect(t.run('kubectl logs').stderr).toBe("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
  });

  it('apply -f / delete -f read the workstation files; delete TYPE NAME', () => {
    const t = testShell('alice');
    expect(t.run('kubectl apply -f nginx-pod.yaml')).toMatchObject({ exitCode: 1, stderr: 'Error from server (Forbidden): error when creating "nginx-pod.yaml": pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"\n' });
    expect(t.run('kubectl apply -f missing.yaml').stderr).toBe('error: the path "missing.yaml" does not exist\n');
    const admin = testShell();
    expect(admin.run('kubectl apply -f nginx-pod.yaml').stdout).toBe('pod/nginx-pod created\n');
    expect(admin.run('kubectl delete pod nginx-pod').stdout).toBe('pod "nginx-pod" deleted\n');
    expect(admin.run('kubectl delete pod missing').stderr).toBe('Error from server (NotFound): pods "missing" not found\n');
    expect(admin.run('kubectl delete pod').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(admin.run('kubectl delete -f rbac.yaml').stdout).toContain('role.rbac.authorization.k8s.io "pod-reader" deleted\n');
  });

  it('version prints client, Kustomize and server versions', () => {
    expect(testShell().run('kubectl version').stdout).toBe('Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n');
  });

  it('proxy starts once; a second one finds the port taken', () => {
    const t = testShell();
    expect(t.run('kubectl proxy')).toMatchObject({ stdout: 'Starting to serve on 127.0.0.1:8001\n', state: { proxy: true } });
    expect(t.run('kubectl proxy')).toMatchObject({ exitCode: 1, stderr: 'error: listen tcp 127.0.0.1:8001: bind: address already in use\n' });
  });

  it('kubectl alone prints its help; describe of a kind without a describer here says so', () => {
    const t = testShell();
    expect(t.run('kubectl').stdout).toMatch(/^kubectl controls the Kubernetes cluster manager\.\n/);
    const r = t.run('kubectl describe deployments');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: "kubectl describe deployments" is not supported in this terminal yet/);
  });
});
