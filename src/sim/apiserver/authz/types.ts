// models k8s.io/apiserver/pkg/authorization/authorizer: an authorizer answers Allow, Deny or NoOpinion.
import type { UserInfo } from '../../api/types.ts';
import type { RbacMatch } from '../../trace/types.ts';

/** authorizer.AttributesRecord */
export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  /** true for /api and /apis resource requests, false for non-resource URLs such as /healthz or /version. */
  resourceRequest: boolean;
  namespace: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  name: string;
  /** The URL path, for non-resource requests. */
  path: string;
  /**
   * The request's raw fieldSelector (list/watch), for authorizers that look at selectors (AuthorizeNodeWithSelectors,
   * beta and on in v1.32). Undefined when the request chain does not pass selectors on.
   */
  fieldSelector?: string;
}

export type Decision = 'Allow' | 'Deny' | 'NoOpinion';

export interface AuthorizationResult {
  decision: Decision;
  /** Why: for RBAC's allow, the binding and role; for no opinion, empty (the Forbidden text is built by the caller). */
  reason: string;
  /** The binding, role and rule that allowed the request. */
  match?: RbacMatch;
  /** Every binding that applied to the user and was looked at, in evaluation order: "ClusterRoleBinding/x". */
  considered: string[];
}

export interface Authorizer {
  readonly name: string;
  authorize(attrs: AuthorizationAttributes): AuthorizationResult;
}

/** One rule of a Role or ClusterRole (rbac/v1 PolicyRule). */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
