// models staging/src/k8s.io/pod-security-admission/{api,policy}: the Pod Security Standards levels, versions,
// namespace labels, and every baseline and restricted check of v1.32 with its reason and detail texts.
// The user-namespace relaxations (feature gate UserNamespacesPodSecurityStandards, off in v1.32) are not modelled.
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { field, FieldPath, type FieldError } from '../../api/field.ts';
import { goQuote } from '../../api/goFormat.ts';
import { byteOrder } from './admissionErrors.ts';

export type Level = 'privileged' | 'baseline' | 'restricted';
/** A policy version: "latest" or the minor number of v1.x. */
export type PolicyVersion = 'latest' | number;

export interface LevelVersion {
  level: Level;
  version: PolicyVersion;
}

export interface Policy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
}

export const LABEL_PREFIX = 'pod-security.kubernetes.io/';
export const ENFORCE_LEVEL_LABEL = `${LABEL_PREFIX}enforce`;
export const ENFORCE_VERSION_LABEL = `${LABEL_PREFIX}enforce-version`;
export const AUDIT_LEVEL_LABEL = `${LABEL_PREFIX}audit`;
export const AUDIT_VERSION_LABEL = `${LABEL_PREFIX}audit-version`;
export const WARN_LEVEL_LABEL = `${LABEL_PREFIX}warn`;
export const WARN_VERSION_LABEL = `${LABEL_PREFIX}warn-version`;

/** The newest policy version any check defines in v1.32; later versions and "latest" evaluate as this one. */
export const MAX_POLICY_MINOR = 32;

/** kube-apiserver's default PodSecurityConfiguration: privileged:latest for every mode. */
export const DEFAULT_POLICY: Policy = {
  enforce: { level: 'privileged', version: 'latest' },
  audit: { level: 'privileged', version: 'latest' },
  warn: { level: 'privileged', version: 'latest' },
};

export function versionString(v: PolicyVersion): string {
  return v === 'latest' ? 'latest' : `v1.${v}`;
}

/** "restricted:latest", as LevelVersion.String(). */
export function levelVersionString(lv: LevelVersion): string {
  return `${lv.level}:${versionString(lv.version)}`;
}

export function sameLevelVersion(a: LevelVersion, b: LevelVersion): boolean {
  return a.level === b.level && a.version === b.version;
}

const levels: readonly Level[] = ['privileged', 'baseline', 'restricted'];

/** api.ParseLevel: an unknown level fails closed to restricted. */
export function parseLevel(text: string): { level: Level; error?: string } {
  return (levels as readonly string[]).includes(text)
    ? { level: text as Level }
    : { level: 'restricted', error: `must be one of ${levels.join(', ')}` };
}

/** api.ParseVersion: "latest" or "v1.x"; anything else is latest with an error. */
export function parseVersion(text: string): { version: PolicyVersion; error?: string } {
  if (text === 'latest') return { version: 'latest' };
  const m = /^v1\.([0-9]|[1-9][0-9]*)$/.exec(text);
  if (!m) return { version: 'latest', error: 'must be "latest" or "v1.x"' };
  return { version: Number(m[1]) };
}

/** api.CompareLevels: -1, 0 or 1 by strictness. */
export function compareLevels(a: Level, b: Level): number {
  return Math.sign(levels.indexOf(a) - levels.indexOf(b));
}

/** api.PolicyToEvaluate: the namespace's policy from its labels, over the defaults, with label errors. */
export function policyToEvaluate(labels: Record<string, string> | undefined, defaults: Policy = DEFAULT_POLICY): { policy: Policy; errors: FieldError[] } {
  const policy: Policy = { enforce: { ...defaults.enforce }, audit: { ...defaults.audit }, warn: { ...defaults.warn } };
  const errors: FieldError[] = [];
  if (!labels) return { policy, errors };
  const labelsPath = FieldPath.root('metadata', 'labels');
  const note = (label: string, value: string, error: string | undefined): void => {
    if (error !== undefined) errors.push(field.invalid(labelsPath.key(label), value, error));
  };
  const modes = [
    ['enforce', ENFORCE_LEVEL_LABEL, ENFORCE_VERSION_LABEL],
    ['audit', AUDIT_LEVEL_LABEL, AUDIT_VERSION_LABEL],
    ['warn', WARN_LEVEL_LABEL, WARN_VERSION_LABEL],
  ] as const;
  for (const [mode, levelLabel, versionLabel] of modes) {
    const levelText = labels[levelLabel];
    if (levelText !== undefined) {
      const { level, error } = parseLevel(levelText);
      // enforce fails closed (restricted); audit and warn fail open (privileged).
      policy[mode].level = error !== undefined && mode !== 'enforce' ? 'privileged' : level;
      note(levelLabel, levelText, error);
    }
    const versionText = labels[versionLabel];
    if (versionText !== undefined) {
      const { version, error } = parseVersion(versionText);
      policy[mode].version = version;
      note(versionLabel, versionText, error);
    }
  }
  return { policy, errors };
}

