// A kubelet for every Node, as kwok gives every Node object a simulated kubelet: it watches Nodes and starts a
// Kubelet (with its own containerd) when one appears — the scenario's nodes and any created through the API —
// and stops it when the Node is deleted. Also the failure-injection surface the UI offers, and the pods/log
// provider for the apiserver.
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../api/quantity.ts';
import { errors } from '../api/status.ts';
import type { KubeObject } from '../api/types.ts';
import type { Clock } from '../clock.ts';
import type { Rng } from '../rng.ts';
import type { Tracer } from '../trace/types.ts';
import type { Client } from '../client/Client.ts';
import { Informer } from '../client/Informer.ts';
import { RES } from '../client/paths.ts';
import { ContainerRuntime } from '../runtime/ContainerRuntime.ts';
import { crictlImages, crictlPods, crictlPs } from '../runtime/crictl.ts';
import { ImageRegistry } from '../runtime/ImageRegistry.ts';
import { Kubelet, type KubeletOptions } from './Kubelet.ts';

export interface NodeManagerDeps {
  clock: Clock;
  rng: Rng;
  tracer: Tracer;
  /** Lists and watches Nodes (kwok's own identity). */
  client: Client;
  /** A client authenticated as the node: CN=system:node:<node>, O=system:nodes. */
  kubeletClient: (node: string) => Client;
  registry?: ImageRegistry;
  kubelet?: KubeletOptions;
}

interface Managed {
  kubelet: Kubelet;
  runtime: ContainerRuntime;
}

export class NodeManager {
  readonly registry: ImageRegistry;
  private readonly nodes = new Map<string, Managed>();
  private informer: Informer<Node & KubeObject> | undefined;
  private seen = 0;

  constructor(private readonly d: NodeManagerDeps) {
    this.registry = d.registry ?? new ImageRegistry(d.rng);
  }

  start(): void {
    this.informer = new Informer<Node & KubeObject>(this.d.client, this.d.clock, RES.nodes);
    this.informer.addHandlers({
      onAdd: (n) => this.add(n),
      onDelete: (n) => this.remove(n.metadata?.name ?? ''),
    });
    this.informer.start();
  }

  stop(): void {
    this.informer?.stop();
    for (const m of this.nodes.values()) m.kubelet.stop();
  }

  private add(node: Node): void {
    const name = node.metadata?.name ?? '';
    if (name === '' || this.nodes.has(name)) return;
    const index = this.seen++;
    const cpus = Number(parseQuantity(String(node.status?.capacity?.cpu ?? '4')).value) || 4;
    const runtime = new ContainerRuntime({ node: name, clock: this.d.clock, rng: this.d.rng, tracer: this.d.tracer, registry: this.registry, cpus });
    const kubelet = new Kubelet({
      node: name, clock: this.d.clock, rng: this.d.rng, tracer: this.d.tracer, client: this.d.kubeletClient(name), runtime,
      options: { fallbackPodCIDR: `10.244.${100 + index}.0/24`, fallbackAddress: `192.168.49.${100 + index}`, ...this.d.kubelet },
    });
    this.nodes.set(name, { kubelet, runtime });
    kubelet.start();
  }

  private remove(name: string): void {
    const m = this.nodes.get(name);
    if (!m) return;
    m.kubelet.stop();
    m.runtime.killAll();
    this.nodes.delete(name);
  }

  kubelet(node: string): Kubelet | undefined {
    return this.nodes.get(node)?.kubelet;
  }

  runtime(node: string): ContainerRuntime | undefined {
    return this.nodes.get(node)?.runtime;
  }

  nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  /** The apiserver's pods/log hook (RestDeps.podLogs): reads from the kubelet of the pod's node. */
  readonly podLogs = (pod: KubeObject, container: string, opts: { tailLines?: number; previous: boolean }): string => {
    const p = pod as Pod;
    const k = this.kubelet(p.spec?.nodeName ?? '');
    if (!k) throw errors.badRequest(`container "${container}" in pod "${p.metadata?.name ?? ''}" is waiting to start: ContainerCreating`);
    return k.logs(p, container, opts);
  };

  /** `crictl ps [-a]`, `crictl pods`, `crictl images` on a node, as crictl v1.32 prints them. */
  crictl(node: string, command: 'ps' | 'pods' | 'images', opts: { all?: boolean } = {}): string | undefined {
    const rt = this.runtime(node);
    if (!rt) return undefined;
    const now = this.d.clock.wallMs();
    switch (command) {
      case 'ps': return crictlPs(rt, now, opts);
      case 'pods': return crictlPods(rt, now);
      case 'images': return crictlImages(rt);
    }
  }

  // ---- failure injection ----------------------------------------------------------------------------------

  /** Stops or restarts a node's kubelet: a stopped one renews no Lease and posts no status; containers run on. */
  setKubeletRunning(node: string, running: boolean): void {
    const k = this.kubelet(node);
    if (!k) return;
    if (running) k.start();
    else k.stop();
  }

  /** A registry outage for one image: pulls fail with 503 until restored. */
  setImageUnavailable(image: string, unavailable: boolean): void {
    this.registry.setUnavailable(image, unavailable);
  }

  /** Holds back node resources no pod accounts for: later pods are rejected with OutOfcpu / OutOfmemory. */
  fillNode(node: string, reserve: { cpu?: string; memory?: string } | undefined): void {
    const k = this.kubelet(node);
    if (!k) return;
    k.reservation = {
      cpuMilli: reserve?.cpu ? Number(parseQuantity(reserve.cpu).milli) : 0,
      memoryBytes: reserve?.memory ? Number(parseQuantity(reserve.memory).value) : 0,
    };
  }
}
