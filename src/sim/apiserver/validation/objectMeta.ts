// ObjectMeta, label, annotation and selector validation.
// models staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go,
// staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go and the finalizer check in
// pkg/apis/core/validation/validation.go
import type { ObjectMeta, LabelSelector } from 'kubernetes-types/meta/v1';
import { field, type FieldError, type FieldPath } from '../../api/field.ts';
import { goStringMap, goStringSlice, goStruct, goQuote } from '../../api/goFormat.ts';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, type NameValidator } from './names.ts';

export const fieldImmutableErrorMsg = 'field is immutable';
export const isNegativeErrorMsg = 'must be greater than or equal to 0';
const totalAnnotationSizeLimitB = 256 * 1024;

/** Go map iteration order is random; the engine sorts keys so the same input gives the same message. */
export function sortedKeys(m: Record<string, unknown> | undefined): string[] {
  return m ? Object.keys(m).sort() : [];
}

export function validateNonnegativeField(value: number, path: FieldPath): FieldError[] {
  return value < 0 ? [field.invalid(path, value, isNegativeErrorMsg)] : [];
}

export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  return isQualifiedName(name).map((msg) => field.invalid(path, name, msg));
}

export function validateLabels(labels: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(labels)) {
    errs.push(...validateLabelName(k, path));
    const v = labels?.[k] ?? '';
    for (const msg of isValidLabelValue(v)) errs.push(field.invalid(path, v, msg));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const k of sortedKeys(annotations)) {
    // Annotation keys are qualified names in which case does not matter.
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(field.invalid(path, k, msg));
    total += k.length + (annotations?.[k] ?? '').length;
  }
  if (total > totalAnnotationSizeLimitB) errs.push(field.tooLong(path, '', totalAnnotationSizeLimitB));
  return errs;
}

