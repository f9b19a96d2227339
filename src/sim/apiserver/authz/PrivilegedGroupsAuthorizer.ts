// models staging/src/k8s.io/apiserver/pkg/authorization/authorizerfactory/builtin.go (privilegedGroupAuthorizer),
// which kube-apiserver puts in its chain right before RBAC with the group system:masters.
import type { AuthorizationAttributes, AuthorizationResult, Authorizer } from './types.ts';

export const SYSTEM_PRIVILEGED_GROUP = 'system:masters';

/** Allow (with an empty reason, as upstream) for any member of a privileged group; NoOpinion for everyone else. */
export class PrivilegedGroupsAuthorizer implements Authorizer {
  readonly name = 'PrivilegedGroups';
  private readonly groups: readonly string[];

  constructor(groups: readonly string[] = [SYSTEM_PRIVILEGED_GROUP]) {
    this.groups = groups;
  }

  authorize(attrs: AuthorizationAttributes): AuthorizationResult {
    const allowed = attrs.user.groups.some((g) => this.groups.includes(g));
    return { decision: allowed ? 'Allow' : 'NoOpinion', reason: '', considered: [] };
  }
}
