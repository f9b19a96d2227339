// The x-kubernetes-* markers that @kubernetes/client-node's models drop. Facts from the struct tags and
// +listType/+listMapKey/+mapType/+structType markers in staging/src/k8s.io/api/*/v1/types.go and
// staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go (v1.32).

export interface PropertyExtensions {
  /** patchMergeKey struct tag */
  key?: string;
  /** patchStrategy struct tag */
  strategy?: string;
  listType?: 'atomic' | 'set' | 'map';
  mapKeys?: string[];
  mapType?: 'atomic' | 'granular';
}

const atomic: PropertyExtensions = { listType: 'atomic' };
const mergeBy = (key: string, mapKeys: string[] = [key], strategy = 'merge'): PropertyExtensions => ({
  key, strategy, listType: 'map', mapKeys,
});

const containerLists: Record<string, PropertyExtensions> = {
  command: atomic,
  args: atomic,
  ports: mergeBy('containerPort', ['containerPort', 'protocol']),
  envFrom: atomic,
  env: mergeBy('name'),
  resizePolicy: atomic,
  volumeMounts: mergeBy('mountPath'),
  volumeDevices: mergeBy('devicePath'),
};

/** Per definition name, per property. */
export const PROPERTY_EXTENSIONS: Readonly<Record<string, Record<string, PropertyExtensions>>> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    finalizers: { strategy: 'merge', listType: 'set' },
    ownerReferences: mergeBy('uid'),
    managedFields: atomic,
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': { matchExpressions: atomic },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': { values: atomic },
  'io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails': { causes: atomic },
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': { dryRun: atomic },
  'io.k8s.api.core.v1.PodSpec': {
    volumes: mergeBy('name', ['name'], 'merge,retainKeys'),
    initContainers: mergeBy('name'),
    containers: mergeBy('name'),
    ephemeralContainers: mergeBy('name'),
    imagePullSecrets: mergeBy('name'),
    tolerations: atomic,
    hostAliases: mergeBy('ip'),
    readinessGates: atomic,
    topologySpreadConstraints: mergeBy('topologyKey', ['topologyKey', 'whenUnsatisfiable']),
    schedulingGates: mergeBy('name'),
    resourceClaims: mergeBy('name', ['name'], 'merge,retainKeys'),
    nodeSelector: { mapType: 'atomic' },
  },
  'io.k8s.api.core.v1.Container': containerLists,
  'io.k8s.api.core.v1.EphemeralContainer': containerLists,
  'io.k8s.api.core.v1.ResourceRequirements': { claims: { listType: 'map', mapKeys: ['name'] } },
  'io.k8s.api.core.v1.PodStatus': {
    conditions: mergeBy('type'),
    hostIPs: { key: 'ip', strategy: 'merge', listType: 'atomic' },
    podIPs: mergeBy('ip'),
    initContainerStatuses: atomic,
    containerStatuses: atomic,
    ephemeralContainerStatuses: atomic,
    resourceClaimStatuses: mergeBy('name', ['name'], 'merge,retainKeys'),
  },
  'io.k8s.api.core.v1.NodeSpec': { podCIDRs: { strategy: 'merge', listType: 'set' }, taints: atomic },
  'io.k8s.api.core.v1.NodeStatus': {
    conditions: mergeBy('type'),
    addresses: mergeBy('type'),
    images: atomic,
    volumesInUse: atomic,
    volumesAttached: atomic,
  },
  'io.k8s.api.core.v1.NamespaceSpec': { finalizers: atomic },
  'io.k8s.api.core.v1.NamespaceStatus': { conditions: mergeBy('type') },
  'io.k8s.api.core.v1.ServiceAccount': { secrets: mergeBy('name'), imagePullSecrets: atomic },
  'io.k8s.api.core.v1.Capabilities': { add: atomic, drop: atomic },
  'io.k8s.api.core.v1.ExecAction': { command: atomic },
  'io.k8s.api.core.v1.HTTPGetAction': { httpHeaders: atomic },
  'io.k8s.api.core.v1.NodeSelector': { nodeSelectorTerms: atomic },
  'io.k8s.api.core.v1.NodeSelectorTerm': { matchExpressions: atomic, matchFields: atomic },
  'io.k8s.api.core.v1.NodeSelectorRequirement': { values: atomic },
  'io.k8s.api.core.v1.NodeAffinity': { preferredDuringSchedulingIgnoredDuringExecution: atomic },
  'io.k8s.api.core.v1.PodAffinity': {
    requiredDuringSchedulingIgnoredDuringExecution: atomic,
    preferredDuringSchedulingIgnoredDuringExecution: atomic,
  },
  'io.k8s.api.core.v1.PodAntiAffinity': {
    requiredDuringSchedulingIgnoredDuringExecution: atomic,
    preferredDuringSchedulingIgnoredDuringExecution: atomic,
  },
  'io.k8s.api.core.v1.PodAffinityTerm': { namespaces: atomic, matchLabelKeys: atomic, mismatchLabelKeys: atomic },
  'io.k8s.api.core.v1.PodSecurityContext': { supplementalGroups: atomic, sysctls: atomic },
  'io.k8s.api.core.v1.PodDNSConfig': { nameservers: atomic, searches: atomic, options: atomic },
  'io.k8s.api.core.v1.HostAlias': { hostnames: atomic },
  'io.k8s.api.core.v1.TopologySpreadConstraint': { matchLabelKeys: atomic },
  'io.k8s.api.core.v1.SecretVolumeSource': { items: atomic },
  'io.k8s.api.core.v1.ConfigMapVolumeSource': { items: atomic },
  'io.k8s.api.core.v1.SecretProjection': { items: atomic },
  'io.k8s.api.core.v1.ConfigMapProjection': { items: atomic },
  'io.k8s.api.core.v1.DownwardAPIVolumeSource': { items: atomic },
  'io.k8s.api.core.v1.DownwardAPIProjection': { items: atomic },
  'io.k8s.api.core.v1.ProjectedVolumeSource': { sources: atomic },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { accessModes: atomic },
  'io.k8s.api.core.v1.LimitRangeSpec': { limits: atomic },
  'io.k8s.api.core.v1.ResourceQuotaSpec': { scopes: atomic },
  'io.k8s.api.core.v1.ScopeSelector': { matchExpressions: atomic },
  'io.k8s.api.core.v1.ScopedResourceSelectorRequirement': { values: atomic },
  'io.k8s.api.core.v1.ContainerImage': { names: atomic },
  'io.k8s.api.core.v1.CephFSVolumeSource': { monitors: atomic },
  'io.k8s.api.core.v1.RBDVolumeSource': { monitors: atomic },
  'io.k8s.api.core.v1.ISCSIVolumeSource': { portals: atomic },
  'io.k8s.api.core.v1.FCVolumeSource': { targetWWNs: atomic, wwids: atomic },
  'io.k8s.api.apps.v1.DeploymentSpec': { strategy: { strategy: 'retainKeys' } },
  'io.k8s.api.apps.v1.DeploymentStatus': { conditions: mergeBy('type') },
  'io.k8s.api.apps.v1.ReplicaSetStatus': { conditions: mergeBy('type') },
  'io.k8s.api.rbac.v1.Role': { rules: atomic },
  'io.k8s.api.rbac.v1.ClusterRole': { rules: atomic },
  'io.k8s.api.rbac.v1.RoleBinding': { subjects: atomic },
  'io.k8s.api.rbac.v1.ClusterRoleBinding': { subjects: atomic },
  'io.k8s.api.rbac.v1.PolicyRule': {
    verbs: atomic, apiGroups: atomic, resources: atomic, resourceNames: atomic, nonResourceURLs: atomic,
  },
  'io.k8s.api.rbac.v1.AggregationRule': { clusterRoleSelectors: atomic },
  'io.k8s.api.authorization.v1.ResourceRule': { verbs: atomic, apiGroups: atomic, resources: atomic, resourceNames: atomic },
  'io.k8s.api.authorization.v1.NonResourceRule': { verbs: atomic, nonResourceURLs: atomic },
  'io.k8s.api.authorization.v1.SubjectAccessReviewSpec': { groups: atomic },
  'io.k8s.api.authentication.v1.UserInfo': { groups: atomic },
  'io.k8s.api.authentication.v1.TokenRequestSpec': { audiences: atomic },
};

/** Definitions marked +structType=atomic (x-kubernetes-map-type: atomic on the schema itself). */
export const ATOMIC_STRUCTS: ReadonlySet<string> = new Set([
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
  'io.k8s.api.core.v1.ObjectReference',
  'io.k8s.api.core.v1.LocalObjectReference',
  'io.k8s.api.core.v1.TypedLocalObjectReference',
  'io.k8s.api.core.v1.ObjectFieldSelector',
  'io.k8s.api.core.v1.ResourceFieldSelector',
  'io.k8s.api.core.v1.ConfigMapKeySelector',
  'io.k8s.api.core.v1.SecretKeySelector',
  'io.k8s.api.core.v1.SecretReference',
  'io.k8s.api.core.v1.NodeSelector',
  'io.k8s.api.core.v1.NodeSelectorTerm',
  'io.k8s.api.core.v1.TopologySelectorTerm',
  'io.k8s.api.core.v1.ScopeSelector',
  'io.k8s.api.core.v1.EndpointAddress',
  'io.k8s.api.rbac.v1.RoleRef',
  'io.k8s.api.rbac.v1.Subject',
]);
