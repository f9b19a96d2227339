// models staging/src/k8s.io/apiserver/pkg/endpoints/handlers (create.go, update.go, patch.go, delete.go, get.go,
// watch.go) over the generic registry (pkg/registry/generic/registry/store.go).
import { ApiError, errors, successStatus, type GroupResource } from '../api/status.ts';
import type { FieldError } from '../api/field.ts';
import { apiVersionOf, deepClone, type KubeObject, type UserInfo, type Json } from '../api/types.ts';
import type { Clock } from '../clock.ts';
import { parseRfc3339 } from '../clock.ts';
import type { Rng } from '../rng.ts';
import type { Tracer } from '../trace/types.ts';
import { jsonDiff } from '../util/jsonDiff.ts';
import { decodeTyped, parseYamlOrJson } from './decode.ts';
import type { AdmissionAttributes, AdmissionContext, MutatingPlugin, ObjectReader, Operation, ValidatingPlugin } from './admission/types.ts';
import type { HeaderReader, ApiRequest, WatchStream, WatchEventOut } from './ApiServer.ts';
import type { RequestInfo, Query } from './requestInfo.ts';
import { etcdKey, lookupResource, type ResourceInfo } from './resources.ts';
import type { Store, StoredWatchEvent } from './registry/Store.ts';
import { parseFieldSelector, parseLabelSelector } from './selectors.ts';

/** Per-kind behaviour: defaulting, strategies and validation (each group's v1 defaults.go and registry strategy.go). */
export interface KindStrategy {
  applyDefaults(group: string, version: string, kind: string, obj: KubeObject): void;
  prepareForCreate(kind: string, obj: KubeObject): void;
  prepareForUpdate(kind: string, obj: KubeObject, old: KubeObject): void;
  prepareForStatusUpdate(kind: string, obj: KubeObject, old: KubeObject): void;
  validateCreate(kind: string, obj: KubeObject, namespaced: boolean): FieldError[];
  validateUpdate(kind: string, obj: KubeObject, old: KubeObject, namespaced: boolean): FieldError[];
  /** Field paths the schema does not know (for fieldValidation=Strict|Warn), e.g. spec.containers[0].imagee. */
  unknownFields(group: string, version: string, kind: string, obj: KubeObject): string[];
  /** The whole BadRequest message for strict decoding errors (`unknown field "x"` texts). */
  strictDecodingMessage(kind: string, version: string, errors: string[]): string;
}

export type TablePrinter = (group: string, resource: string, objects: KubeObject[], opts: {
  nowMs: number; includeObject: 'None' | 'Object' | 'Metadata';
  listMeta?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
}) => { columnDefinitions?: unknown[]; rows?: unknown[]; [k: string]: unknown };

export interface PatchApplier {
  merge(original: Json, patch: Json): Json;
  json(original: Json, ops: Json): Json;
  strategic(original: Json, patch: Json, gvk: { group: string; version: string; kind: string }): Json;
}

/** SelfSubjectAccessReview and friends: create-only kinds answered from the authorizers. */
export interface ReviewHandler {
  create(resource: ResourceInfo, obj: KubeObject, user: UserInfo, namespace: string): KubeObject;
}

export interface RestResult {
  code: number;
  body: unknown;
  contentType?: string;
  watch?: WatchStream;
}

export interface RestDeps {
  clock: Clock;
  rng: Rng;
  tracer: Tracer;
  store: Store;
  reader: ObjectReader;
  mutating: MutatingPlugin[];
  validating: ValidatingPlugin[];
  strategy: KindStrategy;
  printTable: TablePrinter;
  patch: PatchApplier;
  reviews: ReviewHandler;
  watchLatencyMs: number;
  /**
   * Checks a write may be made by this user beyond authorization (RBAC's escalation check on roles and
   * bindings, done in the RBAC registry upstream). Returns the error to answer, if any.
   */
  writeGuard?: (resInfo: ResourceInfo, obj: KubeObject, old: KubeObject | undefined, user: UserInfo, namespace: string, requestName: string) => ApiError | undefined;
  /** Serves pods/<name>/log; the kubelet side provides it once nodes run containers. */
  podLogs?: (pod: KubeObject, container: string, opts: { tailLines?: number; previous: boolean }) => string;
}

export interface RestCall {
  info: RequestInfo;
  resInfo: ResourceInfo;
  req: ApiRequest;
  query: Query;
  header: HeaderReader;
  user: UserInfo;
  span: number;
  warnings: string[];
  /** The admission context, made once per request. */
  admission?: AdmissionContext;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function gr(info: ResourceInfo): GroupResource {
  return { group: info.group, resource: info.resource };
}

export class RestHandler {
  constructor(private readonly d: RestDeps) {}

  handle(c: RestCall): RestResult {
    const { info, resInfo } = c;
    if (info.subresource === '' && !resInfo.verbs.includes(info.verb)) throw errors.methodNotAllowed();
    // A namespaced resource addressed without a namespace exists only as a collection to list or watch.
    if (resInfo.namespaced && info.namespace === '' && !['list', 'watch'].includes(info.verb)) throw errors.pathNotFound();
    switch (info.subresource) {
      case '':
        return this.main(c);
      case 'status':
        return this.statusSub(c);
      case 'binding':
        return this.binding(c);
      case 'scale':
        return this.scale(c);
      case 'log':
        return this.log(c);
      case 'finalize':
        return this.finalize(c);
      default:
        throw errors.methodNotAllowed();
    }
  }

  private main(c: RestCall): RestResult {
    switch (c.info.verb) {
      case 'get': return { code: 200, body: this.maybeTable(c, [this.get(c)], false) };
      case 'list': return this.list(c);
      case 'watch': return this.watch(c);
      case 'create': return this.create(c);
      case 'update': return this.update(c, 'main');
      case 'patch': return this.patchReq(c, 'main');
      case 'delete': return this.delete(c);
      case 'deletecollection': return this.deleteCollection(c);
      default: throw errors.methodNotAllowed();
    }
  }

