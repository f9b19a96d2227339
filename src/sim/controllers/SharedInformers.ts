// models client-go's SharedInformerFactory as kube-controller-manager uses it: one list+watch per resource, made
// with the controller-manager's own credentials (CN=system:kube-controller-manager, allowed to list and watch
// everything), shared by every controller; each controller writes with its own ServiceAccount's client.
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import type { Clock } from '../clock.ts';
import type { Client } from '../client/Client.ts';
import { Informer, objectKey } from '../client/Informer.ts';
import type { ResourceRef } from '../client/paths.ts';
import { controllerRefOf } from './controllerUtils.ts';

/** The informer surface controllers use, typed by the kubernetes-types kind it caches. */
export interface TypedInformer<T> {
  readonly hasSynced: boolean;
  get(namespace: string, name: string): T | undefined;
  list(): T[];
  addHandlers(h: { onAdd?(obj: T): void; onUpdate?(oldObj: T, newObj: T): void; onDelete?(obj: T): void }): void;
}

export class SharedInformers {
  private readonly informers = new Map<string, Informer>();
  private readonly started = new Set<string>();
  private podIndex: PodIndex | undefined;

  constructor(readonly client: Client, private readonly clock: Clock) {}

  informer<T = KubeObject>(ref: ResourceRef, namespace = ''): TypedInformer<T> {
    const key = `${ref.group}/${ref.resource}/${namespace}`;
    let inf = this.informers.get(key);
    if (!inf) {
      inf = new Informer(this.client, this.clock, ref, namespace === '' ? {} : { namespace });
      this.informers.set(key, inf);
    }
    return inf as unknown as TypedInformer<T>;
  }

  /** Pods indexed by controlling owner and by node, kept by the shared pod informer. */
  pods(): PodIndex {
    if (!this.podIndex) {
      this.podIndex = new PodIndex();
      this.informer<Pod>({ group: '', version: 'v1', resource: 'pods' }).addHandlers(this.podIndex.handlers());
    }
    return this.podIndex;
  }

  /** Starts every informer not yet started (each lists synchronously, then watches). */
  start(): void {
    for (const [key, inf] of this.informers) {
      if (this.started.has(key)) continue;
      this.started.add(key);
      inf.start();
    }
  }

  stop(): void {
    for (const inf of this.informers.values()) inf.stop();
    this.started.clear();
  }
}

/** The indexes controllers use to find pods without scanning them all (cache.Indexer with extra indexers). */
export class PodIndex {
  readonly byKey = new Map<string, Pod>();
  private readonly owner = new Map<string, Map<string, Pod>>();
  private readonly node = new Map<string, Map<string, Pod>>();
  private readonly ns = new Map<string, Map<string, Pod>>();
  private readonly orphans = new Map<string, Map<string, Pod>>();

  /** Pods whose controller reference names this uid. */
  ownedBy(uid: string): Iterable<Pod> {
    return this.owner.get(uid)?.values() ?? [];
  }

  /** Pods of a namespace that no controller owns (candidates for adoption). */
  orphansIn(namespace: string): Pod[] {
    return [...(this.orphans.get(namespace)?.values() ?? [])];
  }

  onNode(node: string): Pod[] {
    return [...(this.node.get(node)?.values() ?? [])];
  }

  inNamespace(namespace: string): Pod[] {
    return [...(this.ns.get(namespace)?.values() ?? [])];
  }

  handlers(): { onAdd(p: Pod): void; onUpdate(a: Pod, b: Pod): void; onDelete(p: Pod): void } {
    return {
      onAdd: (p) => this.put(p),
      onUpdate: (a, b) => { this.remove(a); this.put(b); },
      onDelete: (p) => this.remove(p),
    };
  }

  private put(p: Pod): void {
    const key = objectKey(p as KubeObject);
    this.byKey.set(key, p);
    add(this.ns, p.metadata?.namespace ?? '', key, p);
    const ref = controllerRefOf(p as KubeObject);
    if (ref) add(this.owner, ref.uid, key, p);
    else add(this.orphans, p.metadata?.namespace ?? '', key, p);
    const n = p.spec?.nodeName;
    if (n) add(this.node, n, key, p);
  }

  private remove(p: Pod): void {
    const key = objectKey(p as KubeObject);
    this.byKey.delete(key);
    del(this.ns, p.metadata?.namespace ?? '', key);
    const ref = controllerRefOf(p as KubeObject);
    if (ref) del(this.owner, ref.uid, key);
    else del(this.orphans, p.metadata?.namespace ?? '', key);
    const n = p.spec?.nodeName;
    if (n) del(this.node, n, key);
  }
}

function add(m: Map<string, Map<string, Pod>>, k: string, key: string, p: Pod): void {
  let inner = m.get(k);
  if (!inner) m.set(k, (inner = new Map<string, Pod>()));
  inner.set(key, p);
}

function del(m: Map<string, Map<string, Pod>>, k: string, key: string): void {
  const inner = m.get(k);
  if (!inner) return;
  inner.delete(key);
  if (inner.size === 0) m.delete(k);
}
