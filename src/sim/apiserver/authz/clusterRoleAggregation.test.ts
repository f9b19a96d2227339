import { describe, expect, it } from 'vitest';
import type { ClusterRole } from 'kubernetes-types/rbac/v1';
import { aggregateClusterRoles, labelSelectorMatches } from './clusterRoleAggregation.ts';

const r = (name: string, labels: Record<string, string>, verbs: string[]): ClusterRole => ({ metadata: { name, labels }, rules: [{ verbs, apiGroups: [''], resources: ['pods'] }] });

describe('aggregateClusterRoles (clusterrole-aggregation controller)', () => {
  it('collects rules selector by selector, matching roles sorted by name, duplicates dropped, itself excluded', () => {
    const agg: ClusterRole = { metadata: { name: 'agg', labels: { a: 'true' } }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'true' } }, { matchLabels: { b: 'true' } }] } };
    const out = aggregateClusterRoles([agg, r('z', { a: 'true' }, ['get']), r('y', { a: 'true' }, ['list']), r('x', { b: 'true' }, ['get']), r('w', { b: 'true' }, ['watch'])]);
    expect(out[0]?.rules?.map((x) => x.verbs[0])).toEqual(['list', 'get', 'watch']);
  });

  it('settles chains: admin ← edit ← view', () => {
    const admin: ClusterRole = { metadata: { name: 'admin' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'to-admin': 'true' } }] } };
    const edit: ClusterRole = { metadata: { name: 'edit', labels: { 'to-admin': 'true' } }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'to-edit': 'true' } }] } };
    const view: ClusterRole = { metadata: { name: 'view', labels: { 'to-edit': 'true' } }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'to-view': 'true' } }] } };
    const out = aggregateClusterRoles([admin, edit, view, r('v', { 'to-view': 'true' }, ['get']), r('e', { 'to-edit': 'true' }, ['create'])]);
    const verbsOf = (n: string): string[] => (out.find((x) => x.metadata?.name === n)?.rules ?? []).map((x) => x.verbs[0] ?? '');
    expect(verbsOf('view')).toEqual(['get']);
    expect(verbsOf('edit')).toEqual(['create', 'get']);
    expect(verbsOf('admin')).toEqual(['create', 'get']);
  });

  it('leaves its input untouched and roles without aggregationRule as they are', () => {
    const input = [r('plain', {}, ['get'])];
    const out = aggregateClusterRoles(input);
    expect(out).toEqual(input);
    expect(out[0]).not.toBe(input[0]);
  });

  it('label selectors: matchLabels and the four matchExpressions operators; empty selects all', () => {
    const l = { tier: 'web', env: 'prod' };
    expect(labelSelectorMatches({}, l)).toBe(true);
    expect(labelSelectorMatches({ matchLabels: { tier: 'web' } }, l)).toBe(true);
    expect(labelSelectorMatches({ matchLabels: { tier: 'db' } }, l)).toBe(false);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }, l)).toBe(true);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, l)).toBe(false);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['prod'] }] }, l)).toBe(true);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, l)).toBe(true);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, l)).toBe(false);
  });
});