  // ---- reads ----------------------------------------------------------------------------------------------

  private get(c: RestCall): KubeObject {
    const obj = this.d.store.get(c.resInfo, c.info.namespace, c.info.name);
    this.stage(c, 'storage', 'ok', `read ${keyOf(c)}`);
    return withTypeMeta(c.resInfo, obj);
  }

  private wantsTable(c: RestCall): boolean {
    return c.header('accept').some((a) => /as=Table/.test(a) && /g=meta\.k8s\.io/.test(a));
  }

  private maybeTable(c: RestCall, objects: KubeObject[], isList: boolean, listMeta?: { resourceVersion?: string; continue?: string; remainingItemCount?: number }): unknown {
    if (!this.wantsTable(c)) return isList ? undefined : objects[0];
    const include = (c.query.get('includeObject') ?? 'Metadata') as 'None' | 'Object' | 'Metadata';
    return this.d.printTable(c.resInfo.group, c.resInfo.resource, objects, { nowMs: this.d.clock.wallMs(), includeObject: include, ...(listMeta ? { listMeta } : {}) });
  }

  private list(c: RestCall): RestResult {
    const labelSel = parseLabelSelector(c.query.get('labelSelector'));
    const fieldSel = parseFieldSelector(c.query.get('fieldSelector'), c.resInfo.resource);
    const limitText = c.query.get('limit');
    const limit = limitText ? Number(limitText) : undefined;
    const cont = c.query.get('continue') ?? undefined;
    const filter = labelSel.empty && fieldSel.empty ? undefined : (o: KubeObject) => labelSel.matches(o.metadata?.labels) && fieldSel.matches(o);
    const res = this.d.store.list(c.resInfo, c.info.namespace, {
      ...(limit !== undefined && Number.isFinite(limit) ? { limit } : {}),
      ...(cont ? { continueToken: cont } : {}),
      ...(filter ? { filter } : {}),
    });
    this.stage(c, 'storage', 'ok', `list ${res.items.length} ${c.resInfo.resource} at revision ${res.resourceVersion}`);
    const listMeta: { resourceVersion: string; continue?: string; remainingItemCount?: number } = { resourceVersion: res.resourceVersion };
    if (res.continueToken) listMeta.continue = res.continueToken;
    if (res.remainingItemCount !== undefined) listMeta.remainingItemCount = res.remainingItemCount;
    if (this.wantsTable(c)) return { code: 200, body: this.maybeTable(c, res.items.map((o) => withTypeMeta(c.resInfo, o)), true, listMeta) };
    return {
      code: 200,
      body: {
        kind: `${c.resInfo.kind}List`,
        apiVersion: apiVersionOf(c.resInfo.group, c.resInfo.version),
        metadata: listMeta,
        items: res.items.map((o) => withTypeMeta(c.resInfo, o)),
      },
    };
  }

