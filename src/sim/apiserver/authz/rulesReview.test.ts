import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../../api/types.ts';
import { RbacAuthorizer, type RuleInfo, type RulesResolver } from './RbacAuthorizer.ts';
import { MemoryRbacSource } from './MemoryRbacSource.ts';
import { bootstrapPolicy } from './bootstrapPolicy.ts';
import { selfSubjectRulesReviewStatus } from './rulesReview.ts';

function bootstrap(): MemoryRbacSource {
  return MemoryRbacSource.fromObjects(bootstrapPolicy());
}

describe('SelfSubjectRulesReview status', () => {
  it('system:masters: the cluster-admin rules (* on *.*, * on URL *) come from the cluster-admin binding', () => {
    const rbac = new RbacAuthorizer(bootstrap());
    const admin: UserInfo = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
    const status = selfSubjectRulesReviewStatus([rbac], admin, 'default');
    expect(status.resourceRules[0]).toEqual({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(status.nonResourceRules[0]).toEqual({ verbs: ['*'], nonResourceURLs: ['*'] });
    expect(status.incomplete).toBe(false);
    expect(status).not.toHaveProperty('evaluationError');
  });

  it('a plain authenticated user sees basic-user, discovery and public-info-viewer rules (kubectl auth can-i --list)', () => {
    const rbac = new RbacAuthorizer(bootstrap());
    const status = selfSubjectRulesReviewStatus([rbac], { name: 'jane', groups: ['system:authenticated'] }, 'default');
    expect(status.resourceRules).toEqual([
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
    ]);
    expect(status.nonResourceRules).toEqual([
      { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] },
      { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] },
    ]);
  });

  it('resourceNames and namespace bindings are included; a missing role becomes evaluationError', () => {
    const src = new MemoryRbacSource({
      roles: [{ metadata: { namespace: 'ns', name: 'r' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }] }],
      roleBindings: [
        { metadata: { namespace: 'ns', name: 'b1' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'jane' }] },
        { metadata: { namespace: 'ns', name: 'b2' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'gone' }, subjects: [{ kind: 'User', name: 'jane' }] },
      ],
    });
    const status = selfSubjectRulesReviewStatus([new RbacAuthorizer(src)], { name: 'jane', groups: [] }, 'ns');
    expect(status).toEqual({
      resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }],
      nonResourceRules: [],
      incomplete: false,
      evaluationError: 'role.rbac.authorization.k8s.io "gone" not found',
    });
  });

  it('unions resolvers: any incomplete makes the review incomplete; errors aggregate', () => {
    const node: RulesResolver = {
      ruleInfoFor: (): RuleInfo => ({ resourceRules: [], nonResourceRules: [], incomplete: true, error: 'node authorizer does not support user rule resolution' }),
    };
    const status = selfSubjectRulesReviewStatus([node, new RbacAuthorizer(new MemoryRbacSource())], { name: 'system:node:n1', groups: ['system:nodes'] }, 'default');
    expect(status).toEqual({ resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' });
  });
});
