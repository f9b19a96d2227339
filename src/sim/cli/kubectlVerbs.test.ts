// Expected texts are kubectl v1.32.4's, captured against the engine behind the HTTP adapter (see also
// test/kubectl/cliVerbs.test.ts, which compares with the real kubectl byte for byte).
import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../apiserver/ApiServer.ts';
import { testShell, type TestShell } from './testing.ts';

/** Runs a line and returns it with the requests it sent: [method, path?query, body]. */
function withRequests(t: TestShell, line: string): ReturnType<TestShell['run']> & { sent: [string, string, string | undefined][] } {
  const sent: [string, string, string | undefined][] = [];
  const request = t.engine.request.bind(t.engine);
  t.engine.request = (req: ApiRequest) => {
    sent.push([req.method, `${req.path}${req.query ? `?${req.query}` : ''}`, req.body]);
    return request(req);
  };
  try {
    return { ...t.run(line), sent };
  } finally {
    t.engine.request = request;
  }
}

describe('kubectl auth can-i --list', () => {
  it('posts a SelfSubjectRulesReview for the namespace and prints kubectl\'s compacted, sorted table', () => {
    const t = testShell();
    const r = withRequests(t, 'kubectl auth can-i --list --as alice');
    expect(r.sent.map(([m, p, b]) => [m, p, (JSON.parse(b ?? '{}') as { spec?: unknown }).spec])).toEqual([['POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { namespace: 'default' }]]);
    // Rules sorted by PolicyRule.String(): Verbs:[create] < [get list watch] < [get]; URLs "/api/*" < "/api".
    expect(r.stdout.split('\n').slice(0, 7).join('\n')).toBe(
      'Resources                                       Non-Resource URLs   Resource Names   Verbs\n' +
      'selfsubjectreviews.authentication.k8s.io        []                  []               [create]\n' +
      'selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]\n' +
      'selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]\n' +
      'pods                                            []                  []               [get list watch]\n' +
      '                                                [/api/*]            []               [get]\n' +
      '                                                [/api]              []               [get]');
    expect(r.exitCode).toBe(0);
    expect(t.run('kubectl auth can-i --list').stdout).toMatch(/^Resources {2,}Non-Resource URLs {3}Resource Names {3}Verbs\n\*\.\* {2,}\[\] {2,}\[\] {2,}\[\*\]\n {2,}\[\*\] {2,}\[\] {2,}\[\*\]\n/);
    expect(t.run('kubectl auth can-i --list --as alice --no-headers -n kube-system').stdout).toMatch(/^selfsubjectreviews\.authentication\.k8s\.io {8}\[\] {13}\[\] {4}\[create\]\n/);
  });

  it('refuses --list with -q, -A, --subresource or arguments, and --no-headers without --list', () => {
    const t = testShell();
    expect(t.run('kubectl auth can-i --list -A')).toMatchObject({ exitCode: 1, stderr: "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n" });
    expect(t.run('kubectl auth can-i --list get pods').stderr).toBe('error: list option must be specified with no arguments\n');
    expect(t.run('kubectl auth can-i get pods --no-headers').stderr).toBe('error: --no-headers cannot be set without --list specified\n');
  });
});

describe('kubectl run', () => {
  it('POSTs the Pod kubectl builds with fieldManager=kubectl-run and prints "pod/NAME created"', () => {
    const t = testShell();
    const r = withRequests(t, 'kubectl run web --image=nginx');
    expect(r.stdout).toBe('pod/web created\n');
    expect(r.sent).toEqual([['POST', '/api/v1/namespaces/default/pods?fieldManager=kubectl-run',
      '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"run":"web"}},"spec":{"containers":[{"name":"web","image":"nginx","resources":{}}],"restartPolicy":"Always","dnsPolicy":"ClusterFirst"},"status":{}}']]);
    expect(t.run('kubectl run web --image=nginx')).toMatchObject({ exitCode: 1, stderr: 'Error from server (AlreadyExists): pods "web" already exists\n' });
  });

  it('--dry-run=client -o yaml prints without sending; --dry-run=server adds dryRun=All; a missing --image is klog\'s line', () => {
    const t = testShell();
    const r = withRequests(t, 'kubectl run web2 --image=nginx --restart=Never --labels=a=b,c=d --port=80 --dry-run=client -o yaml');
    expect(r.sent).toEqual([]);
    expect(r.stdout).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    a: b\n    c: d\n  name: web2\nspec:\n  containers:\n' +
      '  - image: nginx\n    name: web2\n    ports:\n    - containerPort: 80\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Never\nstatus: {}\n');
    const s = withRequests(t, 'kubectl run w9 --image=nginx --dry-run=server');
    expect(s.sent.map(([m, p]) => [m, p])).toEqual([['POST', '/api/v1/namespaces/default/pods?dryRun=All&fieldManager=kubectl-run']]);
    expect(s.stdout).toBe('pod/w9 created (server dry run)\n');
    expect(t.run('kubectl run x').stderr).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} {4}4242 run\.go:72\] "command failed" err="required flag\(s\) \\"image\\" not set"\n$/);
    expect(t.run('kubectl run x --image=nginx --dry-run=foo').stderr).toBe('error: Invalid dry-run value (foo). Must be "none", "server", or "client".\n');
    expect(t.run('kubectl run x --image=nginx --restart=Foo').stderr).toBe("error: invalid restart policy: Foo\nSee 'kubectl run -h' for help and examples\n");
  });
});