  private watch(c: RestCall): RestResult {
    const { store, clock, tracer } = this.d;
    const labelSel = parseLabelSelector(c.query.get('labelSelector'));
    let fieldSel = parseFieldSelector(c.query.get('fieldSelector'), c.resInfo.resource);
    if (c.info.name !== '') fieldSel = parseFieldSelector(`metadata.name=${c.info.name}`, c.resInfo.resource);
    const matches = (o: KubeObject | undefined): boolean => o !== undefined && labelSel.matches(o.metadata?.labels) && fieldSel.matches(o);
    const rvText = c.query.get('resourceVersion') ?? '';
    const bookmarks = c.query.get('allowWatchBookmarks') === 'true';
    const timeoutSeconds = Number(c.query.get('timeoutSeconds') ?? '0');
    const table = this.wantsTable(c);
    const watcher = (c.req.from ?? 'client');

    const listeners: ((e: WatchEventOut) => void)[] = [];
    const closeListeners: (() => void)[] = [];
    const buffered: WatchEventOut[] = [];
    let closed = false;
    let sentColumns = false;
    const lastSeen = new Map<string, KubeObject>();

    const render = (obj: KubeObject): unknown => {
      if (!table) return withTypeMeta(c.resInfo, obj);
      const t = this.d.printTable(c.resInfo.group, c.resInfo.resource, [withTypeMeta(c.resInfo, obj)], { nowMs: clock.wallMs(), includeObject: (c.query.get('includeObject') ?? 'Metadata') as 'Metadata' });
      if (sentColumns) t.columnDefinitions = [];
      sentColumns = true;
      return t;
    };
    const deliver = (e: WatchEventOut): void => {
      if (closed) return;
      if (listeners.length === 0) buffered.push(e);
      for (const l of listeners) l(e);
    };
    const emitTrace = (type: WatchEventOut['type'], obj: KubeObject): void => {
      tracer.emit(tracer.newSpan(), c.span, {
        type: 'watch', event: type, resource: c.resInfo.resource, namespace: obj.metadata?.namespace ?? '',
        name: obj.metadata?.name ?? '', to: watcher, resourceVersion: obj.metadata?.resourceVersion ?? '',
      });
    };

    let startRevision: number;
    if (rvText === '' || rvText === '0') {
      // "Get State and Start at Most Recent": synthetic ADDED events for what exists now, then changes.
      const initial = store.list(c.resInfo, c.info.namespace, { trace: false });
      startRevision = Number(initial.resourceVersion);
      for (const o of initial.items) {
        if (!matches(o)) continue;
        lastSeen.set(etcdKey(c.resInfo, o.metadata?.namespace ?? '', o.metadata?.name ?? ''), o);
        clock.schedule(this.d.watchLatencyMs, `watch ADDED ${c.resInfo.resource}`, () => { emitTrace('ADDED', o); deliver({ type: 'ADDED', object: render(o) }); });
      }
    } else {
      startRevision = Number(rvText);
      if (!Number.isInteger(startRevision) || startRevision < 0) throw errors.badRequest(`invalid resource version: ${rvText}`);
    }

    let cancel: () => void = () => undefined;
    try {
      // Every watcher of the resource hears every change: this runs once per watcher per write, so it stays lean
      // (the etcd key names the object; the selectors are evaluated once).
      cancel = store.watch(c.resInfo, c.info.namespace, startRevision, (e: StoredWatchEvent) => {
        const key = e.key;
        const was = lastSeen.get(key);
        let type: WatchEventOut['type'] = e.type;
        const selected = matches(e.object);
        const now = e.type !== 'DELETED' && selected;
        const before = was !== undefined || (e.type === 'MODIFIED' && rvText !== '' && rvText !== '0' && selected);
        if (e.type === 'DELETED') {
          lastSeen.delete(key);
          if (!selected && !was) return;
        } else if (now && !was && e.type === 'MODIFIED' && !before) {
          type = 'ADDED';
          lastSeen.set(key, e.object);
        } else if (!now && was) {
          type = 'DELETED';
          lastSeen.delete(key);
        } else if (!now) {
          return;
        } else {
          lastSeen.set(key, e.object);
        }
        const obj = e.object;
        clock.schedule(this.d.watchLatencyMs, `watch ${type} ${c.resInfo.resource}`, () => { emitTrace(type, obj); deliver({ type, object: render(obj) }); });
      });
    } catch (err) {
      if (err instanceof ApiError && err.status.code === 410) {
        // Too old: the stream opens and carries one ERROR event, as the watch cache answers.
        clock.schedule(0, 'watch ERROR', () => deliver({ type: 'ERROR', object: err.status }));
      } else throw err;
    }

    tracer.emit(c.span, null, { type: 'watchOpen', watcher, resource: c.resInfo.resource, namespace: c.info.namespace, resourceVersion: rvText });
    let bookmarkTask: ReturnType<Clock['schedule']> | undefined;
    const scheduleBookmark = (): void => {
      bookmarkTask = clock.schedule(60_000, 'watch BOOKMARK', () => {
        const rv = String(store.etcd.revision);
        deliver({ type: 'BOOKMARK', object: { kind: c.resInfo.kind, apiVersion: apiVersionOf(c.resInfo.group, c.resInfo.version), metadata: { resourceVersion: rv } } });
        scheduleBookmark();
      });
    };
    if (bookmarks) scheduleBookmark();
    const close = (): void => {
      if (closed) return;
      closed = true;
      cancel();
      if (bookmarkTask) clock.cancel(bookmarkTask);
      tracer.emit(c.span, null, { type: 'watchOpen', watcher, resource: c.resInfo.resource, namespace: c.info.namespace, resourceVersion: rvText, closed: true });
      for (const l of closeListeners) l();
    };
    if (timeoutSeconds > 0) clock.schedule(timeoutSeconds * 1000, 'watch timeout', close);
    const stream: WatchStream = {
      onEvent(l) {
        listeners.push(l);
        for (const e of buffered.splice(0)) l(e);
      },
      onClose(l) { closeListeners.push(l); },
      close,
    };
    return { code: 200, body: undefined, watch: stream };
  }

  // ---- writes ---------------------------------------------------------------------------------------------

