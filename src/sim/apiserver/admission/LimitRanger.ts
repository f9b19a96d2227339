// models plugin/pkg/admission/limitranger/admission.go: Admit applies each LimitRange's container defaults
// (default → limits, defaultRequest → requests) and annotates the pod; Validate enforces min, max and
// maxLimitRequestRatio for Containers, Pods and PersistentVolumeClaims. Go iterates resource maps in random
// order; here resource names are taken in sorted order so error lists are stable.
import type { Container, LimitRangeItem, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { aggregateErrorMessage } from '../../api/goFormat.ts';
import { byteOrder, isCoreKind, newForbidden, sortedByName } from './admissionErrors.ts';
import { podLimits, podRequests, resourceListJson, resourceListOf, type ResourceQuantities } from './podResources.ts';
import type { Quantity } from '../../api/quantity.ts';
import type { AdmissionAttributes, AdmissionContext, MutatingPlugin, ValidatingPlugin } from './types.ts';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

interface LimitRange extends KubeObject {
  spec?: { limits?: LimitRangeItem[] };
}

function sortedEntries(list: unknown): [string, Quantity][] {
  return [...resourceListOf(list)].sort(([a], [b]) => byteOrder(a, b));
}

/** Defaults of every Container item in one LimitRange (a later item overrides an earlier one). */
function containerDefaults(lr: LimitRange): { requests: ResourceQuantities; limits: ResourceQuantities } {
  const requests: ResourceQuantities = new Map();
  const limits: ResourceQuantities = new Map();
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    for (const [k, v] of resourceListOf(item.defaultRequest)) requests.set(k, v);
    for (const [k, v] of resourceListOf(item.default)) limits.set(k, v);
  }
  return { requests, limits };
}

/** Fills the container's missing requests and limits; returns the annotation phrases for what it set. */
function mergeContainer(c: Container, defaults: ReturnType<typeof containerDefaults>, label: string): string[] {
  const phrases: string[] = [];
  const fill = (which: 'requests' | 'limits', from: ResourceQuantities, word: string): void => {
    const current = c.resources?.[which] ?? {};
    const added: ResourceQuantities = new Map([...from].filter(([k]) => current[k] === undefined));
    if (added.size === 0) return;
    const resources = (c.resources ??= {});
    // Go serialises the map with sorted keys; values the plugin sets are in canonical form.
    resources[which] = Object.fromEntries(
      Object.entries({ ...current, ...resourceListJson(added) }).sort(([a], [b]) => byteOrder(a, b)),
    );
    phrases.push(`${[...added.keys()].sort(byteOrder).join(', ')} ${word} for ${label} ${c.name}`);
  };
  fill('requests', defaults.requests, 'request');
  fill('limits', defaults.limits, 'limit');
  return phrases;
}

function minConstraint(type: string, name: string, enforced: Quantity, req: ResourceQuantities, lim: ResourceQuantities): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  if (!r) return `minimum ${name} usage per ${type} is ${String(enforced)}.  No request is specified`;
  if (r.milli < enforced.milli) return `minimum ${name} usage per ${type} is ${String(enforced)}, but request is ${String(r)}`;
  if (l && l.milli < enforced.milli) return `minimum ${name} usage per ${type} is ${String(enforced)}, but limit is ${String(l)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, req: ResourceQuantities, lim: ResourceQuantities): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  if (!l) return `maximum ${name} usage per ${type} is ${String(enforced)}.  No limit is specified`;
  if (l.milli > enforced.milli) return `maximum ${name} usage per ${type} is ${String(enforced)}, but limit is ${String(l)}`;
  if (r && r.milli > enforced.milli) return `maximum ${name} usage per ${type} is ${String(enforced)}, but request is ${String(r)}`;
  return undefined;
}

/** For PersistentVolumeClaims only requests count. */
function maxRequestConstraint(type: string, name: string, enforced: Quantity, req: ResourceQuantities): string | undefined {
  const r = req.get(name);
  if (!r) return `maximum ${name} usage per ${type} is ${String(enforced)}.  No request is specified`;
  if (r.milli > enforced.milli) return `maximum ${name} usage per ${type} is ${String(enforced)}, but request is ${String(r)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, req: ResourceQuantities, lim: ResourceQuantities): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  if (!r || r.milli === 0n) return `${name} max limit to request ratio per ${type} is ${String(enforced)}, but no request is specified or request is 0`;
  if (!l || l.milli === 0n) return `${name} max limit to request ratio per ${type} is ${String(enforced)}, but no limit is specified or limit is 0`;
  const observed = Number(l.milli) / Number(r.milli);
  if (observed * 1000 > Number(enforced.milli)) {
    // Go's %f: six decimals.
    return `${name} max limit to request ratio per ${type} is ${String(enforced)}, but provided ratio is ${observed.toFixed(6)}`;
  }
  return undefined;
}

