// models pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go (syncClusterRole), run to a
// fixed point over all ClusterRoles at once instead of one queued key at a time.
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { ClusterRole, PolicyRule } from 'kubernetes-types/rbac/v1';
import { deepClone } from '../../api/types.ts';

/** metav1.LabelSelectorAsSelector(selector).Matches(labels); an empty selector matches everything. */
export function labelSelectorMatches(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (have[key] !== value) return false;
  }
  for (const expr of selector.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(have, expr.key);
    const value = have[expr.key];
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        if (!present || !values.includes(value ?? '')) return false;
        break;
      case 'NotIn':
        if (present && values.includes(value ?? '')) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        // LabelSelectorAsSelector fails on an unknown operator; the controller then gives up on this role.
        return false;
    }
  }
  return true;
}

/** equality.Semantic.DeepEqual for rules: an absent list equals an empty one. */
export function rulesEqual(a: PolicyRule, b: PolicyRule): boolean {
  const same = (x: string[] | undefined, y: string[] | undefined): boolean => {
    const xs = x ?? [];
    const ys = y ?? [];
    return xs.length === ys.length && xs.every((v, i) => v === ys[i]);
  };
  return same(a.verbs, b.verbs) && same(a.apiGroups, b.apiGroups) && same(a.resources, b.resources)
    && same(a.resourceNames, b.resourceNames) && same(a.nonResourceURLs, b.nonResourceURLs);
}

function ruleListsEqual(a: PolicyRule[] | undefined, b: PolicyRule[] | undefined): boolean {
  const xs = a ?? [];
  const ys = b ?? [];
  return xs.length === ys.length && xs.every((r, i) => { const other = ys[i]; return other !== undefined && rulesEqual(r, other); });
}

/** The rules one sync of `role` would write, reading the other roles' current rules. */
function aggregatedRulesOf(role: ClusterRole, all: readonly ClusterRole[]): PolicyRule[] {
  const rules: PolicyRule[] = [];
  const name = role.metadata?.name ?? '';
  for (const selector of role.aggregationRule?.clusterRoleSelectors ?? []) {
    const matched = all
      .filter((other) => labelSelectorMatches(selector, other.metadata?.labels))
      .sort((x, y) => ((x.metadata?.name ?? '') < (y.metadata?.name ?? '') ? -1 : (x.metadata?.name ?? '') > (y.metadata?.name ?? '') ? 1 : 0));
    for (const other of matched) {
      if ((other.metadata?.name ?? '') === name) continue;
      for (const rule of other.rules ?? []) {
        if (!rules.some((have) => rulesEqual(have, rule))) rules.push(deepClone(rule));
      }
    }
  }
  return rules;
}

/**
 * Returns copies of `roles` in which every ClusterRole with an aggregationRule holds the union (in the
 * controller's order: selector by selector, matching roles sorted by name, duplicates dropped) of the rules of
 * the roles its selectors match — the state the clusterrole-aggregation controller converges to. Roles without
 * an aggregationRule are returned unchanged. Chains (admin ← edit ← view) settle because a pass repeats until
 * nothing changes.
 */
export function aggregateClusterRoles(roles: readonly ClusterRole[]): ClusterRole[] {
  const current = roles.map((r) => deepClone(r));
  // Each pass can only add rules drawn from a finite set, so this terminates; the bound is a safety net.
  for (let pass = 0; pass <= current.length + 1; pass++) {
    let changed = false;
    for (const role of current) {
      if (!role.aggregationRule) continue;
      const next = aggregatedRulesOf(role, current);
      if (!ruleListsEqual(next, role.rules)) {
        role.rules = next;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return current;
}

/** The rules `role` holds once aggregation has settled: its own for a plain role, the aggregate otherwise. */
export function effectiveClusterRoleRules(role: ClusterRole, all: readonly ClusterRole[]): PolicyRule[] {
  if (!role.aggregationRule) return role.rules ?? [];
  const name = role.metadata?.name;
  const settled = aggregateClusterRoles(all).find((r) => r.metadata?.name === name);
  return settled?.rules ?? [];
}