  private decodeBody(c: RestCall, expectKind: string, expectGroup: string, expectVersion: string): KubeObject {
    const ct = (c.header('content-type')[0] ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
    if (c.req.body === undefined || c.req.body === '') throw errors.badRequest('the server rejected our request due to an error in our request');
    if (!['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', '*/*', ''].includes(ct)) {
      throw errors.unsupportedMediaType(ct);
    }
    const obj = parseYamlOrJson(c.req.body, ct === 'application/yaml');
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      throw errors.badRequest(`couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(obj) ? 'array' : typeof obj} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
    }
    const o = obj as KubeObject;
    const expectedAV = apiVersionOf(expectGroup, expectVersion);
    if (o.kind === undefined || o.kind === '') o.kind = expectKind;
    if (o.apiVersion === undefined || o.apiVersion === '') o.apiVersion = expectedAV;
    if (o.apiVersion !== expectedAV) {
      throw errors.badRequest(`the API version in the data (${o.apiVersion}) does not match the expected API version (${expectedAV})`);
    }
    if (o.kind !== expectKind) {
      throw errors.badRequest(`${o.kind} in version "${expectVersion}" cannot be handled as a ${expectKind}: no kind "${o.kind}" is registered for version "${expectedAV}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
    }
    if (o.metadata !== undefined && (typeof o.metadata !== 'object' || o.metadata === null || Array.isArray(o.metadata))) {
      throw errors.badRequest(`${expectKind} in version "${expectVersion}" cannot be handled as a ${expectKind}: json: cannot unmarshal ${Array.isArray(o.metadata) ? 'array' : typeof o.metadata} into Go struct field ${expectKind}.metadata of type v1.ObjectMeta`);
    }
    this.typeCheck(o, expectGroup, expectVersion, expectKind);
    this.fieldValidation(c, o, expectGroup, expectVersion, expectKind);
    return o;
  }

  /** Decoding into the Go type: a value of the wrong JSON type is the client's error (400), never ours. */
  private typeCheck(o: KubeObject, group: string, version: string, kind: string): void {
    const err = decodeTyped(group, version, kind, o);
    if (err) throw errors.badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${err}`);
  }

  private fieldValidation(c: RestCall, o: KubeObject, group: string, version: string, kind: string): void {
    const mode = c.query.get('fieldValidation') ?? 'Warn';
    if (mode === 'Ignore') return;
    const unknown = this.d.strategy.unknownFields(group, version, kind, o);
    if (unknown.length === 0) return;
    const messages = unknown.map((f) => `unknown field "${f}"`);
    if (mode === 'Strict') throw errors.badRequest(this.d.strategy.strictDecodingMessage(kind, version, messages));
    c.warnings.push(...messages);
  }

  private dryRun(c: RestCall): boolean {
    const v = c.query.getAll('dryRun');
    for (const x of v) if (x !== 'All') throw errors.badRequest(`Invalid dry run value: ${x}`);
    return v.length > 0;
  }

  private ctx(c: RestCall): AdmissionContext {
    return {
      store: this.d.reader,
      warn: (t) => c.warnings.push(t),
      annotateAudit: (k, v) => this.d.tracer.emit(c.span, null, { type: 'note', actor: 'kube-apiserver', text: `audit annotation ${k}=${v}` }),
      now: () => this.d.clock.timestamp(),
    };
  }

  private admissionAttrs(c: RestCall, op: Operation, obj: KubeObject | undefined, old: KubeObject | undefined, kind: { group: string; version: string; kind: string }, name: string): AdmissionAttributes {
    return {
      operation: op, kind, resource: { group: c.resInfo.group, version: c.resInfo.version, resource: c.resInfo.resource },
      subresource: c.info.subresource, namespace: c.info.namespace, name, object: obj, oldObject: old, userInfo: c.user,
      dryRun: this.dryRun(c),
    };
  }

  private runMutating(c: RestCall, attrs: AdmissionAttributes): void {
    for (const p of this.d.mutating) {
      if (!p.handles(attrs)) continue;
      // The plugin's JSON patch is only worth computing when someone reads the trace.
      const traced = this.d.tracer.active;
      const before = traced && attrs.object ? deepClone(attrs.object) : undefined;
      try {
        p.admit(attrs, c.admission ??= this.ctx(c));
      } catch (e) {
        this.d.tracer.emit(c.span, null, { type: 'admission', plugin: p.name, phase: 'mutating', outcome: 'denied', patch: [], message: e instanceof Error ? e.message : String(e) });
        this.stage(c, 'mutatingAdmission', 'denied', `${p.name}: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }
      if (traced) {
        this.d.tracer.emit(c.span, null, { type: 'admission', plugin: p.name, phase: 'mutating', outcome: 'ok', patch: jsonDiff(before, attrs.object) });
      }
    }
    this.stage(c, 'mutatingAdmission', 'ok', 'admitted');
  }

