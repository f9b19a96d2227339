// The QoS class the apiserver stamps on a Pod at creation.
// models pkg/apis/core/helper/qos/qos.go (ComputePodQOS; pod-level resources are alpha and off in v1.32)
import type { Pod } from 'kubernetes-types/core/v1';
import { quantityOf, type Quantity } from '../../api/quantity.ts';

export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const qosResources = ['cpu', 'memory'];

function add(total: Map<string, Quantity>, name: string, q: Quantity): void {
  const prev = total.get(name);
  total.set(name, prev ? prev.add(q) : q);
}

export function computePodQOS(pod: Pod): PodQOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  // Ephemeral containers cannot set resources and are not considered.
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const [name, raw] of Object.entries(c.resources?.requests ?? {})) {
      const q = quantityOf(raw);
      if (qosResources.includes(name) && q && q.nanos > 0n) add(requests, name, q);
    }
    const limitsFound = new Set<string>();
    for (const [name, raw] of Object.entries(c.resources?.limits ?? {})) {
      const q = quantityOf(raw);
      if (qosResources.includes(name) && q && q.nanos > 0n) {
        limitsFound.add(name);
        add(limits, name, q);
      }
    }
    if (!limitsFound.has('cpu') || !limitsFound.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || lim.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
