import { describe, expect, it } from 'vitest';
import { UnionAuthorizer } from './unionAuthorizer.ts';
import type { AuthorizationAttributes, Authorizer, Decision } from './types.ts';

const fixed = (name: string, decision: Decision, reason = ''): Authorizer => ({
  name, authorize: () => ({ decision, reason, considered: [`${name}-binding`] }),
});
const attrs = { user: { name: 'u', groups: [] }, verb: 'get', resourceRequest: true, namespace: '', apiGroup: '', apiVersion: 'v1', resource: 'pods', subresource: '', name: '', path: '' } satisfies AuthorizationAttributes;

describe('UnionAuthorizer', () => {
  it('lets the first authorizer with an opinion decide, Deny included', () => {
    expect(new UnionAuthorizer([fixed('a', 'NoOpinion'), fixed('b', 'Deny', 'no'), fixed('c', 'Allow')]).authorize(attrs))
      .toEqual({ decision: 'Deny', reason: 'no', considered: ['a-binding', 'b-binding'] });
  });
  it('joins the reasons of abstaining authorizers with a newline, as union.go does', () => {
    const r = new UnionAuthorizer([fixed('a', 'NoOpinion', 'x'), fixed('b', 'NoOpinion'), fixed('c', 'NoOpinion', 'y')]).authorize(attrs);
    expect(r.decision).toBe('NoOpinion');
    expect(r.reason).toBe('x\ny');
  });
});