describe('kubectl create deployment, scale, delete', () => {
  it('creates with kubectl-create + Strict, scales through /scale, wraps errors as kubectl does', () => {
    const t = testShell();
    const r = withRequests(t, 'kubectl create deployment dep --image=nginx --replicas=2');
    expect(r.stdout).toBe('deployment.apps/dep created\n');
    expect(r.sent.map(([m, p]) => [m, p])).toEqual([['POST', '/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict']]);
    expect(JSON.parse(r.sent[0]?.[2] ?? '{}')).toMatchObject({ spec: { replicas: 2, selector: { matchLabels: { app: 'dep' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } });
    expect(t.run('kubectl create deployment dep --image=nginx').stderr).toBe('error: failed to create deployment: deployments.apps "dep" already exists\n');
    expect(t.run('kubectl create deployment --image=nginx').stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n");
    const s = withRequests(t, 'kubectl scale deploy/dep --replicas=3');
    expect(s.stdout).toBe('deployment.apps/dep scaled\n');
    expect(s.sent).toEqual([['GET', '/apis/apps/v1/namespaces/default/deployments/dep', undefined], ['PATCH', '/apis/apps/v1/namespaces/default/deployments/dep/scale', '{"spec":{"replicas":3}}']]);
    expect(t.run('kubectl scale deployment missing --replicas=2').stderr).toBe('error: no objects passed to scale deployments.apps "missing" not found\n');
    expect(t.run('kubectl delete deployment dep').stdout).toBe('deployment.apps "dep" deleted\n');
  });
});

describe('kubectl create role / rolebinding / clusterrole / clusterrolebinding', () => {
  it('groups rules by API group (sorted) and prints the binding\'s subjects in kubectl\'s order', () => {
    const t = testShell();
    expect(t.run('kubectl create role r3 --verb=get,list --resource=pods,deployments.apps,pods/log --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  creationTimestamp: null\n  name: r3\nrules:\n- apiGroups:\n  - ""\n  resources:\n  - pods\n  - pods/log\n  verbs:\n  - get\n  - list\n' +
      '- apiGroups:\n  - apps\n  resources:\n  - deployments\n  verbs:\n  - get\n  - list\n');
    expect(t.run('kubectl create rolebinding rb --role=r1 --user=alice --group=g1 --serviceaccount=default:sa1 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  creationTimestamp: null\n  name: rb\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: r1\n' +
      'subjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: User\n  name: alice\n- apiGroup: rbac.authorization.k8s.io\n  kind: Group\n  name: g1\n- kind: ServiceAccount\n  name: sa1\n  namespace: default\n');
    expect(t.run('kubectl create role r4 --verb=get').stderr).toBe('error: at least one resource must be specified\n');
    expect(t.run('kubectl create role r4 --verb=get --resource=foos').stderr).toBe('the server doesn\'t have a resource type "foos"\n');
    expect(t.run('kubectl create rolebinding rb4 --user=alice').stderr).toBe('error: exactly one of clusterrole or role must be specified\n');
    expect(t.run('kubectl create clusterrole cr2 --verb=get --resource=nodes').stdout).toBe('clusterrole.rbac.authorization.k8s.io/cr2 created\n');
    expect(t.run('kubectl create clusterrolebinding crb2 --clusterrole=cr2 --user=alice').stdout).toBe('clusterrolebinding.rbac.authorization.k8s.io/crb2 created\n');
  });

  it('shows the apiserver\'s escalation refusal when a user grants what she does not hold', () => {
    const t = testShell();
    t.run('kubectl create role role-admin --verb=create --resource=roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io');
    t.run('kubectl create rolebinding alice-role-admin --role=role-admin --user=alice');
    expect(t.run('kubectl create role esc --verb=get,list --resource=secrets --as alice')).toMatchObject({
      exitCode: 1,
      stderr: 'Error from server (Forbidden): roles.rbac.authorization.k8s.io "esc" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}\n',
    });
    expect(t.run('kubectl create role esc2 --verb=get --resource=pods --as alice').stdout).toBe('role.rbac.authorization.k8s.io/esc2 created\n');
  });
});

describe('kubectl label, annotate, cordon, uncordon', () => {
  it('merge-patches only the changed labels, refuses to overwrite without --overwrite', () => {
    const t = testShell();
    t.run('kubectl apply -f nginx-pod.yaml');
    const r = withRequests(t, 'kubectl label pod nginx-pod tier=fe');
    expect(r.stdout).toBe('pod/nginx-pod labeled\n');
    expect(r.sent[1]).toEqual(['PATCH', '/api/v1/namespaces/default/pods/nginx-pod?fieldManager=kubectl-label', '{"metadata":{"labels":{"tier":"fe"}}}']);
    expect(t.run('kubectl label pod nginx-pod tier=be')).toMatchObject({ exitCode: 1, stderr: "error: 'tier' already has a value (fe), and --overwrite is false\n" });
    expect(t.run('kubectl label pod nginx-pod tier-').stdout).toBe('pod/nginx-pod unlabeled\n');
    expect(t.run('kubectl label pod nginx-pod tier-').stdout).toBe('label "tier" not found.\npod/nginx-pod not labeled\n');
    expect(t.run('kubectl annotate pod nginx-pod note=hi').stdout).toBe('pod/nginx-pod annotated\n');
    expect(t.run('kubectl annotate pod nginx-pod note=ho').stderr).toBe("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n");
  });

  it('cordon patches spec.unschedulable (true, then null to uncordon) and says when nothing changes', () => {
    const t = testShell();
    const r = withRequests(t, 'kubectl cordon node-1');
    expect(r.stdout).toBe('node/node-1 cordoned\n');
    expect(r.sent).toEqual([['GET', '/api/v1/nodes/node-1', undefined], ['PATCH', '/api/v1/nodes/node-1', '{"spec":{"unschedulable":true}}']]);
    expect(t.run('kubectl cordon node-1').stdout).toBe('node/node-1 already cordoned\n');
    expect(withRequests(t, 'kubectl uncordon node-1').sent[1]).toEqual(['PATCH', '/api/v1/nodes/node-1', '{"spec":{"unschedulable":null}}']);
    expect(t.run('kubectl uncordon node-1').stdout).toBe('node/node-1 already uncordoned\n');
    expect(t.run('kubectl cordon').stderr).toBe("error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
  });
});

describe('kubectl set image', () => {
  it('GETs the object, PATCHes the strategic two-way diff (fieldManager=kubectl-set) and prints "image updated"', () => {
    const t = testShell();
    expect(t.run('kubectl create deployment web --image=nginx --image=busybox').exitCode).toBe(0);
    const r = withRequests(t, 'kubectl set image deploy/web busybox=busybox:1.36');
    expect(r).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web image updated\n', stderr: '' });
    // Observed with kubectl v1.32 -v=8: keys sorted (json.Marshal), the list's order given by $setElementOrder.
    expect(r.sent).toEqual([
      ['GET', '/apis/apps/v1/namespaces/default/deployments/web', undefined],
      ['PATCH', '/apis/apps/v1/namespaces/default/deployments/web?fieldManager=kubectl-set',
        '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"busybox"}],"containers":[{"image":"busybox:1.36","name":"busybox"}]}}}}'],
    ]);
    // Nothing to change: kubectl skips the "{}" patch and prints nothing.
    const same = withRequests(t, 'kubectl set image deployment web busybox=busybox:1.36');
    expect(same).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(same.sent.map(([m]) => m)).toEqual(['GET']);
    expect(t.run('kubectl run p --image=nginx').exitCode).toBe(0);
    const pod = withRequests(t, 'kubectl set image pod/p p=nginx:1.27 --dry-run=server');
    expect(pod.stdout).toBe('pod/p image updated (server dry run)\n');
    expect(pod.sent[1]?.[1]).toBe('/api/v1/namespaces/default/pods/p?dryRun=All&fieldManager=kubectl-set');
  });

  it('prints kubectl\'s errors: unknown container (after the updates), NotFound, Forbidden patch, missing namespace', () => {
    const t = testShell();
    expect(t.run('kubectl create deployment web --image=nginx').exitCode).toBe(0);
    expect(t.run('kubectl set image deploy/web nginx=nginx:1.27 x=y')).toMatchObject({
      exitCode: 1, stdout: 'deployment.apps/web image updated\n', stderr: 'error: unable to find container named "x"\n',
    });
    expect(t.run('kubectl set image deploy/web')).toMatchObject({ exitCode: 1, stderr: 'error: at least one image update is required\n' });
    expect(t.run('kubectl set image deploy/web *=a nginx=b').stderr)
      .toBe('error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n');
    expect(t.run('kubectl set image deploy/nope nginx=a').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(t.run('kubectl set image deploy/web nginx=a -n nope').stderr).toBe('Error from server (NotFound): namespaces "nope" not found\n');
    expect(t.run('kubectl run p --image=nginx').exitCode).toBe(0);
    expect(t.run('kubectl set image pod/p p=a --as alice').stderr)
      .toBe('error: failed to patch image update to pod template: pods "p" is forbidden: User "alice" cannot patch resource "pods" in API group "" in the namespace "default"\n');
    const invalid = t.run('kubectl set image deploy/web nginx=');
    expect(invalid.exitCode).toBe(1);
    expect(invalid.stderr).toMatch(/^error: failed to patch image update to pod template: Deployment\.apps "web" is invalid: spec\.template\.spec\.containers\[0\]\.image: Required value\n$/);
    expect(t.run('kubectl set foo')).toMatchObject({ exitCode: 1, stderr: "error: unknown command \"foo\"\nSee 'kubectl set -h' for help and examples\n" });
    expect(t.run('kubectl set image --help').stdout).toContain('kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1');
  });
});
