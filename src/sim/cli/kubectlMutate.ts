// Commands that change one field of existing objects: `kubectl scale`, `label`, `annotate`, `cordon`, `uncordon`.
// Each GETs the object first, then PATCHes it as kubectl v1.32 does (merge patch on /scale, merge patch of the
// changed labels with fieldManager=kubectl-label, strategic patch of spec.unschedulable), and prints its line.
// models staging/src/k8s.io/kubectl/pkg/cmd/{scale/scale.go,label/label.go,annotate/annotate.go,drain/cordon.go}.
import type { KubeObject } from '../api/types.ts';
import type { ResourceInfo } from '../apiserver/resources.ts';
import { serverErrorText, statusOf } from './apiClient.ts';
import { requiredFlagError } from './kubectlCreate.ts';
import { flagBool, flagString, type FlagSpec, type ParsedFlags } from './flags.ts';
import type { KubectlEnv } from './kubectlEnv.ts';
import { kindGroup, resolveResourceType, resourcePath } from './resourceTypes.ts';

export const SCALE_FLAGS: FlagSpec[] = [{ name: 'replicas', type: 'string' }];
export const LABEL_FLAGS: FlagSpec[] = [{ name: 'overwrite', type: 'bool' }];
export const CORDON_FLAGS: FlagSpec[] = [];

const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';

const NO_RESOURCES = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

interface Target {
  info: ResourceInfo;
  name: string;
}

/** TYPE NAME... or TYPE/NAME...; the remaining args (label changes) come back in `rest`. */
function targetsOf(env: KubectlEnv, args: readonly string[], takeAll: boolean): { targets: Target[]; rest: string[] } | undefined {
  const [first, ...others] = args;
  if (first === undefined) {
    env.out.err(NO_RESOURCES);
    return undefined;
  }
  const resolve = (type: string): ResourceInfo | undefined => {
    const info = resolveResourceType(type);
    if (!info) env.out.err(`error: the server doesn't have a resource type "${type}"`);
    return info;
  };
  if (first.includes('/')) {
    const slash = first.indexOf('/');
    const info = resolve(first.slice(0, slash));
    return info ? { targets: [{ info, name: first.slice(slash + 1) }], rest: others } : undefined;
  }
  const info = resolve(first);
  if (!info) return undefined;
  const names = takeAll ? others : others.slice(0, 1);
  if (names.length === 0) {
    env.out.err('error: resource(s) were provided, but no name was specified');
    return undefined;
  }
  return { targets: names.map((name) => ({ info, name })), rest: takeAll ? [] : others.slice(1) };
}

function path(env: KubectlEnv, t: Target): string {
  return resourcePath(t.info, t.info.namespaced ? env.namespace : '', t.name);
}

/** `kubectl scale TYPE NAME --replicas=N`: GET the object, then a merge patch of spec.replicas on its /scale. */
export function kubectlScale(env: KubectlEnv, flags: ParsedFlags): number {
  const replicas = flagString(flags, 'replicas');
  if (replicas === undefined) return requiredFlagError(env, 'replicas');
  const parsed = targetsOf(env, flags.args, true);
  if (!parsed) return 1;
  let code = 0;
  for (const t of parsed.targets) {
    const got = env.client.send('GET', path(env, t));
    if (got.code >= 400) {
      env.out.err(`error: no objects passed to scale ${statusOf(got)?.message ?? serverErrorText(got)}`, got.span, statusOf(got));
      return 1;
    }
    const res = env.client.send('PATCH', `${path(env, t)}/scale`, {
      accept: 'application/json, */*', contentType: MERGE_PATCH, body: { spec: { replicas: Number(replicas) } },
    });
    if (res.code >= 400) {
      env.out.err(serverErrorText(res), res.span, statusOf(res));
      code = 1;
      continue;
    }
    env.out.out(`${kindGroup(t.info)}/${t.name} scaled`, res.span);
  }
  return code;
}

/** `kubectl label TYPE NAME k=v k-`. */
export function kubectlLabel(env: KubectlEnv, flags: ParsedFlags): number {
  return relabel(env, flags, 'labels');
}

/** `kubectl annotate TYPE NAME k=v k-`. */
export function kubectlAnnotate(env: KubectlEnv, flags: ParsedFlags): number {
  return relabel(env, flags, 'annotations');
}