// ---- checks ----

export interface CheckResult {
  allowed: boolean;
  forbiddenReason?: string;
  forbiddenDetail?: string;
}

type CheckPod = (meta: ObjectMeta, spec: PodSpec) => CheckResult;

interface Check {
  id: string;
  level: 'baseline' | 'restricted';
  /** A baseline check that a restricted check supersedes: evaluated for baseline only. */
  overlap?: boolean;
  /** Increasing minimum versions; each applies up to the next. */
  versions: { min: number; check: CheckPod }[];
}

const ALLOWED: CheckResult = { allowed: true };
const forbid = (forbiddenReason: string, forbiddenDetail: string): CheckResult => ({ allowed: false, forbiddenReason, forbiddenDetail });

function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

function sortedUnique(items: Iterable<string>): string[] {
  return [...new Set(items)].sort(byteOrder);
}

/** Init containers, then containers, then ephemeral containers, as visitContainers. */
function containersOf(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...((spec.ephemeralContainers ?? []) as Container[])];
}

function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

function allowPrivilegeEscalation(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const bad = containersOf(spec).filter((c) => c.securityContext?.allowPrivilegeEscalation !== false).map((c) => c.name);
  return bad.length === 0 ? ALLOWED
    : forbid('allowPrivilegeEscalation != false', `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`);
}

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function appArmorProfile(meta: ObjectMeta, spec: PodSpec): CheckResult {
  const okType = (t: string | undefined): boolean => t === 'RuntimeDefault' || t === 'Localhost';
  const setters: string[] = [];
  const badValues = new Set<string>();
  const podProfile = spec.securityContext?.appArmorProfile;
  if (podProfile && !okType(podProfile.type)) {
    setters.push('pod');
    badValues.add(podProfile.type ?? '');
  }
  const badContainers: string[] = [];
  for (const c of containersOf(spec)) {
    const p = c.securityContext?.appArmorProfile;
    if (p && !okType(p.type)) {
      badContainers.push(c.name);
      badValues.add(p.type ?? '');
    }
  }
  if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
  const badAnnotations = Object.entries(meta.annotations ?? {})
    .filter(([k, v]) => k.startsWith(APPARMOR_ANNOTATION_PREFIX) && !(v === '' || v === 'runtime/default' || v.startsWith('localhost/')))
    .map(([k, v]) => `${k}=${goQuote(v)}`)
    .sort(byteOrder);
  const values = [...sortedUnique(badValues), ...badAnnotations];
  if (badAnnotations.length > 0) setters.push(pluralize('annotation', 'annotations', badAnnotations.length));
  if (setters.length === 0) return ALLOWED;
  return forbid(pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`);
}

const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

function capabilitiesBaseline(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const bad: string[] = [];
  const caps = new Set<string>();
  for (const c of containersOf(spec)) {
    const extra = (c.securityContext?.capabilities?.add ?? []).filter((cap) => !BASELINE_CAPABILITIES.has(cap));
    if (extra.length > 0) {
      bad.push(c.name);
      extra.forEach((cap) => caps.add(cap));
    }
  }
  return bad.length === 0 ? ALLOWED
    : forbid('non-default capabilities', `${containersPhrase(bad)} must not include ${joinQuote(sortedUnique(caps))} in securityContext.capabilities.add`);
}

function capabilitiesRestricted(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const missingDropAll: string[] = [];
  const adding: string[] = [];
  const caps = new Set<string>();
  for (const c of containersOf(spec)) {
    const capabilities = c.securityContext?.capabilities;
    if (!capabilities) {
      missingDropAll.push(c.name);
      continue;
    }
    if (!(capabilities.drop ?? []).includes('ALL')) missingDropAll.push(c.name);
    const extra = (capabilities.add ?? []).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (extra.length > 0) {
      adding.push(c.name);
      extra.forEach((cap) => caps.add(cap));
    }
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length > 0) details.push(`${containersPhrase(adding)} must not include ${joinQuote(sortedUnique(caps))} in securityContext.capabilities.add`);
  return details.length === 0 ? ALLOWED : forbid('unrestricted capabilities', details.join('; '));
}

function hostNamespaces(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const used: string[] = [];
  if (spec.hostNetwork) used.push('hostNetwork=true');
  if (spec.hostPID) used.push('hostPID=true');
  if (spec.hostIPC) used.push('hostIPC=true');
  return used.length === 0 ? ALLOWED : forbid('host namespaces', used.join(', '));
}

function hostPathVolumes(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const names = (spec.volumes ?? []).filter((v) => v.hostPath).map((v) => v.name);
  return names.length === 0 ? ALLOWED
    : forbid('hostPath volumes', `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`);
}

function hostPorts(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const bad: string[] = [];
  const ports = new Set<string>();
  for (const c of containersOf(spec)) {
    const used = (c.ports ?? []).filter((p) => (p.hostPort ?? 0) !== 0);
    if (used.length > 0) {
      bad.push(c.name);
      used.forEach((p) => ports.add(String(p.hostPort)));
    }
  }
  if (bad.length === 0) return ALLOWED;
  const sorted = sortedUnique(ports); // sets.String sorts the numbers as strings
  return forbid('hostPort', `${containersPhrase(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', sorted.length)} ${sorted.join(', ')}`);
}

function privileged(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const bad = containersOf(spec).filter((c) => c.securityContext?.privileged === true).map((c) => c.name);
  return bad.length === 0 ? ALLOWED : forbid('privileged', `${containersPhrase(bad)} must not set securityContext.privileged=true`);
}

function procMount(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const bad: string[] = [];
  const types = new Set<string>();
  for (const c of containersOf(spec)) {
    const pm = c.securityContext?.procMount;
    if (pm !== undefined && pm !== 'Default') {
      bad.push(c.name);
      types.add(pm);
    }
  }
  return bad.length === 0 ? ALLOWED
    : forbid('procMount', `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sortedUnique(types))}`);
}

const ALLOWED_RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];
/** In the order the restricted check names a volume's type. */
const RESTRICTED_VOLUME_TYPES = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs',
  'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos'];

function restrictedVolumes(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const bad: string[] = [];
  const types = new Set<string>();
  for (const v of spec.volumes ?? []) {
    const source = v as unknown as Record<string, unknown>;
    if (ALLOWED_RESTRICTED_VOLUMES.some((k) => source[k] != null)) continue;
    bad.push(v.name);
    types.add(RESTRICTED_VOLUME_TYPES.find((k) => source[k] != null) ?? 'unknown');
  }
  if (bad.length === 0) return ALLOWED;
  const sorted = sortedUnique(types);
  return forbid('restricted volume types', `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', sorted.length)} ${joinQuote(sorted)}`);
}

function runAsNonRoot(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const setters: string[] = [];
  let podNonRoot = false;
  const podValue = spec.securityContext?.runAsNonRoot;
  if (podValue === false) setters.push('pod');
  if (podValue === true) podNonRoot = true;
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of containersOf(spec)) {
    const own = c.securityContext?.runAsNonRoot;
    if (own !== undefined) {
      if (!own) explicit.push(c.name);
    } else if (!podNonRoot) {
      implicit.push(c.name);
    }
  }
  if (explicit.length > 0) setters.push(containersPhrase(explicit));
  if (setters.length > 0) return forbid('runAsNonRoot != true', `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`);
  if (implicit.length > 0) return forbid('runAsNonRoot != true', `pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`);
  return ALLOWED;
}

