// models k8s.io/apiserver/pkg/admission/errors.go and the small helpers every plugin shares.
import { errors, type ApiError } from '../../api/status.ts';
import type { AdmissionAttributes } from './types.ts';

/**
 * admission.NewForbidden: `<resource> "<name>" is forbidden: <message>`, naming the object by the request's name,
 * else the object's name or generateName (names are generated after admission), else "Unknown".
 */
export function newForbidden(attrs: AdmissionAttributes, message: string): ApiError {
  return errors.forbidden({ group: attrs.resource.group, resource: attrs.resource.resource }, admissionName(attrs), message);
}

export function admissionName(attrs: AdmissionAttributes): string {
  if (attrs.name !== '') return attrs.name;
  const meta = attrs.object?.metadata;
  if (meta?.name) return meta.name;
  if (meta?.generateName) return meta.generateName;
  return 'Unknown';
}

export function isCoreResource(attrs: AdmissionAttributes, resource: string): boolean {
  return attrs.resource.group === '' && attrs.resource.resource === resource;
}

export function isCoreKind(attrs: AdmissionAttributes, kind: string): boolean {
  return attrs.kind.group === '' && attrs.kind.kind === kind;
}

/** Go's sort.Strings order (bytewise), which differs from localeCompare. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Objects as a lister returns them, in a stable order (name) so results never depend on insertion order. */
export function sortedByName<T extends { metadata?: { name?: string } }>(objects: readonly T[]): T[] {
  return [...objects].sort((a, b) => byteOrder(a.metadata?.name ?? '', b.metadata?.name ?? ''));
}
