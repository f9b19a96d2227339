// The validation step of the registry: each kind's strategy Validate/ValidateUpdate plus the generic ObjectMeta
// checks that every resource gets.
// models staging/src/k8s.io/apiserver/pkg/registry/rest/create.go (BeforeCreate) and update.go (BeforeUpdate,
// validateCommonFields), dispatching to the per-kind validators as pkg/registry/<group>/<kind>/strategy.go does.
import type { KubeObject } from '../../api/types.ts';
import type { FieldError } from '../../api/field.ts';
import { FieldPath } from '../../api/field.ts';
import { isValidPathSegmentName } from './names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta.ts';
import { validatePodCreate, validatePodStatusUpdate, validatePodUpdate } from './pod.ts';
import * as core from './core.ts';
import * as apps from './apps.ts';
import * as rbac from './rbac.ts';

// Each validator takes the wire object; the casts name the kubernetes-types shape the kind decodes to.
type CreateFn = (obj: never) => FieldError[];
type UpdateFn = (obj: never, old: never) => FieldError[];

const createValidators: Record<string, CreateFn> = {
  Pod: validatePodCreate,
  Namespace: core.validateNamespace,
  ConfigMap: core.validateConfigMap,
  Secret: core.validateSecret,
  ServiceAccount: core.validateServiceAccount,
  Node: core.validateNode,
  Event: core.validateEvent,
  LimitRange: core.validateLimitRange,
  ResourceQuota: core.validateResourceQuota,
  Lease: core.validateLease,
  Role: rbac.validateRole,
  ClusterRole: rbac.validateClusterRole,
  RoleBinding: rbac.validateRoleBinding,
  ClusterRoleBinding: rbac.validateClusterRoleBinding,
  Deployment: apps.validateDeployment,
  ReplicaSet: apps.validateReplicaSet,
};

const updateValidators: Record<string, UpdateFn> = {
  Pod: validatePodUpdate,
  Namespace: core.validateNamespaceUpdate,
  ConfigMap: core.validateConfigMapUpdate,
  Secret: core.validateSecretUpdate,
  ServiceAccount: core.validateServiceAccountUpdate,
  Node: core.validateNodeUpdate,
  // core/v1 Event updates get the legacy create rules again.
  Event: (ev: never) => core.validateEvent(ev),
  LimitRange: (lr: KubeObject, old: KubeObject) => validateObjectMetaUpdate(lr.metadata, old.metadata, FieldPath.root('metadata')).concat(core.validateLimitRange(lr as never)),
  ResourceQuota: core.validateResourceQuotaUpdate,
  Lease: core.validateLeaseUpdate,
  Role: rbac.validateRoleUpdate,
  ClusterRole: rbac.validateClusterRoleUpdate,
  RoleBinding: rbac.validateRoleBindingUpdate,
  ClusterRoleBinding: rbac.validateClusterRoleBindingUpdate,
  Deployment: apps.validateDeploymentUpdate,
  ReplicaSet: apps.validateReplicaSetUpdate,
};

const statusUpdateValidators: Record<string, UpdateFn> = {
  Pod: validatePodStatusUpdate,
  Namespace: core.validateNamespaceStatusUpdate,
  Node: core.validateNodeUpdate,
  ResourceQuota: core.validateResourceQuotaStatusUpdate,
  Deployment: apps.validateDeploymentStatusUpdate,
  ReplicaSet: apps.validateReplicaSetStatusUpdate,
};

export function supportsValidation(kind: string): boolean {
  return kind in createValidators;
}

const metaPath = FieldPath.root('metadata');

/** BeforeCreate's checks: the kind's own validation, and only if that passes, the generic ObjectMeta checks. */
export function validateCreate(kind: string, obj: KubeObject, namespaced: boolean): FieldError[] {
  const fn = createValidators[kind];
  if (fn) {
    const errs = fn(obj as never);
    if (errs.length > 0) return errs;
  }
  return validateObjectMeta(obj.metadata, namespaced, isValidPathSegmentName, metaPath, false);
}

/** BeforeUpdate's checks: generic ObjectMeta checks first (validateCommonFields), then the kind's ValidateUpdate. */
export function validateUpdate(kind: string, obj: KubeObject, old: KubeObject, namespaced: boolean): FieldError[] {
  const errs = commonFields(obj, old, namespaced);
  const fn = updateValidators[kind];
  if (fn) errs.push(...fn(obj as never, old as never));
  return errs;
}

/** The same for a status subresource update (pods/status, deployments/status, ...). */
export function validateStatusUpdate(kind: string, obj: KubeObject, old: KubeObject, namespaced: boolean): FieldError[] {
  const errs = commonFields(obj, old, namespaced);
  const fn = statusUpdateValidators[kind];
  if (fn) errs.push(...fn(obj as never, old as never));
  else errs.push(...validateObjectMetaUpdate(obj.metadata, old.metadata, metaPath));
  return errs;
}

function commonFields(obj: KubeObject, old: KubeObject, namespaced: boolean): FieldError[] {
  return validateObjectMeta(obj.metadata, namespaced, isValidPathSegmentName, metaPath, false)
    .concat(validateObjectMetaUpdate(obj.metadata, old.metadata, metaPath, false));
}