function runAsUser(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const setters: string[] = [];
  if (spec.securityContext?.runAsUser === 0) setters.push('pod');
  const bad = containersOf(spec).filter((c) => c.securityContext?.runAsUser === 0).map((c) => c.name);
  if (bad.length > 0) setters.push(containersPhrase(bad));
  return setters.length === 0 ? ALLOWED : forbid('runAsUser=0', `${setters.join(' and ')} must not set runAsUser=0`);
}

function seLinuxOptionsCheck(allowedTypes: ReadonlySet<string>): CheckPod {
  return (_m, spec) => {
    const setters: string[] = [];
    const badTypes = new Set<string>();
    let setUser = false;
    let setRole = false;
    const valid = (o: { type?: string; user?: string; role?: string }): boolean => {
      let ok = true;
      if (!allowedTypes.has(o.type ?? '')) {
        ok = false;
        badTypes.add(o.type ?? '');
      }
      if (o.user) {
        ok = false;
        setUser = true;
      }
      if (o.role) {
        ok = false;
        setRole = true;
      }
      return ok;
    };
    const podOpts = spec.securityContext?.seLinuxOptions;
    if (podOpts && !valid(podOpts)) setters.push('pod');
    const bad = containersOf(spec).filter((c) => {
      const o = c.securityContext?.seLinuxOptions;
      return o !== undefined && !valid(o);
    }).map((c) => c.name);
    if (bad.length > 0) setters.push(containersPhrase(bad));
    if (setters.length === 0) return ALLOWED;
    const data: string[] = [];
    if (badTypes.size > 0) {
      const types = sortedUnique(badTypes);
      data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    }
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return forbid('seLinuxOptions', `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`);
  };
}

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const validSeccomp = (t: string | undefined): boolean => t === 'RuntimeDefault' || t === 'Localhost';

