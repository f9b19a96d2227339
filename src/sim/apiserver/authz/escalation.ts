// models pkg/registry/rbac/escalation_check.go, pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/
// policybased/storage.go and ConfirmNoEscalation of pkg/registry/rbac/validation/rule.go: RBAC's own guard against
// granting more than one holds, which runs in the registry (after admission), not in the authorizer.
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding, RoleRef } from 'kubernetes-types/rbac/v1';
import { type ApiError, errors } from '../../api/status.ts';
import type { UserInfo } from '../../api/types.ts';
import type { AuthorizationAttributes, Authorizer, PolicyRule } from './types.ts';
import type { ResolvedRules, RuleResolver } from './RbacAuthorizer.ts';
import { SYSTEM_PRIVILEGED_GROUP } from './PrivilegedGroupsAuthorizer.ts';
import { compactRules, compactString, covers } from './policyComparator.ts';
import { aggregateErrorMessage, goQuote, goQuoteList } from '../../api/goFormat.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** What the registry knows about the request when it checks a write to a role or binding. */
export interface EscalationRequest {
  user: UserInfo;
  /** The request's namespace; '' for ClusterRoles and ClusterRoleBindings. */
  namespace: string;
  /** RequestInfo.Name: '' on create (a POST to the collection), the object's name on update. */
  requestName: string;
  /** The apiserver's whole authorizer chain, asked whether the user may `escalate` or `bind`. */
  authorizer: Authorizer;
  /** The rule resolver over storage (RuleResolver with notFound: 'registry'). */
  resolver: Pick<RuleResolver, 'rulesFor' | 'getRoleReferenceRules'>;
}

/** EscalationAllowed: members of system:masters skip every escalation check. */
export function escalationAllowed(user: UserInfo): boolean {
  return user.groups.includes(SYSTEM_PRIVILEGED_GROUP);
}

function resourceAttributes(user: UserInfo, verb: string, resource: string, namespace: string, name: string, apiGroup: string): AuthorizationAttributes {
  return { user, verb, resourceRequest: true, namespace, apiGroup, apiVersion: '*', resource, subresource: '', name, path: '' };
}

/** RoleEscalationAuthorized: the `escalate` verb on the roles/clusterroles resource being written. */
export function roleEscalationAuthorized(req: EscalationRequest, resource: 'roles' | 'clusterroles'): boolean {
  const attrs = resourceAttributes(req.user, 'escalate', resource, req.namespace, req.requestName, RBAC_GROUP);
  return req.authorizer.authorize(attrs).decision === 'Allow';
}

/** BindingAuthorized: the `bind` verb on the referenced role, checked in the binding's namespace. */
export function bindingAuthorized(req: EscalationRequest, roleRef: RoleRef, bindingNamespace: string): boolean {
  let resource: string;
  if (roleRef.kind === 'ClusterRole') resource = 'clusterroles';
  else if (roleRef.kind === 'Role') resource = 'roles';
  else return false;
  const attrs = resourceAttributes(req.user, 'bind', resource, bindingNamespace, roleRef.name, roleRef.apiGroup);
  return req.authorizer.authorize(attrs).decision === 'Allow';
}

/**
 * ConfirmNoEscalation: undefined when `owner` covers `requested`; otherwise the message listing the missing
 * permissions (broken down, compacted, CompactString'ed, sorted, de-duplicated, one per line).
 */