function checkItem(item: LimitRangeItem, type: string, req: ResourceQuantities, lim: ResourceQuantities, out: string[]): void {
  const push = (msg: string | undefined): void => {
    if (msg !== undefined) out.push(msg);
  };
  for (const [k, v] of sortedEntries(item.min)) push(minConstraint(type, k, v, req, lim));
  for (const [k, v] of sortedEntries(item.max)) push(maxConstraint(type, k, v, req, lim));
  for (const [k, v] of sortedEntries(item.maxLimitRequestRatio)) push(ratioConstraint(type, k, v, req, lim));
}

function validatePod(lr: LimitRange, pod: Pod): string[] {
  const out: string[] = [];
  for (const item of lr.spec?.limits ?? []) {
    if (item.type === 'Container') {
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
        checkItem(item, 'Container', resourceListOf(c.resources?.requests), resourceListOf(c.resources?.limits), out);
      }
    }
    if (item.type === 'Pod') {
      checkItem(item, 'Pod', podRequests(pod, { excludeOverhead: true }), podLimits(pod, { excludeOverhead: true }), out);
    }
  }
  return out;
}

function validateClaim(lr: LimitRange, pvc: PersistentVolumeClaim): string[] {
  const out: string[] = [];
  const requests = resourceListOf(pvc.spec?.resources?.requests);
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [k, v] of sortedEntries(item.min)) {
      const msg = minConstraint('PersistentVolumeClaim', k, v, requests, new Map());
      if (msg !== undefined) out.push(msg);
    }
    for (const [k, v] of sortedEntries(item.max)) {
      const msg = maxRequestConstraint('PersistentVolumeClaim', k, v, requests);
      if (msg !== undefined) out.push(msg);
    }
  }
  return out;
}

export class LimitRanger implements MutatingPlugin, ValidatingPlugin {
  readonly name = 'LimitRanger';

  handles(attrs: AdmissionAttributes): boolean {
    if (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE') return false;
    if (attrs.subresource !== '' || !attrs.object) return false;
    // Pod containers are immutable, so pod updates are neither defaulted nor checked.
    if (isCoreKind(attrs, 'Pod')) return attrs.operation === 'CREATE';
    return isCoreKind(attrs, 'PersistentVolumeClaim');
  }

  admit(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    if (!isCoreKind(attrs, 'Pod')) return;
    const pod = attrs.object as Pod;
    for (const lr of this.limitRanges(attrs, ctx)) {
      const defaults = containerDefaults(lr);
      const phrases = [
        ...(pod.spec?.containers ?? []).flatMap((c) => mergeContainer(c, defaults, 'container')),
        ...(pod.spec?.initContainers ?? []).flatMap((c) => mergeContainer(c, defaults, 'init container')),
      ];
      if (phrases.length > 0) {
        const meta = (pod.metadata ??= {});
        meta.annotations = { ...meta.annotations, [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${phrases.join('; ')}` };
      }
    }
  }

  validate(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    for (const lr of this.limitRanges(attrs, ctx)) {
      const problems = isCoreKind(attrs, 'Pod')
        ? validatePod(lr, attrs.object as Pod)
        : validateClaim(lr, attrs.object as PersistentVolumeClaim);
      if (problems.length > 0) throw newForbidden(attrs, aggregateErrorMessage(problems));
    }
  }

  /** Objects already being deleted are left alone. */
  private limitRanges(attrs: AdmissionAttributes, ctx: AdmissionContext): LimitRange[] {
    if (attrs.oldObject?.metadata?.deletionTimestamp) return [];
    return sortedByName(ctx.store.list('', 'limitranges', attrs.namespace) as LimitRange[]);
  }
}
