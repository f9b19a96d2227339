// Defaulting applied when the apiserver decodes a request body, before admission and validation.
// models pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go, pkg/apis/rbac/v1/defaults.go and the generated
// zz_generated.defaults.go walkers that apply them to every embedded PodSpec, Container, Volume, Probe and port.
import type {
  Container, ContainerPort, LimitRange, Namespace, Node, Pod, PodSpec, PodTemplateSpec, Probe, Secret, Volume,
  EnvVar, LifecycleHandler,
} from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../../api/types.ts';

const rbacGroup = 'rbac.authorization.k8s.io';

/** Mutates obj in place with the v1.32 defaults for its group/version/kind. Unknown kinds are left alone. */
export function applyDefaults(group: string, version: string, kind: string, obj: KubeObject): void {
  const gvk = `${group}/${version}/${kind}`;
  switch (gvk) {
    case '/v1/Pod':
      defaultPod(obj as Pod);
      break;
    case '/v1/Namespace':
      defaultNamespace(obj as Namespace);
      break;
    case '/v1/Secret': {
      const s = obj as Secret;
      if (!s.type) s.type = 'Opaque';
      break;
    }
    case '/v1/Node':
      defaultNode(obj as Node);
      break;
    case '/v1/LimitRange':
      defaultLimitRange(obj as LimitRange);
      break;
    case 'apps/v1/Deployment':
      defaultDeployment(obj as Deployment);
      break;
    case 'apps/v1/ReplicaSet': {
      const rs = obj as ReplicaSet;
      if (rs.spec) {
        rs.spec.replicas ??= 1;
        defaultPodTemplate(rs.spec.template);
      }
      break;
    }
    case `${rbacGroup}/v1/RoleBinding`:
    case `${rbacGroup}/v1/ClusterRoleBinding`: {
      const b = obj as unknown as RoleBinding | ClusterRoleBinding;
      if (b.roleRef && !b.roleRef.apiGroup) b.roleRef.apiGroup = rbacGroup;
      for (const s of b.subjects ?? []) defaultSubject(s);
      break;
    }
    default:
      // ConfigMap, ServiceAccount, Event, ResourceQuota, Role, ClusterRole, Lease: no defaults upstream.
      break;
  }
}

/** SetDefaults_Subject: User and Group belong to the RBAC API group, ServiceAccount to the core group. */
function defaultSubject(s: Subject): void {
  if (s.apiGroup) return;
  if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = rbacGroup;
  else if (s.kind === 'ServiceAccount') s.apiGroup = '';
}

function defaultPod(pod: Pod): void {
  pod.spec ??= { containers: [] };
  const spec = pod.spec;
  // SetDefaults_Pod: only a Pod (not a template) copies limits into missing requests and enables service links.
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (limits && Object.keys(limits).length > 0) {
      c.resources ??= {};
      const requests = c.resources.requests ?? {};
      for (const k of Object.keys(limits)) {
        const v = limits[k];
        if (!(k in requests) && v !== undefined) requests[k] = v;
      }
      c.resources.requests = requests;
    }
  }
  spec.enableServiceLinks ??= true;
  defaultPodSpec(spec, true);
}

function defaultPodTemplate(tpl: PodTemplateSpec | undefined): void {
  if (!tpl) return;
  tpl.spec ??= { containers: [] };
  defaultPodSpec(tpl.spec, false);
}

