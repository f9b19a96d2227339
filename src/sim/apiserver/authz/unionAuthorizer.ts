// models staging/src/k8s.io/apiserver/pkg/authorization/union: authorizers asked in order; the first that does
// not say NoOpinion decides. When all abstain, their reasons are joined with "\n".
import type { AuthorizationAttributes, AuthorizationResult, Authorizer } from './types.ts';

export class UnionAuthorizer implements Authorizer {
  readonly name = 'union';
  constructor(readonly authorizers: readonly Authorizer[]) {}

  authorize(attrs: AuthorizationAttributes): AuthorizationResult {
    return this.authorizeEach(attrs, () => undefined);
  }

  /** Like authorize, also handing each authorizer's own answer to `seen` (for the trace). */
  authorizeEach(attrs: AuthorizationAttributes, seen: (authorizer: Authorizer, result: AuthorizationResult) => void): AuthorizationResult {
    const considered: string[] = [];
    const reasons: string[] = [];
    for (const a of this.authorizers) {
      const r = a.authorize(attrs);
      seen(a, r);
      considered.push(...r.considered);
      if (r.decision !== 'NoOpinion') return { ...r, considered };
      if (r.reason !== '') reasons.push(r.reason);
    }
    return { decision: 'NoOpinion', reason: reasons.join('\n'), considered };
  }
}
