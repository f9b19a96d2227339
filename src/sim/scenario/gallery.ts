// The scenario gallery: small stories, each showing one thing Kubernetes does (or refuses). They share the seed's
// cluster (three nodes, the kubeconfig users) and differ in the files a learner applies and the suggested steps.
import { defaultScenario, NGINX_POD_YAML, RBAC_YAML } from './defaultScenario.ts';
import type { Scenario, ScenarioFile, ScenarioStep } from './types.ts';

/** The Role pod-reader as an admin would fix it for alice: `create` added to its verbs. */
export const POD_READER_FIXED_YAML = `kind: Role
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  namespace: default
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "create"]
`;

export const BIG_POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: big-pod
spec:
  containers:
    - name: nginx
      image: nginx
      resources:
        requests:
          cpu: "100"
`;

export const BAD_IMAGE_POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: typo-pod
spec:
  containers:
    - name: web
      image: ngnix:1.27
`;

export const CRASHING_POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
    - name: app
      image: busybox:1.37
      command: ["sh", "-c", "echo starting; sleep 2; echo 'config missing' >&2; exit 1"]
`;

/** A Deployment of nginx with `replicas` pods (3 in the gallery; the UI benchmark asks for 100). */
export function deploymentYaml(replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          resources:
            requests:
              cpu: 10m
`;
}

function story(name: string, title: string, description: string, files: ScenarioFile[], steps: ScenarioStep[]): Scenario {
  return { ...defaultScenario, name, title, description, files: [...files, { name: 'rbac.yaml', content: RBAC_YAML }], steps };
}

const admin = defaultScenario.cluster.users[0]?.name ?? 'kubernetes-admin';

export const aliceDeniedScenario = story(
  'alice-denied',
  'alice is denied, then the Role is fixed',
  'alice may only read pods, so creating one is refused at authorization with a 403. An admin adds "create" to the Role pod-reader, and the same request succeeds.',
  [{ name: 'nginx-pod.yaml', content: NGINX_POD_YAML }, { name: 'pod-reader-fix.yaml', content: POD_READER_FIXED_YAML }],
  [
    { action: 'apply', file: 'nginx-pod.yaml', user: 'alice', note: 'alice tries to create the pod: RBAC finds no rule that allows it.' },
    { action: 'apply', file: 'pod-reader-fix.yaml', user: admin, note: 'The admin adds "create" to the Role pod-reader that alice is bound to.' },
    { action: 'apply', file: 'nginx-pod.yaml', user: 'alice', note: 'alice tries again: the RoleBinding now grants it.' },
  ],
);

export const bigPodScenario = story(
  'pod-100-cpu',
  'a pod asking 100 CPUs',
  'No node has 100 CPUs to offer, so kube-scheduler\'s NodeResourcesFit filter rejects every worker node, the control-plane node is tainted, and the pod stays Pending with a FailedScheduling event.',
  [{ name: 'big-pod.yaml', content: BIG_POD_YAML }],
  [{ action: 'apply', file: 'big-pod.yaml', user: admin, note: 'Create a pod that requests 100 CPUs.' }],
);

export const errImagePullScenario = story(
  'err-image-pull',
  'ErrImagePull',
  'The image name has a typo. The kubelet asks containerd to pull it, the registry has no such repository, and the pod goes from ErrImagePull to ImagePullBackOff while the kubelet retries with back-off.',
  [{ name: 'typo-pod.yaml', content: BAD_IMAGE_POD_YAML }],
  [{ action: 'apply', file: 'typo-pod.yaml', user: admin, note: 'Create a pod whose image does not exist.' }],
);

export const crashLoopScenario = story(
  'crashloop',
  'CrashLoopBackOff',
  'The container starts, fails and exits 1. With restartPolicy Always the kubelet restarts it, waiting longer each time: 10 s, 20 s, 40 s … and reports CrashLoopBackOff in between.',
  [{ name: 'crasher.yaml', content: CRASHING_POD_YAML }],
  [{ action: 'apply', file: 'crasher.yaml', user: admin, note: 'Create a pod whose container exits with code 1.' }],
);

export const deploymentScenario = story(
  'deployment',
  'a Deployment of 3 replicas',
  'You create one Deployment; kube-controller-manager creates a ReplicaSet, the ReplicaSet controller creates three pods, and kube-scheduler spreads them over the worker nodes.',
  [{ name: 'web-deployment.yaml', content: deploymentYaml(3) }],
  [{ action: 'apply', file: 'web-deployment.yaml', user: admin, note: 'Create the Deployment web with 3 replicas.' }],
);

/** The gallery, in the order it is shown; the seed's story first. */
export const gallery: readonly Scenario[] = [
  defaultScenario, aliceDeniedScenario, bigPodScenario, errImagePullScenario, crashLoopScenario, deploymentScenario,
];