  private runValidating(c: RestCall, attrs: AdmissionAttributes): void {
    for (const p of this.d.validating) {
      if (!p.handles(attrs)) continue;
      const warningsBefore = c.warnings.length;
      try {
        p.validate(attrs, c.admission ??= this.ctx(c));
      } catch (e) {
        this.d.tracer.emit(c.span, null, { type: 'admission', plugin: p.name, phase: 'validating', outcome: 'denied', patch: [], message: e instanceof Error ? e.message : String(e) });
        this.stage(c, 'validatingAdmission', 'denied', `${p.name}: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }
      if (!this.d.tracer.active) continue;
      const w = c.warnings.slice(warningsBefore);
      this.d.tracer.emit(c.span, null, { type: 'admission', plugin: p.name, phase: 'validating', outcome: 'ok', patch: [], ...(w.length ? { warnings: w } : {}) });
    }
    this.stage(c, 'validatingAdmission', 'ok', 'admitted');
  }

  private validate(c: RestCall, kind: string, obj: KubeObject, old: KubeObject | undefined): void {
    const errs = old === undefined
      ? this.d.strategy.validateCreate(kind, obj, c.resInfo.namespaced)
      : this.d.strategy.validateUpdate(kind, obj, old, c.resInfo.namespaced);
    const name = obj.metadata?.name ?? '';
    if (this.d.tracer.active) this.d.tracer.emit(c.span, null, { type: 'validation', kind, name, ok: errs.length === 0, errors: errs.map((e) => ({ field: e.field, message: e.toString() })) });
    if (errs.length > 0) {
      this.stage(c, 'validation', 'denied', `${errs.length} field error(s)`);
      throw errors.invalid(c.resInfo.group, kind, name, errs);
    }
    this.stage(c, 'validation', 'ok', 'valid');
  }

  private guard(c: RestCall, obj: KubeObject, old: KubeObject | undefined): void {
    const err = this.d.writeGuard?.(c.resInfo, obj, old, c.user, c.info.namespace, c.info.name);
    if (err) {
      this.stage(c, 'storage', 'denied', err.message);
      throw err;
    }
  }

  private create(c: RestCall): RestResult {
    const { resInfo } = c;
    if (resInfo.createOnly) {
      const obj = this.decodeBody(c, resInfo.kind, resInfo.group, resInfo.version);
      if (resInfo.resource === 'bindings') return this.bindingCreate(c, obj, obj.metadata?.name ?? '');
      return { code: 201, body: this.d.reviews.create(resInfo, obj, c.user, c.info.namespace) };
    }
    if (c.info.name !== '') throw errors.methodNotAllowed();
    const obj = this.decodeBody(c, resInfo.kind, resInfo.group, resInfo.version);
    const dryRun = this.dryRun(c);
    obj.metadata = { ...(obj.metadata ?? {}) };
    const meta = obj.metadata;
    if (resInfo.namespaced) {
      if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== c.info.namespace) {
        throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = c.info.namespace;
    } else {
      delete meta.namespace;
    }
    this.d.strategy.applyDefaults(resInfo.group, resInfo.version, resInfo.kind, obj);
    // generateName is resolved before admission so that plugins and the response see the final name.
    if ((meta.name === undefined || meta.name === '') && meta.generateName) meta.name = meta.generateName + this.d.rng.nameSuffix();
    const name = meta.name ?? '';
    const attrs = this.admissionAttrs(c, 'CREATE', obj, undefined, { group: resInfo.group, version: resInfo.version, kind: resInfo.kind }, name);
    this.runMutating(c, attrs);
    // rest.BeforeCreate: the strategy, system fields, then validation.
    const created = attrs.object ?? obj;
    const m = created.metadata ?? (created.metadata = {});
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    this.d.strategy.prepareForCreate(resInfo.kind, created);
    m.uid = this.d.rng.uuid();
    m.creationTimestamp = this.d.clock.timestamp();
    delete m.resourceVersion;
    delete m.selfLink;
    this.validate(c, resInfo.kind, created, undefined);
    this.runValidating(c, attrs);
    this.guard(c, created, undefined);
    const stored = this.d.store.create(resInfo, c.info.namespace, m.name ?? name, created, dryRun);
    this.stage(c, 'storage', 'ok', dryRun ? 'dry run: not persisted' : `created ${keyOf(c, m.name ?? name)}`);
    return { code: 201, body: withTypeMeta(resInfo, stored) };
  }

  /** PUT on the main resource or on status: a guaranteed update with the object's resourceVersion as precondition. */
  private update(c: RestCall, part: 'main' | 'status'): RestResult {
    const { resInfo } = c;
    const obj = this.decodeBody(c, resInfo.kind, resInfo.group, resInfo.version);
    const bodyName = obj.metadata?.name ?? '';
    if (bodyName !== c.info.name) {
      throw errors.badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${c.info.name})`);
    }
    this.d.strategy.applyDefaults(resInfo.group, resInfo.version, resInfo.kind, obj);
    return this.applyUpdate(c, part, () => obj);
  }

  /**
   * `build` gets a private copy of the stored object, or with `buildCopies` the shared frozen snapshot itself, for
   * builders that make their result from a copy anyway (the patch functions copy their input).
   */
  private applyUpdate(c: RestCall, part: 'main' | 'status' | 'finalize', build: (current: KubeObject) => KubeObject, buildCopies = false): RestResult {
    const { resInfo } = c;
    const dryRun = this.dryRun(c);
    const { object, unchanged } = this.d.store.update(resInfo, c.info.namespace, c.info.name, (current, fresh) => {
      const next = build(buildCopies ? current : fresh());
      next.metadata = { ...(next.metadata ?? {}) };
      if (resInfo.namespaced) {
        if (next.metadata.namespace !== undefined && next.metadata.namespace !== '' && next.metadata.namespace !== c.info.namespace) {
          throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
        }
        next.metadata.namespace = c.info.namespace;
      }
      const rv = next.metadata.resourceVersion;
      if (rv !== undefined && rv !== '' && rv !== current.metadata?.resourceVersion) throw errors.staleConflict(gr(resInfo), c.info.name);
      const attrs = this.admissionAttrs(c, 'UPDATE', next, current, { group: resInfo.group, version: resInfo.version, kind: resInfo.kind }, c.info.name);
      this.runMutating(c, attrs);
      const updated = attrs.object ?? next;
      const um = updated.metadata ?? (updated.metadata = {});
      // rest.BeforeUpdate: system fields come from the stored object.
      const cm = current.metadata ?? {};
      if (cm.uid !== undefined) um.uid = cm.uid;
      if (cm.creationTimestamp !== undefined) um.creationTimestamp = cm.creationTimestamp;
      if (cm.deletionTimestamp !== undefined) um.deletionTimestamp = cm.deletionTimestamp; else delete um.deletionTimestamp;
      if (cm.deletionGracePeriodSeconds !== undefined) um.deletionGracePeriodSeconds = cm.deletionGracePeriodSeconds; else delete um.deletionGracePeriodSeconds;
      if (part === 'status') this.d.strategy.prepareForStatusUpdate(resInfo.kind, updated, current);
      else if (part === 'finalize') updated.status = deepClone(current.status); // finalizeUpdateStrategy: only spec.finalizers changes
      else this.d.strategy.prepareForUpdate(resInfo.kind, updated, current);
      this.validate(c, resInfo.kind, updated, current);
      this.runValidating(c, attrs);
      if (part === 'main') this.guard(c, updated, current);
      delete um.resourceVersion;
      return updated;
    }, dryRun);
    this.stage(c, 'storage', 'ok', unchanged ? 'no change: nothing written' : dryRun ? 'dry run: not persisted' : `updated ${keyOf(c)}`);
    // A stored object that is now deletable (terminating, no finalizers left) is removed, as the registry does.
    const final = this.finishIfDeletable(c, object, dryRun);
    return { code: 200, body: withTypeMeta(resInfo, final) };
  }

  private finishIfDeletable(c: RestCall, obj: KubeObject, dryRun: boolean): KubeObject {
    const m = obj.metadata ?? {};
    if (dryRun || m.deletionTimestamp === undefined || (m.finalizers?.length ?? 0) > 0) return obj;
    if (m.deletionGracePeriodSeconds !== undefined && m.deletionGracePeriodSeconds > 0) return obj;
    if (c.resInfo.resource === 'namespaces' && ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length ?? 0) > 0) return obj;
    return this.d.store.delete(c.resInfo, c.info.namespace, c.info.name);
  }

