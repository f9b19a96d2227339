// The subset of kubectl the explorer's buttons run: `kubectl apply -f FILE` and `kubectl delete -f FILE`, sending the
// same requests as kubectl v1.32 does (client-side apply) and printing what it prints.
// models staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go and cmd/delete/delete.go.
import type { Status } from '../api/status.ts';
import { parseApiVersion, type Json, type KubeObject } from '../api/types.ts';
import type { ApiRequest, ApiResponse } from '../apiserver/ApiServer.ts';
import { lookupKind, type ResourceInfo } from '../apiserver/resources.ts';
import { goJson } from './goJson.ts';
import { parseManifests, type ManifestError } from './manifests.ts';
import { StrategicPatchError, threeWayMergePatch, type ApplyPatch } from './threeWayMerge.ts';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const APPLY_FIELD_MANAGER = 'kubectl-client-side-apply';

export interface KubectlContext {
  /** Sends one request through the apiserver (the engine's `request`). */
  send(req: ApiRequest): ApiResponse;
  /** How the kubeconfig user authenticates. */
  credentials: Pick<ApiRequest, 'headers' | 'clientCert'>;
  /** The kubeconfig context's namespace, for namespaced objects that name none. */
  namespace?: string;
}

export interface KubectlLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** The span of the request whose answer produced this line, if one did. */
  span?: number;
  /** 1-based line in the file where the document this line is about starts. */
  docLine?: number;
  /** The server's Status, when this line reports an API error. */
  status?: Status;
}

export interface KubectlResult {
  lines: KubectlLine[];
  /** Set when the file could not be read; nothing was sent. */
  parseError?: ManifestError;
  /** True when every document succeeded (kubectl's exit code 0). */
  ok: boolean;
}

interface Target {
  obj: KubeObject;
  /** 1-based line where the object's document starts in the file. */
  docLine: number;
  info: ResourceInfo;
  name: string;
  namespace: string;
  /** "pod/nginx-pod", "role.rbac.authorization.k8s.io/pod-reader". */
  display: string;
  /** "pod", "role.rbac.authorization.k8s.io". */
  kindGroup: string;
  collectionPath: string;
  itemPath: string;
}

const CONTENT_JSON = 'application/json';

export function kubectlApply(ctx: KubectlContext, fileName: string, text: string): KubectlResult {
  return run(ctx, fileName, text, (t) => applyOne(ctx, fileName, t));
}

export function kubectlDelete(ctx: KubectlContext, fileName: string, text: string): KubectlResult {
  return run(ctx, fileName, text, (t) => deleteOne(ctx, fileName, t));
}

function run(ctx: KubectlContext, fileName: string, text: string, each: (t: Target) => KubectlLine): KubectlResult {
  const parsed = parseManifests(text);
  if (!parsed.ok) {
    const e = parsed.error;
    // Simplified: kubectl quotes go-yaml's message; this is the `yaml` package's wording of the same problem.
    return { ok: false, parseError: e, lines: [{ stream: 'stderr', text: `error: error parsing ${fileName}: error converting YAML to JSON: yaml: line ${e.line}: ${e.message}` }] };
  }
  // kubectl resolves every document before sending anything: one bad document stops the whole file.
  const targets: Target[] = [];
  for (const doc of parsed.docs) {
    const t = resolve(ctx, fileName, doc.object);
    if (typeof t === 'string') return { ok: false, lines: [{ stream: 'stderr', text: t, docLine: doc.line }] };
    targets.push({ ...t, docLine: doc.line });
  }
  if (targets.length === 0) return { ok: false, lines: [{ stream: 'stderr', text: 'error: no objects passed to apply' }] };
  const lines = targets.map((t) => ({ ...each(t), docLine: t.docLine }));
  return { ok: lines.every((l) => l.stream === 'stdout'), lines };
}

