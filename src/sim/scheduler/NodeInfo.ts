// A node with the totals the filters and scores need, kept up to date incrementally as pods are added
// (informer or assume) and removed, so a scheduling cycle reads numbers instead of walking pods.
// models pkg/scheduler/framework/types.go NodeInfo (Requested, NonZeroRequested, Allocatable, UsedPorts,
// ImageStates); no PVC counts or pod-affinity subsets (no plugin of ours reads them).
import type { Node, Taint } from 'kubernetes-types/core/v1';
import { isScalarResourceName, milliValue, quantityValue, type HostPort, type PodInfo, type Resources } from './PodInfo.ts';

export class NodeInfo {
  /** The Node object; undefined while pods are known on a node the informer has not (or no longer) seen. */
  node: Node | undefined;
  readonly name: string;
  allocatable: Resources = { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: null };
  allowedPodNumber = 0;
  readonly requested: Resources = { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: null };
  nonZeroMilliCpu = 0;
  nonZeroMemory = 0;
  /** Pods on the node (bound or assumed), by uid. */
  readonly pods = new Map<string, PodInfo>();
  /** "TCP/80" → host IP → number of pods using it. */
  readonly usedPorts = new Map<string, Map<string, number>>();
  /** Normalized image name → size in bytes, from node.status.images. */
  images = new Map<string, number>();
  taints: readonly Taint[] = [];
  unschedulable = false;
  labels: Readonly<Record<string, string>> = {};
  /** Bumped on every change (framework.NodeInfo.Generation). */
  generation = 0;

  constructor(name: string, node?: Node) {
    this.name = name;
    this.node = undefined;
    if (node) this.setNode(node);
  }

  /** Reads what the plugins need from a (new version of the) Node object. */
  setNode(node: Node): void {
    this.node = node;
    const alloc = (node.status?.allocatable ?? {}) as Record<string, unknown>;
    const a: Resources = { milliCpu: 0, memory: 0, ephemeralStorage: 0, scalar: null };
    let pods = 0;
    for (const name in alloc) {
      const raw = alloc[name];
      if (name === 'cpu') a.milliCpu = milliValue(raw);
      else if (name === 'memory') a.memory = quantityValue(raw);
      else if (name === 'ephemeral-storage') a.ephemeralStorage = quantityValue(raw);
      else if (name === 'pods') pods = quantityValue(raw);
      else if (isScalarResourceName(name)) (a.scalar ??= new Map()).set(name, quantityValue(raw));
    }
    this.allocatable = a;
    this.allowedPodNumber = pods;
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = node.spec?.unschedulable === true;
    this.labels = node.metadata?.labels ?? {};
    const images = new Map<string, number>();
    for (const img of node.status?.images ?? []) for (const n of img.names ?? []) images.set(n, img.sizeBytes ?? 0);
    this.images = images;
    this.generation++;
  }

  addPod(p: PodInfo): void {
    this.pods.set(p.uid, p);
    this.update(p, 1);
  }

  /** Removes the pod with this uid; returns what was removed. */
  removePod(uid: string): PodInfo | undefined {
    const p = this.pods.get(uid);
    if (!p) return undefined;
    this.pods.delete(uid);
    this.update(p, -1);
    return p;
  }

  private update(p: PodInfo, sign: 1 | -1): void {
    const r = this.requested;
    const q = p.requests;
    r.milliCpu += sign * q.milliCpu;
    r.memory += sign * q.memory;
    r.ephemeralStorage += sign * q.ephemeralStorage;
    if (q.scalar) for (const [k, v] of q.scalar) (r.scalar ??= new Map()).set(k, (r.scalar.get(k) ?? 0) + sign * v);
    this.nonZeroMilliCpu += sign * p.nonZeroMilliCpu;
    this.nonZeroMemory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) this.updatePort(hp, sign);
    this.generation++;
  }

  private updatePort(hp: HostPort, sign: 1 | -1): void {
    const key = `${hp.protocol}/${hp.port}`;
    let ips = this.usedPorts.get(key);
    if (!ips) this.usedPorts.set(key, (ips = new Map<string, number>()));
    const n = (ips.get(hp.ip) ?? 0) + sign;
    if (n <= 0) ips.delete(hp.ip);
    else ips.set(hp.ip, n);
    if (ips.size === 0) this.usedPorts.delete(key);
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 conflicts with any IP on the same protocol/port, others with themselves and 0.0.0.0. */
  portConflicts(hp: HostPort): boolean {
    const ips = this.usedPorts.get(`${hp.protocol}/${hp.port}`);
    if (!ips) return false;
    if (hp.ip === '0.0.0.0') return ips.size > 0;
    return ips.has('0.0.0.0') || ips.has(hp.ip);
  }

  /** A copy for what-if evaluation (preemption dry runs, nominated pods): the node is shared, totals are not. */
  clone(): NodeInfo {
    const c = Object.create(NodeInfo.prototype) as NodeInfo;
    const self = this as unknown as Record<string, unknown>;
    Object.assign(c, self);
    const w = c as unknown as { requested: Resources; pods: Map<string, PodInfo>; usedPorts: Map<string, Map<string, number>> };
    w.requested = { ...this.requested, scalar: this.requested.scalar ? new Map(this.requested.scalar) : null };
    w.pods = new Map(this.pods);
    w.usedPorts = new Map([...this.usedPorts].map(([k, v]) => [k, new Map(v)]));
    return c;
  }
}
