// Validation of the core/v1 kinds other than Pod, and of coordination.k8s.io Lease.
// models pkg/apis/core/validation/validation.go (ValidateNamespace, ValidateConfigMap, ValidateSecret,
// ValidateServiceAccount, ValidateNode, ValidateLimitRange, ValidateResourceQuota), pkg/apis/core/validation/events.go
// (core/v1 legacy event rules) and pkg/apis/coordination/validation/validation.go
import type { ConfigMap, LimitRange, Namespace, Node, ResourceQuota, Secret, ServiceAccount, Taint, Event } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { field, FieldError, FieldPath } from '../../api/field.ts';
import { goQuote, goStringSlice, goStringer, goStruct } from '../../api/goFormat.ts';
import { isConfigMapKey, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, nameIsDNSLabel, nameIsDNSSubdomain } from './names.ts';
import { fieldImmutableErrorMsg, sortedKeys, validateLabelName, validateObjectMeta, validateObjectMetaUpdate } from './objectMeta.ts';
import { formatQuantity, type Quantity } from '../../api/quantity.ts';
import { quantityAt, validateContainerResourceName, validateQuotaResourceName, validateResourceName, validateResourceQuantityValue, isOvercommitAllowed, type ResourceList } from './resources.ts';

const meta = FieldPath.root('metadata');
const maxSecretSize = 1024 * 1024;

// ---- Namespace ----

