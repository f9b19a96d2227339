// models pkg/registry/authorization/selfsubjectrulesreview/rest.go over the union rule resolver of
// staging/src/k8s.io/apiserver/pkg/authorization/union/union.go. The privileged-groups authorizer resolves no
// rules, so system:masters sees `*` only through the cluster-admin ClusterRoleBinding, as on a real cluster.
import type { UserInfo } from '../../api/types.ts';
import type { RulesResolver } from './RbacAuthorizer.ts';
import { aggregateErrorMessage } from '../../api/goFormat.ts';

/** authorization.k8s.io/v1 ResourceRule as serialised: empty lists left out, verbs always present. */
export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

/** SubjectRulesReviewStatus: both lists are always present (possibly empty); evaluationError only when set. */
export interface SubjectRulesReviewStatus {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
}

/**
 * The status of a SelfSubjectRulesReview for `user` in `namespace`, asking each resolver of the chain in order
 * (e.g. [node, rbac]) and concatenating their rules; incomplete if any says so; evaluationError is the aggregate
 * of their errors. The REST handler rejects an empty namespace with 400 "no namespace on request" before this.
 */
export function selfSubjectRulesReviewStatus(resolvers: readonly RulesResolver[], user: UserInfo, namespace: string): SubjectRulesReviewStatus {
  const status: SubjectRulesReviewStatus = { resourceRules: [], nonResourceRules: [], incomplete: false };
  const errs: string[] = [];
  for (const resolver of resolvers) {
    const info = resolver.ruleInfoFor(user, namespace);
    if (info.incomplete) status.incomplete = true;
    if (info.error !== undefined) errs.push(info.error);
    for (const r of info.resourceRules) {
      const rule: ResourceRule = { verbs: [...r.verbs] };
      if (r.apiGroups.length > 0) rule.apiGroups = [...r.apiGroups];
      if (r.resources.length > 0) rule.resources = [...r.resources];
      if (r.resourceNames.length > 0) rule.resourceNames = [...r.resourceNames];
      status.resourceRules.push(rule);
    }
    for (const r of info.nonResourceRules) {
      const rule: NonResourceRule = { verbs: [...r.verbs] };
      if (r.nonResourceURLs.length > 0) rule.nonResourceURLs = [...r.nonResourceURLs];
      status.nonResourceRules.push(rule);
    }
  }
  if (errs.length > 0) status.evaluationError = aggregateErrorMessage(errs);
  return status;
}
