// models plugin/pkg/admission/security/podsecurity/admission.go and
// staging/src/k8s.io/pod-security-admission/admission/admission.go with the default configuration
// (privileged:latest defaults, no exemptions). Pods are enforced; workload templates only warn and audit;
// namespace labels are validated, and raising a namespace's enforce level warns about its existing pods.
import type { Pod, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../api/types.ts';
import { errors } from '../../api/status.ts';
import { byteOrder, isCoreResource } from './admissionErrors.ts';
import {
  aggregateCheckResults, compareLevels, DEFAULT_POLICY, evaluatePod, forbiddenDetail, forbiddenReason,
  LABEL_PREFIX, levelVersionString, policyToEvaluate, sameLevelVersion,
  type AggregateCheckResult, type LevelVersion, type Policy,
} from './podSecurityPolicy.ts';
import type { AdmissionAttributes, AdmissionContext, ValidatingPlugin } from './types.ts';

/** Audit annotation keys (api.AuditAnnotationPrefix + key). */
export const ENFORCE_POLICY_AUDIT_KEY = `${LABEL_PREFIX}enforce-policy`;
export const AUDIT_VIOLATIONS_AUDIT_KEY = `${LABEL_PREFIX}audit-violations`;
export const ERROR_AUDIT_KEY = `${LABEL_PREFIX}error`;

/** Resources that embed a pod template (DefaultPodSpecExtractor), as group/resource. */
const POD_SPEC_RESOURCES = new Set([
  '/replicationcontrollers', '/podtemplates', 'apps/replicasets', 'apps/deployments', 'apps/statefulsets',
  'apps/daemonsets', 'batch/jobs', 'batch/cronjobs',
]);

/** Pod subresources that cannot change the pod spec. */
const IGNORED_POD_SUBRESOURCES = new Set(['exec', 'attach', 'binding', 'eviction', 'log', 'portforward', 'proxy', 'status']);

type Template = { metadata?: ObjectMeta; spec?: PodSpec } | undefined;

function extractTemplate(resource: string, obj: KubeObject): Template {
  const spec = obj.spec as Record<string, unknown> | undefined;
  switch (resource) {
    case 'podtemplates':
      return obj.template as PodTemplateSpec | undefined;
    case 'cronjobs':
      return ((spec?.jobTemplate as { spec?: { template?: PodTemplateSpec } } | undefined)?.spec?.template);
    default:
      return spec?.template as PodTemplateSpec | undefined;
  }
}

export interface PodSecurityOptions {
  /** The cluster's defaults for unlabelled namespaces (PodSecurityConfiguration.defaults). */
  defaults?: Policy;
}

export class PodSecurity implements ValidatingPlugin {
  readonly name = 'PodSecurity';
  private readonly defaults: Policy;

  constructor(opts: PodSecurityOptions = {}) {
    this.defaults = opts.defaults ?? DEFAULT_POLICY;
  }

  handles(attrs: AdmissionAttributes): boolean {
    if (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE') return false;
    return isCoreResource(attrs, 'pods') || isCoreResource(attrs, 'namespaces')
      || POD_SPEC_RESOURCES.has(`${attrs.resource.group}/${attrs.resource.resource}`);
  }

  validate(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    if (isCoreResource(attrs, 'namespaces')) this.validateNamespace(attrs, ctx);
    else if (isCoreResource(attrs, 'pods')) this.validatePod(attrs, ctx);
    else this.validatePodController(attrs, ctx);
  }

  private validateNamespace(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    if (attrs.subresource !== '' || !attrs.object) return;
    const labels = attrs.object.metadata?.labels;
    const { policy: newPolicy, errors: newErrors } = policyToEvaluate(labels, this.defaults);
    const invalid = (): never => {
      throw errors.invalid(attrs.kind.group, attrs.kind.kind, attrs.name || attrs.object?.metadata?.name || '', newErrors);
    };
    if (attrs.operation === 'CREATE') {
      if (newErrors.length > 0) invalid();
      return;
    }
    const { policy: oldPolicy, errors: oldErrors } = policyToEvaluate(attrs.oldObject?.metadata?.labels, this.defaults);
    // Invalid labels are only rejected when they changed, so an old bad namespace can still be edited.
    const sameErrors = newErrors.length === oldErrors.length && newErrors.every((e, i) => e.toString() === oldErrors[i]?.toString());
    if (newErrors.length > 0 && (oldErrors.length === 0 || !sameErrors)) invalid();

    // No dry run of existing pods when enforce is unchanged, privileged, or only relaxed at the same version.
    if (sameLevelVersion(newPolicy.enforce, oldPolicy.enforce)) return;
    if (newPolicy.enforce.level === 'privileged') return;
    if (newPolicy.enforce.version === oldPolicy.enforce.version && compareLevels(newPolicy.enforce.level, oldPolicy.enforce.level) < 1) return;
    const name = attrs.object.metadata?.name ?? attrs.name;
    for (const w of this.evaluatePodsInNamespace(ctx, name, newPolicy.enforce)) ctx.warn(w);
  }

  /** Warnings for existing pods that the new enforce level would reject, grouped by identical reasons. */
  private evaluatePodsInNamespace(ctx: AdmissionContext, ns: string, enforce: LevelVersion): string[] {
    const byReason = new Map<string, { podName: string; count: number }>();
    for (const pod of ctx.store.list('', 'pods', ns) as Pod[]) {
      const r = aggregateCheckResults(evaluatePod(enforce, pod.metadata ?? {}, pod.spec ?? { containers: [] }));
      if (r.allowed) continue;
      const reason = forbiddenReason(r);
      const name = pod.metadata?.name ?? '';
      const seen = byReason.get(reason);
      if (!seen) byReason.set(reason, { podName: name, count: 1 });
      else byReason.set(reason, { podName: name < seen.podName ? name : seen.podName, count: seen.count + 1 });
    }
    if (byReason.size === 0) return [];
    const podWarnings = [...byReason].map(([reason, { podName, count }]) => {
      if (count === 1) return `${podName}: ${reason}`;
      if (count === 2) return `${podName} (and 1 other pod): ${reason}`;
      return `${podName} (and ${count - 1} other pods): ${reason}`;
    }).sort(byteOrder);
    return [`existing pods in namespace "${ns}" violate the new PodSecurity enforce level "${levelVersionString(enforce)}"`, ...podWarnings];
  }

  private validatePod(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    if (IGNORED_POD_SUBRESOURCES.has(attrs.subresource) || !attrs.object) return;
    const ns = ctx.store.get('', 'namespaces', '', attrs.namespace);
    if (!ns) throw errors.internal(`failed to lookup namespace "${attrs.namespace}"`);
    const { policy, errors: policyErrors } = policyToEvaluate(ns.metadata?.labels, this.defaults);
    const fullyPrivileged = policy.enforce.level === 'privileged' && policy.audit.level === 'privileged' && policy.warn.level === 'privileged';
    if (policyErrors.length === 0 && fullyPrivileged) return;

    const pod = attrs.object as Pod;
    if (attrs.operation === 'UPDATE' && attrs.oldObject && !isSignificantPodUpdate(pod, attrs.oldObject as Pod)) return;
    this.evaluate(attrs, ctx, policy, policyErrors.length > 0 ? policyErrors.map(String) : [], pod.metadata ?? {}, pod.spec ?? { containers: [] }, true);
  }

  private validatePodController(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    if (attrs.subresource !== '' || !attrs.object) return;
    const ns = ctx.store.get('', 'namespaces', '', attrs.namespace);
    if (!ns) {
      ctx.annotateAudit(ERROR_AUDIT_KEY, `failed to lookup namespace "${attrs.namespace}": namespaces "${attrs.namespace}" not found`);
      return;
    }
    const { policy, errors: policyErrors } = policyToEvaluate(ns.metadata?.labels, this.defaults);
    if (policyErrors.length === 0 && policy.warn.level === 'privileged' && policy.audit.level === 'privileged') return;
    const template = extractTemplate(attrs.resource.resource, attrs.object);
    if (!template) return;
    this.evaluate(attrs, ctx, policy, policyErrors.map(String), template.metadata ?? {}, template.spec ?? { containers: [] }, false);
  }

  /** EvaluatePod: enforce (pods only) rejects; audit annotates; warn warns unless the request is rejected. */
  private evaluate(attrs: AdmissionAttributes, ctx: AdmissionContext, policy: Policy, policyErrors: string[],
    meta: ObjectMeta, spec: PodSpec, enforce: boolean): void {
    if (policyErrors.length > 0) {
      ctx.annotateAudit(ERROR_AUDIT_KEY, `Failed to parse policy: ${policyErrors.length === 1 ? policyErrors[0] ?? '' : `[${policyErrors.join(', ')}]`}`);
    }
    const cache: { lv: LevelVersion; result: AggregateCheckResult }[] = [];
    const evaluateAt = (lv: LevelVersion): AggregateCheckResult => {
      const hit = cache.find((c) => sameLevelVersion(c.lv, lv));
      if (hit) return hit.result;
      const result = aggregateCheckResults(evaluatePod(lv, meta, spec));
      cache.push({ lv, result });
      return result;
    };

    let rejection: ReturnType<typeof errors.forbidden> | undefined;
    if (enforce) {
      ctx.annotateAudit(ENFORCE_POLICY_AUDIT_KEY, levelVersionString(policy.enforce));
      const result = evaluateAt(policy.enforce);
      if (!result.allowed) {
        rejection = errors.forbidden({ group: attrs.resource.group, resource: attrs.resource.resource }, attrs.name,
          `violates PodSecurity "${levelVersionString(policy.enforce)}": ${forbiddenDetail(result)}`);
      }
    }
    const audit = evaluateAt(policy.audit);
    if (!audit.allowed) {
      ctx.annotateAudit(AUDIT_VIOLATIONS_AUDIT_KEY, `would violate PodSecurity "${levelVersionString(policy.audit)}": ${forbiddenDetail(audit)}`);
    }
    if (rejection) throw rejection;
    const warn = evaluateAt(policy.warn);
    if (!warn.allowed) ctx.warn(`would violate PodSecurity "${levelVersionString(policy.warn)}": ${forbiddenDetail(warn)}`);
  }
}

/** Only image changes (and the seccomp annotations) can make an existing pod violate a policy. */
function isSignificantPodUpdate(pod: Pod, old: Pod): boolean {
  const containers = pod.spec?.containers ?? [];
  const oldContainers = old.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  const oldInits = old.spec?.initContainers ?? [];
  if (containers.length !== oldContainers.length || inits.length !== oldInits.length) return true;
  const annotations = pod.metadata?.annotations ?? {};
  const oldAnnotations = old.metadata?.annotations ?? {};
  const changed = (c: { name: string; image?: string }, o: { image?: string } | undefined): boolean => {
    if (c.image !== o?.image) return true;
    const key = `container.seccomp.security.alpha.kubernetes.io/${c.name}`;
    return annotations[key] !== oldAnnotations[key];
  };
  if (containers.some((c, i) => changed(c, oldContainers[i]))) return true;
  if (inits.some((c, i) => changed(c, oldInits[i]))) return true;
  for (const c of pod.spec?.ephemeralContainers ?? []) {
    const o = (old.spec?.ephemeralContainers ?? []).find((x) => x.name === c.name);
    if (!o || changed(c, o)) return true;
  }
  return false;
}