const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizers(finalizers: string[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) {
    for (const msg of isQualifiedName(f)) errs.push(field.invalid(path, f, msg));
  }
  const list = finalizers ?? [];
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(field.invalid(path, goStringSlice(list), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/** core's extra rule: an unqualified finalizer must be one of the standard names. */
function validateKubeFinalizers(finalizers: string[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (finalizers ?? []).forEach((f, i) => {
    if (!f.includes('/') && !standardFinalizers.has(f)) {
      errs.push(field.invalid(path.index(i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

function validateOwnerReferences(meta: ObjectMeta, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of meta.ownerReferences ?? []) {
    const apiVersion = ref.apiVersion ?? '';
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (version === '') errs.push(field.invalid(path.child('apiVersion'), apiVersion, 'version must not be empty'));
    if (!ref.kind) errs.push(field.invalid(path.child('kind'), ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(field.invalid(path.child('name'), ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(field.invalid(path.child('uid'), ref.uid ?? '', 'must not be empty'));
    if (ref.controller === true) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController !== '') {
        // Simplified: upstream prints the whole []metav1.OwnerReference with %#v.
        errs.push(field.invalidOmitValue(path, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`));
      } else {
        firstController = cur;
      }
    }
  }
  return errs;
}

function validateMetaCommon(meta: ObjectMeta, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (namespaced) {
    if (!meta.namespace) errs.push(field.required(path.child('namespace')));
    else for (const msg of isDNS1123Label(meta.namespace)) errs.push(field.invalid(path.child('namespace'), meta.namespace, msg));
  } else if (meta.namespace) {
    errs.push(field.forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegativeField(meta.generation ?? 0, path.child('generation')));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta, path.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, path.child('finalizers')));
  return errs;
}

/** apimachinery ValidateObjectMeta (creation; name generation has already happened) plus core's finalizer rule. */
export function validateObjectMeta(meta: ObjectMeta | undefined, namespaced: boolean, nameFn: NameValidator, path: FieldPath, kubeFinalizers = true): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true)) errs.push(field.invalid(path.child('generateName'), m.generateName, msg));
  }
  if (!m.name) errs.push(field.required(path.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(field.invalid(path.child('name'), m.name, msg));
  errs.push(...validateMetaCommon(m, namespaced, path));
  if (kubeFinalizers) errs.push(...validateKubeFinalizers(m.finalizers, path.child('finalizers')));
  return errs;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** ValidateImmutableField for a string-valued field: the new value is printed quoted. */
function immutableString(newVal: string | undefined, oldVal: string | undefined, path: FieldPath): FieldError[] {
  return (newVal ?? '') === (oldVal ?? '') ? [] : [field.invalid(path, newVal ?? '', fieldImmutableErrorMsg)];
}

/** apimachinery ValidateObjectMetaUpdate plus core's finalizer rule. */
export function validateObjectMetaUpdate(newMeta: ObjectMeta | undefined, oldMeta: ObjectMeta | undefined, path: FieldPath, kubeFinalizers = true): FieldError[] {
  const n = newMeta ?? {};
  const o = oldMeta ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const oldSet = new Set(o.finalizers ?? []);
    const extra = [...new Set(n.finalizers ?? [])].filter((f) => !oldSet.has(f)).sort();
    if (extra.length > 0) {
      errs.push(field.forbidden(path.child('finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra).text}`));
    }
  }
  if (!n.resourceVersion) errs.push(field.invalid(path.child('resourceVersion'), n.resourceVersion ?? '', 'must be specified for an update'));
  if ((n.generation ?? 0) < (o.generation ?? 0)) errs.push(field.invalid(path.child('generation'), n.generation ?? 0, 'must not be decremented'));
  errs.push(...immutableString(n.name, o.name, path.child('name')));
  errs.push(...immutableString(n.namespace, o.namespace, path.child('namespace')));
  errs.push(...immutableString(n.uid, o.uid, path.child('uid')));
  // Timestamps are metav1.Time structs upstream; the engine prints them as their RFC 3339 text.
  if (!sameJson(n.creationTimestamp, o.creationTimestamp)) {
    errs.push(field.invalid(path.child('creationTimestamp'), goTime(n.creationTimestamp), fieldImmutableErrorMsg));
  }
  if (!sameJson(n.deletionTimestamp, o.deletionTimestamp)) {
    errs.push(field.invalid(path.child('deletionTimestamp'), n.deletionTimestamp ?? null, fieldImmutableErrorMsg));
  }
  if (!sameJson(n.deletionGracePeriodSeconds, o.deletionGracePeriodSeconds)) {
    errs.push(field.invalid(path.child('deletionGracePeriodSeconds'), n.deletionGracePeriodSeconds ?? null, fieldImmutableErrorMsg));
  }
  errs.push(...validateLabels(n.labels, path.child('labels')));
  errs.push(...validateAnnotations(n.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(n, path.child('ownerReferences')));
  errs.push(...validateFinalizers(n.finalizers, path.child('finalizers')));
  if (kubeFinalizers) errs.push(...validateKubeFinalizers(n.finalizers, path.child('finalizers')));
  return errs;
}

function goTime(t: string | undefined): string {
  return t ?? '0001-01-01T00:00:00Z';
}

/** ValidateTemplateObjectMeta-style checks for embedded pod templates: labels and annotations only. */
export function validateLabelSelector(sel: LabelSelector | undefined, path: FieldPath): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, path.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    // key and operator may be absent from the JSON: Go decodes them as "".
    errs.push(...validateSelectorRequirement(expr.key ?? '', expr.operator ?? '', expr.values ?? [], false, path.child('matchExpressions').index(i)));
  });
  return errs;
}

/**
 * The operator, values and key rules that label-selector requirements (ValidateLabelSelectorRequirement) and
 * node-selector requirements (ValidateNodeSelectorRequirement) share; `gtLt` admits the node selectors' Gt and Lt.
 */
export function validateSelectorRequirement(key: string, operator: string, values: readonly string[], gtLt: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length === 0) errs.push(field.required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (values.length > 0) errs.push(field.forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else if (gtLt && (operator === 'Gt' || operator === 'Lt')) {
    if (values.length !== 1) errs.push(field.required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
  } else {
    errs.push(field.invalid(path.child('operator'), operator, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(key, path.child('key')));
  return errs;
}

/** metav1.LabelSelectorAsSelector + Matches. A nil selector selects nothing; an empty one everything. */
export function selectorMatches(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const k of Object.keys(sel.matchLabels ?? {})) {
    if (l[k] !== sel.matchLabels?.[k]) return false;
  }
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const v = l[e.key];
    const vals = e.values ?? [];
    if (e.operator === 'In' && !(has && v !== undefined && vals.includes(v))) return false;
    if (e.operator === 'NotIn' && has && v !== undefined && vals.includes(v)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** %#v of a *metav1.LabelSelector as printed by field.Error (pointer dereferenced). */
export function goLabelSelector(sel: LabelSelector): ReturnType<typeof goStruct> {
  const exprs = sel.matchExpressions;
  const exprText = exprs === undefined
    ? '[]v1.LabelSelectorRequirement(nil)'
    : `[]v1.LabelSelectorRequirement{${exprs.map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, Values:${goStringSlice(e.values).text}}`).join(', ')}}`;
  return goStruct('v1.LabelSelector', [['MatchLabels', goStringMap(sel.matchLabels).text], ['MatchExpressions', exprText]]);
}