/** SetDefaults_PodSpec and the walkers over its containers, volumes, probes and handlers. */
function defaultPodSpec(spec: PodSpec, isPod: boolean): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  if (spec.hostNetwork === true) {
    // defaultHostNetworkPorts: Pods always; templates since DefaultHostNetworkHostPortsInPodTemplates is off in v1.32.
    if (isPod) for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

function defaultVolume(v: Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
  if (v.hostPath) v.hostPath.type ??= '';
  if (v.secret) v.secret.defaultMode ??= 0o644;
  if (v.configMap) v.configMap.defaultMode ??= 0o644;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= 0o644;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= 'v1';
  }
  if (v.projected) {
    v.projected.defaultMode ??= 0o644;
    for (const src of v.projected.sources ?? []) {
      if (src.serviceAccountToken) src.serviceAccountToken.expirationSeconds ??= 3600;
      for (const item of src.downwardAPI?.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= 'v1';
    }
  }
  if (v.iscsi) v.iscsi.iscsiInterface ||= 'default';
  if (v.rbd) {
    v.rbd.pool ||= 'rbd';
    v.rbd.user ||= 'admin';
    v.rbd.keyring ||= '/etc/ceph/keyring';
  }
  if (v.azureDisk) {
    v.azureDisk.cachingMode ??= 'ReadWrite';
    v.azureDisk.kind ??= 'Shared';
    v.azureDisk.fsType ??= 'ext4';
    v.azureDisk.readOnly ??= false;
  }
  if (v.scaleIO) {
    v.scaleIO.storagePool ||= 'default';
    v.scaleIO.storageMode ||= 'ThinProvisioned';
    v.scaleIO.fsType ||= 'xfs';
  }
}

function defaultContainer(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  // The walkers leave an absent resources block as {} on the wire (ResourceRequirements is not a pointer).
  c.resources ??= {};
  for (const p of c.ports ?? []) defaultPort(p);
  for (const e of c.env ?? []) defaultEnv(e);
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) defaultProbe(probe);
  if (c.lifecycle?.postStart) defaultHandler(c.lifecycle.postStart);
  if (c.lifecycle?.preStop) defaultHandler(c.lifecycle.preStop);
}

function defaultPort(p: ContainerPort): void {
  p.protocol ||= 'TCP';
}

function defaultEnv(e: EnvVar): void {
  if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ||= 'v1';
}

function defaultProbe(p: Probe): void {
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
  defaultHandler(p);
}

function defaultHandler(h: Pick<LifecycleHandler, 'httpGet'> & Pick<Probe, 'grpc'>): void {
  if (h.httpGet) {
    h.httpGet.path ||= '/';
    h.httpGet.scheme ||= 'HTTP';
  }
  if (h.grpc) h.grpc.service ??= '';
}

/**
 * The tag parsers.ParseImageName finds: "latest" when neither tag nor digest is given, "" for a digest-only
 * reference or a name the docker reference grammar rejects (which then gets IfNotPresent).
 */
export function imageTag(image: string): string {
  // models k8s.io/kubernetes/pkg/util/parsers + github.com/distribution/reference (grammar simplified).
  const ref = /^(?:([a-zA-Z0-9.-]+(?::[0-9]+)?)\/)?([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$/;
  const m = ref.exec(image);
  if (!m) return '';
  const tag = m[3] ?? '';
  const digest = m[4] ?? '';
  if (tag === '' && digest === '') return 'latest';
  return tag;
}

function defaultNamespace(ns: Namespace): void {
  // SetDefaults_Namespace: the immutable name label (skipped while only generateName is known).
  const name = ns.metadata?.name;
  if (name) {
    ns.metadata ??= {};
    ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  }
  // SetDefaults_NamespaceStatus.
  ns.status ??= {};
  ns.status.phase ||= 'Active';
}

function defaultNode(node: Node): void {
  // SetDefaults_NodeStatus: allocatable starts as capacity.
  if (node.status?.capacity && !node.status.allocatable) node.status.allocatable = { ...node.status.capacity };
}

function defaultLimitRange(lr: LimitRange): void {
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    const def = { ...(item.default ?? {}) };
    const defReq = { ...(item.defaultRequest ?? {}) };
    for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in def)) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in defReq)) defReq[k] = v;
    // Empty maps are omitted on the wire.
    if (Object.keys(def).length > 0) item.default = def;
    if (Object.keys(defReq).length > 0) item.defaultRequest = defReq;
  }
}

function defaultDeployment(d: Deployment): void {
  const spec = d.spec;
  if (!spec) return;
  spec.replicas ??= 1;
  spec.strategy ??= {};
  spec.strategy.type ||= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplate(spec.template);
}