  private patchReq(c: RestCall, part: 'main' | 'status'): RestResult {
    const { resInfo } = c;
    const ct = (c.header('content-type')[0] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const kinds = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
    if (!kinds.includes(ct)) throw errors.unsupportedMediaType(ct);
    if (ct === 'application/apply-patch+yaml') {
      throw errors.unsupportedMediaType(ct);
    }
    let patch: Json;
    try {
      patch = JSON.parse(c.req.body ?? '') as Json;
    } catch (e) {
      throw errors.badRequest(`error decoding patch: ${e instanceof Error ? e.message : String(e)}`);
    }
    const gvk = { group: resInfo.group, version: resInfo.version, kind: resInfo.kind };
    const result = this.applyUpdate(c, part, (current) => {
      let patched: Json;
      const orig = withTypeMeta(resInfo, current) as unknown as Json;
      try {
        if (ct === 'application/json-patch+json') patched = this.d.patch.json(orig, patch);
        else if (ct === 'application/merge-patch+json') patched = this.d.patch.merge(orig, patch);
        else patched = this.d.patch.strategic(orig, patch, gvk);
      } catch (e) {
        if (e instanceof ApiError) throw e;
        throw errors.badRequest(e instanceof Error ? e.message : String(e));
      }
      if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) throw errors.badRequest('patched object is not an object');
      const obj = patched as unknown as KubeObject;
      this.typeCheck(obj, resInfo.group, resInfo.version, resInfo.kind);
      this.fieldValidation(c, obj, resInfo.group, resInfo.version, resInfo.kind);
      return obj;
    }, true);
    return result;
  }

  private deleteOptions(c: RestCall): { gracePeriodSeconds?: number; propagationPolicy?: string; preconditions?: { uid?: string; resourceVersion?: string } } {
    const out: { gracePeriodSeconds?: number; propagationPolicy?: string; preconditions?: { uid?: string; resourceVersion?: string } } = {};
    if (c.req.body && c.req.body.trim() !== '') {
      const body = parseYamlOrJson(c.req.body, false) as { gracePeriodSeconds?: number; propagationPolicy?: string; orphanDependents?: boolean; preconditions?: { uid?: string; resourceVersion?: string }; dryRun?: string[] } | null;
      if (body && typeof body === 'object') {
        if (typeof body.gracePeriodSeconds === 'number') out.gracePeriodSeconds = body.gracePeriodSeconds;
        if (typeof body.propagationPolicy === 'string') out.propagationPolicy = body.propagationPolicy;
        if (body.orphanDependents === true) out.propagationPolicy = 'Orphan';
        if (body.preconditions) out.preconditions = body.preconditions;
      }
    }
    const g = c.query.get('gracePeriodSeconds');
    if (g !== null && g !== '') out.gracePeriodSeconds = Number(g);
    const p = c.query.get('propagationPolicy');
    if (p) out.propagationPolicy = p;
    if (out.propagationPolicy && !['Orphan', 'Background', 'Foreground'].includes(out.propagationPolicy)) {
      throw errors.invalid('meta.k8s.io', 'DeleteOptions', '', []);
    }
    return out;
  }

