// models kube-apiserver's request path: DefaultBuildHandlerChain (request info → authentication → impersonation →
// authorization) in front of the REST handlers (decode → mutating admission → validation → validating admission
// → storage). Every stage reports to the trace, so the UI can show where a request went and why it stopped.
import { ApiError, errors, isApiError, type Status } from '../api/status.ts';
import type { KubeObject, UserInfo } from '../api/types.ts';
import type { Clock } from '../clock.ts';
import type { Rng } from '../rng.ts';
import type { Actor, Stage, Tracer } from '../trace/types.ts';
import type { ObjectReader, MutatingPlugin, ValidatingPlugin } from './admission/types.ts';
import type { Authenticator, Credentials } from './authn/authenticators.ts';
import type { AuthorizationAttributes, Authorizer } from './authz/types.ts';
import { UnionAuthorizer } from './authz/unionAuthorizer.ts';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from './discovery.ts';
import { impersonate, readImpersonationHeaders, type ImpersonationCheck } from './impersonation.ts';
import { parseRequestInfo, Query, type RequestInfo } from './requestInfo.ts';
import { lookupKind, lookupResource, type ResourceInfo } from './resources.ts';
import type { Store } from './registry/Store.ts';
import { RestHandler, type RestDeps, type KindStrategy, type TablePrinter, type PatchApplier, type ReviewHandler, type RestResult } from './rest.ts';

export interface ApiRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string, with or without the leading "?". */
  query?: string;
  /** Header names in any case; repeated headers as arrays. */
  headers?: Record<string, string | string[] | undefined>;
  /** The body as text (JSON or YAML). Protobuf bodies are decoded to JSON by the transport. */
  body?: string;
  /** Verified client-certificate identity, when the transport has one. */
  clientCert?: Credentials['clientCert'];
  /** Who sends it, for the diagram. */
  from?: Actor;
  /** The span of the work that caused this request (e.g. a controller's reconcile), if any. */
  parentSpan?: number;
}

export interface WatchEventOut {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

/** An open watch: events arrive on the engine's clock until it is closed (by the client or timeoutSeconds). */
export interface WatchStream {
  onEvent(listener: (e: WatchEventOut) => void): void;
  onClose(listener: () => void): void;
  close(): void;
}

export interface ApiResponse {
  code: number;
  headers: Record<string, string[]>;
  /** JSON value, or a string for text/plain (logs, healthz). */
  body: unknown;
  contentType: string;
  watch?: WatchStream;
  span: number;
}

export interface NonResourceProvider {
  /** Serves /openapi/v3 and /openapi/v3/<gv>; undefined when unknown. */
  openapi(path: string): object | undefined;
}

export interface ApiServerDeps {
  clock: Clock;
  rng: Rng;
  tracer: Tracer;
  store: Store;
  authenticator: Authenticator;
  authorizers: Authorizer[];
  /** Builds the 403 for a request no authorizer allowed (responsewriters.Forbidden). */
  forbidden: (attrs: AuthorizationAttributes, authorizerReason: string) => ApiError;
  mutating: MutatingPlugin[];
  validating: ValidatingPlugin[];
  strategy: KindStrategy;
  printTable: TablePrinter;
  patch: PatchApplier;
  reviews: ReviewHandler;
  nonResource?: NonResourceProvider;
  writeGuard?: RestDeps['writeGuard'];
  podLogs?: RestDeps['podLogs'];
  serverAddress?: string;
  /** Virtual ms between a write and its watch event reaching watchers. */
  watchLatencyMs?: number;
}

export class ApiServer {
  readonly rest: RestHandler;
  readonly reader: ObjectReader;
  private readonly union: UnionAuthorizer;
  /** Spans of the requests being handled (innermost last). */
  private readonly spans: number[] = [];

  constructor(private readonly d: ApiServerDeps) {
    this.union = new UnionAuthorizer(d.authorizers);
    // etcd operations belong to the request being served.
    d.store.wantsEtcdOps = () => d.tracer.active;
    d.store.onEtcdOp = (op) => {
      const span = this.spans[this.spans.length - 1];
      if (span !== undefined) d.tracer.emit(span, null, { type: 'etcd', ...op });
    };
    this.reader = {
      get: (group, resource, namespace, name) => {
        const info = firstVersion(group, resource);
        return info ? d.store.peek(info, namespace, name) : undefined;
      },
      list: (group, resource, namespace) => {
        const info = firstVersion(group, resource);
        return info ? d.store.peekList(info, namespace) : [];
      },
    };
    const { writeGuard, podLogs, ...rest } = d;
    this.rest = new RestHandler({ ...rest, ...(writeGuard ? { writeGuard } : {}), ...(podLogs ? { podLogs } : {}), reader: this.reader, watchLatencyMs: d.watchLatencyMs ?? 1 });
  }