function seccompBaseline10(meta: ObjectMeta, spec: PodSpec): CheckResult {
  const ok = (v: string): boolean => v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
  const bad = new Set<string>();
  const annotations = meta.annotations ?? {};
  const podValue = annotations[SECCOMP_POD_ANNOTATION];
  if (podValue !== undefined && !ok(podValue)) bad.add(`${SECCOMP_POD_ANNOTATION}=${goQuote(podValue)}`);
  for (const c of containersOf(spec)) {
    const key = SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name;
    const v = annotations[key];
    if (v !== undefined && !ok(v)) bad.add(`${key}=${goQuote(v)}`);
  }
  if (bad.size === 0) return ALLOWED;
  const sorted = sortedUnique(bad);
  return forbid('seccompProfile', `forbidden ${pluralize('annotation', 'annotations', sorted.length)} ${sorted.join(', ')}`);
}

function explicitSeccomp(spec: PodSpec): { setters: string[]; badValues: Set<string>; podSet: boolean; implicit: string[] } {
  const setters: string[] = [];
  const badValues = new Set<string>();
  let podSet = false;
  const podProfile = spec.securityContext?.seccompProfile;
  if (podProfile) {
    if (!validSeccomp(podProfile.type)) {
      setters.push('pod');
      badValues.add(podProfile.type ?? '');
    } else {
      podSet = true;
    }
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of containersOf(spec)) {
    const p = c.securityContext?.seccompProfile;
    if (p) {
      if (!validSeccomp(p.type)) {
        explicit.push(c.name);
        badValues.add(p.type ?? '');
      }
    } else if (!podSet) {
      implicit.push(c.name);
    }
  }
  if (explicit.length > 0) setters.push(containersPhrase(explicit));
  return { setters, badValues, podSet, implicit };
}

function seccompBaseline119(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const { setters, badValues } = explicitSeccomp(spec);
  return setters.length === 0 ? ALLOWED
    : forbid('seccompProfile', `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(badValues))}`);
}

function seccompRestricted(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const { setters, badValues, implicit } = explicitSeccomp(spec);
  if (setters.length > 0) {
    return forbid('seccompProfile', `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(badValues))}`);
  }
  if (implicit.length > 0) {
    return forbid('seccompProfile', `pod or ${containersPhrase(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`);
  }
  return ALLOWED;
}

