// models staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go: Impersonate-User / -Group / -Uid /
// -Extra-* headers, each authorized by RBAC's "impersonate" verb, replacing the requesting user.
import { errors } from '../api/status.ts';
import type { UserInfo } from '../api/types.ts';
import { ANONYMOUS, AUTHENTICATED, parseServiceAccountUsername, serviceAccountGroups, UNAUTHENTICATED } from './authn/authenticators.ts';
import type { AuthorizationAttributes, Authorizer } from './authz/types.ts';

export interface ImpersonationCheck {
  verb: string;
  resource: string;
  name: string;
  allowed: boolean;
}

export interface ImpersonationHeaders {
  user?: string;
  uid?: string;
  groups: string[];
  extra: Record<string, string[]>;
}

/** Percent-decodes an Impersonate-Extra-<key>; a malformed escape keeps the key as sent (impersonation.go unescapeExtraKey). */
function unescapeExtraKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** `names` are the request's header names, lower-cased (Impersonate-Extra-<key> names are open-ended). */
export function readImpersonationHeaders(headers: (name: string) => string[], names: string[]): ImpersonationHeaders | undefined {
  const user = headers('impersonate-user')[0];
  const uid = headers('impersonate-uid')[0];
  const groups = headers('impersonate-group');
  const extra: Record<string, string[]> = {};
  for (const n of names) {
    if (n.startsWith('impersonate-extra-')) extra[unescapeExtraKey(n.slice('impersonate-extra-'.length))] = headers(n);
  }
  if (user === undefined && uid === undefined && groups.length === 0 && Object.keys(extra).length === 0) return undefined;
  const h: ImpersonationHeaders = { groups, extra };
  if (user !== undefined) h.user = user;
  if (uid !== undefined) h.uid = uid;
  return h;
}

/**
 * Returns the impersonated user, or throws Forbidden (naming the first check that failed) / BadRequest.
 * `checks` receives every authorization made, allowed or not, for the trace.
 */
export function impersonate(requestor: UserInfo, h: ImpersonationHeaders, authorizer: Authorizer, checks: ImpersonationCheck[]): UserInfo {
  if (h.user === undefined || h.user === '') {
    throw errors.badRequest(`requested ${describe(h)} without impersonating a user`);
  }
  const check = (attrs: Omit<AuthorizationAttributes, 'user' | 'resourceRequest' | 'path' | 'apiVersion' | 'verb' | 'subresource'> & { subresource?: string }): void => {
    const full: AuthorizationAttributes = { user: requestor, verb: 'impersonate', resourceRequest: true, path: '', apiVersion: '', subresource: '', ...attrs };
    const res = authorizer.authorize(full);
    const allowed = res.decision === 'Allow';
    checks.push({ verb: 'impersonate', resource: attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource, name: attrs.name, allowed });
    if (!allowed) {
      const scope = attrs.namespace === '' ? 'at the cluster scope' : `in the namespace "${attrs.namespace}"`;
      const res2 = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
      throw errors.forbidden({ group: attrs.apiGroup, resource: attrs.resource }, attrs.name,
        `User "${requestor.name}" cannot impersonate resource "${res2}" in API group "${attrs.apiGroup}" ${scope}`);
    }
  };

  const sa = parseServiceAccountUsername(h.user);
  if (sa) check({ namespace: sa.namespace, apiGroup: '', resource: 'serviceaccounts', name: sa.name });
  else check({ namespace: '', apiGroup: '', resource: 'users', name: h.user });
  for (const g of h.groups) check({ namespace: '', apiGroup: '', resource: 'groups', name: g });
  if (h.uid !== undefined) check({ namespace: '', apiGroup: 'authentication.k8s.io', resource: 'uids', name: h.uid });
  for (const [key, values] of Object.entries(h.extra)) {
    for (const v of values) check({ namespace: '', apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: key, name: v });
  }

  let groups = [...h.groups];
  // Impersonating a ServiceAccount without naming groups gives it the ServiceAccount groups, as its token would.
  if (sa && h.groups.length === 0) groups = serviceAccountGroups(sa.namespace);
  if (h.user === ANONYMOUS) {
    if (!groups.includes(UNAUTHENTICATED)) groups.push(UNAUTHENTICATED);
  } else if (!groups.includes(AUTHENTICATED)) {
    groups.push(AUTHENTICATED);
  }
  const user: UserInfo = { name: h.user, groups };
  if (h.uid !== undefined) user.uid = h.uid;
  if (Object.keys(h.extra).length > 0) user.extra = h.extra;
  return user;
}

function describe(h: ImpersonationHeaders): string {
  const parts = h.groups.map((g) => `{Group ${g}}`);
  if (h.uid !== undefined) parts.push(`{UID ${h.uid}}`);
  return `[${parts.join(' ')}]`;
}
