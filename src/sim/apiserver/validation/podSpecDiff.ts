// The diff appended to "pod updates may not change fields other than …".
// Upstream prints cmp.Diff(oldPod.Spec, mungedPodSpec) of the internal core.PodSpec. cmp's output is deliberately
// unstable (it randomly swaps spaces for non-breaking spaces), so no client can depend on it byte for byte; this
// renders the same shape — Go field names in struct order, "-"/"+" lines, "... // N identical fields" — for JSON specs.
import type { PodSpec } from 'kubernetes-types/core/v1';
import { goQuote } from '../../api/goFormat.ts';

const podSpecFields: [string, string][] = [
  ['volumes', 'Volumes'], ['initContainers', 'InitContainers'], ['containers', 'Containers'],
  ['ephemeralContainers', 'EphemeralContainers'], ['restartPolicy', 'RestartPolicy'],
  ['terminationGracePeriodSeconds', 'TerminationGracePeriodSeconds'], ['activeDeadlineSeconds', 'ActiveDeadlineSeconds'],
  ['dnsPolicy', 'DNSPolicy'], ['nodeSelector', 'NodeSelector'], ['serviceAccountName', 'ServiceAccountName'],
  ['automountServiceAccountToken', 'AutomountServiceAccountToken'], ['nodeName', 'NodeName'],
  ['securityContext', 'SecurityContext'], ['imagePullSecrets', 'ImagePullSecrets'], ['hostname', 'Hostname'],
  ['subdomain', 'Subdomain'], ['setHostnameAsFQDN', 'SetHostnameAsFQDN'], ['affinity', 'Affinity'],
  ['schedulerName', 'SchedulerName'], ['tolerations', 'Tolerations'], ['hostAliases', 'HostAliases'],
  ['priorityClassName', 'PriorityClassName'], ['priority', 'Priority'], ['preemptionPolicy', 'PreemptionPolicy'],
  ['dnsConfig', 'DNSConfig'], ['readinessGates', 'ReadinessGates'], ['runtimeClassName', 'RuntimeClassName'],
  ['overhead', 'Overhead'], ['enableServiceLinks', 'EnableServiceLinks'],
  ['topologySpreadConstraints', 'TopologySpreadConstraints'], ['os', 'OS'], ['schedulingGates', 'SchedulingGates'],
  ['resourceClaims', 'ResourceClaims'],
];

const containerFields: [string, string][] = [
  ['name', 'Name'], ['image', 'Image'], ['command', 'Command'], ['args', 'Args'], ['workingDir', 'WorkingDir'],
  ['ports', 'Ports'], ['envFrom', 'EnvFrom'], ['env', 'Env'], ['resources', 'Resources'], ['resizePolicy', 'ResizePolicy'],
  ['restartPolicy', 'RestartPolicy'], ['volumeMounts', 'VolumeMounts'], ['volumeDevices', 'VolumeDevices'],
  ['livenessProbe', 'LivenessProbe'], ['readinessProbe', 'ReadinessProbe'], ['startupProbe', 'StartupProbe'],
  ['lifecycle', 'Lifecycle'], ['terminationMessagePath', 'TerminationMessagePath'],
  ['terminationMessagePolicy', 'TerminationMessagePolicy'], ['imagePullPolicy', 'ImagePullPolicy'],
  ['securityContext', 'SecurityContext'], ['stdin', 'Stdin'], ['stdinOnce', 'StdinOnce'], ['tty', 'TTY'],
];

/** Fields that are plain strings in Go: absent prints as "" rather than nil. */
const stringFields = new Set([
  'restartPolicy', 'dnsPolicy', 'serviceAccountName', 'nodeName', 'hostname', 'subdomain', 'schedulerName',
  'priorityClassName', 'name', 'image', 'workingDir', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy',
]);
/** Scalar pointer fields: cmp prints them as &value. */
const pointerScalars = new Set([
  'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'automountServiceAccountToken', 'setHostnameAsFQDN',
  'priority', 'preemptionPolicy', 'runtimeClassName', 'enableServiceLinks',
]);
const boolFields = new Set(['stdin', 'stdinOnce', 'tty']);

function goName(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** Go maps (rather than structs): their keys print quoted and sorted. */
const mapFields = new Set(['nodeSelector', 'overhead', 'limits', 'requests', 'matchLabels', 'labels', 'annotations']);

function render(v: unknown, key = ''): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map((e) => render(e)).join(', ')}}`;
  const o = v as Record<string, unknown>;
  if (mapFields.has(key)) return `{${Object.keys(o).sort().map((k) => `${goQuote(k)}: ${render(o[k])}`).join(', ')}}`;
  return `{${Object.keys(o).map((k) => `${goName(k)}: ${render(o[k], k)}`).join(', ')}}`;
}

function renderField(key: string, v: unknown): string {
  if (v === undefined || v === null) {
    if (stringFields.has(key)) return '""';
    if (boolFields.has(key)) return 'false';
    return 'nil';
  }
  if (pointerScalars.has(key)) return `&${render(v)}`;
  return render(v, key);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function structDiff(oldObj: Record<string, unknown>, newObj: Record<string, unknown>, fields: [string, string][], depth: number, lines: string[]): void {
  const ind = '\t'.repeat(depth);
  let identical = 0;
  const flush = (): void => {
    if (identical > 0) lines.push(`  ${ind}... // ${identical} identical fields`);
    identical = 0;
  };
  for (const [key, go] of fields) {
    const a = oldObj[key];
    const b = newObj[key];
    if (same(a, b)) {
      identical++;
      continue;
    }
    flush();
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      lines.push(`  ${ind}${go}: []core.Container{`);
      a.forEach((c, i) => {
        const nc: unknown = b[i];
        if (same(c, nc)) {
          const name = (c as Record<string, unknown>).name;
          lines.push(`  ${ind}\t{Name: ${goQuote(typeof name === 'string' ? name : '')}, ...},`);
          return;
        }
        lines.push(`  ${ind}\t{`);
        structDiff(c as Record<string, unknown>, nc as Record<string, unknown>, containerFields, depth + 2, lines);
        lines.push(`  ${ind}\t},`);
      });
      lines.push(`  ${ind}},`);
      continue;
    }
    lines.push(`- ${ind}${go}: ${renderField(key, a)},`);
    lines.push(`+ ${ind}${go}: ${renderField(key, b)},`);
  }
  flush();
}

/** Folds the v1 host-namespace booleans into SecurityContext, where the internal core.PodSpec keeps them. */
function internalView(spec: PodSpec): Record<string, unknown> {
  const { hostNetwork, hostPID, hostIPC, shareProcessNamespace, hostUsers, serviceAccount: _sa, ...rest } = spec;
  const sc: Record<string, unknown> = { ...(spec.securityContext ?? {}) };
  if (hostNetwork !== undefined) sc.hostNetwork = hostNetwork;
  if (hostPID !== undefined) sc.hostPID = hostPID;
  if (hostIPC !== undefined) sc.hostIPC = hostIPC;
  if (shareProcessNamespace !== undefined) sc.shareProcessNamespace = shareProcessNamespace;
  if (hostUsers !== undefined) sc.hostUsers = hostUsers;
  const view: Record<string, unknown> = { ...rest };
  if (Object.keys(sc).length > 0 || spec.securityContext) view.securityContext = sc;
  return view;
}

export function podSpecDiff(oldSpec: PodSpec, newSpec: PodSpec): string {
  const lines = ['  core.PodSpec{'];
  structDiff(internalView(oldSpec), internalView(newSpec), podSpecFields, 1, lines);
  lines.push('  }');
  return `${lines.join('\n')}\n`;
}
