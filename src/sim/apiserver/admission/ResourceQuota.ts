// models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota (CheckRequest) with the pod evaluator of
// pkg/quota/v1/evaluator/core/pods.go and the generic object-count evaluator for `count/<resource>`.
// Simplification: upstream compares against status.used, kept current by the quota controller; here usage is
// computed on the spot by listing the namespace, and status.hard falls back to spec.hard.
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { parseRfc3339 } from '../../clock.ts';
import { byteOrder, newForbidden, sortedByName } from './admissionErrors.ts';
import { addResourceList, podLimits, podRequests, resourceListOf, type ResourceQuantities } from './podResources.ts';
import { Quantity } from '../../api/quantity.ts';
import type { AdmissionAttributes, AdmissionContext, ValidatingPlugin } from './types.ts';

interface ScopeSelectorRequirement {
  scopeName?: string;
  operator?: string;
  values?: string[];
}

interface ResourceQuotaObject extends KubeObject {
  spec?: { hard?: Record<string, unknown>; scopes?: string[]; scopeSelector?: { matchExpressions?: ScopeSelectorRequirement[] } };
  status?: { hard?: Record<string, unknown>; used?: Record<string, unknown> };
}

const POD_OBJECT_COUNT = 'count/pods';
const POD_RESOURCES = new Set([POD_OBJECT_COUNT, 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory',
  'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods']);
/** Quota on these makes every container state them ("it was a mistake", says upstream; kept for compatibility). */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** Resources quota never counts (the admission configuration's default ignored list). */
const IGNORED_RESOURCES = new Set(['/events', 'events.k8s.io/events']);

const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
const isExtendedResource = (name: string): boolean => !isNativeResource(name) && !name.startsWith('requests.');

/** podComputeUsageHelper: what one set of requests and limits charges. */
function computeUsage(requests: ResourceQuantities, limits: ResourceQuantities): ResourceQuantities {
  const out: ResourceQuantities = new Map([['pods', Quantity.fromValue(1)]]);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests.get(r);
    if (req) {
      out.set(r, req);
      out.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) out.set(`limits.${r}`, lim);
  }
  for (const [name, q] of requests) {
    if (name.startsWith('hugepages-')) {
      out.set(name, q);
      out.set(`requests.${name}`, q);
    }
    if (isExtendedResource(name)) out.set(`requests.${name}`, q);
  }
  return out;
}

/** A pod in a terminal phase, or whose deletion grace period has run out, no longer holds compute quota. */
function chargesCompute(pod: Pod, now: string): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const deletion = pod.metadata?.deletionTimestamp;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  if (deletion && grace !== undefined && grace !== null) {
    const deletedAt = parseRfc3339(deletion);
    const current = parseRfc3339(now);
    if (deletedAt !== undefined && current !== undefined && current > deletedAt + grace * 1000) return false;
  }
  return true;
}

/** PodUsageFunc: count/pods always; compute resources only while the pod is alive. */
function podUsage(pod: Pod, now: string): ResourceQuantities {
  const usage: ResourceQuantities = new Map([[POD_OBJECT_COUNT, Quantity.fromValue(1)]]);
  if (!chargesCompute(pod, now)) return usage;
  addResourceList(usage, computeUsage(podRequests(pod), podLimits(pod)));
  return usage;
}

function isBestEffort(pod: Pod): boolean {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  return all.every((c) => ['requests', 'limits'].every((which) => {
    const list = resourceListOf(c.resources?.[which as 'requests' | 'limits']);
    return ['cpu', 'memory'].every((r) => (list.get(r)?.sign() ?? 0) <= 0);
  }));
}

