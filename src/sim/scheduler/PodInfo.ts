// A pod as the scheduler uses it: everything the plugins read, computed once per pod version, in plain numbers.
// models pkg/scheduler/framework/types.go (PodInfo, calculateResource) and
// k8s.io/component-helpers/resource PodRequests (containers add up, init containers take the max with sidecars
// adding up, overhead added; NonMissingContainerRequests for the "non-zero" variant).
import type { Container, NodeSelectorTerm, Pod, PreferredSchedulingTerm, Toleration } from 'kubernetes-types/core/v1';
import { quantityOf } from '../api/quantity.ts';
import { parseRfc3339 } from '../clock.ts';

/** schedutil.DefaultMilliCPURequest: what a container without a cpu request counts as, for scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: 200 MB. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** framework.Resource: cpu in millicores, memory and ephemeral storage in bytes, scalar resources by name. */
export interface Resources {
  milliCpu: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources and hugepages; null when none (the common case). */
  scalar: Map<string, number> | null;
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface PodInfo {
  readonly pod: Pod;
  /** "namespace/name". */
  readonly key: string;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly nodeName: string;
  readonly schedulerName: string;
  /** spec.priority (0 when unset, as corev1helpers.PodPriority). */
  readonly priority: number;
  readonly preemptionPolicy: string;
  /** Requests as NodeResourcesFit checks them. */
  readonly requests: Resources;
  /** Requests with missing cpu/memory counted as the defaults, as LeastAllocated scores them. */
  readonly nonZeroMilliCpu: number;
  readonly nonZeroMemory: number;
  /** Host ports wanted (hostPort > 0), sanitized ("" IP → 0.0.0.0, "" protocol → TCP). */
  readonly hostPorts: readonly HostPort[];
  /** Normalized image names of init containers then containers (ImageLocality). */
  readonly images: readonly string[];
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector: Readonly<Record<string, string>> | null;
  readonly requiredTerms: readonly NodeSelectorTerm[] | null;
  readonly preferredTerms: readonly PreferredSchedulingTerm[] | null;
  readonly nominatedNodeName: string;
  readonly deleting: boolean;
  /** status.startTime in epoch ms, or undefined (preemption orders victims by it). */
  readonly startTime: number | undefined;
}

const SCALAR_SKIP = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);

/** schedutil.IsScalarResourceName: extended resources (domain-prefixed, not kubernetes.io/), hugepages-*, attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  if (SCALAR_SKIP.has(name)) return false;
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  return name.includes('/') && !name.startsWith('kubernetes.io/') && !name.includes('.kubernetes.io/') && !name.startsWith('requests.');
}

// Quantity texts repeat ("100m", "500Mi"); parsing them once keeps pod churn cheap.
const milliCache = new Map<string, number>();
const valueCache = new Map<string, number>();

/** MilliValue() of a quantity as JSON holds it (rounded up, as Kubernetes does). */
export function milliValue(raw: unknown): number {
  const k = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
  let v = milliCache.get(k);
  if (v === undefined) {
    v = Number(quantityOf(raw)?.milli ?? 0n);
    milliCache.set(k, v);
  }
  return v;
}

/** Value() of a quantity (rounded up). */
export function quantityValue(raw: unknown): number {
  const k = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
  let v = valueCache.get(k);
  if (v === undefined) {
    v = Number(quantityOf(raw)?.value ?? 0n);
    valueCache.set(k, v);
  }
  return v;
}

type RawList = Record<string, unknown> | undefined;

/** One resource list, in the units framework.Resource.Add uses. */
function addList(into: Map<string, number>, list: RawList, nonMissing: boolean): void {
  if (list) {
    for (const name in list) {
      const raw = list[name];
      const v = name === 'cpu' ? milliValue(raw) : quantityValue(raw);
      into.set(name, (into.get(name) ?? 0) + v);
    }
  }
  if (nonMissing) {
    if (!list || !('cpu' in list)) into.set('cpu', (into.get('cpu') ?? 0) + DEFAULT_MILLI_CPU_REQUEST);
    if (!list || !('memory' in list)) into.set('memory', (into.get('memory') ?? 0) + DEFAULT_MEMORY_REQUEST);
  }
}