export function validateNamespace(ns: Namespace): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel, meta);
  for (const f of ns.spec?.finalizers ?? []) {
    const p = FieldPath.root('spec', 'finalizers');
    errs.push(...isQualifiedName(f).map((m) => field.invalid(p, f, m)));
    if (!f.includes('/') && !['kubernetes', 'orphan', 'foregroundDeletion'].includes(f)) {
      errs.push(field.invalid(p, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

export function validateNamespaceUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return validateObjectMetaUpdate(ns.metadata, old.metadata, meta);
}

export function validateNamespaceStatusUpdate(ns: Namespace, old: Namespace): FieldError[] {
  const errs = validateObjectMetaUpdate(ns.metadata, old.metadata, meta);
  const phase = ns.status?.phase ?? '';
  const p = FieldPath.root('status', 'Phase');
  if (!ns.metadata?.deletionTimestamp) {
    if (phase !== 'Active') errs.push(field.invalid(p, phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== 'Terminating') {
    errs.push(field.invalid(p, phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errs;
}

// ---- ConfigMap ----

function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function base64Length(s: string): number {
  const clean = s.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain, meta);
  let total = 0;
  for (const key of sortedKeys(cm.data)) {
    const p = FieldPath.root('data').key(key);
    errs.push(...isConfigMapKey(key).map((m) => field.invalid(p, key, m)));
    if (cm.binaryData && key in cm.binaryData) errs.push(field.invalid(p, key, 'duplicate of key present in binaryData'));
    total += byteLength(cm.data?.[key] ?? '');
  }
  for (const key of sortedKeys(cm.binaryData)) {
    errs.push(...isConfigMapKey(key).map((m) => field.invalid(FieldPath.root('binaryData').key(key), key, m)));
    total += base64Length(cm.binaryData?.[key] ?? '');
  }
  if (total > maxSecretSize) errs.push(field.tooLong('', '', maxSecretSize));
  return errs;
}

export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata, meta);
  if (old.immutable === true) {
    const msg = 'field is immutable when `immutable` is set';
    if (cm.immutable !== true) errs.push(field.forbidden('immutable', msg));
    if (JSON.stringify(sortObj(cm.data)) !== JSON.stringify(sortObj(old.data))) errs.push(field.forbidden('data', msg));
    if (JSON.stringify(sortObj(cm.binaryData)) !== JSON.stringify(sortObj(old.binaryData))) errs.push(field.forbidden('binaryData', msg));
  }
  return errs.concat(validateConfigMap(cm));
}

function sortObj(o: Record<string, string> | undefined): [string, string][] {
  return sortedKeys(o).map((k) => [k, o?.[k] ?? '']);
}

// ---- Secret ----

/** Secret data as the apiserver sees it after conversion: stringData entries overwrite data entries. */
function secretKeys(s: Secret): Map<string, number> {
  const keys = new Map<string, number>();
  for (const k of Object.keys(s.data ?? {})) keys.set(k, base64Length(s.data?.[k] ?? ''));
  for (const k of Object.keys(s.stringData ?? {})) keys.set(k, byteLength(s.stringData?.[k] ?? ''));
  return keys;
}

export function validateSecret(s: Secret): FieldError[] {
  const errs = validateObjectMeta(s.metadata, true, nameIsDNSSubdomain, meta);
  const data = FieldPath.root('data');
  const keys = secretKeys(s);
  let total = 0;
  for (const key of [...keys.keys()].sort()) {
    errs.push(...isConfigMapKey(key).map((m) => field.invalid(data.key(key), key, m)));
    total += keys.get(key) ?? 0;
  }
  if (total > maxSecretSize) errs.push(field.tooLong(data, '', maxSecretSize));
  switch (s.type ?? '') {
    case 'kubernetes.io/service-account-token':
      if (!s.metadata?.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(field.required(FieldPath.root('metadata', 'annotations').key('kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/dockercfg':
      if (!keys.has('.dockercfg')) errs.push(field.required(data.key('.dockercfg')));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!keys.has('.dockerconfigjson')) errs.push(field.required(data.key('.dockerconfigjson')));
      break;
    case 'kubernetes.io/basic-auth':
      if (!keys.has('username') && !keys.has('password')) {
        errs.push(field.required(data.key('username')), field.required(data.key('password')));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!keys.get('ssh-privatekey')) errs.push(field.required(data.key('ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      if (!keys.has('tls.crt')) errs.push(field.required(data.key('tls.crt')));
      if (!keys.has('tls.key')) errs.push(field.required(data.key('tls.key')));
      break;
    default:
      break;
  }
  return errs;
}

export function validateSecretUpdate(s: Secret, old: Secret): FieldError[] {
  const errs = validateObjectMetaUpdate(s.metadata, old.metadata, meta);
  if ((s.type ?? '') !== (old.type ?? '')) errs.push(field.invalid('type', s.type ?? '', fieldImmutableErrorMsg));
  if (old.immutable === true) {
    const msg = 'field is immutable when `immutable` is set';
    if (s.immutable !== true) errs.push(field.forbidden('immutable', msg));
    if (JSON.stringify(sortObj(s.data)) !== JSON.stringify(sortObj(old.data))) errs.push(field.forbidden('data', msg));
  }
  return errs.concat(validateSecret(s));
}

// ---- ServiceAccount ----

export function validateServiceAccount(sa: ServiceAccount): FieldError[] {
  return validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain, meta);
}

export function validateServiceAccountUpdate(sa: ServiceAccount, old: ServiceAccount): FieldError[] {
  return validateObjectMetaUpdate(sa.metadata, old.metadata, meta).concat(validateServiceAccount(sa));
}

// ---- Node ----

const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function goTaint(t: Taint): string {
  return goStruct('core.Taint', [['Key', goQuote(t.key)], ['Value', goQuote(t.value ?? '')], ['Effect', goQuote(t.effect)], ['TimeAdded', '(*v1.Time)(nil)']]).text;
}

function validateNodeTaints(taints: Taint[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const idx = path.index(i);
    errs.push(...validateLabelName(t.key, idx.child('key')));
    const msgs = isValidLabelValue(t.value ?? '');
    if (msgs.length > 0) errs.push(field.invalid(idx.child('value'), t.value ?? '', msgs.join(';')));
    if (!t.effect) errs.push(field.required(idx.child('effect')));
    else if (!taintEffects.includes(t.effect)) errs.push(field.notSupported(idx.child('effect'), t.effect, taintEffects));
    const keys = unique.get(t.effect) ?? new Set<string>();
    if (keys.has(t.key)) {
      errs.push(new FieldError('FieldValueDuplicate', String(idx), goStringer(goTaint(t)), 'taints must be unique by key and effect pair'));
      return;
    }
    keys.add(t.key);
    unique.set(t.effect, keys);
  });
  return errs;
}

function validateNodeResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const kind of ['capacity', 'allocatable'] as const) {
    const list = node.status?.[kind] as ResourceList | undefined;
    for (const k of sortedKeys(list)) {
      const p = FieldPath.root('status', kind, k);
      const q = quantityAt(list?.[k], p, errs);
      if (q) errs.push(...validateResourceQuantityValue(k, q, p));
    }
  }
  return errs;
}

export function validateNode(node: Node): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain, meta);
  // Upstream reports spec.taints under metadata.taints.
  if ((node.spec?.taints ?? []).length > 0) errs.push(...validateNodeTaints(node.spec?.taints ?? [], meta.child('taints')));
  errs.push(...validateNodeResources(node));
  return errs;
}

export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = validateObjectMetaUpdate(node.metadata, old.metadata, meta);
  errs.push(...validateNodeResources(node));
  const oldCidrs = old.spec?.podCIDRs ?? [];
  const newCidrs = node.spec?.podCIDRs ?? [];
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCidrs.length > 0) {
    if (oldCidrs.length !== newCidrs.length) errs.push(field.forbidden(FieldPath.root('spec', 'podCIDRs'), cidrMsg));
    else oldCidrs.forEach((c, i) => {
      if (c !== newCidrs[i]) errs.push(field.forbidden(FieldPath.root('spec', 'podCIDRs'), cidrMsg));
    });
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(field.forbidden(FieldPath.root('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  if ((node.spec?.taints ?? []).length > 0) errs.push(...validateNodeTaints(node.spec?.taints ?? [], meta.child('taints')));
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) errs.push(field.forbidden(FieldPath.root('spec', 'externalID'), 'may not be updated'));
  return errs;
}

// ---- Event (core/v1: legacy rules only) ----

export function validateEvent(ev: Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata?.namespace ?? '';
  // An events.k8s.io/v1 Event names the core fields involvedObject and reportingComponent regarding and
  // reportingController (both convert to the same internal core.Event).
  const v1 = ev as Event & { regarding?: { namespace?: string }; reportingController?: string };
  const involvedNs = (ev.involvedObject ?? v1.regarding)?.namespace ?? '';
  const nsPath = FieldPath.root('involvedObject', 'namespace');
  if (!ev.eventTime) {
    if (!involvedNs) {
      if (ns !== '' && ns !== 'default') errs.push(field.invalid(nsPath, involvedNs, 'does not match event.namespace'));
    } else if (ns !== involvedNs) {
      errs.push(field.invalid(nsPath, involvedNs, 'does not match event.namespace'));
    }
  } else {
    if (!involvedNs && ns !== 'default' && ns !== 'kube-system') errs.push(field.invalid(nsPath, involvedNs, 'does not match event.namespace'));
    const rc = ev.reportingComponent ?? v1.reportingController ?? '';
    if (!rc) errs.push(field.required('reportingController'));
    errs.push(...isQualifiedName(rc).map((m) => field.invalid('reportingController', rc, m)));
    const ri = ev.reportingInstance ?? '';
    if (!ri) errs.push(field.required('reportingInstance'));
    if (ri.length > 128) errs.push(field.invalid('reportingInstance', '', 'can have at most 128 characters'));
    const action = ev.action ?? '';
    if (!action) errs.push(field.required('action'));
    if (action.length > 128) errs.push(field.invalid('action', '', 'can have at most 128 characters'));
    const reason = ev.reason ?? '';
    if (!reason) errs.push(field.required('reason'));
    if (reason.length > 128) errs.push(field.invalid('reason', '', 'can have at most 128 characters'));
    if ((ev.message ?? '').length > 1024) errs.push(field.invalid('message', '', 'can have at most 1024 characters'));
  }
  errs.push(...isDNS1123Subdomain(ns).map((m) => field.invalid('namespace', ns, m)));
  return errs;
}

// ---- LimitRange ----

export function validateLimitRange(lr: LimitRange): FieldError[] {
  const errs = validateObjectMeta(lr.metadata, true, nameIsDNSSubdomain, meta);
  const seenTypes = new Set<string>();
  (lr.spec?.limits ?? []).forEach((limit, i) => {
    const idx = FieldPath.root('spec', 'limits').index(i);
    const type = limit.type ?? '';
    const typeMsgs = isQualifiedName(type);
    if (typeMsgs.length > 0) errs.push(...typeMsgs.map((m) => field.invalid(idx.child('type'), type, m)));
    else if (!type.includes('/') && !['Pod', 'Container', 'PersistentVolumeClaim'].includes(type)) {
      errs.push(field.invalid(idx.child('type'), type, 'must be a standard limit type or fully qualified'));
    }
    if (seenTypes.has(type)) errs.push(field.duplicate(idx.child('type'), type));
    seenTypes.add(type);
    const nameCheck = (k: string, p: FieldPath): FieldError[] => (type === 'Pod' || type === 'Container' ? validateContainerResourceName(k, p) : validateResourceName(k, p));
    const keys = new Set<string>();
    const read = (list: ResourceList | undefined, child: string): Map<string, Quantity> => {
      const out = new Map<string, Quantity>();
      for (const k of sortedKeys(list)) {
        const p = idx.child(child).key(k);
        errs.push(...nameCheck(k, p));
        keys.add(k);
        const q = quantityAt(list?.[k], p, errs);
        if (q) out.set(k, q);
      }
      return out;
    };
    const max = read(limit.max, 'max');
    const min = read(limit.min, 'min');
    let def = new Map<string, Quantity>();
    let defReq = new Map<string, Quantity>();
    if (type === 'Pod') {
      if (Object.keys(limit.default ?? {}).length > 0) errs.push(field.forbidden(idx.child('default'), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(limit.defaultRequest ?? {}).length > 0) errs.push(field.forbidden(idx.child('defaultRequest'), "may not be specified when `type` is 'Pod'"));
    } else {
      def = read(limit.default, 'default');
      defReq = read(limit.defaultRequest, 'defaultRequest');
    }
    if (type === 'PersistentVolumeClaim' && !min.has('storage') && !max.has('storage')) {
      errs.push(field.required(idx.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'));
    }
    const ratios = read(limit.maxLimitRequestRatio, 'maxLimitRequestRatio');
    const s = (q: Quantity): string => formatQuantity(q);
    const v = (q: Quantity): ReturnType<typeof goStringer> => goStringer(s(q));
    for (const k of [...keys].sort()) {
      const mn = min.get(k);
      const mx = max.get(k);
      const d = def.get(k);
      const dr = defReq.get(k);
      const r = ratios.get(k);
      if (mn && mx && mn.cmp(mx) > 0) errs.push(field.invalid(idx.child('min').key(k), v(mn), `min value ${s(mn)} is greater than max value ${s(mx)}`));
      if (dr && mn && mn.cmp(dr) > 0) errs.push(field.invalid(idx.child('defaultRequest').key(k), v(dr), `min value ${s(mn)} is greater than default request value ${s(dr)}`));
      if (dr && mx && dr.cmp(mx) > 0) errs.push(field.invalid(idx.child('defaultRequest').key(k), v(dr), `default request value ${s(dr)} is greater than max value ${s(mx)}`));
      if (dr && d && dr.cmp(d) > 0) errs.push(field.invalid(idx.child('defaultRequest').key(k), v(dr), `default request value ${s(dr)} is greater than default limit value ${s(d)}`));
      if (d && mn && mn.cmp(d) > 0) errs.push(field.invalid(idx.child('default').key(k), v(mn), `min value ${s(mn)} is greater than default value ${s(d)}`));
      if (d && mx && d.cmp(mx) > 0) errs.push(field.invalid(idx.child('default').key(k), v(mx), `default value ${s(d)} is greater than max value ${s(mx)}`));
      if (r && r.nanos < 1_000_000_000n) errs.push(field.invalid(idx.child('maxLimitRequestRatio').key(k), v(r), `ratio ${s(r)} is less than 1`));
      if (r && mn && mx) {
        const limitRatio = Number(mx.milli) / Number(mn.milli);
        const ratio = Number(r.milli) / 1000;
        if (ratio > limitRatio) errs.push(field.invalid(idx.child('maxLimitRequestRatio').key(k), v(r), `ratio ${s(r)} is greater than max/min = ${limitRatio.toFixed(6)}`));
      }
      if (!isOvercommitAllowed(k) && d && dr && d.cmp(dr) !== 0) {
        errs.push(field.invalid(idx.child('defaultRequest').key(k), v(dr), `default value ${s(d)} must equal to defaultRequest value ${s(dr)} in ${k}`));
      }
    }
  });
  return errs;
}

// ---- ResourceQuota ----

const quotaScopes = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];
const computeQuotaResources = ['pods', 'cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'ephemeral-storage', 'requests.ephemeral-storage', 'limits.ephemeral-storage'];

function scopeAllows(scope: string, resource: string): boolean {
  if (scope === 'BestEffort') return resource === 'pods';
  if (scope === 'CrossNamespacePodAffinity') return resource === 'pods';
  return computeQuotaResources.includes(resource) || resource.startsWith('requests.hugepages-');
}

function validateQuotaList(list: ResourceList | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(list)) {
    const p = path.key(k);
    errs.push(...validateQuotaResourceName(k, p));
    const q = quantityAt(list?.[k], p, errs);
    if (q) errs.push(...validateResourceQuantityValue(k, q, p));
  }
  return errs;
}

function validateQuotaSpec(rq: ResourceQuota): FieldError[] {
  const spec = FieldPath.root('spec');
  const hard = rq.spec?.hard as ResourceList | undefined;
  const errs = validateQuotaList(hard, spec.child('hard'));
  const scopes = rq.spec?.scopes ?? [];
  const scopesValue = goStringSlice(scopes, '[]core.ResourceQuotaScope');
  for (const scope of scopes) {
    if (!quotaScopes.includes(scope)) errs.push(field.invalid(spec.child('scopes'), scopesValue, 'unsupported scope'));
    for (const k of sortedKeys(hard)) {
      if (!k.includes('/') && !scopeAllows(scope, k)) errs.push(field.invalid(spec.child('scopes'), scopesValue, 'unsupported scope applied to resource'));
    }
  }
  if ((scopes.includes('BestEffort') && scopes.includes('NotBestEffort')) || (scopes.includes('Terminating') && scopes.includes('NotTerminating'))) {
    errs.push(field.invalid(spec.child('scopes'), scopesValue, 'conflicting scopes'));
  }
  (rq.spec?.scopeSelector?.matchExpressions ?? []).forEach((req) => {
    const p = spec.child('scopeSelector').child('matchExpressions');
    if (!quotaScopes.includes(req.scopeName)) errs.push(field.invalid(p.child('scopeName'), req.scopeName, 'unsupported scope'));
    const values = req.values ?? [];
    if (['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'].includes(req.scopeName) && req.operator !== 'Exists') {
      errs.push(field.invalid(p.child('operator'), req.operator, 'must be \'Exists\' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity'));
    }
    if (req.operator === 'In' || req.operator === 'NotIn') {
      if (values.length === 0) errs.push(field.required(p.child('values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
    } else if (req.operator === 'Exists' || req.operator === 'DoesNotExist') {
      if (values.length !== 0) errs.push(field.invalid(p.child('values'), goStringSlice(values), "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
    } else {
      errs.push(field.invalid(p.child('operator'), req.operator, 'not a valid selector operator'));
    }
  });
  return errs;
}

export function validateResourceQuota(rq: ResourceQuota): FieldError[] {
  const errs = validateObjectMeta(rq.metadata, true, nameIsDNSSubdomain, meta);
  errs.push(...validateQuotaSpec(rq));
  errs.push(...validateQuotaList(rq.status?.hard, FieldPath.root('status', 'hard')));
  errs.push(...validateQuotaList(rq.status?.used, FieldPath.root('status', 'used')));
  return errs;
}

export function validateResourceQuotaUpdate(rq: ResourceQuota, old: ResourceQuota): FieldError[] {
  const errs = validateObjectMetaUpdate(rq.metadata, old.metadata, meta);
  errs.push(...validateQuotaSpec(rq));
  const a = [...new Set(rq.spec?.scopes ?? [])].sort().join(',');
  const b = [...new Set(old.spec?.scopes ?? [])].sort().join(',');
  if (a !== b) errs.push(field.invalid(FieldPath.root('spec', 'scopes'), goStringSlice(rq.spec?.scopes ?? null, '[]core.ResourceQuotaScope'), fieldImmutableErrorMsg));
  return errs;
}

export function validateResourceQuotaStatusUpdate(rq: ResourceQuota, old: ResourceQuota): FieldError[] {
  const errs = validateObjectMetaUpdate(rq.metadata, old.metadata, meta);
  if (!rq.metadata?.resourceVersion) errs.push(field.required('resourceVersion'));
  errs.push(...validateQuotaList(rq.status?.hard, FieldPath.root('status', 'hard')));
  errs.push(...validateQuotaList(rq.status?.used, FieldPath.root('status', 'used')));
  return errs;
}

// ---- Lease ----

function validateLeaseSpec(lease: Lease): FieldError[] {
  const errs: FieldError[] = [];
  const spec = FieldPath.root('spec');
  const d = lease.spec?.leaseDurationSeconds;
  if (d !== undefined && d <= 0) errs.push(field.invalid(spec.child('leaseDurationSeconds'), d, 'must be greater than 0'));
  const t = lease.spec?.leaseTransitions;
  if (t !== undefined && t < 0) errs.push(field.invalid(spec.child('leaseTransitions'), t, 'must be greater than or equal to 0'));
  return errs;
}

export function validateLease(lease: Lease): FieldError[] {
  return validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain, meta, false).concat(validateLeaseSpec(lease));
}

export function validateLeaseUpdate(lease: Lease, old: Lease): FieldError[] {
  return validateObjectMetaUpdate(lease.metadata, old.metadata, meta, false).concat(validateLeaseSpec(lease));
}
