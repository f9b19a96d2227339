// models pkg/registry/authorization/* and pkg/registry/authentication/*: review kinds that are never stored —
// the answer is computed from the authorizers or authenticators at request time.
import { errors } from '../api/status.ts';
import { field } from '../api/field.ts';
import type { KubeObject, UserInfo } from '../api/types.ts';
import type { Authenticator } from './authn/authenticators.ts';
import type { RulesResolver } from './authz/RbacAuthorizer.ts';
import type { AuthorizationAttributes, Authorizer } from './authz/types.ts';
import type { ResourceInfo } from './resources.ts';
import type { ReviewHandler } from './rest.ts';

interface ResourceAttributes {
  namespace?: string; verb?: string; group?: string; version?: string; resource?: string; subresource?: string; name?: string;
}
interface NonResourceAttributes { path?: string; verb?: string }
interface ReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: NonResourceAttributes;
  user?: string; groups?: string[]; uid?: string; extra?: Record<string, string[]>;
  namespace?: string;
  token?: string;
}

export class Reviews implements ReviewHandler {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly rules: RulesResolver,
    private readonly authenticator: Authenticator,
  ) {}

  create(resource: ResourceInfo, obj: KubeObject, user: UserInfo, namespace: string): KubeObject {
    const spec = (obj.spec ?? {}) as ReviewSpec;
    const meta = { ...(obj.metadata ?? {}) };
    delete meta.resourceVersion;
    const base = { kind: resource.kind, apiVersion: `${resource.group}/${resource.version}`, metadata: { ...meta, creationTimestamp: null } } as unknown as KubeObject;
    switch (resource.resource) {
      case 'selfsubjectaccessreviews':
        this.requireAttributes(resource.kind, spec);
        return { ...base, spec, status: this.decide(user, spec) };
      case 'subjectaccessreviews':
      case 'localsubjectaccessreviews': {
        this.requireAttributes(resource.kind, spec);
        if (!spec.user && (spec.groups ?? []).length === 0) {
          throw errors.invalid('authorization.k8s.io', resource.kind, '', [field.invalid('spec.user,spec.groups', '', 'at least one of user or group must be specified')]);
        }
        if (resource.resource === 'localsubjectaccessreviews' && spec.resourceAttributes?.namespace !== namespace) {
          throw errors.badRequest(`spec.resourceAttributes.namespace must match namespace: ${namespace}`);
        }
        const subject: UserInfo = { name: spec.user ?? '', groups: spec.groups ?? [] };
        if (spec.uid) subject.uid = spec.uid;
        if (spec.extra) subject.extra = spec.extra;
        return { ...base, spec, status: this.decide(subject, spec) };
      }
      case 'selfsubjectrulesreviews': {
        const ns = spec.namespace ?? '';
        const info = this.rules.ruleInfoFor(user, ns);
        const status: Record<string, unknown> = { resourceRules: info.resourceRules, nonResourceRules: info.nonResourceRules, incomplete: info.incomplete };
        if (info.error) status.evaluationError = info.error;
        return { ...base, spec, status };
      }
      case 'selfsubjectreviews':
        return { ...base, status: { userInfo: userInfoJson(user) } };
      case 'tokenreviews': {
        const res = this.authenticator.authenticate({ bearerToken: spec.token ?? '' });
        const status = res.ok && res.authenticator !== 'anonymous'
          ? { authenticated: true, user: userInfoJson(res.user), audiences: ['https://kubernetes.default.svc.cluster.local'] }
          : { user: {}, error: '[invalid bearer token, service account token has been invalidated]' };
        return { ...base, spec: { token: spec.token ?? '' }, status };
      }
      default:
        throw errors.methodNotAllowed();
    }
  }

  private requireAttributes(kind: string, spec: ReviewSpec): void {
    const hasRes = spec.resourceAttributes !== undefined;
    const hasNonRes = spec.nonResourceAttributes !== undefined;
    if (hasRes === hasNonRes) {
      const f = hasRes
        ? field.invalid('spec.nonResourceAttributes', spec.nonResourceAttributes, 'cannot be specified in combination with resourceAttributes')
        : field.required('spec.resourceAttributes', 'exactly one of nonResourceAttributes or resourceAttributes must be specified');
      throw errors.invalid('authorization.k8s.io', kind, '', [f]);
    }
  }

  private decide(user: UserInfo, spec: ReviewSpec): { allowed: boolean; denied?: boolean; reason?: string } {
    let attrs: AuthorizationAttributes;
    if (spec.resourceAttributes) {
      const r = spec.resourceAttributes;
      attrs = {
        user, verb: r.verb ?? '', resourceRequest: true, namespace: r.namespace ?? '', apiGroup: r.group ?? '', apiVersion: r.version ?? '',
        resource: r.resource ?? '', subresource: r.subresource ?? '', name: r.name ?? '', path: '',
      };
    } else {
      const n = spec.nonResourceAttributes ?? {};
      attrs = { user, verb: n.verb ?? '', resourceRequest: false, namespace: '', apiGroup: '', apiVersion: '', resource: '', subresource: '', name: '', path: n.path ?? '' };
    }
    const d = this.authorizer.authorize(attrs);
    const status: { allowed: boolean; denied?: boolean; reason?: string } = { allowed: d.decision === 'Allow' };
    if (d.decision === 'Deny') status.denied = true;
    if (d.reason !== '') status.reason = d.reason;
    return status;
  }
}

function userInfoJson(u: UserInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { username: u.name, groups: u.groups };
  if (u.uid) out.uid = u.uid;
  if (u.extra) out.extra = u.extra;
  return out;
}
