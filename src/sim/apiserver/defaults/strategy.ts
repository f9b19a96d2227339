// Registry strategy hooks: what the apiserver itself sets or resets before validating a write.
// models pkg/registry/core/pod/strategy.go, core/namespace/strategy.go, core/node/strategy.go,
// core/resourcequota/strategy.go, apps/deployment/strategy.go, apps/replicaset/strategy.go, and the generic parts of
// staging/src/k8s.io/apiserver/pkg/registry/rest/update.go (BeforeUpdate). uid, creationTimestamp, resourceVersion and
// name generation need the clock, RNG and storage, so the registry sets those itself.
import type { Pod } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../api/types.ts';
import { deepClone } from '../../api/types.ts';
import { computePodQOS } from './qos.ts';
import { canonicalJsonEqual } from '../../util/jsonEqual.ts';

/** apiequality.Semantic.DeepEqual for plain JSON: equal canonical JSON (key order ignored). */
function semanticEqual(a: unknown, b: unknown): boolean {
  return canonicalJsonEqual(a ?? null, b ?? null);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** kubernetes-types marks system-populated fields readonly; the apiserver is the one that writes them. */
function meta(obj: KubeObject): Mutable<ObjectMeta> {
  obj.metadata ??= {};
  return obj.metadata;
}

function setOrDelete(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete obj[key];
  else obj[key] = deepClone(value);
}

/** PrepareForCreate: resets what a client may not set on creation. Mutates obj. */
export function prepareForCreate(kind: string, obj: KubeObject): void {
  const m = meta(obj);
  // BeforeCreate: a new object is never being deleted.
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  switch (kind) {
    case 'Pod': {
      const pod = obj as Pod;
      const status: Record<string, unknown> = { phase: 'Pending', qosClass: computePodQOS(pod) };
      if ((pod.spec?.schedulingGates ?? []).length > 0) {
        // applySchedulingGatedCondition
        status.conditions = [{
          type: 'PodScheduled', status: 'False', reason: 'SchedulingGated',
          message: 'Scheduling is blocked due to non-empty scheduling gates',
        }];
      }
      obj.status = status;
      break;
    }
    case 'Namespace': {
      obj.status = { phase: 'Active' };
      const spec = (obj.spec ?? {}) as { finalizers?: string[] };
      const finalizers = spec.finalizers ?? [];
      if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
      obj.spec = spec;
      // Canonicalize: the name label always matches the name.
      if (m.name) m.labels = { ...(m.labels ?? {}), 'kubernetes.io/metadata.name': m.name };
      break;
    }
    case 'Deployment':
      obj.status = {};
      m.generation = 1;
      break;
    case 'ReplicaSet':
      // ReplicaSetStatus.replicas has no omitempty, so an empty status still shows replicas: 0.
      obj.status = { replicas: 0 };
      m.generation = 1;
      break;
    case 'ResourceQuota':
      obj.status = {};
      break;
    default:
      // Node keeps its status on create; ConfigMap, Secret, ServiceAccount, Event, LimitRange, Lease and RBAC
      // kinds have nothing to reset.
      break;
  }
}

/** The generic part of BeforeUpdate: fields no update may change, whatever the client sent. */
function keepSystemFields(obj: KubeObject, old: KubeObject): void {
  const m = meta(obj);
  const o = old.metadata ?? {};
  // Requests cannot update generation; the strategies below bump it where the kind uses one.
  setOrDelete(m, 'generation', o.generation);
  if (!m.uid && o.uid) m.uid = o.uid;
  if (o.creationTimestamp) m.creationTimestamp = o.creationTimestamp;
  if (o.deletionTimestamp) m.deletionTimestamp = o.deletionTimestamp;
  if (o.deletionGracePeriodSeconds !== undefined && m.deletionGracePeriodSeconds === undefined) {
    m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
  }
}

/** PrepareForUpdate of the main resource: status is never changed through it. Mutates obj. */
export function prepareForUpdate(kind: string, obj: KubeObject, old: KubeObject): void {
  keepSystemFields(obj, old);
  const m = meta(obj);
  const oldGen = old.metadata?.generation ?? 0;
  switch (kind) {
    case 'Pod':
    case 'Node':
    case 'ResourceQuota':
      setOrDelete(obj, 'status', old.status);
      break;
    case 'Namespace': {
      const spec = (obj.spec ?? {}) as Record<string, unknown>;
      setOrDelete(spec, 'finalizers', (old.spec as { finalizers?: string[] } | undefined)?.finalizers);
      obj.spec = spec;
      setOrDelete(obj, 'status', old.status);
      break;
    }
    case 'Deployment':
      setOrDelete(obj, 'status', old.status);
      // Annotations count too: the deployment controller copies them onto ReplicaSets.
      if (!semanticEqual(obj.spec, old.spec) || !semanticEqual(m.annotations, old.metadata?.annotations)) m.generation = oldGen + 1;
      break;
    case 'ReplicaSet':
      setOrDelete(obj, 'status', old.status);
      if (!semanticEqual(obj.spec, old.spec)) m.generation = oldGen + 1;
      break;
    default:
      break;
  }
}

/** PrepareForUpdate of the status subresource: everything but status (and metadata) comes from the old object. */
export function prepareForStatusUpdate(kind: string, obj: KubeObject, old: KubeObject): void {
  keepSystemFields(obj, old);
  const m = meta(obj);
  switch (kind) {
    case 'Pod': {
      setOrDelete(obj, 'spec', old.spec);
      // Old kubelets corrupted owner references through pods/status; the field is kept from storage.
      setOrDelete(m, 'ownerReferences', old.metadata?.ownerReferences);
      const status = (obj.status ?? {}) as { qosClass?: string };
      const oldQos = (old.status as { qosClass?: string } | undefined)?.qosClass;
      if (!status.qosClass && oldQos) status.qosClass = oldQos;
      obj.status = status;
      break;
    }
    case 'Deployment':
    case 'ReplicaSet':
      setOrDelete(obj, 'spec', old.spec);
      setOrDelete(m, 'labels', old.metadata?.labels);
      break;
    default:
      // Every other field than status and metadata is taken from the stored object.
      for (const key of new Set([...Object.keys(obj), ...Object.keys(old)])) {
        if (key === 'status' || key === 'metadata' || key === 'apiVersion' || key === 'kind') continue;
        setOrDelete(obj, key, old[key]);
      }
      break;
  }
}
