// `kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE ...`: GETs every object named (all must exist), sets
// the images in its pod spec, and PATCHes the strategic two-way diff of before and after (fieldManager=kubectl-set);
// an object whose images already match is left alone and not printed. Errors are collected and printed at the end.
// models staging/src/k8s.io/kubectl/pkg/cmd/set/{set_image.go,helper.go (CalculatePatches)} and
// cmdutil.GetResourcesAndPairs/ParsePairs. Simplified: no -f, --all, -l, --local.
import type { Status } from '../api/status.ts';
import type { Json, KubeObject } from '../api/types.ts';
import type { ApiResponse } from '../apiserver/ApiServer.ts';
import { cloneJson, isJsonObject, type JsonObject } from '../apiserver/patch/jsonValue.ts';
import { rootTypeOf } from '../apiserver/patch/patchMeta.ts';
import type { ResourceInfo } from '../apiserver/resources.ts';
import { goJson } from '../kubectl/goJson.ts';
import { diffMaps } from '../kubectl/strategicDiff.ts';
import { serverErrorText, statusOf } from './apiClient.ts';
import type { FlagSpec, ParsedFlags } from './flags.ts';
import { dryRunOf, outputOf, printObject } from './kubectlCreate.ts';
import type { KubectlEnv } from './kubectlEnv.ts';
import { resolveResourceType, resourcePath } from './resourceTypes.ts';

export const SET_IMAGE_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string' },
];

const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';

const NO_RESOURCES = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";
const SLASH_FORM = "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

/** Where each kind keeps its pod spec (polymorphichelpers.UpdatePodSpecForObject). */
const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: ['spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

interface Target {
  info: ResourceInfo;
  name: string;
}

/**
 * GetResourcesAndPairs + ParsePairs: the args before the first `K=V` (or `K-`) are resources, the rest image pairs
 * (the last one for a container wins, as in kubectl's map).
 */
function splitArgs(args: readonly string[]): { resources: string[]; images: Map<string, string> } | { error: string } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const a of args) {
    const pair = (a.includes('=') && !a.startsWith('=')) || (a.endsWith('-') && a !== '-');
    if (pair) pairs.push(a);
    else if (pairs.length > 0) return { error: `error: all resources must be specified before image changes: ${a}` };
    else resources.push(a);
  }
  const images = new Map<string, string>();
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq < 0) return { error: `error: invalid image format: ${p}` };
    images.set(p.slice(0, eq), p.slice(eq + 1));
  }
  return { resources, images };
}

/** ResourceTypeOrNameArgs: TYPE NAME... or TYPE/NAME...; undefined after printing the builder's error. */
function targetsOf(env: KubectlEnv, args: readonly string[]): Target[] | undefined {
  if (args.length === 0) return fail(NO_RESOURCES);
  const pairs: [string, string][] = [];
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      if (!a.includes('/')) return fail(SLASH_FORM);
      pairs.push([a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)]);
    }
  } else {
    const [type = '', ...names] = args;
    if (names.length === 0) return fail('error: resource(s) were provided, but no name was specified');
    for (const n of names) pairs.push([type, n]);
  }
  const targets: Target[] = [];
  for (const [type, name] of pairs) {
    const info = resolveResourceType(type);
    if (!info) return fail(`error: the server doesn't have a resource type "${type}"`);
    targets.push({ info, name });
  }
  return targets;

  function fail(text: string): undefined {
    env.out.err(text);
    return undefined;
  }
}

/** The pod spec of `obj` ({} when absent), or undefined for kinds without one. */
function podSpecOf(obj: JsonObject, kind: string): JsonObject | undefined {
  const path = POD_SPEC_PATHS[kind];
  if (!path) return undefined;
  let at: Json | undefined = obj;
  for (const key of path) at = isJsonObject(at) ? at[key] : undefined;
  return isJsonObject(at) ? at : {};
}

/** setImage: every container named `name` (or all, for `*`) gets `image`; whether any matched. */
function setImage(containers: Json | undefined, name: string, image: string): boolean {
  let found = false;
  for (const c of Array.isArray(containers) ? containers : []) {
    if (isJsonObject(c) && (c['name'] === name || name === '*')) {
      c['image'] = image;
      found = true;
    }
  }
  return found;
}

