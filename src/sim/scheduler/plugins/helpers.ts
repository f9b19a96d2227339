// Matching rules shared by several plugins: tolerations against taints, node selector terms against a node, and
// the default score normalization.
// models k8s.io/api/core/v1 toleration.go (ToleratesTaint), component-helpers/scheduling/corev1/nodeaffinity
// (NodeSelector terms: ORed terms, ANDed requirements, In/NotIn/Exists/DoesNotExist/Gt/Lt, matchFields on
// metadata.name) and pkg/scheduler/framework/plugins/helper/normalize_score.go.
import type { NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration } from 'kubernetes-types/core/v1';

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key && t.key !== '' && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** v1helper.FindMatchingUntoleratedTaint: the first taint passing `filter` that no toleration tolerates. */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], filter: (t: Taint) => boolean): Taint | undefined {
  for (const taint of taints) {
    if (!filter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

const INTEGER = /^[+-]?\d+$/;

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      // One integer value; a label that is not an integer never matches.
      if (value === undefined || values.length !== 1 || !INTEGER.test(values[0] ?? '') || !INTEGER.test(value)) return false;
      const have = Number(value);
      const want = Number(values[0]);
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

/** An empty term (no expressions, no fields) matches nothing, as nodeaffinity treats it. */
export function termMatches(term: NodeSelectorTerm, labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!requirementMatches(r, Object.hasOwn(labels, r.key) ? labels[r.key] : undefined)) return false;
  for (const f of fields) {
    // Only metadata.name is a supported node field; anything else makes the term invalid (no match).
    if (f.key !== 'metadata.name') return false;
    if (!requirementMatches(f, nodeName)) return false;
  }
  return true;
}

/** Terms are ORed. */
export function termsMatch(terms: readonly NodeSelectorTerm[], labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  for (const t of terms) if (termMatches(t, labels, nodeName)) return true;
  return false;
}

/**
 * helper.DefaultNormalizeScore: scales scores to [0, maxPriority] by the highest one; `reverse` flips them.
 * When every score is 0, reversed scores all become maxPriority.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): void {
  let maxCount = 0;
  for (const s of scores) if (s > maxCount) maxCount = s;
  if (maxCount === 0) {
    if (reverse) for (let i = 0; i < scores.length; i++) scores[i] = maxPriority;
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((maxPriority * (scores[i] ?? 0)) / maxCount);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}

