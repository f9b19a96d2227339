// Deployment and ReplicaSet validation.
// models pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec, ValidatePodTemplateSpecForReplicaSet,
// ValidateDeploymentStrategy, ValidateRollingUpdateDeployment, ValidateReplicaSetSpec and their updates)
import type { Deployment, ReplicaSet, DeploymentStatus, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { field, type FieldError, FieldPath } from '../../api/field.ts';
import { goStringMap, goStringer } from '../../api/goFormat.ts';
import { isValidPercent, nameIsDNSSubdomain } from './names.ts';
import {
  selectorMatches, validateLabelSelector, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate,
} from './objectMeta.ts';
import { validatePodTemplateSpec } from './pod.ts';

const meta = FieldPath.root('metadata');

/** *metav1.LabelSelector prints through its generated String() method. */
function selectorString(sel: LabelSelector): string {
  const labels = Object.keys(sel.matchLabels ?? {}).sort().map((k) => `${k}: ${sel.matchLabels?.[k] ?? ''},`).join('');
  const exprs = (sel.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key ?? ''},Operator:${e.operator ?? ''},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

function validateSelector(sel: LabelSelector | undefined, path: FieldPath, kind: 'deployment'): FieldError[] {
  if (!sel) return [field.required(path)];
  const errs = validateLabelSelector(sel, path);
  if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    errs.push(field.invalid(path, goStringer(selectorString(sel)), `empty selector is invalid for ${kind}`));
  }
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet. A nil selector selects nothing, so it never matches the template. */
function validateTemplateForReplicaSet(tpl: PodTemplateSpec | undefined, sel: LabelSelector | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!tpl) return [field.required(path)];
  const labels = tpl.metadata?.labels;
  const empty = sel !== undefined && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
  if (!empty && !selectorMatches(sel, labels)) {
    errs.push(field.invalid(path.child('metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(tpl, path));
  const rp = tpl.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(field.notSupported(path.child('spec', 'restartPolicy'), rp, ['Always']));
  if (tpl.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(field.forbidden(path.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

function intOrPercentValue(v: number | string | undefined): number {
  if (typeof v === 'string') return isValidPercent(v).length === 0 ? Number(v.slice(0, -1)) : 0;
  return v ?? 0;
}

function validatePositiveIntOrPercent(v: number | string | undefined, path: FieldPath): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => field.invalid(path, goStringer(v), m));
  return validateNonnegativeField(v ?? 0, path);
}

function validateDeploymentSpec(d: Deployment): FieldError[] {
  const spec = FieldPath.root('spec');
  const s = d.spec;
  const errs = validateNonnegativeField(s?.replicas ?? 0, spec.child('replicas'));
  errs.push(...validateSelector(s?.selector, spec.child('selector'), 'deployment'));
  errs.push(...validateTemplateForReplicaSet(s?.template, s?.selector, spec.child('template')));
  const strategy = spec.child('strategy');
  const type = s?.strategy?.type ?? '';
  if (type === 'Recreate') {
    if (s?.strategy?.rollingUpdate) errs.push(field.forbidden(strategy.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    const ru = s?.strategy?.rollingUpdate;
    if (!ru) errs.push(field.required(strategy.child('rollingUpdate'), 'this should be defaulted and never be nil'));
    else {
      const p = strategy.child('rollingUpdate');
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge')));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(field.invalid(p.child('maxUnavailable'), goStringer(String(ru.maxUnavailable ?? 0)), 'may not be 0 when `maxSurge` is 0'));
      }
      if (typeof ru.maxUnavailable === 'string' && isValidPercent(ru.maxUnavailable).length === 0 && intOrPercentValue(ru.maxUnavailable) > 100) {
        errs.push(field.invalid(p.child('maxUnavailable'), goStringer(ru.maxUnavailable), 'must not be greater than 100%'));
      }
    }
  } else {
    // Simplified: upstream prints the whole *apps.DeploymentStrategy struct as the bad value.
    errs.push(field.notSupported(strategy, goStringer(`&apps.DeploymentStrategy{Type:"${type}"}`), ['Recreate', 'RollingUpdate']));
  }
  errs.push(...validateNonnegativeField(s?.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  if (s?.revisionHistoryLimit !== undefined) errs.push(...validateNonnegativeField(s.revisionHistoryLimit, spec.child('revisionHistoryLimit')));
  if (s?.progressDeadlineSeconds !== undefined) {
    errs.push(...validateNonnegativeField(s.progressDeadlineSeconds, spec.child('progressDeadlineSeconds')));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) {
      errs.push(field.invalid(spec.child('progressDeadlineSeconds'), s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateDeployment(d: Deployment): FieldError[] {
  return validateObjectMeta(d.metadata, true, nameIsDNSSubdomain, meta).concat(validateDeploymentSpec(d));
}

/** ValidateDeploymentUpdate. apps/v1 selectors are immutable (checked in the strategy's ValidateUpdate). */
export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  const errs = validateObjectMetaUpdate(d.metadata, old.metadata, meta).concat(validateDeploymentSpec(d));
  errs.push(...immutableSelector(d.spec?.selector, old.spec?.selector));
  return errs;
}

function immutableSelector(sel: LabelSelector | undefined, old: LabelSelector | undefined): FieldError[] {
  if (JSON.stringify(normalizeSelector(sel)) === JSON.stringify(normalizeSelector(old))) return [];
  return [field.invalid(FieldPath.root('spec', 'selector'), goStringer(sel ? selectorString(sel) : 'nil'), 'field is immutable')];
}

function normalizeSelector(sel: LabelSelector | undefined): unknown {
  if (!sel) return null;
  return { l: Object.keys(sel.matchLabels ?? {}).sort().map((k) => [k, sel.matchLabels?.[k]]), e: sel.matchExpressions ?? [] };
}

function validateReplicaSetSpec(rs: ReplicaSet): FieldError[] {
  const spec = FieldPath.root('spec');
  const s = rs.spec;
  const errs = validateNonnegativeField(s?.replicas ?? 0, spec.child('replicas'));
  errs.push(...validateNonnegativeField(s?.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  errs.push(...validateSelector(s?.selector, spec.child('selector'), 'deployment'));
  errs.push(...validateTemplateForReplicaSet(s?.template, s?.selector, spec.child('template')));
  return errs;
}

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain, meta).concat(validateReplicaSetSpec(rs));
}

export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  const errs = validateObjectMetaUpdate(rs.metadata, old.metadata, meta).concat(validateReplicaSetSpec(rs));
  errs.push(...immutableSelector(rs.spec?.selector, old.spec?.selector));
  return errs;
}

function validateReplicaCounts(status: DeploymentStatus | ReplicaSetStatus | undefined, path: FieldPath, fields: string[]): FieldError[] {
  const s = (status ?? {}) as Record<string, number | undefined>;
  const errs: FieldError[] = [];
  for (const f of fields) errs.push(...validateNonnegativeField(s[f] ?? 0, path.child(f)));
  const msg = 'cannot be greater than status.replicas';
  const replicas = s.replicas ?? 0;
  for (const f of ['updatedReplicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']) {
    if (fields.includes(f) && (s[f] ?? 0) > replicas) errs.push(field.invalid(path.child(f), s[f] ?? 0, msg));
  }
  if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) errs.push(field.invalid(path.child('availableReplicas'), s.availableReplicas ?? 0, 'cannot be greater than readyReplicas'));
  return errs;
}

export function validateDeploymentStatusUpdate(d: Deployment, old: Deployment): FieldError[] {
  const errs = validateObjectMetaUpdate(d.metadata, old.metadata, meta);
  errs.push(...validateReplicaCounts(d.status, FieldPath.root('status'), ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']));
  const cc = d.status?.collisionCount;
  const occ = old.status?.collisionCount;
  if (occ !== undefined && (cc === undefined || cc < occ)) errs.push(field.invalid(FieldPath.root('status', 'collisionCount'), cc ?? 0, 'cannot be decremented'));
  return errs;
}

export function validateReplicaSetStatusUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  const errs = validateObjectMetaUpdate(rs.metadata, old.metadata, meta);
  errs.push(...validateReplicaCounts(rs.status, FieldPath.root('status'), ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration']));
  return errs;
}
