// models staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go (Forbidden, forbiddenMessage)
// and apimachinery's errors.NewForbidden, which wraps it.
import { type ApiError, errors } from '../../api/status.ts';
import type { AuthorizationAttributes } from './types.ts';
import { goQuote } from '../../api/goFormat.ts';

/** The sanitizer Forbidden applies to its own text (not to the authorizer's reason). */
function sanitize(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * forbiddenMessage: `User "alice" cannot create resource "pods" in API group "" in the namespace "default"`,
 * `… at the cluster scope`, or `User "x" cannot get path "/foo"`. The object's name never appears here: it is
 * NewForbidden that puts it in front (`pods "nginx" is forbidden: …`).
 */
export function forbiddenMessage(attrs: AuthorizationAttributes): string {
  const user = goQuote(attrs.user.name);
  if (!attrs.resourceRequest) return `User ${user} cannot ${attrs.verb} path ${goQuote(attrs.path)}`;
  const resource = attrs.subresource === '' ? attrs.resource : `${attrs.resource}/${attrs.subresource}`;
  const head = `User ${user} cannot ${attrs.verb} resource ${goQuote(resource)} in API group ${goQuote(attrs.apiGroup)}`;
  return attrs.namespace === '' ? `${head} at the cluster scope` : `${head} in the namespace ${goQuote(attrs.namespace)}`;
}

/**
 * The error text Forbidden hands to NewForbidden: the message alone, or `<message>: <reason>` when the
 * authorizer chain gave a reason (for RBAC that happens only when a bound role could not be resolved, e.g.
 * `…: RBAC: role.rbac.authorization.k8s.io "x" not found`). Reasons of several authorizers arrive joined by "\n".
 */
export function forbiddenReason(attrs: AuthorizationAttributes, authorizerReason = ''): string {
  const msg = sanitize(forbiddenMessage(attrs));
  return authorizerReason === '' ? msg : `${msg}: ${authorizerReason}`;
}

/**
 * The 403 the apiserver answers: `pods "nginx" is forbidden: User …` (name only when the request names one),
 * `deployments.apps is forbidden: …`, and for a non-resource URL `forbidden: User "x" cannot get path "/foo"`.
 */
export function forbiddenError(attrs: AuthorizationAttributes, authorizerReason = ''): ApiError {
  const reason = forbiddenReason(attrs, authorizerReason);
  if (attrs.apiGroup === '' && attrs.resource === '') {
    // NewForbidden with an empty GroupResource: "forbidden: <reason>", details with every field empty.
    return errors.forbiddenMessage(`forbidden: ${reason}`, {});
  }
  return errors.forbidden({ group: attrs.apiGroup, resource: attrs.resource }, attrs.name, reason);
}
