// models client-go's SharedInformer (tools/cache reflector + indexer): list, then watch from the list's
// resourceVersion, keep a local cache, tell handlers of adds, updates and deletes; relist when the watch ends
// or the apiserver answers 410 Gone.
import type { KubeObject } from '../api/types.ts';
import type { Clock } from '../clock.ts';
import type { WatchEventOut, WatchStream } from '../apiserver/ApiServer.ts';
import type { Client } from './Client.ts';
import type { ResourceRef } from './paths.ts';

export interface InformerHandlers<T> {
  onAdd?(obj: T): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T): void;
}

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Virtual ms before retrying after a failed list or watch. */
  retryMs?: number;
}

export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata?.namespace ?? '';
  const name = obj.metadata?.name ?? '';
  return ns === '' ? name : `${ns}/${name}`;
}

export class Informer<T extends KubeObject = KubeObject> {
  private readonly cache = new Map<string, T>();
  private readonly handlers: InformerHandlers<T>[] = [];
  private stream: WatchStream | undefined;
  private resourceVersion = '';
  private synced = false;
  private stopped = false;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    readonly ref: ResourceRef,
    private readonly opts: InformerOptions = {},
  ) {}

  addHandlers(h: InformerHandlers<T>): void {
    this.handlers.push(h);
    // Late handlers see what is already cached, as AddEventHandler replays it.
    if (this.synced) for (const o of this.cache.values()) h.onAdd?.(o);
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  get(namespace: string, name: string): T | undefined {
    return this.cache.get(namespace === '' ? name : `${namespace}/${name}`);
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  start(): void {
    this.stopped = false;
    this.relist();
  }

  stop(): void {
    this.stopped = true;
    this.stream?.close();
    this.stream = undefined;
  }

  private query(): { labelSelector?: string; fieldSelector?: string } {
    const q: { labelSelector?: string; fieldSelector?: string } = {};
    if (this.opts.labelSelector) q.labelSelector = this.opts.labelSelector;
    if (this.opts.fieldSelector) q.fieldSelector = this.opts.fieldSelector;
    return q;
  }

  private retry(): void {
    if (this.stopped) return;
    this.clock.schedule(this.opts.retryMs ?? 1000, `informer ${this.ref.resource} retry`, () => this.relist());
  }

  private relist(): void {
    if (this.stopped) return;
    let list;
    try {
      list = this.client.list<T>(this.ref, this.opts.namespace ?? '', this.query());
    } catch {
      this.retry();
      return;
    }
    // Replace: the cache becomes the list; handlers hear the differences.
    const seen = new Set<string>();
    for (const item of list.items) {
      const key = objectKey(item);
      seen.add(key);
      const old = this.cache.get(key);
      this.cache.set(key, item);
      if (!old) this.emitAdd(item);
      else if (old.metadata?.resourceVersion !== item.metadata?.resourceVersion) this.emitUpdate(old, item);
    }
    for (const [key, old] of [...this.cache]) {
      if (!seen.has(key)) {
        this.cache.delete(key);
        this.emitDelete(old);
      }
    }
    this.resourceVersion = list.metadata.resourceVersion ?? '';
    this.synced = true;
    this.watch();
  }

  private watch(): void {
    if (this.stopped) return;
    let stream: WatchStream;
    try {
      stream = this.client.watch(this.ref, this.opts.namespace ?? '', { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, ...this.query() });
    } catch {
      this.retry();
      return;
    }
    this.stream = stream;
    let expired = false;
    stream.onEvent((e) => {
      if (e.type === 'ERROR') {
        expired = true;
        stream.close();
        return;
      }
      this.apply(e);
    });
    stream.onClose(() => {
      if (this.stream === stream) this.stream = undefined;
      if (this.stopped) return;
      // A watch that ended normally resumes from the last version seen; an expired one relists.
      if (expired) this.clock.schedule(0, `informer ${this.ref.resource} relist`, () => this.relist());
      else this.clock.schedule(0, `informer ${this.ref.resource} rewatch`, () => this.watch());
    });
  }

  private apply(e: WatchEventOut): void {
    const obj = e.object as T;
    const rv = obj.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    if (e.type === 'BOOKMARK') return;
    const key = objectKey(obj);
    const old = this.cache.get(key);
    if (e.type === 'DELETED') {
      this.cache.delete(key);
      this.emitDelete(old ?? obj);
      return;
    }
    this.cache.set(key, obj);
    if (old) this.emitUpdate(old, obj);
    else this.emitAdd(obj);
  }

  private emitAdd(o: T): void {
    for (const h of this.handlers) h.onAdd?.(o);
  }

  private emitUpdate(a: T, b: T): void {
    for (const h of this.handlers) h.onUpdate?.(a, b);
  }

  private emitDelete(o: T): void {
    for (const h of this.handlers) h.onDelete?.(o);
  }
}