const SYSCTLS_1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const SYSCTLS_1_27 = [...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_1_29 = [...SYSCTLS_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SYSCTLS_1_32 = [...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

function sysctlsCheck(allowed: readonly string[]): CheckPod {
  const set = new Set(allowed);
  return (_m, spec) => {
    const bad = (spec.securityContext?.sysctls ?? []).map((s) => s.name).filter((n) => !set.has(n));
    return bad.length === 0 ? ALLOWED : forbid('forbidden sysctls', bad.join(', '));
  };
}

function windowsHostProcess(_m: ObjectMeta, spec: PodSpec): CheckResult {
  const setters: string[] = [];
  if (spec.securityContext?.windowsOptions?.hostProcess === true) setters.push('pod');
  const bad = containersOf(spec).filter((c) => c.securityContext?.windowsOptions?.hostProcess === true).map((c) => c.name);
  if (bad.length > 0) setters.push(containersPhrase(bad));
  return setters.length === 0 ? ALLOWED
    : forbid('hostProcess', `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`);
}

/** In upstream registration order: Go initialises the check_*.go files in file-name order, which fixes the order
 *  of the reasons in every message. */
export const CHECKS: readonly Check[] = [
  { id: 'allowPrivilegeEscalation', level: 'restricted', versions: [{ min: 8, check: allowPrivilegeEscalation }] },
  { id: 'appArmorProfile', level: 'baseline', versions: [{ min: 0, check: appArmorProfile }] },
  { id: 'capabilities_baseline', level: 'baseline', overlap: true, versions: [{ min: 0, check: capabilitiesBaseline }] },
  { id: 'capabilities_restricted', level: 'restricted', versions: [{ min: 22, check: capabilitiesRestricted }] },
  { id: 'hostNamespaces', level: 'baseline', versions: [{ min: 0, check: hostNamespaces }] },
  { id: 'hostPathVolumes', level: 'baseline', overlap: true, versions: [{ min: 0, check: hostPathVolumes }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ min: 0, check: hostPorts }] },
  { id: 'privileged', level: 'baseline', versions: [{ min: 0, check: privileged }] },
  { id: 'procMount', level: 'baseline', versions: [{ min: 0, check: procMount }] },
  { id: 'restrictedVolumes', level: 'restricted', versions: [{ min: 0, check: restrictedVolumes }] },
  { id: 'runAsNonRoot', level: 'restricted', versions: [{ min: 0, check: runAsNonRoot }] },
  { id: 'runAsUser', level: 'restricted', versions: [{ min: 23, check: runAsUser }] },
  { id: 'seLinuxOptions', level: 'baseline', versions: [
    { min: 0, check: seLinuxOptionsCheck(new Set(['', 'container_t', 'container_init_t', 'container_kvm_t'])) },
    { min: 31, check: seLinuxOptionsCheck(new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'])) },
  ] },
  { id: 'seccompProfile_baseline', level: 'baseline', overlap: true, versions: [
    { min: 0, check: seccompBaseline10 },
    { min: 19, check: seccompBaseline119 },
  ] },
  { id: 'seccompProfile_restricted', level: 'restricted', versions: [{ min: 19, check: seccompRestricted }] },
  { id: 'sysctls', level: 'baseline', versions: [
    { min: 0, check: sysctlsCheck(SYSCTLS_1_0) },
    { min: 27, check: sysctlsCheck(SYSCTLS_1_27) },
    { min: 29, check: sysctlsCheck(SYSCTLS_1_29) },
    { min: 32, check: sysctlsCheck(SYSCTLS_1_32) },
  ] },
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ min: 0, check: windowsHostProcess }] },
];

function checkAt(check: Check, minor: number): CheckPod | undefined {
  let chosen: CheckPod | undefined;
  for (const v of check.versions) if (v.min <= minor) chosen = v.check;
  return chosen;
}

/** Evaluator.EvaluatePod: baseline checks, then the overlapping baseline ones (baseline) or the restricted ones. */
export function evaluatePod(lv: LevelVersion, meta: ObjectMeta, spec: PodSpec): CheckResult[] {
  if (lv.level === 'privileged') return [];
  const minor = lv.version === 'latest' || lv.version > MAX_POLICY_MINOR ? MAX_POLICY_MINOR : lv.version;
  const run = (filter: (c: Check) => boolean): CheckResult[] =>
    CHECKS.filter(filter).flatMap((c) => {
      const fn = checkAt(c, minor);
      return fn ? [fn(meta, spec)] : [];
    });
  const results = run((c) => c.level === 'baseline' && !c.overlap);
  return lv.level === 'baseline'
    ? [...results, ...run((c) => c.level === 'baseline' && c.overlap === true)]
    : [...results, ...run((c) => c.level === 'restricted')];
}

export interface AggregateCheckResult {
  allowed: boolean;
  forbiddenReasons: string[];
  forbiddenDetails: string[];
}

export function aggregateCheckResults(results: readonly CheckResult[]): AggregateCheckResult {
  const forbiddenReasons: string[] = [];
  const forbiddenDetails: string[] = [];
  for (const r of results) {
    if (r.allowed) continue;
    forbiddenReasons.push(r.forbiddenReason || 'unknown forbidden reason');
    forbiddenDetails.push(r.forbiddenDetail ?? '');
  }
  return { allowed: forbiddenReasons.length === 0, forbiddenReasons, forbiddenDetails };
}

/** "host namespaces, privileged": the reasons alone, as listed for existing pods. */
export function forbiddenReason(agg: AggregateCheckResult): string {
  return agg.forbiddenReasons.join(', ');
}

/** "hostPort (container \"x\" uses hostPort 80), privileged (...)": reasons with their details. */
export function forbiddenDetail(agg: AggregateCheckResult): string {
  return agg.forbiddenReasons
    .map((reason, i) => {
      const detail = agg.forbiddenDetails[i] ?? '';
      return detail === '' ? reason : `${reason} (${detail})`;
    })
    .join(', ');
}
