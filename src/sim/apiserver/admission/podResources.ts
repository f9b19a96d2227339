// Resource lists as maps of quantities, and a pod's effective requests and limits.
// models pkg/api/v1/resource/helpers.go (PodRequests / PodLimits), without pod-level resources and
// in-place resize (both feature-gated off in v1.32).
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { quantityOf, type Quantity } from '../../api/quantity.ts';
import { byteOrder } from './admissionErrors.ts';

/** A ResourceList (`{cpu: "500m", memory: "1Gi"}`) parsed; entries that are not quantities are skipped. */
export type ResourceQuantities = Map<string, Quantity>;

export function resourceListOf(list: unknown): ResourceQuantities {
  const out: ResourceQuantities = new Map();
  if (list === null || typeof list !== 'object') return out;
  for (const [name, raw] of Object.entries(list as Record<string, unknown>)) {
    const q = quantityOf(raw);
    if (q) out.set(name, q);
  }
  return out;
}

/** The list as JSON, keys sorted as Go serialises a map, values in canonical form. */
export function resourceListJson(list: ResourceQuantities): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...list.keys()].sort(byteOrder)) out[name] = String(list.get(name));
  return out;
}

/** addResourceList: adds every entry of `more` into `into`. */
export function addResourceList(into: ResourceQuantities, more: ResourceQuantities): void {
  for (const [name, q] of more) {
    const have = into.get(name);
    into.set(name, have ? have.add(q) : q);
  }
}

/** maxResourceList: keeps, per entry of `more`, the larger of the two. */
export function maxResourceList(into: ResourceQuantities, more: ResourceQuantities): void {
  for (const [name, q] of more) {
    const have = into.get(name);
    if (!have || q.cmp(have) > 0) into.set(name, q);
  }
}

export interface PodResourcesOptions {
  /** Leave out spec.overhead (LimitRanger does; quota and the scheduler count it). */
  excludeOverhead?: boolean;
}

type Which = 'requests' | 'limits';

function containerList(c: Container, which: Which): ResourceQuantities {
  return resourceListOf(c.resources?.[which]);
}

/** Containers add up; init containers run one at a time, so the pod needs the largest of them,
 *  except restartable (sidecar) init containers, which keep running and add up too. */
function aggregate(pod: Pod, which: Which): ResourceQuantities {
  const total: ResourceQuantities = new Map();
  for (const c of pod.spec?.containers ?? []) addResourceList(total, containerList(c, which));
  const sidecars: ResourceQuantities = new Map();
  const initMax: ResourceQuantities = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = containerList(c, which);
    let effective: ResourceQuantities;
    if (c.restartPolicy === 'Always') {
      addResourceList(total, own);
      addResourceList(sidecars, own);
      effective = sidecars;
    } else {
      effective = new Map();
      addResourceList(effective, own);
      addResourceList(effective, sidecars);
    }
    maxResourceList(initMax, effective);
  }
  maxResourceList(total, initMax);
  return total;
}

export function podRequests(pod: Pod, opts: PodResourcesOptions = {}): ResourceQuantities {
  const reqs = aggregate(pod, 'requests');
  if (!opts.excludeOverhead) addResourceList(reqs, resourceListOf(pod.spec?.overhead));
  return reqs;
}

export function podLimits(pod: Pod, opts: PodResourcesOptions = {}): ResourceQuantities {
  const limits = aggregate(pod, 'limits');
  if (!opts.excludeOverhead) {
    // Overhead only raises limits that are set: an unset limit stays unlimited.
    for (const [name, q] of resourceListOf(pod.spec?.overhead)) {
      const have = limits.get(name);
      if (have) limits.set(name, have.add(q));
    }
  }
  return limits;
}
