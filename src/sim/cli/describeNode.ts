// The text of `kubectl describe node` (v1.32): identity, lease, conditions, capacity, the node's non-terminated
// pods with their requests against allocatable, and its events.
// models staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeNode, describeNodeLease,
// describeNodeResource) and component-helpers/resource (PodRequestsAndLimits, simplified: no pod overhead).
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { Quantity, quantityOf } from '../api/quantity.ts';
import { annotationsMultiline, describeEvents, labelsMultiline, PrefixWriter, rfc1123z, since, type DescribeSegment } from './describeFormat.ts';

export interface DescribeNodeInput {
  node: Node;
  /** The node's pods not Succeeded or Failed; undefined when listing them was forbidden. */
  pods: Pod[] | undefined;
  /** The lease, or the error text kubectl shows instead. */
  lease: Lease | string;
  events: Event[] | undefined;
  nowMs: number;
  nodeSpan?: number;
  eventsSpan?: number;
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';

function q(raw: unknown): Quantity {
  return quantityOf(raw) ?? Quantity.zero();
}

export function describeNode({ node, pods, lease, events, nowMs, nodeSpan, eventsSpan }: DescribeNodeInput): DescribeSegment[] {
  const w = new PrefixWriter();
  w.setSpan(nodeSpan);
  const meta = node.metadata ?? {};
  const spec = node.spec ?? {};
  const status = node.status ?? {};
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(meta.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  w.write(0, `Roles:\t${roles.size > 0 ? [...roles].sort().join(',') : '<none>'}\n`);
  labelsMultiline(w, 'Labels', meta.labels);
  annotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  w.write(0, 'Taints:\t');
  const taints = [...(spec.taints ?? [])].sort((a, b) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  if (taints.length === 0) w.write(0, '<none>\n');
  taints.forEach((t, i) => {
    if (i > 0) w.write(0, '\t');
    w.write(0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
  });
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  if (typeof lease === 'string') {
    w.write(0, `Lease:\tFailed to get lease: ${lease}\n`);
  } else {
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  }
  if (status.conditions && status.conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const resourceList = (list: Record<string, unknown>): void => {
    for (const name of Object.keys(list).sort()) w.write(0, `  ${name}:\t${q(list[name]).toString()}\n`);
  };
  if (status.capacity && Object.keys(status.capacity).length > 0) {
    w.write(0, 'Capacity:\n');
    resourceList(status.capacity);
  }
  if (status.allocatable && Object.keys(status.allocatable).length > 0) {
    w.write(0, 'Allocatable:\n');
    resourceList(status.allocatable);
  }
  const info = status.nodeInfo;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs && spec.podCIDRs.length > 0) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  if (pods) nodeResources(w, node, pods, nowMs);
  else w.write(0, 'Pods:\tnot authorized\n');
  if (events) describeEvents(w, events, nowMs, eventsSpan);
  return w.done();
}

/** PodRequestsAndLimits: the containers' sum, raised to any init container's own amount. */
function podRequestsAndLimits(pod: Pod): { req: Map<string, Quantity>; limit: Map<string, Quantity> } {
  const sum = (which: 'requests' | 'limits'): Map<string, Quantity> => {
    const total = new Map<string, Quantity>();
    for (const c of pod.spec?.containers ?? []) {
      for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) total.set(k, (total.get(k) ?? Quantity.zero()).add(q(v)));
    }
    for (const c of pod.spec?.initContainers ?? []) {
      for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) {
        const amount = q(v);
        const cur = total.get(k);
        if (!cur || amount.cmp(cur) > 0) total.set(k, amount);
      }
    }
    return total;
  };
  return { req: sum('requests'), limit: sum('limits') };
}

/** int64(float64(a)/float64(b)*100), as Go truncates the fraction. */
function percent(a: bigint, b: bigint): number {
  return Math.trunc((Number(a) / Number(b)) * 100);
}

function nodeResources(w: PrefixWriter, node: Node, pods: readonly Pod[], nowMs: number): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const capacity = node.status?.capacity ?? {};
  const allocatable: Record<string, unknown> = Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status?.allocatable ?? {} : capacity;
  const allocCpu = q(allocatable['cpu']).milli;
  const allocMem = q(allocatable['memory']).value;
  const zero = Quantity.zero();
  const totals = { req: new Map<string, Quantity>(), limit: new Map<string, Quantity>() };
  for (const pod of pods) {
    const { req, limit } = podRequestsAndLimits(pod);
    for (const [k, v] of req) totals.req.set(k, (totals.req.get(k) ?? Quantity.zero()).add(v));
    for (const [k, v] of limit) totals.limit.set(k, (totals.limit.get(k) ?? Quantity.zero()).add(v));
    const cpuReq = req.get('cpu') ?? zero;
    const cpuLim = limit.get('cpu') ?? zero;
    const memReq = req.get('memory') ?? zero;
    const memLim = limit.get('memory') ?? zero;
    w.write(1, `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${cpuReq.toString()} (${percent(cpuReq.milli, allocCpu)}%)\t${cpuLim.toString()} (${percent(cpuLim.milli, allocCpu)}%)\t` +
      `${memReq.toString()} (${percent(memReq.value, allocMem)}%)\t${memLim.toString()} (${percent(memLim.value, allocMem)}%)\t${since(pod.metadata?.creationTimestamp, nowMs)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const row = (name: string, useMilli: boolean): void => {
    const r = totals.req.get(name) ?? zero;
    const l = totals.limit.get(name) ?? zero;
    const alloc = useMilli ? q(allocatable[name]).milli : q(allocatable[name]).value;
    const pr = alloc === 0n ? 0 : percent(useMilli ? r.milli : r.value, alloc);
    const pl = alloc === 0n ? 0 : percent(useMilli ? l.milli : l.value, alloc);
    w.write(1, `${name}\t${r.toString()} (${pr}%)\t${l.toString()} (${pl}%)\n`);
  };
  row('cpu', true);
  row('memory', false);
  row('ephemeral-storage', false);
  const names = Object.keys(allocatable).sort();
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) row(name, false);
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  for (const ext of names.filter((n) => !n.startsWith('hugepages-') && !standard.has(n) && !n.startsWith('requests.') && !n.startsWith('limits.'))) {
    w.write(1, `${ext}\t${(totals.req.get(ext) ?? zero).toString()}\t${(totals.limit.get(ext) ?? zero).toString()}\n`);
  }
}