export function kubectlSetImage(env: KubectlEnv, flags: ParsedFlags): number {
  const { out } = env;
  const dry = dryRunOf(flags);
  if ('error' in dry) {
    out.err(dry.error);
    return 1;
  }
  const output = outputOf(flags);
  if (typeof output !== 'string') {
    out.err(output.error);
    return 1;
  }
  const split = splitArgs(flags.args);
  if ('error' in split) {
    out.err(split.error);
    return 1;
  }
  const targets = targetsOf(env, split.resources);
  if (!targets) return 1;

  // The builder (ContinueOnError): every object is fetched; any failure stops the command after all are tried.
  const fetched: { t: Target; obj: JsonObject; res: ApiResponse }[] = [];
  let fetchFailed = false;
  for (const t of targets) {
    let res = env.client.send('GET', resourcePath(t.info, t.info.namespaced ? env.namespace : '', t.name));
    // resource.Info.Get: a NotFound outside "default" is reported as the namespace's own NotFound when it is missing.
    if (res.code === 404 && t.info.namespaced && env.namespace !== 'default') {
      const ns = env.client.send('GET', `/api/v1/namespaces/${encodeURIComponent(env.namespace)}`);
      if (ns.code === 404) res = ns;
    }
    if (res.code >= 400) {
      out.err(serverErrorText(res), res.span, statusOf(res));
      fetchFailed = true;
      continue;
    }
    fetched.push({ t, obj: res.body as JsonObject, res });
  }
  if (fetchFailed) return 1;

  // Validate
  const invalid: string[] = [];
  if (split.images.size === 0) invalid.push('error: at least one image update is required');
  else if (split.images.size > 1 && split.images.has('*')) invalid.push('error: all containers are already specified by *, but saw more than one container_name=container_image pairs');
  if (invalid.length > 0) {
    out.err(invalid.join('\n'));
    return 1;
  }

  // Run: errors are gathered and printed after the objects that were updated.
  const errors: { text: string; span?: number; status?: Status }[] = [];
  for (const { t, obj, res: got } of fetched) {
    const modified = cloneJson(obj);
    const spec = podSpecOf(modified, t.info.kind);
    if (!spec) {
      // CalculatePatches' error line: Info.ObjectName() (resource/name) and the Go type UpdatePodSpecForObject names.
      errors.push({ text: `error: ${t.info.resource}/${t.name} the object is not a pod or does not have a pod template: *${t.info.version}.${t.info.kind}\n` });
      continue;
    }
    for (const [name, image] of split.images) {
      const inInit = setImage(spec['initContainers'], name, image);
      const inMain = setImage(spec['containers'], name, image);
      if (!inInit && !inMain) errors.push({ text: `error: unable to find container named "${name}"` });
    }
    // CreateTwoWayMergePatch, sent as json.Marshal writes it (keys sorted).
    const patch = diffMaps(obj, modified, rootTypeOf({ group: t.info.group, kind: t.info.kind }), { setElementOrder: true });
    if (Object.keys(patch).length === 0) continue;
    if (dry.dryRun === 'client') {
      printObject(env, modified, t.info, output, 'image updated', 'client', got.span);
      continue;
    }
    const res = env.client.send('PATCH', resourcePath(t.info, t.info.namespaced ? env.namespace : '', t.name), {
      query: { fieldManager: 'kubectl-set', ...(dry.dryRun === 'server' ? { dryRun: 'All' } : {}) },
      contentType: STRATEGIC_PATCH,
      body: JSON.parse(goJson(patch)),
    });
    if (res.code >= 400) {
      const status = statusOf(res);
      errors.push({ text: `error: failed to patch image update to pod template: ${status?.message ?? serverErrorText(res)}`, span: res.span, ...(status ? { status } : {}) });
      continue;
    }
    printObject(env, res.body as KubeObject, t.info, output, 'image updated', dry.dryRun, res.span);
  }
  // utilerrors.NewAggregate, one line per error.
  for (const e of errors) out.err(e.text, e.span, e.status);
  return errors.length > 0 ? 1 : 0;
}