function resolve(ctx: KubectlContext, fileName: string, obj: KubeObject): Omit<Target, 'docLine'> | string {
  const missing: string[] = [];
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') missing.push('apiVersion not set');
  if (typeof obj.kind !== 'string' || obj.kind === '') missing.push('kind not set');
  if (missing.length > 0) {
    return `error: error validating "${fileName}": error validating data: [${missing.join(', ')}]; if you choose to ignore these errors, turn validation off with --validate=false`;
  }
  const apiVersion = obj.apiVersion as string;
  const kind = obj.kind as string;
  const { group, version } = parseApiVersion(apiVersion);
  const info = lookupKind(group, kind);
  const name = obj.metadata?.name ?? '';
  const namespace = obj.metadata?.namespace ?? ctx.namespace ?? 'default';
  if (!info || info.version !== version || info.createOnly) {
    return `error: resource mapping not found for name: "${name}" namespace: "${obj.metadata?.namespace ?? ''}" from "${fileName}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`;
  }
  if (name === '') return 'error: resource name may not be empty';
  const base = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  const collectionPath = info.namespaced ? `${base}/namespaces/${namespace}/${info.resource}` : `${base}/${info.resource}`;
  const kindGroup = kind.toLowerCase() + (group === '' ? '' : `.${group}`);
  return {
    obj, info, name, namespace: info.namespaced ? namespace : '', kindGroup, display: `${kindGroup}/${name}`,
    collectionPath, itemPath: `${collectionPath}/${encodeURIComponent(name)}`,
  };
}

/** `body` is the encoded request body: Go's bytes for it (goJson for the maps kubectl marshals). */
function request(ctx: KubectlContext, method: string, path: string, query: string, body?: string, contentType = CONTENT_JSON): ApiResponse {
  const headers: Record<string, string> = { ...(ctx.credentials.headers as Record<string, string> | undefined), accept: CONTENT_JSON };
  const req: ApiRequest = { method, path, headers, from: 'kubectl' };
  if (query) req.query = query;
  if (body !== undefined) {
    req.body = body;
    headers['content-type'] = contentType;
  }
  if (ctx.credentials.clientCert) req.clientCert = ctx.credentials.clientCert;
  return ctx.send(req);
}

/** The file's object as kubectl stores it in the annotation: namespace filled in, keys sorted, newline-terminated. */
export function lastAppliedConfiguration(t: Pick<Target, 'obj' | 'info' | 'namespace'>): { modified: KubeObject; annotation: string } {
  const meta = { ...(t.obj.metadata ?? {}) };
  const annotations: Record<string, string> = { ...(meta.annotations ?? {}) };
  delete annotations[LAST_APPLIED_ANNOTATION];
  meta.annotations = annotations;
  if (t.info.namespaced) meta.namespace = t.namespace;
  const forAnnotation: KubeObject = { ...t.obj, metadata: meta };
  const annotation = `${goJson(forAnnotation as Json)}\n`;
  const modified: KubeObject = { ...t.obj, metadata: { ...meta, annotations: { ...annotations, [LAST_APPLIED_ANNOTATION]: annotation } } };
  return { modified, annotation };
}

