// A client-go-like client for the engine's components: every call is a real request through the apiserver's
// handler chain (authenticated as the component, authorized, admitted, traced), never a shortcut into storage.
import { ApiError, type Status } from '../api/status.ts';
import type { KubeObject } from '../api/types.ts';
import type { ApiRequest, ApiResponse, WatchStream } from '../apiserver/ApiServer.ts';
import type { Actor } from '../trace/types.ts';
import { resourcePath, type ResourceRef } from './paths.ts';

/** Anything that serves requests: the engine's apiserver. */
export interface RequestHandler {
  handle(req: ApiRequest): ApiResponse;
}

/** Who a component is: how it authenticates and how the diagram names it. */
export interface ClientIdentity {
  actor: Actor;
  headers?: Record<string, string>;
  clientCert?: ApiRequest['clientCert'];
}

export interface ObjectList<T> {
  items: T[];
  metadata: { resourceVersion?: string; continue?: string };
}

export type PatchType = 'merge' | 'strategic' | 'json';

const patchContentType: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

function toQuery(q: Record<string, string | number | boolean | undefined> | undefined): string {
  if (!q) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) if (v !== undefined) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.join('&');
}

export class Client {
  /** The span of the work this client is doing now (e.g. one scheduling cycle); requests become its children. */
  parentSpan: number | undefined;

  constructor(private readonly server: RequestHandler, readonly identity: ClientIdentity) {}

  /** Sends a request; returns the response whatever its code. */
  raw(method: string, path: string, opts: { query?: Record<string, string | number | boolean | undefined>; body?: unknown; contentType?: string } = {}): ApiResponse {
    const headers: Record<string, string> = { ...(this.identity.headers ?? {}), accept: 'application/json' };
    const req: ApiRequest = { method, path, query: toQuery(opts.query), headers, from: this.identity.actor };
    if (opts.body !== undefined) {
      req.body = JSON.stringify(opts.body);
      headers['content-type'] = opts.contentType ?? 'application/json';
    }
    if (this.identity.clientCert) req.clientCert = this.identity.clientCert;
    if (this.parentSpan !== undefined) req.parentSpan = this.parentSpan;
    return this.server.handle(req);
  }

  /** Sends a request and returns its body, or throws the ApiError its Status describes. */
  call<T>(method: string, path: string, opts: Parameters<Client['raw']>[2] = {}): T {
    const res = this.raw(method, path, opts);
    if (res.code >= 400) throw new ApiError(res.body as Status);
    return res.body as T;
  }

  get<T extends KubeObject>(ref: ResourceRef, namespace: string, name: string, subresource = ''): T {
    return this.call<T>('GET', resourcePath(ref, namespace, name, subresource));
  }

  list<T extends KubeObject>(ref: ResourceRef, namespace = '', query: { labelSelector?: string; fieldSelector?: string; limit?: number; resourceVersion?: string } = {}): ObjectList<T> {
    return this.call<ObjectList<T>>('GET', resourcePath(ref, namespace), { query });
  }

  create<T extends KubeObject>(ref: ResourceRef, namespace: string, obj: T, subresource = '', name = ''): T {
    return this.call<T>('POST', resourcePath(ref, namespace, name, subresource), { body: obj });
  }

  update<T extends KubeObject>(ref: ResourceRef, namespace: string, obj: T, subresource = ''): T {
    return this.call<T>('PUT', resourcePath(ref, namespace, obj.metadata?.name ?? '', subresource), { body: obj });
  }

  patch<T extends KubeObject>(ref: ResourceRef, namespace: string, name: string, type: PatchType, patch: unknown, subresource = ''): T {
    return this.call<T>('PATCH', resourcePath(ref, namespace, name, subresource), { body: patch, contentType: patchContentType[type] });
  }

  delete(ref: ResourceRef, namespace: string, name: string, options: { gracePeriodSeconds?: number; propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; preconditions?: { uid?: string; resourceVersion?: string } } = {}): KubeObject {
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', ...options };
    return this.call<KubeObject>('DELETE', resourcePath(ref, namespace, name), { body });
  }

  /** Opens a watch; throws if the apiserver refuses it. */
  watch(ref: ResourceRef, namespace: string, query: { resourceVersion: string; labelSelector?: string; fieldSelector?: string; allowWatchBookmarks?: boolean; timeoutSeconds?: number }): WatchStream {
    const res = this.raw('GET', resourcePath(ref, namespace), { query: { ...query, watch: true } });
    if (res.code >= 400 || !res.watch) throw new ApiError(res.body as Status);
    return res.watch;
  }
}

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && e.status.code === 404;
}

export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && e.status.code === 409;
}

export function isAlreadyExists(e: unknown): boolean {
  return e instanceof ApiError && e.status.reason === 'AlreadyExists';
}