function podMatchesScope(sel: ScopeSelectorRequirement, pod: Pod): boolean {
  const terminating = pod.spec?.activeDeadlineSeconds !== undefined && pod.spec.activeDeadlineSeconds >= 0;
  switch (sel.scopeName ?? '') {
    case 'Terminating': return terminating;
    case 'NotTerminating': return !terminating;
    case 'BestEffort': return isBestEffort(pod);
    case 'NotBestEffort': return !isBestEffort(pod);
    case 'PriorityClass': {
      const pc = pod.spec?.priorityClassName ?? '';
      switch (sel.operator ?? '') {
        case 'Exists': return pc !== '';
        case 'DoesNotExist': return pc === '';
        case 'In': return pc !== '' && (sel.values ?? []).includes(pc);
        case 'NotIn': return pc === '' || !(sel.values ?? []).includes(pc);
        default: return false;
      }
    }
    case 'CrossNamespacePodAffinity': {
      const terms = [
        ...(pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
        ...(pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
        ...(pod.spec?.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
        ...(pod.spec?.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
      ];
      return terms.some((t) => (t.namespaces ?? []).length > 0 || t.namespaceSelector !== undefined);
    }
    default: return false;
  }
}

function scopeSelectors(q: ResourceQuotaObject): ScopeSelectorRequirement[] {
  return [
    ...(q.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })),
    ...(q.spec?.scopeSelector?.matchExpressions ?? []),
  ];
}

function hardOf(q: ResourceQuotaObject): ResourceQuantities {
  return resourceListOf(q.status?.hard ?? q.spec?.hard);
}

/** prettyPrint: "name=value" sorted by name, joined by ",". */
function prettyPrint(list: ResourceQuantities): string {
  return [...list.keys()].sort(byteOrder).map((k) => `${k}=${String(list.get(k))}`).join(',');
}

function mask(list: ResourceQuantities, names: Iterable<string>): ResourceQuantities {
  const keep = new Set(names);
  return new Map([...list].filter(([k]) => keep.has(k)));
}

interface Evaluator {
  /** The quota resource names this evaluator counts, out of a quota's hard names. */
  matchingResources(hard: readonly string[]): string[];
  matchesScopes(q: ResourceQuotaObject, obj: KubeObject): boolean;
  constraints(required: readonly string[], obj: KubeObject): string | undefined;
  usage(obj: KubeObject): ResourceQuantities;
  /** Usage of everything already stored in the namespace that the quota covers. */
  used(q: ResourceQuotaObject): ResourceQuantities;
}

export class ResourceQuota implements ValidatingPlugin {
  readonly name = 'ResourceQuota';

  handles(attrs: AdmissionAttributes): boolean {
    // Both evaluators in play here only charge for creates.
    return attrs.operation === 'CREATE' && attrs.subresource === '' && attrs.namespace !== '' && attrs.object !== undefined
      && !IGNORED_RESOURCES.has(`${attrs.resource.group}/${attrs.resource.resource}`);
  }

  validate(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    const quotas = sortedByName(ctx.store.list('', 'resourcequotas', attrs.namespace) as ResourceQuotaObject[]);
    if (quotas.length === 0) return;
    const obj = attrs.object;
    if (!obj) return;
    const evaluator = this.evaluatorFor(attrs, ctx);

    const interesting: ResourceQuotaObject[] = [];
    for (const q of quotas) {
      const restricted = evaluator.matchingResources([...hardOf(q).keys()]);
      if (restricted.length === 0 || !evaluator.matchesScopes(q, obj)) continue;
      const problem = evaluator.constraints(restricted, obj);
      if (problem) throw newForbidden(attrs, `failed quota: ${q.metadata?.name ?? ''}: ${problem}`);
      interesting.push(q);
    }
    if (interesting.length === 0) return;

    const inputUsage = evaluator.usage(obj);
    const negative = [...inputUsage].filter(([, v]) => v.sign() < 0).map(([k]) => k).sort(byteOrder);
    if (negative.length > 0) throw newForbidden(attrs, `quota usage is negative for resource(s): ${negative.join(',')}`);
    const delta = new Map([...inputUsage].filter(([, v]) => !v.isZero()));
    if (delta.size === 0) return;

    for (const q of interesting) {
      const hard = hardOf(q);
      const requested = mask(delta, hard.keys());
      const used = evaluator.used(q);
      const newUsage: ResourceQuantities = new Map(used);
      addResourceList(newUsage, requested);
      const exceeded = [...requested.keys()].filter((k) => {
        const limit = hard.get(k);
        const after = newUsage.get(k);
        return limit !== undefined && after !== undefined && after.cmp(limit) > 0;
      });
      if (exceeded.length > 0) {
        throw newForbidden(attrs, `exceeded quota: ${q.metadata?.name ?? ''}, requested: ${prettyPrint(mask(requested, exceeded))}, `
          + `used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`);
      }
    }
  }

  private evaluatorFor(attrs: AdmissionAttributes, ctx: AdmissionContext): Evaluator {
    const now = ctx.now();
    const { group, resource } = attrs.resource;
    if (group === '' && resource === 'pods') {
      const zeroFilled = (names: readonly string[]): ResourceQuantities => new Map(names.map((n) => [n, Quantity.zero()]));
      const matchingResources = (hard: readonly string[]): string[] =>
        hard.filter((r) => POD_RESOURCES.has(r) || r.startsWith('hugepages-') || r.startsWith('requests.hugepages-')
          || (r.startsWith('requests.') && !isNativeResource(r)));
      const matchesScopes = (q: ResourceQuotaObject, obj: KubeObject): boolean =>
        scopeSelectors(q).every((s) => podMatchesScope(s, obj as Pod));
      return {
        matchingResources,
        matchesScopes,
        constraints: (required, obj) => podConstraints(required, obj as Pod),
        usage: (obj) => podUsage(obj as Pod, now),
        used: (q) => {
          const names = matchingResources([...hardOf(q).keys()]);
          const used = zeroFilled(names);
          for (const pod of ctx.store.list('', 'pods', attrs.namespace)) {
            if (!matchesScopes(q, pod)) continue;
            addResourceList(used, mask(podUsage(pod as Pod, now), names));
          }
          return used;
        },
      };
    }
    // generic.NewObjectCountEvaluator: "count/<resource>[.<group>]", and no scope ever matches.
    const countName = `count/${group === '' ? resource : `${resource}.${group}`}`;
    return {
      matchingResources: (hard) => hard.filter((r) => r === countName),
      matchesScopes: (q) => scopeSelectors(q).length === 0,
      constraints: () => undefined,
      usage: () => new Map([[countName, Quantity.fromValue(1)]]),
      used: () => new Map([[countName, Quantity.fromValue(ctx.store.list(group, resource, attrs.namespace).length)]]),
    };
  }
}

/** podEvaluator.Constraints: with cpu/memory quota, every container must state what the quota tracks. */
function podConstraints(required: readonly string[], pod: Pod): string | undefined {
  const requiredSet = required.filter((r) => VALIDATION_SET.has(r));
  const missing = new Map<string, Set<string>>();
  const visit = (c: Container): void => {
    const have = computeUsage(resourceListOf(c.resources?.requests), resourceListOf(c.resources?.limits));
    for (const r of requiredSet) {
      if (have.has(r)) continue;
      const names = missing.get(r) ?? new Set<string>();
      names.add(c.name);
      missing.set(r, names);
    }
  };
  (pod.spec?.containers ?? []).forEach(visit);
  (pod.spec?.initContainers ?? []).forEach(visit);
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort(byteOrder).map((r) => `${r} for: ${[...(missing.get(r) ?? [])].sort(byteOrder).join(',')}`);
  return `must specify ${parts.join('; ')}`;
}