function maxInto(into: Map<string, number>, other: Map<string, number>): void {
  for (const [k, v] of other) {
    const have = into.get(k);
    if (have === undefined || v > have) into.set(k, v);
  }
}

/** PodRequests over numbers; `nonMissing` applies the scheduler's default requests to containers lacking them. */
export function podRequestTotals(pod: Pod, nonMissing: boolean): Map<string, number> {
  const total = new Map<string, number>();
  const spec = pod.spec;
  for (const c of spec?.containers ?? []) addList(total, c.resources?.requests, nonMissing);
  const inits: Container[] = spec?.initContainers ?? [];
  if (inits.length > 0) {
    const sidecars = new Map<string, number>();
    const initMax = new Map<string, number>();
    for (const c of inits) {
      const own = new Map<string, number>();
      addList(own, c.resources?.requests, nonMissing);
      let effective: Map<string, number>;
      if (c.restartPolicy === 'Always') {
        for (const [k, v] of own) {
          total.set(k, (total.get(k) ?? 0) + v);
          sidecars.set(k, (sidecars.get(k) ?? 0) + v);
        }
        effective = sidecars;
      } else {
        effective = own;
        for (const [k, v] of sidecars) effective.set(k, (effective.get(k) ?? 0) + v);
      }
      maxInto(initMax, effective);
    }
    maxInto(total, initMax);
  }
  const overhead = spec?.overhead as RawList;
  if (overhead) addList(total, overhead, false);
  return total;
}

function toResources(m: Map<string, number>): Resources {
  const r: Resources = { milliCpu: m.get('cpu') ?? 0, memory: m.get('memory') ?? 0, ephemeralStorage: m.get('ephemeral-storage') ?? 0, scalar: null };
  for (const [k, v] of m) {
    if (!isScalarResourceName(k)) continue;
    (r.scalar ??= new Map()).set(k, v);
  }
  return r;
}

/** imagelocality.normalizedImageName: a name without a tag gets ":latest". */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

const EMPTY: readonly never[] = [];

export function podInfoOf(pod: Pod): PodInfo {
  const meta = pod.metadata ?? {};
  const spec = pod.spec;
  const namespace = meta.namespace ?? '';
  const name = meta.name ?? '';
  const hostPorts: HostPort[] = [];
  for (const c of spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if ((p.hostPort ?? 0) > 0) hostPorts.push({ ip: p.hostIP && p.hostIP !== '' ? p.hostIP : '0.0.0.0', protocol: p.protocol && p.protocol !== '' ? p.protocol : 'TCP', port: p.hostPort ?? 0 });
    }
  }
  const images: string[] = [];
  for (const c of spec?.initContainers ?? []) if (c.image) images.push(normalizedImageName(c.image));
  for (const c of spec?.containers ?? []) if (c.image) images.push(normalizedImageName(c.image));
  const nodeAffinity = spec?.affinity?.nodeAffinity;
  const required = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const preferred = nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  const selector = spec?.nodeSelector;
  const requests = toResources(podRequestTotals(pod, false));
  const nonZero = podRequestTotals(pod, true);
  const startTime = pod.status?.startTime ? parseRfc3339(pod.status.startTime) : undefined;
  return {
    pod,
    key: `${namespace}/${name}`,
    uid: meta.uid ?? '',
    namespace,
    name,
    nodeName: spec?.nodeName ?? '',
    schedulerName: spec?.schedulerName ?? 'default-scheduler',
    priority: spec?.priority ?? 0,
    preemptionPolicy: spec?.preemptionPolicy ?? 'PreemptLowerPriority',
    requests,
    nonZeroMilliCpu: nonZero.get('cpu') ?? 0,
    nonZeroMemory: nonZero.get('memory') ?? 0,
    hostPorts: hostPorts.length > 0 ? hostPorts : EMPTY,
    images,
    tolerations: spec?.tolerations ?? EMPTY,
    nodeSelector: selector && Object.keys(selector).length > 0 ? selector : null,
    requiredTerms: required ?? null,
    preferredTerms: preferred && preferred.length > 0 ? preferred : null,
    nominatedNodeName: pod.status?.nominatedNodeName ?? '',
    deleting: meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null,
    startTime,
  };
}