  private delete(c: RestCall): RestResult {
    const { resInfo } = c;
    const dryRun = this.dryRun(c);
    const opts = this.deleteOptions(c);
    const current = this.d.store.get(resInfo, c.info.namespace, c.info.name);
    const cm = current.metadata ?? {};
    if (opts.preconditions?.uid && opts.preconditions.uid !== cm.uid) {
      throw errors.conflict(gr(resInfo), c.info.name, `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${cm.uid ?? ''}`);
    }
    if (opts.preconditions?.resourceVersion && opts.preconditions.resourceVersion !== cm.resourceVersion) {
      throw errors.conflict(gr(resInfo), c.info.name, `Precondition failed: ResourceVersion in precondition: ${opts.preconditions.resourceVersion}, ResourceVersion in object meta: ${cm.resourceVersion ?? ''}`);
    }
    const attrs = this.admissionAttrs(c, 'DELETE', undefined, current, { group: resInfo.group, version: resInfo.version, kind: resInfo.kind }, c.info.name);
    this.runMutating(c, attrs);
    this.runValidating(c, attrs);

    const grace = this.gracePeriod(resInfo, current, opts.gracePeriodSeconds);
    const finalizers = [...(cm.finalizers ?? [])];
    if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    const nsFinalizers = resInfo.resource === 'namespaces' ? ((current.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []) : [];

    if (grace === 0 && finalizers.length === 0 && nsFinalizers.length === 0) return this.deleteNow(c, dryRun);
    // models rest.BeforeDelete: an object already terminating only gets a shorter grace period or new finalizers.
    const terminating = cm.deletionTimestamp !== undefined;
    const shortens = terminating && grace < (cm.deletionGracePeriodSeconds ?? 0);
    const addsFinalizer = finalizers.length !== (cm.finalizers?.length ?? 0);
    if (terminating && !shortens && !addsFinalizer) return { code: 202, body: withTypeMeta(resInfo, current) };
    // Graceful deletion: mark the object; its owner (kubelet, a finalizer's controller) finishes the job.
    const res = this.applyUpdateRaw(c, (obj) => {
      const m = obj.metadata ?? (obj.metadata = {});
      m.deletionTimestamp = this.d.clock.timestamp(grace * 1000);
      m.deletionGracePeriodSeconds = grace;
      if (finalizers.length > 0) m.finalizers = finalizers;
      if (resInfo.resource === 'namespaces') {
        (obj as { status?: { phase?: string } }).status = { ...((obj as { status?: object }).status ?? {}), phase: 'Terminating' };
      }
      return obj;
    }, dryRun);
    this.stage(c, 'storage', 'ok', `marked for deletion (grace ${grace}s)`);
    return { code: resInfo.resource === 'pods' || resInfo.resource === 'namespaces' ? 200 : 202, body: withTypeMeta(resInfo, res) };
  }

  private applyUpdateRaw(c: RestCall, mutate: (o: KubeObject) => KubeObject, dryRun: boolean): KubeObject {
    return this.d.store.update(c.resInfo, c.info.namespace, c.info.name, (_cur, fresh) => mutate(fresh()), dryRun).object;
  }

  private deleteNow(c: RestCall, dryRun: boolean): RestResult {
    const { resInfo } = c;
    const deleted = this.d.store.delete(resInfo, c.info.namespace, c.info.name, undefined, dryRun);
    this.stage(c, 'storage', 'ok', dryRun ? 'dry run: not deleted' : `deleted ${keyOf(c)}`);
    if (resInfo.resource === 'pods' || resInfo.resource === 'namespaces') return { code: 200, body: withTypeMeta(resInfo, deleted) };
    return { code: 200, body: successStatus({ name: c.info.name, group: resInfo.group, kind: resInfo.resource, uid: deleted.metadata?.uid ?? '' }) };
  }

  /** models pod strategy CheckGracefulDeleteStrategy: unscheduled and terminal pods go at once. */
  private gracePeriod(resInfo: ResourceInfo, obj: KubeObject, requested: number | undefined): number {
    if (resInfo.resource !== 'pods') return 0;
    const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    if (!spec.nodeName || phase === 'Failed' || phase === 'Succeeded') return 0;
    let g = requested ?? spec.terminationGracePeriodSeconds ?? 30;
    if (g < 0) g = 1;
    return g;
  }

  private deleteCollection(c: RestCall): RestResult {
    const labelSel = parseLabelSelector(c.query.get('labelSelector'));
    const fieldSel = parseFieldSelector(c.query.get('fieldSelector'), c.resInfo.resource);
    const res = this.d.store.list(c.resInfo, c.info.namespace, { filter: (o) => labelSel.matches(o.metadata?.labels) && fieldSel.matches(o) });
    const items: KubeObject[] = [];
    for (const o of res.items) {
      const name = o.metadata?.name ?? '';
      const sub: RestCall = { ...c, info: { ...c.info, name, namespace: o.metadata?.namespace ?? c.info.namespace, verb: 'delete' } };
      try {
        const r = this.delete(sub);
        if ((r.body as KubeObject).kind !== 'Status') items.push(r.body as KubeObject);
      } catch (e) {
        if (!(e instanceof ApiError && e.status.code === 404)) throw e;
      }
    }
    return { code: 200, body: { kind: `${c.resInfo.kind}List`, apiVersion: apiVersionOf(c.resInfo.group, c.resInfo.version), metadata: { resourceVersion: String(this.d.store.etcd.revision) }, items } };
  }

  // ---- subresources -------------------------------------------------------------------------------------------

  private statusSub(c: RestCall): RestResult {
    switch (c.info.verb) {
      case 'get': return { code: 200, body: this.get(c) };
      case 'update': return this.update(c, 'status');
      case 'patch': return this.patchReq(c, 'status');
      default: throw errors.methodNotAllowed();
    }
  }

  /** models pkg/registry/core/namespace/storage FinalizeREST: PUT namespaces/<n>/finalize sets spec.finalizers only. */
  private finalize(c: RestCall): RestResult {
    if (c.resInfo.resource !== 'namespaces' || c.info.verb !== 'update') throw errors.methodNotAllowed();
    const obj = this.decodeBody(c, 'Namespace', '', 'v1');
    if ((obj.metadata?.name ?? '') !== c.info.name) {
      throw errors.badRequest(`the name of the object (${obj.metadata?.name ?? ''}) does not match the name on the URL (${c.info.name})`);
    }
    const wanted = (obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    return this.applyUpdate(c, 'finalize', (current) => {
      const rv = obj.metadata?.resourceVersion;
      return { ...current, metadata: { ...current.metadata, ...(rv ? { resourceVersion: rv } : {}) }, spec: { ...((current.spec ?? {})), finalizers: wanted } };
    });
  }

  private binding(c: RestCall): RestResult {
    if (c.info.verb !== 'create') throw errors.methodNotAllowed();
    const obj = this.decodeBody(c, 'Binding', '', 'v1');
    return this.bindingCreate(c, obj, c.info.name);
  }

  /** models pkg/registry/core/pod/storage BindingREST: sets spec.nodeName once, and the PodScheduled condition. */
  private bindingCreate(c: RestCall, binding: KubeObject, podName: string): RestResult {
    const target = binding.target as { kind?: string; name?: string } | undefined;
    const bm = binding.metadata ?? {};
    if (bm.namespace && bm.namespace !== c.info.namespace) throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    if (bm.name !== podName) throw errors.badRequest(`the name of the object (${bm.name ?? ''}) does not match the name on the URL (${podName})`);
    if (!target?.name) throw errors.invalid('', 'Binding', podName, [fieldRequired('target.name')]);
    if (target.kind && target.kind !== 'Node') throw errors.invalid('', 'Binding', podName, [fieldNotSupported('target.kind', target.kind, ['Node', '<empty>'])]);
    const podInfo = lookupResource('', 'v1', 'pods') as ResourceInfo;
    const dryRun = this.dryRun(c);
    this.d.store.update(podInfo, c.info.namespace, podName, (_pod, fresh) => {
      const p = fresh();
      if (p.metadata?.deletionTimestamp) throw errors.conflict({ group: '', resource: 'pods' }, podName, `pod ${podName} is being deleted, cannot be assigned to a host`);
      const spec = (p.spec ?? {}) as { nodeName?: string };
      if (spec.nodeName) throw errors.conflict({ group: '', resource: 'pods' }, podName, `pod ${podName} is already assigned to node "${spec.nodeName}"`);
      spec.nodeName = target.name ?? "";
      p.spec = spec;
      const status = (p.status ?? {}) as { conditions?: { type: string; status: string; lastProbeTime?: null; lastTransitionTime?: string }[] };
      const conds = (status.conditions ?? []).filter((x) => x.type !== 'PodScheduled');
      conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.d.clock.timestamp() });
      status.conditions = conds;
      p.status = status;
      if (bm.annotations) p.metadata = { ...p.metadata, annotations: { ...(p.metadata?.annotations ?? {}), ...bm.annotations } };
      return p;
    }, dryRun);
    this.stage(c, 'storage', 'ok', `pod ${podName} bound to ${target.name}`);
    return { code: 201, body: successStatus() };
  }

