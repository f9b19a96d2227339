// The terminal's API client: every request goes through `engine.request` as the terminal's kubeconfig user
// (`from: 'kubectl'`, so the diagram animates it and RBAC applies), with kubectl's impersonation headers.
import type { Status } from '../api/status.ts';
import type { ApiRequest, ApiResponse } from '../apiserver/ApiServer.ts';
import type { Engine } from '../Engine.ts';

/** What `kubectl get` asks for (observed from kubectl v1.32): a Table, falling back to plain JSON. */
export const ACCEPT_TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
export const ACCEPT_JSON = 'application/json';

export interface Impersonation {
  user?: string;
  groups?: string[];
}

export interface SendOptions {
  query?: Record<string, string | undefined>;
  /** A query string sent as given (curl, `get --raw`); used instead of `query`. */
  rawQuery?: string;
  accept?: string;
  body?: unknown;
  contentType?: string;
}

export interface KubeClient {
  send(method: string, path: string, opts?: SendOptions): ApiResponse;
}

/** A client authenticated as kubeconfig user `user`; `--as`/`--as-group` become Impersonate-* headers. */
export function clientFor(engine: Engine, user: string, as: Impersonation = {}): KubeClient {
  const creds = engine.credentialsFor(user);
  return {
    send(method, path, opts = {}) {
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(creds.headers ?? {})) if (v !== undefined) headers[k] = v;
      headers['accept'] = opts.accept ?? ACCEPT_JSON;
      if (as.user !== undefined) headers['impersonate-user'] = as.user;
      if (as.groups && as.groups.length > 0) headers['impersonate-group'] = as.groups;
      const req: ApiRequest = { method, path, headers, from: 'kubectl' };
      const query = opts.rawQuery ?? encodeQuery(opts.query ?? {});
      if (query !== '') req.query = query;
      if (opts.body !== undefined) {
        req.body = JSON.stringify(opts.body);
        headers['content-type'] = opts.contentType ?? ACCEPT_JSON;
      }
      if (creds.clientCert) req.clientCert = creds.clientCert;
      return engine.request(req);
    },
  };
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}

/** Go's url.Values.Encode: keys sorted, values escaped; undefined values left out. */
export function encodeQuery(params: Record<string, string | undefined>): string {
  return Object.keys(params).filter((k) => params[k] !== undefined).sort()
    .map((k) => `${queryEscape(k)}=${queryEscape(params[k] as string)}`).join('&');
}

/** The response body as a Status, when it is one. */
export function statusOf(res: ApiResponse): Status | undefined {
  const b = res.body as Partial<Status> | null;
  return b !== null && typeof b === 'object' && b.kind === 'Status' ? (b as Status) : undefined;
}

/**
 * What kubectl prints for a failed request (cmdutil.StandardErrorMessage, and checkErr's Invalid case):
 * `Error from server (Reason): message`, `The Pod "x" is invalid: …`, or the Unauthorized login hint.
 */
export function serverErrorText(res: ApiResponse): string {
  const s = statusOf(res);
  const message = s?.message ?? (typeof res.body === 'string' ? res.body : `the server responded with the status code ${res.code} but did not return more information`);
  if (s?.reason === 'Invalid' && s.details?.kind && s.details.name !== undefined) {
    const causes = (s.details.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : c.message ?? ''));
    const detail = causes.length === 1 ? (causes[0] ?? '') : `\n${causes.map((c) => `* ${c}`).join('\n')}`;
    return `The ${s.details.kind} "${s.details.name}" is invalid: ${detail}`;
  }
  if (s?.reason === 'Unauthorized') return `error: You must be logged in to the server (${message})`;
  return s?.reason ? `Error from server (${s.reason}): ${message}` : `Error from server: ${message}`;
}