export function confirmNoEscalation(user: UserInfo, owner: ResolvedRules, requested: readonly PolicyRule[]): string | undefined {
  const { covered, missing } = covers(owner.rules, requested);
  if (covered) return undefined;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${goQuote(user.name)} (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
  // fmt's %v of a []error holding the one aggregate error: "[<aggregate>]".
  if (owner.errors.length > 0) msg += `; resolution errors: [${aggregateErrorMessage(owner.errors)}]`;
  return msg;
}

/** The rules that grant everything; needed to set or change an aggregationRule. */
const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/** IsOnlyMutatingGCFields: the update changes nothing but ownerReferences, finalizers, selfLink, managedFields. */
export function isOnlyMutatingGCFields(obj: { metadata?: object }, old: { metadata?: object } | undefined): boolean {
  if (!old) return false;
  const strip = (o: { metadata?: object }): unknown => {
    const copy = JSON.parse(JSON.stringify(o)) as { metadata?: Record<string, unknown> };
    if (copy.metadata) {
      for (const key of ['ownerReferences', 'finalizers', 'selfLink', 'managedFields']) delete copy.metadata[key];
    }
    return copy;
  };
  return semanticEqual(strip(obj), strip(old));
}

/** equality.Semantic.DeepEqual over JSON: absent, null, [] and {} are alike where Go would have nil or empty. */
function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown): boolean => v === undefined || v === null
    || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => semanticEqual(v, b[i]));
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
    return [...keys].every((k) => semanticEqual(ra[k], rb[k]));
  }
  return a === b;
}

function hasAggregationRule(role: ClusterRole | undefined): boolean {
  return (role?.aggregationRule?.clusterRoleSelectors ?? []).length > 0;
}

/**
 * The check on create (no `old`) or update of a Role or ClusterRole: allowed for system:masters, for users with
 * `escalate` on the resource, and for users who already hold every rule being written. Setting or changing an
 * aggregationRule additionally needs full authority. Returns the 403 to answer, or undefined.
 */
export function checkRoleWrite(req: EscalationRequest, kind: 'Role' | 'ClusterRole', obj: Role | ClusterRole, old?: Role | ClusterRole): ApiError | undefined {
  const resource = kind === 'Role' ? 'roles' : 'clusterroles';
  if (escalationAllowed(req.user) || roleEscalationAuthorized(req, resource)) return undefined;
  if (old && isOnlyMutatingGCFields(obj, old)) return undefined;
  const name = obj.metadata?.name ?? '';
  const gr = { group: RBAC_GROUP, resource };
  const owner = req.resolver.rulesFor(req.user, req.namespace);
  const message = confirmNoEscalation(req.user, owner, obj.rules ?? []);
  if (message !== undefined) return errors.forbidden(gr, name, message);
  if (kind === 'ClusterRole' && (hasAggregationRule(obj as ClusterRole) || hasAggregationRule(old as ClusterRole | undefined))) {
    if (confirmNoEscalation(req.user, owner, FULL_AUTHORITY) !== undefined) {
      return errors.forbidden(gr, name, 'must have cluster-admin privileges to use the aggregationRule');
    }
  }
  return undefined;
}

/**
 * The check on create or update of a RoleBinding or ClusterRoleBinding: allowed for system:masters, for users
 * with `bind` on the referenced role, and for users who already hold all of that role's rules. A missing role is
 * the registry's 404 (`roles.rbac.authorization.k8s.io "x" not found`), checked before validation runs.
 */
export function checkBindingWrite(req: EscalationRequest, kind: 'RoleBinding' | 'ClusterRoleBinding', obj: RoleBinding | ClusterRoleBinding, old?: RoleBinding | ClusterRoleBinding): ApiError | undefined {
  if (escalationAllowed(req.user)) return undefined;
  const bindingNamespace = kind === 'RoleBinding' ? req.namespace : '';
  if (kind === 'RoleBinding' && bindingNamespace === '') return errors.badRequest('namespace is required');
  if (old && isOnlyMutatingGCFields(obj, old)) return undefined;
  if (bindingAuthorized(req, obj.roleRef, bindingNamespace)) return undefined;
  const resolved = req.resolver.getRoleReferenceRules(obj.roleRef, bindingNamespace);
  if ('error' in resolved) {
    return resolved.notFound
      ? errors.notFound({ group: RBAC_GROUP, resource: resolved.notFound.resource }, resolved.notFound.name)
      : errors.internal(resolved.error);
  }
  const owner = req.resolver.rulesFor(req.user, bindingNamespace);
  const message = confirmNoEscalation(req.user, owner, resolved.rules);
  if (message === undefined) return undefined;
  const resource = kind === 'RoleBinding' ? 'rolebindings' : 'clusterrolebindings';
  return errors.forbidden({ group: RBAC_GROUP, resource }, obj.metadata?.name ?? '', message);
}