  private scale(c: RestCall): RestResult {
    const { resInfo } = c;
    const toScale = (o: KubeObject): KubeObject => {
      const spec = (o.spec ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
      const status = (o.status ?? {}) as { replicas?: number };
      const sel = Object.entries(spec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
      return {
        kind: 'Scale', apiVersion: 'autoscaling/v1',
        metadata: { name: o.metadata?.name ?? '', namespace: o.metadata?.namespace ?? '', uid: o.metadata?.uid ?? '', resourceVersion: o.metadata?.resourceVersion ?? '', creationTimestamp: o.metadata?.creationTimestamp ?? '' },
        spec: { replicas: spec.replicas ?? 0 },
        status: { replicas: status.replicas ?? 0, selector: sel },
      };
    };
    if (c.info.verb === 'get') return { code: 200, body: toScale(this.d.store.get(resInfo, c.info.namespace, c.info.name)) };
    if (c.info.verb !== 'update' && c.info.verb !== 'patch') throw errors.methodNotAllowed();
    let scaleObj: KubeObject;
    if (c.info.verb === 'update') {
      scaleObj = this.decodeBody(c, 'Scale', 'autoscaling', 'v1');
    } else {
      const current = toScale(this.d.store.get(resInfo, c.info.namespace, c.info.name));
      const ct = (c.header('content-type')[0] ?? '').split(';')[0]?.trim() ?? '';
      if (ct !== 'application/json-patch+json' && ct !== 'application/merge-patch+json' && ct !== 'application/strategic-merge-patch+json') {
        throw errors.unsupportedMediaType(ct);
      }
      let patch: Json;
      try {
        patch = JSON.parse(c.req.body ?? '{}') as Json;
      } catch (e) {
        throw errors.badRequest(`error decoding patch: ${e instanceof Error ? e.message : String(e)}`);
      }
      const cur = current as unknown as Json;
      scaleObj = (ct === 'application/json-patch+json' ? this.d.patch.json(cur, patch) : this.d.patch.merge(cur, patch)) as unknown as KubeObject;
    }
    const replicas = (scaleObj.spec as { replicas?: unknown } | undefined)?.replicas;
    if (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas)) {
      throw errors.invalid('autoscaling', 'Scale', c.info.name, [fieldInvalid('spec.replicas', replicas, 'must be greater than or equal to 0')]);
    }
    const rv = scaleObj.metadata?.resourceVersion;
    const res = this.applyUpdate({ ...c, info: { ...c.info, subresource: 'scale' } }, 'main', (current) => {
      if (rv && rv !== current.metadata?.resourceVersion) throw errors.staleConflict(gr(resInfo), c.info.name);
      const spec = { ...(current.spec ?? {}), replicas };
      return { ...current, spec };
    });
    return { code: 200, body: toScale(res.body as KubeObject) };
  }

  private log(c: RestCall): RestResult {
    if (c.info.verb !== 'get') throw errors.methodNotAllowed();
    const pod = this.d.store.get(c.resInfo, c.info.namespace, c.info.name);
    const containers = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((x) => x.name);
    let container = c.query.get('container') ?? '';
    if (container === '') {
      if (containers.length !== 1) {
        throw errors.badRequest(`a container name must be specified for pod ${c.info.name}, choose one of: [${containers.join(' ')}]`);
      }
      container = containers[0] ?? '';
    } else if (!containers.includes(container)) {
      throw errors.badRequest(`container ${container} is not valid for pod ${c.info.name}`);
    }
    if (!this.d.podLogs) {
      throw errors.badRequest(`container "${container}" in pod "${c.info.name}" is waiting to start: ContainerCreating`);
    }
    const tail = c.query.get('tailLines') ?? undefined;
    const text = this.d.podLogs(pod, container, tail !== undefined ? { previous: c.query.get('previous') === 'true', tailLines: Number(tail) } : { previous: c.query.get('previous') === 'true' });
    return { code: 200, body: text, contentType: 'text/plain' };
  }

  private stage(c: RestCall, stage: 'storage' | 'validation' | 'mutatingAdmission' | 'validatingAdmission', outcome: 'ok' | 'denied', detail: string): void {
    if (!this.d.tracer.active) return;
    this.d.tracer.emit(c.span, null, { type: 'stage', stage, outcome, detail });
  }
}

import { field as fieldErr } from '../api/field.ts';
const fieldRequired = (p: string): FieldError => fieldErr.required(p);
const fieldNotSupported = (p: string, v: unknown, s: string[]): FieldError => fieldErr.notSupported(p, v, s);
const fieldInvalid = (p: string, v: unknown, d: string): FieldError => fieldErr.invalid(p, v, d);

export function withTypeMeta(info: ResourceInfo, obj: KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return { apiVersion: apiVersionOf(info.group, info.version), kind: info.kind, ...rest };
}

function keyOf(c: RestCall, name = c.info.name): string {
  return c.resInfo.namespaced ? `${c.resInfo.etcdPrefix}/${c.info.namespace}/${name}` : `${c.resInfo.etcdPrefix}/${name}`;
}


export { LAST_APPLIED, parseRfc3339 };