function relabel(env: KubectlEnv, flags: ParsedFlags, field: 'labels' | 'annotations'): number {
  const { out } = env;
  const label = field === 'labels';
  const parsed = targetsOf(env, flags.args, false);
  if (!parsed) return 1;
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const a of parsed.rest) {
    if (a.endsWith('-') && !a.includes('=')) remove.push(a.slice(0, -1));
    else if (a.includes('=')) set.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    else {
      out.err(`error: invalid ${label ? 'label' : 'annotation'} format: ${a}`);
      return 1;
    }
  }
  if (set.size === 0 && remove.length === 0) {
    out.err(`error: at least one ${label ? 'label' : 'annotation'} update is required`);
    return 1;
  }
  const overwrite = flagBool(flags, 'overwrite');
  let code = 0;
  for (const t of parsed.targets) {
    const got = env.client.send('GET', path(env, t));
    if (got.code >= 400) {
      out.err(serverErrorText(got), got.span, statusOf(got));
      return 1;
    }
    const old: Record<string, string> = { ...((got.body as KubeObject).metadata?.[field] ?? {}) };
    if (!overwrite) {
      const clashes = [...set].filter(([k, v]) => old[k] !== undefined && old[k] !== v);
      if (clashes.length > 0) {
        const [k = ''] = clashes[0] ?? [];
        out.err(label
          ? `error: '${k}' already has a value (${old[k] ?? ''}), and --overwrite is false`
          : `error: --overwrite is false but found the following declared annotation(s): ${clashes.map(([ck]) => `'${ck}' already has a value (${old[ck] ?? ''})`).join('; ')}`, got.span);
        return 1;
      }
    }
    const next = { ...old };
    const patch: Record<string, string | null> = {};
    for (const k of remove) {
      if (next[k] === undefined) {
        out.out(`${label ? 'label' : 'annotation'} "${k}" not found.`, got.span);
        continue;
      }
      delete next[k];
      patch[k] = null;
    }
    for (const [k, v] of set) {
      if (next[k] !== v) patch[k] = v;
      next[k] = v;
    }
    const body = Object.keys(patch).length === 0 ? {} : { metadata: { [field]: patch } };
    const res = env.client.send('PATCH', path(env, t), {
      query: { fieldManager: label ? 'kubectl-label' : 'kubectl-annotate' }, contentType: MERGE_PATCH, body,
    });
    if (res.code >= 400) {
      out.err(serverErrorText(res), res.span, statusOf(res));
      code = 1;
      continue;
    }
    // label.go's updateDataChangeMsg: "unlabeled" when the object got shorter without --overwrite.
    let verb = label ? 'labeled' : 'annotated';
    if (label && Object.keys(patch).length === 0) verb = 'not labeled';
    else if (label && !overwrite && JSON.stringify(next).length < JSON.stringify(old).length) verb = 'unlabeled';
    out.out(`${kindGroup(t.info)}/${t.name} ${verb}`, res.span);
  }
  return code;
}

/** `kubectl cordon NODE` / `uncordon NODE`: a strategic patch of spec.unschedulable (null to uncordon). */
export function kubectlCordon(env: KubectlEnv, flags: ParsedFlags): number {
  return cordon(env, flags, true);
}

export function kubectlUncordon(env: KubectlEnv, flags: ParsedFlags): number {
  return cordon(env, flags, false);
}

function cordon(env: KubectlEnv, flags: ParsedFlags, desired: boolean): number {
  const { out } = env;
  const verb = desired ? 'cordon' : 'uncordon';
  const [node] = flags.args;
  if (node === undefined) {
    out.err(`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
    return 1;
  }
  const nodes = resolveResourceType('nodes') as ResourceInfo;
  const got = env.client.send('GET', resourcePath(nodes, '', node));
  if (got.code >= 400) {
    out.err(serverErrorText(got), got.span, statusOf(got));
    return 1;
  }
  const current = (got.body as { spec?: { unschedulable?: boolean } }).spec?.unschedulable === true;
  if (current === desired) {
    out.out(`node/${node} already ${verb}ed`, got.span);
    return 0;
  }
  const res = env.client.send('PATCH', resourcePath(nodes, '', node), {
    contentType: STRATEGIC_PATCH, body: { spec: { unschedulable: desired ? true : null } },
  });
  if (res.code >= 400) {
    // drain's RunCordonOrUncordon prints the failure and carries on: kubectl still exits 0.
    out.err(`error: unable to ${verb} node "${node}": ${statusOf(res)?.message ?? serverErrorText(res)}`, res.span, statusOf(res));
    return 0;
  }
  out.out(`node/${node} ${verb}ed`, res.span);
  return 0;
}