  /** Handles one HTTP-shaped request through the whole chain. Never throws. */
  handle(req: ApiRequest): ApiResponse {
    const { tracer } = this.d;
    const span = tracer.newSpan();
    const from: Actor = req.from ?? 'client';
    const query = new Query(req.query ?? '');
    const header = headerReader(req.headers ?? {});
    const warnings: string[] = [];
    // Trace bodies are built only when someone reads the trace.
    if (tracer.active) tracer.emit(span, req.parentSpan ?? null, {
      type: 'request', from, to: 'kube-apiserver', method: req.method.toUpperCase(),
      path: req.path + (req.query ? (req.query.startsWith('?') ? req.query : `?${req.query}`) : ''),
      ...(header('content-type')[0] ? { contentType: header('content-type')[0] } : {}),
    });
    const stage = (s: Stage, outcome: 'ok' | 'denied' | 'error' | 'skipped', detail: string): void =>
      tracer.emit(span, req.parentSpan ?? null, { type: 'stage', stage: s, outcome, detail });

    let response: ApiResponse;
    this.spans.push(span);
    try {
      // 1. Request info: needs nothing but the URL, and everything after needs it.
      const info = parseRequestInfo(req.method, req.path, query);
      if (tracer.active) stage('requestInfo', 'ok', info.isResourceRequest
        ? `${info.verb} ${info.resource}${info.subresource ? '/' + info.subresource : ''}${info.name ? ' ' + info.name : ''}${info.namespace ? ' in ' + info.namespace : ''}`
        : `${info.verb} ${info.path} (non-resource)`);

      // 2. Authentication.
      const user = this.authenticate(req, header, span);
      // 3. Impersonation: after authentication (it authorizes the real user), before authorization.
      const effective = this.impersonate(user, header, span);
      // 4. Authorization.
      this.authorize(info, effective, span, query.get('fieldSelector') ?? '');
      // 5. The handler.
      const result = this.dispatch(info, req, query, header, effective, span, warnings);
      response = this.respond(result, span, warnings);
    } catch (e) {
      response = this.errorResponse(e, span, warnings);
    } finally {
      this.spans.pop();
    }
    if (tracer.active) tracer.emit(span, req.parentSpan ?? null, {
      type: 'response', from: 'kube-apiserver', to: from, code: response.code,
      ...(isStatus(response.body) && response.code >= 400 ? { status: response.body } : {}),
      summary: summarize(response),
    });
    return response;
  }

  private authenticate(req: ApiRequest, header: HeaderReader, span: number): UserInfo {
    const creds: Credentials = {};
    const auth = header('authorization')[0];
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
      if (m) creds.bearerToken = m[1] ?? '';
    }
    if (req.clientCert) creds.clientCert = req.clientCert;
    const res = this.d.authenticator.authenticate(creds);
    if (this.d.tracer.active) this.d.tracer.emit(span, req.parentSpan ?? null, res.ok
      ? { type: 'authn', authenticator: res.authenticator, user: res.user, ok: true }
      : { type: 'authn', authenticator: res.authenticator, user: null, ok: false, reason: res.reason });
    if (!res.ok) throw errors.unauthorized();
    return res.user;
  }

  private impersonate(user: UserInfo, header: HeaderReader, span: number): UserInfo {
    const h = readImpersonationHeaders(header, header.names());
    if (!h) return user;
    const checks: ImpersonationCheck[] = [];
    try {
      const impersonated = impersonate(user, h, this.union, checks);
      this.d.tracer.emit(span, null, { type: 'impersonation', requestor: user.name, impersonated, checks });
      return impersonated;
    } catch (e) {
      this.d.tracer.emit(span, null, { type: 'impersonation', requestor: user.name, impersonated: { name: h.user ?? '', groups: h.groups }, checks });
      throw e;
    }
  }

  /** The authorizer chain as one authorizer (impersonation checks and reviews ask it too). */
  get authorizer(): UnionAuthorizer {
    return this.union;
  }

  private authorize(info: RequestInfo, user: UserInfo, span: number, fieldSelector: string): void {
    const attrs = attributesFor(info, user, fieldSelector);
    const result = this.union.authorizeEach(attrs, (a, r) => {
      if (!this.d.tracer.active) return;
      this.d.tracer.emit(span, null, {
        type: 'authz', authorizer: a.name, decision: r.decision, reason: r.reason, considered: r.considered,
        ...(r.match ? { match: r.match } : {}),
        attributes: {
          user: user.name, groups: user.groups, verb: attrs.verb, namespace: attrs.namespace, apiGroup: attrs.apiGroup,
          resource: attrs.resource, subresource: attrs.subresource, name: attrs.name, path: attrs.path, resourceRequest: attrs.resourceRequest,
        },
      });
    });
    if (result.decision === 'Allow') return;
    throw this.d.forbidden(attrs, result.reason);
  }

