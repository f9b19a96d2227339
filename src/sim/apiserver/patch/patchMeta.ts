// Strategic-merge-patch metadata of the kinds this apiserver serves: the `patchStrategy` / `patchMergeKey` struct
// tags of staging/src/k8s.io/api/{core,apps}/v1/types.go and apimachinery's meta/v1 ObjectMeta, looked up field by
// field the way k8s.io/apimachinery/third_party/forked/golang/json LookupPatchMetadata walks the Go structs.
// Only fields that carry a tag, or lead to one, are listed: any other field has no strategy (lists are replaced,
// maps merged key by key). rbac/v1, coordination/v1, scheduling/v1, events/v1 and autoscaling/v1 Scale carry no tags.
import type { GroupVersionKind } from '../../api/types.ts';

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

/** The Go structs below that hold tagged fields (or lead to them). */
export type PatchTypeName =
  | 'ObjectMeta' | 'PlainObject' | 'Pod' | 'PodTemplateSpec' | 'PodSpec' | 'Container' | 'PodStatus'
  | 'Node' | 'NodeSpec' | 'NodeStatus' | 'Namespace' | 'ServiceAccount'
  | 'Deployment' | 'DeploymentSpec' | 'ReplicaSet' | 'ReplicaSetSpec' | 'ConditionsStatus';

export interface FieldPatchMeta {
  /** The struct the field holds (a list's element struct), when tagged fields lie below it. */
  type?: PatchTypeName;
  strategy?: PatchStrategy;
  /** For a merged list of objects: the member that identifies an element. */
  mergeKey?: string;
}

const container = {
  ports: { strategy: 'merge', mergeKey: 'containerPort' },
  env: { strategy: 'merge', mergeKey: 'name' },
  volumeMounts: { strategy: 'merge', mergeKey: 'mountPath' },
  volumeDevices: { strategy: 'merge', mergeKey: 'devicePath' },
} as const satisfies Record<string, FieldPatchMeta>;

const conditionsByType = { strategy: 'merge', mergeKey: 'type' } as const satisfies FieldPatchMeta;

/** Go struct name → JSON field name → patch metadata. */
const TYPES: Record<PatchTypeName, Record<string, FieldPatchMeta>> = {
  ObjectMeta: {
    ownerReferences: { strategy: 'merge', mergeKey: 'uid' },
    finalizers: { strategy: 'merge' },
  },
  // An object with nothing tagged below its metadata (ConfigMap, Secret, Role, Lease, Event, Scale, …).
  PlainObject: { metadata: { type: 'ObjectMeta' } },
  Pod: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' }, status: { type: 'PodStatus' } },
  PodTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' } },
  PodSpec: {
    volumes: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    initContainers: { type: 'Container', strategy: 'merge', mergeKey: 'name' },
    containers: { type: 'Container', strategy: 'merge', mergeKey: 'name' },
    ephemeralContainers: { type: 'Container', strategy: 'merge', mergeKey: 'name' },
    imagePullSecrets: { strategy: 'merge', mergeKey: 'name' },
    hostAliases: { strategy: 'merge', mergeKey: 'ip' },
    topologySpreadConstraints: { strategy: 'merge', mergeKey: 'topologyKey' },
    schedulingGates: { strategy: 'merge', mergeKey: 'name' },
    resourceClaims: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
  // EphemeralContainerCommon carries the same tags as Container.
  Container: container,
  PodStatus: {
    conditions: conditionsByType,
    podIPs: { strategy: 'merge', mergeKey: 'ip' },
    hostIPs: { strategy: 'merge', mergeKey: 'ip' },
    resourceClaimStatuses: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
  Node: { metadata: { type: 'ObjectMeta' }, spec: { type: 'NodeSpec' }, status: { type: 'NodeStatus' } },
  NodeSpec: { podCIDRs: { strategy: 'merge' } },
  NodeStatus: { conditions: conditionsByType, addresses: { strategy: 'merge', mergeKey: 'type' } },
  Namespace: { metadata: { type: 'ObjectMeta' }, status: { type: 'ConditionsStatus' } },
  ServiceAccount: { metadata: { type: 'ObjectMeta' }, secrets: { strategy: 'merge', mergeKey: 'name' } },
  Deployment: { metadata: { type: 'ObjectMeta' }, spec: { type: 'DeploymentSpec' }, status: { type: 'ConditionsStatus' } },
  DeploymentSpec: { template: { type: 'PodTemplateSpec' }, strategy: { strategy: 'retainKeys' } },
  ReplicaSet: { metadata: { type: 'ObjectMeta' }, spec: { type: 'ReplicaSetSpec' }, status: { type: 'ConditionsStatus' } },
  ReplicaSetSpec: { template: { type: 'PodTemplateSpec' } },
  // NamespaceStatus, DeploymentStatus, ReplicaSetStatus: conditions merged by type.
  ConditionsStatus: { conditions: conditionsByType },
};

/** "group/Kind" → the struct at the root of that kind; kinds not listed use PlainObject. */
const KIND_ROOTS: Record<string, PatchTypeName> = {
  '/Pod': 'Pod',
  '/Node': 'Node',
  '/Namespace': 'Namespace',
  '/ServiceAccount': 'ServiceAccount',
  'apps/Deployment': 'Deployment',
  'apps/ReplicaSet': 'ReplicaSet',
};

export function rootTypeOf(kind: Pick<GroupVersionKind, 'group' | 'kind'>): PatchTypeName {
  return KIND_ROOTS[`${kind.group}/${kind.kind}`] ?? 'PlainObject';
}

/** The metadata of one field of a struct; a field of an unknown struct, or an untagged field, has none. */
export function lookupField(type: PatchTypeName | undefined, field: string): FieldPatchMeta {
  if (type === undefined) return {};
  const fields = TYPES[type];
  return Object.hasOwn(fields, field) ? (fields[field] ?? {}) : {};
}

/** The tagged field paths of a kind, e.g. "spec.template.spec.containers" → {strategy: 'merge', mergeKey: 'name'}. */
export function patchMetaOfKind(kind: Pick<GroupVersionKind, 'group' | 'kind'>): Record<string, FieldPatchMeta> {
  const out: Record<string, FieldPatchMeta> = {};
  const walk = (type: PatchTypeName, prefix: string): void => {
    for (const [name, meta] of Object.entries(TYPES[type])) {
      const path = prefix === '' ? name : `${prefix}.${name}`;
      if (meta.strategy !== undefined) {
        out[path] = meta.mergeKey === undefined ? { strategy: meta.strategy } : { strategy: meta.strategy, mergeKey: meta.mergeKey };
      }
      if (meta.type !== undefined) walk(meta.type, path);
    }
  };
  walk(rootTypeOf(kind), '');
  return out;
}
