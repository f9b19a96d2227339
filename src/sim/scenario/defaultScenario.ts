// The seed's story: an nginx Pod applied by the cluster admin, and the RBAC roles pod-reader and pod-creator.
import type { Scenario } from './types.ts';

export const NGINX_POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: nginx-pod
spec:
  containers:
    - name: nginx
      image: nginx
`;

export const RBAC_YAML = `kind: Role
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  namespace: default
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
---
kind: Role
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  namespace: default
  name: pod-creator
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["create", "get", "list"]
---
kind: RoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  namespace: default
  name: alice-reads-pods
subjects:
- kind: User
  name: alice
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
---
kind: RoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  namespace: default
  name: bob-creates-pods
subjects:
- kind: User
  name: bob
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: pod-creator
  apiGroup: rbac.authorization.k8s.io
`;

export const defaultScenario: Scenario = {
  version: 1,
  name: 'nginx-pod',
  title: 'kubectl apply -f nginx-pod.yaml',
  description: 'The seed\'s story: the cluster admin applies an nginx Pod and it travels through every kube-apiserver stage, into etcd, to kube-scheduler, to a kubelet and containerd, until it runs.',
  seed: 20260115,
  cluster: {
    nodes: [
      {
        name: 'control-plane',
        labels: { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' },
        taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
        capacity: { cpu: '2', memory: '4Gi', pods: '110' },
      },
      { name: 'node-1', capacity: { cpu: '4', memory: '8Gi', pods: '110' } },
      { name: 'node-2', capacity: { cpu: '4', memory: '8Gi', pods: '110' } },
    ],
    namespaces: ['default', 'kube-system', 'kube-public', 'kube-node-lease'],
    users: [
      { name: 'kubernetes-admin', kind: 'token', token: 'admin-token', groups: ['system:masters'], description: 'cluster admin (system:masters)' },
      { name: 'alice', kind: 'token', token: 'alice-token', description: 'bound to Role pod-reader in default' },
      { name: 'bob', kind: 'token', token: 'bob-token', description: 'bound to Role pod-creator in default' },
      { name: 'dev-cert', kind: 'cert', commonName: 'carol', organizations: ['developers'], description: 'client certificate CN=carol, O=developers' },
      { name: 'default-sa', kind: 'serviceaccount', namespace: 'default', serviceAccount: 'default', description: 'ServiceAccount default/default' },
      { name: 'anonymous', kind: 'anonymous', description: 'no credentials' },
    ],
    objects: [],
  },
  files: [
    { name: 'nginx-pod.yaml', content: NGINX_POD_YAML },
    { name: 'rbac.yaml', content: RBAC_YAML },
  ],
};
