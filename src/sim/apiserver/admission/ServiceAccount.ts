// models plugin/pkg/admission/serviceaccount/admission.go: defaults spec.serviceAccountName, requires the account
// to exist, mounts the projected API-access volume and copies the account's imagePullSecrets.
import type { Container, EnvFromSource, EnvVar, Pod, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { isCoreResource, newForbidden } from './admissionErrors.ts';
import type { AdmissionAttributes, AdmissionContext, MutatingPlugin, ValidatingPlugin } from './types.ts';

export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const SERVICE_ACCOUNT_VOLUME_NAME = 'kube-api-access';
export const ENFORCE_MOUNTABLE_SECRETS_ANNOTATION = 'kubernetes.io/enforce-mountable-secrets';
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: one hour plus seven seconds. */
export const TOKEN_EXPIRATION_SECONDS = 3607;

interface ServiceAccountObject extends KubeObject {
  automountServiceAccountToken?: boolean;
  secrets?: { name?: string }[];
  imagePullSecrets?: { name?: string }[];
}

export interface ServiceAccountOptions {
  /** The random part of the volume name (names.SimpleNameGenerator: 5 characters). Must come from the engine Rng. */
  nameSuffix: () => string;
  /** --service-account-... "LimitSecretReferences": check secret references for every account. Off upstream. */
  limitSecretReferences?: boolean;
  /** Whether to mount the token volume at all (on upstream). */
  mountServiceAccountToken?: boolean;
}

/** TokenVolumeSource(): token, cluster CA and namespace, projected into one volume. */
export function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    },
  };
}

function serviceAccountNotFound(name: string): string {
  // errors.NewNotFound(api.Resource("serviceaccount"), name): upstream uses the singular resource here.
  return `serviceaccount "${name}" not found`;
}

export class ServiceAccount implements MutatingPlugin, ValidatingPlugin {
  readonly name = 'ServiceAccount';
  private readonly nameSuffix: () => string;
  private readonly limitSecretReferences: boolean;
  private readonly mountToken: boolean;

  constructor(opts: ServiceAccountOptions) {
    this.nameSuffix = opts.nameSuffix;
    this.limitSecretReferences = opts.limitSecretReferences ?? false;
    this.mountToken = opts.mountServiceAccountToken ?? true;
  }

  handles(attrs: AdmissionAttributes): boolean {
    return (attrs.operation === 'CREATE' || attrs.operation === 'UPDATE')
      && isCoreResource(attrs, 'pods')
      && (attrs.subresource === '' || attrs.subresource === 'ephemeralcontainers')
      && attrs.object !== undefined;
  }

  admit(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    if (attrs.operation !== 'CREATE') return;
    const pod = attrs.object as Pod;
    if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
      this.validate(attrs, ctx);
      return;
    }
    const spec = (pod.spec ??= { containers: [] });
    if (!spec.serviceAccountName) spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT_NAME;

    const sa = this.lookup(attrs, ctx, spec.serviceAccountName);
    if (this.mountToken && shouldAutomount(sa, pod)) this.mountServiceAccountToken(pod);
    if ((spec.imagePullSecrets ?? []).length === 0 && (sa.imagePullSecrets ?? []).length > 0) {
      spec.imagePullSecrets = (sa.imagePullSecrets ?? []).map((s) => ({ name: s.name ?? '' }));
    }
    this.validate(attrs, ctx);
  }

  validate(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    const pod = attrs.object as Pod;
    const spec = pod.spec ?? { containers: [] };
    if (attrs.operation === 'UPDATE' && attrs.subresource === 'ephemeralcontainers') {
      this.validateEphemeralContainers(attrs, ctx, pod);
      return;
    }
    if (attrs.operation !== 'CREATE') return;

    if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
      if (spec.serviceAccountName) throw newForbidden(attrs, 'a mirror pod may not reference service accounts');
      if (referencesSecrets(pod)) throw newForbidden(attrs, 'a mirror pod may not reference secrets');
      if ((spec.volumes ?? []).some((v) => v.projected?.sources?.some((s) => s.serviceAccountToken))) {
        throw newForbidden(attrs, 'a mirror pod may not use ServiceAccountToken volume projections');
      }
      return;
    }
    if (!spec.serviceAccountName) {
      throw newForbidden(attrs, `no service account specified for pod ${attrs.namespace}/${pod.metadata?.name ?? ''}`);
    }
    const sa = this.lookup(attrs, ctx, spec.serviceAccountName);
    if (this.enforceMountableSecrets(sa)) {
      const problem = secretReferenceProblem(sa, pod);
      if (problem) throw newForbidden(attrs, problem);
    }
  }

  private lookup(attrs: AdmissionAttributes, ctx: AdmissionContext, name: string): ServiceAccountObject {
    const sa = ctx.store.get('', 'serviceaccounts', attrs.namespace, name) as ServiceAccountObject | undefined;
    if (!sa) throw newForbidden(attrs, `error looking up service account ${attrs.namespace}/${name}: ${serviceAccountNotFound(name)}`);
    return sa;
  }

  private enforceMountableSecrets(sa: ServiceAccountObject): boolean {
    if (this.limitSecretReferences) return true;
    const value = sa.metadata?.annotations?.[ENFORCE_MOUNTABLE_SECRETS_ANNOTATION];
    return value !== undefined && parseGoBool(value);
  }

  private validateEphemeralContainers(attrs: AdmissionAttributes, ctx: AdmissionContext, pod: Pod): void {
    const spec = pod.spec ?? { containers: [] };
    if (!spec.serviceAccountName) {
      throw newForbidden(attrs, `no service account specified for pod ${attrs.namespace}/${pod.metadata?.name ?? ''}`);
    }
    const sa = this.lookup(attrs, ctx, spec.serviceAccountName);
    if (!this.enforceMountableSecrets(sa)) return;
    const mountable = new Set((sa.secrets ?? []).map((s) => s.name));
    const problem = envSecretProblem('ephemeral container', spec.ephemeralContainers ?? [], mountable, sa);
    if (problem) throw newForbidden(attrs, problem);
  }

  private mountServiceAccountToken(pod: Pod): void {
    const spec = pod.spec ?? { containers: [] };
    const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(`${SERVICE_ACCOUNT_VOLUME_NAME}-`));
    // Upstream draws the generated name whether or not it ends up used; so do we, to keep the Rng in step.
    const volumeName = existing?.name ?? `${SERVICE_ACCOUNT_VOLUME_NAME}-${this.nameSuffix()}`;
    const mount: VolumeMount = { name: volumeName, readOnly: true, mountPath: DEFAULT_API_TOKEN_MOUNT_PATH };

    let needsVolume = false;
    const addMount = (c: Container): void => {
      if ((c.volumeMounts ?? []).some((m) => m.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) return;
      c.volumeMounts = [...(c.volumeMounts ?? []), { ...mount }];
      needsVolume = true;
    };
    for (const c of spec.initContainers ?? []) addMount(c);
    for (const c of spec.containers ?? []) addMount(c); // absent until validation rejects the pod
    if (!existing && needsVolume) spec.volumes = [...(spec.volumes ?? []), tokenVolume(volumeName)];
  }
}

