// Resource names and quantities in requests, limits, quotas and limit ranges.
// models ValidateResourceQuantityValue, validateResourceRequirements and the resource-name helpers in
// pkg/apis/core/validation/validation.go and pkg/apis/core/helper/helpers.go
import { field, FieldError, type FieldPath } from '../../api/field.ts';
import { goStringer } from '../../api/goFormat.ts';
import { isQualifiedName } from './names.ts';
import { isNegativeErrorMsg, sortedKeys } from './objectMeta.ts';
import { QUANTITY_FORMAT_WRONG, formatQuantity, quantityOf, type Quantity } from '../../api/quantity.ts';

export type ResourceList = Record<string, string | number>;

const standardContainerResources = new Set(['cpu', 'memory', 'ephemeral-storage']);
const standardResources = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers',
  'resourcequotas', 'secrets', 'persistentvolumeclaims', 'configmaps', 'storage', 'requests.storage',
  'services.nodeports', 'services.loadbalancers',
]);
const standardQuotaResources = new Set([...standardResources].filter((r) => !['storage'].includes(r)));
const integerResources = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

function isStandardResourceName(name: string): boolean {
  return standardResources.has(name) || isHugePageResourceName(name) || name.startsWith('requests.hugepages-');
}

/** helper.IsOvercommitAllowed: native non-hugepage resources may have requests below limits. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

function isIntegerResourceName(name: string): boolean {
  return integerResources.has(name) || isExtendedResourceName(name);
}

export function validateResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => field.invalid(path, name, msg));
  if (errs.length > 0) return errs;
  if (!name.includes('/') && !isStandardResourceName(name)) {
    return [field.invalid(path, name, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

export function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!standardContainerResources.has(name) && !isHugePageResourceName(name)) {
      return [...errs, field.invalid(path, name, 'must be a standard resource for containers')];
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    return [...errs, field.invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return errs;
}

export function validateQuotaResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/') && !standardQuotaResources.has(name) && !isHugePageResourceName(name) && !name.startsWith('requests.hugepages-')) {
    return [...errs, field.invalid(path, name, 'must be a standard resource for quota')];
  }
  return errs;
}

/** Parses a ResourceList entry; an unparseable value is reported as upstream's decoder would refuse it. */
export function quantityAt(raw: string | number | undefined, path: FieldPath, errs: FieldError[]): Quantity | undefined {
  if (raw === undefined) return undefined;
  const q = quantityOf(raw);
  if (!q) errs.push(field.invalid(path, String(raw), QUANTITY_FORMAT_WRONG));
  return q;
}

/** ValidateResourceQuantityValue: not negative, and whole for integer resources (value printed via String()). */
export function validateResourceQuantityValue(name: string, q: Quantity, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (q.nanos < 0n) errs.push(field.invalid(path, formatQuantity(q), isNegativeErrorMsg));
  if (isIntegerResourceName(name) && q.milli % 1000n !== 0n) {
    errs.push(field.invalid(path, goStringer(formatQuantity(q)), 'must be an integer'));
  }
  return errs;
}

export interface ResourceRequirementsLike {
  limits?: ResourceList;
  requests?: ResourceList;
  claims?: { name: string }[];
}

/** validateResourceRequirements for containers (and overhead): names, values, requests ≤ limits, hugepages. */
export function validateContainerResourceRequirements(req: ResourceRequirementsLike | undefined, path: FieldPath, podClaimNames: Set<string> = new Set()): FieldError[] {
  const errs: FieldError[] = [];
  if (!req) return errs;
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  let limCpuMem = false;
  let reqCpuMem = false;
  let limHuge = false;
  let reqHuge = false;
  const limits = new Map<string, Quantity>();
  for (const name of sortedKeys(req.limits)) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityAt(req.limits?.[name], p, errs);
    if (!q) continue;
    limits.set(name, q);
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePageResourceName(name)) limHuge = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const name of sortedKeys(req.requests)) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityAt(req.requests?.[name], p, errs);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, p));
    const lim = limits.get(name);
    if (lim) {
      if (q.cmp(lim) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(field.invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(lim)}`));
      } else if (q.cmp(lim) > 0) {
        errs.push(field.invalid(reqPath, formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(field.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) reqHuge = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && (reqHuge || limHuge)) errs.push(field.forbidden(path, 'HugePages require cpu or memory'));
  const seen = new Set<string>();
  (req.claims ?? []).forEach((claim, i) => {
    const p = path.child('claims').index(i);
    if (!claim.name) {
      errs.push(field.required(p));
      return;
    }
    if (seen.has(claim.name)) errs.push(field.duplicate(p, claim.name));
    seen.add(claim.name);
    if (!podClaimNames.has(claim.name)) {
      const detail = podClaimNames.size === 0
        ? 'must be one of the names in pod.spec.resourceClaims which is empty'
        : `must be one of the names in pod.spec.resourceClaims: ${[...podClaimNames].sort().join(', ')}`;
      errs.push(new FieldError('FieldValueNotFound', String(p), claim.name, detail));
    }
  });
  return errs;
}