function applyOne(ctx: KubectlContext, fileName: string, t: Target): KubectlLine {
  const { modified } = lastAppliedConfiguration(t);
  const get = request(ctx, 'GET', t.itemPath, '');
  const query = `fieldManager=${APPLY_FIELD_MANAGER}&fieldValidation=Strict`;
  if (get.code === 404) {
    // The object goes through a json.Encoder, which ends it with a newline.
    const res = request(ctx, 'POST', t.collectionPath, query, `${goJson(modified as Json)}\n`);
    if (res.code >= 400) return serverError(res, `error when creating "${fileName}"`);
    return { stream: 'stdout', text: `${t.display} created`, span: res.span };
  }
  if (get.code >= 400) {
    const what = `error when retrieving current configuration of:\nResource: "${gvr(t.info)}", GroupVersionKind: "${gvk(t.info)}"\nName: "${t.name}", Namespace: "${t.namespace}"\nfrom server for: "${fileName}"`;
    return serverError(get, what);
  }
  const live = get.body as KubeObject;
  const lastText = live.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  let original: Json | undefined;
  if (lastText) {
    try { original = JSON.parse(lastText) as Json; } catch { original = undefined; }
  }
  let computed: ApplyPatch;
  try {
    computed = threeWayMergePatch(original, modified as { [k: string]: Json }, live as Json, t.info);
  } catch (e) {
    if (!(e instanceof StrategicPatchError)) throw e;
    // What kubectl v1.32 prints: the OpenAPI v3 attempt's warning, then the built-in types' attempt failing the
    // same way, wrapped by patcher.go and apply.go (original is the annotation's text; the others end in "\n").
    const info = `Resource: "${gvr(t.info)}", GroupVersionKind: "${gvk(t.info)}"\nName: "${t.name}", Namespace: "${t.namespace}"`;
    const inputs = `original:\n${lastText ?? ''}\nmodified:\n${goJson(modified as Json)}\n\ncurrent:\n${goJson(live as Json)}\n`;
    return {
      stream: 'stderr',
      text: `warning: error calculating patch from openapi v3 spec: ${e.message}\nerror: error when applying patch:\n\nto:\n${info}\nfor: "${fileName}": error when patching "${fileName}": creating patch with:\n${inputs}\nfor:: ${e.message}`,
      span: get.span,
    };
  }
  const { patch, contentType } = computed;
  if (Object.keys(patch).length === 0) return { stream: 'stdout', text: `${t.display} unchanged`, span: get.span };
  const body = goJson(patch);
  const res = request(ctx, 'PATCH', t.itemPath, query, body, contentType);
  if (res.code >= 400) return serverError(res, `error when applying patch:\n${body}\nto:\nResource: "${gvr(t.info)}", GroupVersionKind: "${gvk(t.info)}"\nName: "${t.name}", Namespace: "${t.namespace}"\nfor: "${fileName}"`);
  return { stream: 'stdout', text: `${t.display} configured`, span: res.span };
}

function deleteOne(ctx: KubectlContext, fileName: string, t: Target): KubectlLine {
  // DeleteOptions is a Go struct: its fields in declaration order.
  const res = request(ctx, 'DELETE', t.itemPath, '', JSON.stringify({ propagationPolicy: 'Background' }));
  if (res.code >= 400) return serverError(res, `error when deleting "${fileName}"`);
  return { stream: 'stdout', text: `${t.kindGroup} "${t.name}" deleted`, span: res.span };
}

/** What kubectl prints for a Status error: cmdutil.StandardErrorMessage over AddSourceToErr's wrapping. */
function serverError(res: ApiResponse, context: string): KubectlLine {
  const s = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Partial<Status>;
  const message = s.message ?? (typeof res.body === 'string' ? res.body : `the server responded with code ${res.code}`);
  if (s.reason === 'Invalid' && s.details?.kind && s.details.name !== undefined) {
    const causes = (s.details.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : c.message ?? ''));
    const detail = causes.length === 1 ? (causes[0] ?? '') : `\n${causes.map((c) => `* ${c}`).join('\n')}`;
    return { stream: 'stderr', text: `The ${s.details.kind} "${s.details.name}" is invalid: ${detail}`, span: res.span, ...statusOf(s) };
  }
  const reason = s.reason ? ` (${s.reason})` : '';
  return { stream: 'stderr', text: `Error from server${reason}: ${context}: ${message}`, span: res.span, ...statusOf(s) };
}

function statusOf(s: Partial<Status>): { status?: Status } {
  return s.kind === 'Status' ? { status: s as Status } : {};
}

function gvr(info: ResourceInfo): string {
  return `${info.group}/${info.version}, Resource=${info.resource}`;
}

function gvk(info: ResourceInfo): string {
  return `${info.group}/${info.version}, Kind=${info.kind}`;
}