function shouldAutomount(sa: ServiceAccountObject, pod: Pod): boolean {
  // The pod's preference wins, then the account's; the default is to mount.
  return pod.spec?.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
}

/** strconv.ParseBool's true values (anything unparsable counts as false here, as upstream ignores the error). */
function parseGoBool(value: string): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
}

function referencesSecrets(pod: Pod): boolean {
  const spec = pod.spec ?? { containers: [] };
  if ((spec.imagePullSecrets ?? []).length > 0) return true;
  if ((spec.volumes ?? []).some((v) => v.secret || v.projected?.sources?.some((s) => s.secret))) return true;
  const containers: { env?: EnvVar[]; envFrom?: EnvFromSource[] }[] = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
  return containers.some((c) => (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef) || (c.envFrom ?? []).some((e) => e.secretRef));
}

function envSecretProblem(
  what: string,
  containers: readonly { name: string; env?: EnvVar[]; envFrom?: EnvFromSource[] }[],
  mountable: ReadonlySet<string | undefined>,
  sa: ServiceAccountObject,
): string | undefined {
  const saName = sa.metadata?.name ?? '';
  for (const c of containers) {
    for (const env of c.env ?? []) {
      const ref = env.valueFrom?.secretKeyRef;
      if (ref && !mountable.has(ref.name)) {
        return `${what} ${c.name} with envVar ${env.name} referencing secret.secretName="${ref.name ?? ''}" is not allowed because service account ${saName} does not reference that secret`;
      }
    }
    for (const envFrom of c.envFrom ?? []) {
      const ref = envFrom.secretRef;
      if (ref && !mountable.has(ref.name)) {
        return `${what} ${c.name} with envFrom referencing secret.secretName="${ref.name ?? ''}" is not allowed because service account ${saName} does not reference that secret`;
      }
    }
  }
  return undefined;
}

/** limitSecretReferences: every secret the pod uses must be listed on its service account. */
function secretReferenceProblem(sa: ServiceAccountObject, pod: Pod): string | undefined {
  const spec = pod.spec ?? { containers: [] };
  const saName = sa.metadata?.name ?? '';
  const mountable = new Set((sa.secrets ?? []).map((s) => s.name));
  for (const v of spec.volumes ?? []) {
    if (v.secret && !mountable.has(v.secret.secretName)) {
      return `volume with secret.secretName="${v.secret.secretName ?? ''}" is not allowed because service account ${saName} does not reference that secret`;
    }
  }
  const problem = envSecretProblem('init container', spec.initContainers ?? [], mountable, sa)
    ?? envSecretProblem('container', spec.containers, mountable, sa);
  if (problem) return problem;
  const pullSecrets = new Set((sa.imagePullSecrets ?? []).map((s) => s.name));
  for (const [i, ref] of (spec.imagePullSecrets ?? []).entries()) {
    if (!pullSecrets.has(ref.name)) {
      return `imagePullSecrets[${i}].name="${ref.name ?? ''}" is not allowed because service account ${saName} does not reference that imagePullSecret`;
    }
  }
  return undefined;
}