  private dispatch(info: RequestInfo, req: ApiRequest, query: Query, header: HeaderReader, user: UserInfo, span: number, warnings: string[]): RestResult {
    if (!info.isResourceRequest) return this.nonResource(info, req);
    const resInfo = lookupResource(info.apiGroup, info.apiVersion, info.resource);
    if (!resInfo) throw errors.pathNotFound();
    if (info.subresource !== '' && !(info.subresource in resInfo.subresources)) throw errors.pathNotFound();
    return this.rest.handle({ info, resInfo, req, query, header, user, span, warnings });
  }

  private nonResource(info: RequestInfo, req: ApiRequest): RestResult {
    const method = req.method.toUpperCase();
    const path = info.path.replace(/\/+$/, '') || '/';
    if (method !== 'GET' && method !== 'HEAD') throw errors.methodNotAllowed();
    if (path === '/version') return { code: 200, body: SERVER_VERSION };
    if (path === '/api') return { code: 200, body: apiVersions(this.d.serverAddress ?? '127.0.0.1:6443') };
    if (path === '/apis') return { code: 200, body: apiGroupList() };
    if (path === '/healthz' || path === '/livez' || path === '/readyz') return { code: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
    let m: RegExpExecArray | null;
    if ((m = /^\/api\/([^/]+)$/.exec(path))) {
      const list = apiResourceList('', m[1] ?? '');
      if (list) return { code: 200, body: list };
    } else if ((m = /^\/apis\/([^/]+)$/.exec(path))) {
      const g = apiGroup(m[1] ?? '');
      if (g) return { code: 200, body: g };
    } else if ((m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path))) {
      const list = apiResourceList(m[1] ?? '', m[2] ?? '');
      if (list) return { code: 200, body: list };
    } else if (path.startsWith('/openapi/v3')) {
      const doc = this.d.nonResource?.openapi(path);
      if (doc) return { code: 200, body: doc };
    }
    return { code: 404, body: '404 page not found\n', contentType: 'text/plain; charset=utf-8' };
  }

  private respond(result: RestResult, span: number, warnings: string[]): ApiResponse {
    const headers: Record<string, string[]> = {};
    if (warnings.length > 0) headers['warning'] = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
    const res: ApiResponse = { code: result.code, headers, body: result.body, contentType: result.contentType ?? 'application/json', span };
    if (result.watch) res.watch = result.watch;
    return res;
  }

  private errorResponse(e: unknown, span: number, warnings: string[]): ApiResponse {
    const err = isApiError(e) ? e : errors.internal(e instanceof Error ? e.message : String(e));
    if (!isApiError(e)) {
      this.d.tracer.emit(span, null, { type: 'note', actor: 'kube-apiserver', text: `internal error: ${err.message}` });
    }
    const headers: Record<string, string[]> = {};
    if (warnings.length > 0) headers['warning'] = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
    return { code: err.status.code, headers, body: err.status, contentType: 'application/json', span };
  }
}

export type HeaderReader = ((name: string) => string[]) & { names(): string[] };

function headerReader(headers: Record<string, string | string[] | undefined>): HeaderReader {
  const lower = new Map<string, string[]>();
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const key = k.toLowerCase();
    const list = lower.get(key) ?? [];
    list.push(...(Array.isArray(v) ? v : [v]));
    lower.set(key, list);
  }
  const reader = (name: string): string[] => lower.get(name.toLowerCase()) ?? [];
  return Object.assign(reader, { names: () => [...lower.keys()] });
}

export function attributesFor(info: RequestInfo, user: UserInfo, fieldSelector = ''): AuthorizationAttributes {
  const attrs: AuthorizationAttributes = {
    user,
    verb: info.isResourceRequest ? info.verb : nonResourceVerb(info.verb),
    resourceRequest: info.isResourceRequest,
    namespace: info.namespace,
    apiGroup: info.apiGroup,
    apiVersion: info.apiVersion,
    resource: info.resource,
    subresource: info.subresource,
    name: info.name,
    path: info.path,
  };
  // Authorizers may look at a list or watch's field selector (the Node authorizer's spec.nodeName=<node>).
  if (fieldSelector !== '' && (info.verb === 'list' || info.verb === 'watch')) attrs.fieldSelector = fieldSelector;
  return attrs;
}

function nonResourceVerb(method: string): string {
  return method === 'head' ? 'get' : method;
}

/** Listers name a resource without a version: every kind here is served at v1 only. */
function firstVersion(group: string, resource: string): ResourceInfo | undefined {
  return lookupResource(group, 'v1', resource);
}

function isStatus(v: unknown): v is Status {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'Status';
}

function summarize(res: ApiResponse): string {
  if (isStatus(res.body) && res.code >= 400) return `${res.code} ${res.body.reason ?? ''}: ${res.body.message ?? ''}`;
  if (res.watch) return `${res.code} watch stream open`;
  const b = res.body as KubeObject | undefined;
  const kind = b && typeof b === 'object' ? b.kind : undefined;
  const name = b && typeof b === 'object' ? b.metadata?.name : undefined;
  return `${res.code}${kind ? ' ' + kind : ''}${name ? ' ' + name : ''}`;
}

export { lookupKind, ApiError };
