// Role, ClusterRole, RoleBinding and ClusterRoleBinding validation.
// models pkg/apis/rbac/validation/validation.go (names only need to be valid path segments)
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject } from 'kubernetes-types/rbac/v1';
import { field, type FieldError, FieldPath } from '../../api/field.ts';
import { goQuote, goStringSlice, goStruct } from '../../api/goFormat.ts';
import { isValidPathSegmentName, nameIsDNSSubdomain } from './names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta.ts';

const rbacGroup = 'rbac.authorization.k8s.io';
const meta = FieldPath.root('metadata');

function validatePolicyRule(rule: PolicyRule, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if ((rule.verbs ?? []).length === 0) errs.push(field.required(path.child('verbs'), 'verbs must contain at least one value'));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    const v = goStringSlice(urls);
    if (namespaced) errs.push(field.invalid(path.child('nonResourceURLs'), v, 'namespaced rules cannot apply to non-resource URLs'));
    if ((rule.apiGroups ?? []).length > 0 || (rule.resources ?? []).length > 0 || (rule.resourceNames ?? []).length > 0) {
      errs.push(field.invalid(path.child('nonResourceURLs'), v, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if ((rule.apiGroups ?? []).length === 0) errs.push(field.required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  if ((rule.resources ?? []).length === 0) errs.push(field.required(path.child('resources'), 'resource rules must supply at least one resource'));
  if ((rule.resourceNames ?? []).length > 0 && (rule.resources ?? []).length > 1) {
    errs.push(field.required(path.child('resourceNames'), 'resource names cannot apply to multiple resources'));
  }
  return errs;
}

function validateRules(rules: PolicyRule[] | undefined, namespaced: boolean): FieldError[] {
  return (rules ?? []).flatMap((r, i) => validatePolicyRule(r, namespaced, FieldPath.root('rules').index(i)));
}

export function validateRole(role: Role): FieldError[] {
  return validateObjectMeta(role.metadata, true, isValidPathSegmentName, meta, false).concat(validateRules(role.rules, true));
}

export function validateClusterRole(role: ClusterRole): FieldError[] {
  return validateObjectMeta(role.metadata, false, isValidPathSegmentName, meta, false).concat(validateRules(role.rules, false));
}

function validateSubject(s: Subject, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(field.required(path.child('name')));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name) errs.push(...nameIsDNSSubdomain(s.name, false).map((m) => field.invalid(path.child('name'), s.name, m)));
      if (s.apiGroup) errs.push(field.notSupported(path.child('apiGroup'), s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(field.required(path.child('namespace')));
      break;
    case 'User':
    case 'Group':
      if (!s.name) errs.push(field.invalid(path.child('name'), '', `${s.kind === 'User' ? 'user' : 'group'} name cannot be empty`));
      if (s.apiGroup !== rbacGroup) errs.push(field.notSupported(path.child('apiGroup'), s.apiGroup ?? '', [rbacGroup]));
      break;
    default:
      errs.push(field.notSupported(path.child('kind'), s.kind, ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(roleRef: RoleRef | undefined, subjects: Subject[] | undefined, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = FieldPath.root('roleRef');
  if ((roleRef?.apiGroup ?? '') !== rbacGroup) errs.push(field.notSupported(ref.child('apiGroup'), roleRef?.apiGroup ?? '', [rbacGroup]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(roleRef?.kind ?? '')) errs.push(field.notSupported(ref.child('kind'), roleRef?.kind ?? '', kinds));
  const name = roleRef?.name ?? '';
  if (!name) errs.push(field.required(ref.child('name')));
  else errs.push(...isValidPathSegmentName(name, false).map((m) => field.invalid(ref.child('name'), name, m)));
  (subjects ?? []).forEach((s, i) => errs.push(...validateSubject(s, namespaced, FieldPath.root('subjects').index(i))));
  return errs;
}

export function validateRoleBinding(rb: RoleBinding): FieldError[] {
  return validateObjectMeta(rb.metadata, true, isValidPathSegmentName, meta, false).concat(validateBinding(rb.roleRef, rb.subjects, true));
}

export function validateClusterRoleBinding(crb: ClusterRoleBinding): FieldError[] {
  return validateObjectMeta(crb.metadata, false, isValidPathSegmentName, meta, false).concat(validateBinding(crb.roleRef, crb.subjects, false));
}

/** %#v of the internal rbac.RoleRef. */
function goRoleRef(r: RoleRef | undefined): ReturnType<typeof goStruct> {
  return goStruct('rbac.RoleRef', [['APIGroup', goQuote(r?.apiGroup ?? '')], ['Kind', goQuote(r?.kind ?? '')], ['Name', goQuote(r?.name ?? '')]]);
}

function roleRefChanged(a: RoleRef | undefined, b: RoleRef | undefined): boolean {
  return (a?.apiGroup ?? '') !== (b?.apiGroup ?? '') || (a?.kind ?? '') !== (b?.kind ?? '') || (a?.name ?? '') !== (b?.name ?? '');
}

export function validateRoleUpdate(role: Role, old: Role): FieldError[] {
  return validateRole(role).concat(validateObjectMetaUpdate(role.metadata, old.metadata, meta, false));
}

export function validateClusterRoleUpdate(role: ClusterRole, old: ClusterRole): FieldError[] {
  return validateClusterRole(role).concat(validateObjectMetaUpdate(role.metadata, old.metadata, meta, false));
}

export function validateRoleBindingUpdate(rb: RoleBinding, old: RoleBinding): FieldError[] {
  const errs = validateRoleBinding(rb).concat(validateObjectMetaUpdate(rb.metadata, old.metadata, meta, false));
  if (roleRefChanged(rb.roleRef, old.roleRef)) errs.push(field.invalid('roleRef', goRoleRef(rb.roleRef), 'cannot change roleRef'));
  return errs;
}

export function validateClusterRoleBindingUpdate(crb: ClusterRoleBinding, old: ClusterRoleBinding): FieldError[] {
  const errs = validateClusterRoleBinding(crb).concat(validateObjectMetaUpdate(crb.metadata, old.metadata, meta, false));
  if (roleRefChanged(crb.roleRef, old.roleRef)) errs.push(field.invalid('roleRef', goRoleRef(crb.roleRef), 'cannot change roleRef'));
  return errs;
}
