// `kubectl describe pods|nodes`: the same requests kubectl v1.32 sends (the builder's GET or LIST in JSON, then the
// describer's own GET, the events by field selector, and for a node its pods and Lease, in kubectl's Accept), and
// the text its describers print; ages are computed on the client, from the engine's clock.
// models staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go (Run, DescribeMatchingResources) and the
// PodDescriber/NodeDescriber Describe methods of staging/src/k8s.io/kubectl/pkg/describe/describe.go.
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Event, EventList, Node, Pod, PodList } from 'kubernetes-types/core/v1';
import type { ApiResponse } from '../apiserver/ApiServer.ts';
import type { ResourceInfo } from '../apiserver/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { ACCEPT_JSON, serverErrorText, statusOf } from './apiClient.ts';
import type { DescribeSegment } from './describeFormat.ts';
import { describeNode } from './describeNode.ts';
import { describePod } from './describePod.ts';
import { flagBool, flagString, type FlagSpec, type ParsedFlags } from './flags.ts';
import type { KubectlEnv } from './kubectlEnv.ts';
import { resolveResourceType, resourcePath } from './resourceTypes.ts';

export const DESCRIBE_FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-events', type: 'bool' },
  { name: 'chunk-size', type: 'string' },
];

/** What the describers' typed clientset asks for (observed from kubectl v1.32 at -v=8). */
export const ACCEPT_PROTOBUF_JSON = 'application/vnd.kubernetes.protobuf,application/json';

const CHUNK = '500';

interface Target {
  info: ResourceInfo;
  name?: string;
}

export function kubectlDescribe(env: KubectlEnv, flags: ParsedFlags): number {
  const { out } = env;
  const args = flags.args;
  if (args.length === 0) {
    out.err('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    return 1;
  }
  const targets: Target[] = [];
  const slashForm = args.some((a) => a.includes('/'));
  if (slashForm) {
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) {
        out.err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
        return 1;
      }
      const info = resolveResourceType(a.slice(0, slash));
      if (!info) return unknownType(env, a.slice(0, slash));
      targets.push({ info, name: a.slice(slash + 1) });
    }
  } else {
    const [types = '', ...names] = args;
    for (const t of types.split(',').filter((x) => x !== '')) {
      const info = resolveResourceType(t);
      if (!info) return unknownType(env, t);
      if (names.length === 0) targets.push({ info });
      for (const name of names) targets.push({ info, name });
    }
  }
  for (const t of targets) {
    if (!DESCRIBERS[t.info.kind] || t.info.group !== '') {
      out.err(`error: "kubectl describe ${t.info.resource}" is not supported in this terminal yet (it describes pods and nodes); try \`kubectl get ${t.info.resource} -o yaml\``);
      return 1;
    }
  }
  const showEvents = flagString(flags, 'show-events') === undefined || flagBool(flags, 'show-events');
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const selector = flagString(flags, 'selector');

  // The builder's pass: every object to describe, by GET or LIST (JSON, limit=500).
  const objects: { info: ResourceInfo; obj: KubeObject; span: number }[] = [];
  const errors: ApiResponse[] = [];
  let lastSpan: number | undefined;
  for (const t of targets) {
    const ns = t.info.namespaced ? (allNamespaces && t.name === undefined ? '' : env.namespace) : '';
    if (t.name !== undefined) {
      const res = env.client.send('GET', resourcePath(t.info, ns, t.name), { accept: ACCEPT_JSON });
      lastSpan = res.span;
      if (res.code === 404 && !slashForm && args.length === 2) return describeMatching(env, t.info, ns, t.name, res, showEvents);
      if (res.code >= 400) errors.push(res);
      else objects.push({ info: t.info, obj: res.body as KubeObject, span: res.span });
      continue;
    }
    const res = env.client.send('GET', resourcePath(t.info, ns), { query: { labelSelector: selector, limit: CHUNK }, accept: ACCEPT_JSON });
    lastSpan = res.span;
    if (res.code >= 400) {
      errors.push(res);
      continue;
    }
    for (const item of (res.body as { items?: KubeObject[] }).items ?? []) objects.push({ info: t.info, obj: item, span: res.span });
  }
  if (objects.length === 0 && errors.length === 0) {
    const namespaced = targets.every((t) => t.info.namespaced) && !allNamespaces;
    out.err(namespaced ? `No resources found in ${env.namespace} namespace.` : 'No resources found', lastSpan);
    return 0;
  }
  let first = true;
  for (const o of objects) {
    const d = describeOne(env, o.info, o.obj.metadata?.namespace ?? '', o.obj.metadata?.name ?? '', showEvents);
    if ('error' in d) {
      errors.push(d.error);
      continue;
    }
    // kubectl separates descriptions with a blank line pair: "\n\n" before every one but the first.
    if (!first) out.out('\n\n', d.segments[0]?.span);
    first = false;
    writeSegments(env, d.segments);
  }
  for (const e of errors) out.err(serverErrorText(e), e.span, statusOf(e));
  return errors.length > 0 ? 1 : 0;
}

function unknownType(env: KubectlEnv, t: string): number {
  env.out.err(`error: the server doesn't have a resource type "${t}"`);
  return 1;
}

function writeSegments(env: KubectlEnv, segments: readonly DescribeSegment[]): void {
  for (const s of segments) env.out.out(s.text, s.span);
}

/** `describe TYPE NAME` when NAME is not found: every object of TYPE whose name starts with NAME, else the 404. */
function describeMatching(env: KubectlEnv, info: ResourceInfo, ns: string, prefix: string, notFound: ApiResponse, showEvents: boolean): number {
  const list = env.client.send('GET', resourcePath(info, ns), { query: { limit: CHUNK }, accept: ACCEPT_JSON });
  if (list.code >= 400) {
    env.out.err(serverErrorText(list), list.span, statusOf(list));
    return 1;
  }
  const matches = ((list.body as { items?: KubeObject[] }).items ?? []).filter((o) => (o.metadata?.name ?? '').startsWith(prefix));
  if (matches.length === 0) {
    env.out.err(serverErrorText(notFound), notFound.span, statusOf(notFound));
    return 1;
  }
  for (const m of matches) {
    const d = describeOne(env, info, m.metadata?.namespace ?? '', m.metadata?.name ?? '', showEvents);
    if ('error' in d) {
      env.out.err(serverErrorText(d.error), d.error.span, statusOf(d.error));
      return 1;
    }
    writeSegments(env, d.segments);
    // Printed with "%s\n": a blank line after each.
    env.out.out('\n', d.segments[d.segments.length - 1]?.span);
  }
  return 0;
}

type Described = { segments: DescribeSegment[] } | { error: ApiResponse };

type Describer = (env: KubectlEnv, info: ResourceInfo, ns: string, name: string, showEvents: boolean) => Described;

const DESCRIBERS: Record<string, Describer> = { Pod: podDescriber, Node: nodeDescriber };

function describeOne(env: KubectlEnv, info: ResourceInfo, ns: string, name: string, showEvents: boolean): Described {
  const d = DESCRIBERS[info.kind] as Describer;
  return d(env, info, ns, name, showEvents);
}

/** GetFieldSelector's terms (Go builds them from a map, so their order varies run to run; this is one of them). */
function eventsFieldSelector(name: string, ns: string, kind: string | undefined, uid: string | undefined): string {
  return [`involvedObject.name=${name}`, `involvedObject.namespace=${ns}`, ...(kind ? [`involvedObject.kind=${kind}`] : []), ...(uid ? [`involvedObject.uid=${uid}`] : [])].join(',');
}

function searchEvents(env: KubectlEnv, ns: string, selector: string): { items: Event[]; span: number } {
  const path = ns === '' ? '/api/v1/events' : `/api/v1/namespaces/${ns}/events`;
  const res = env.client.send('GET', path, { query: { fieldSelector: selector, limit: CHUNK }, accept: ACCEPT_PROTOBUF_JSON });
  // kubectl ignores a failed event search: the description then reads "Events: <none>".
  return { items: res.code >= 400 ? [] : ((res.body as EventList).items ?? []), span: res.span };
}

function podDescriber(env: KubectlEnv, info: ResourceInfo, ns: string, name: string, showEvents: boolean): Described {
  const res = env.client.send('GET', resourcePath(info, ns, name), { accept: ACCEPT_PROTOBUF_JSON });
  // Simplified: on a failed GET kubectl also looks for events about the name ("Pod 'x': error '…', but found events.").
  if (res.code >= 400) return { error: res };
  const pod = res.body as Pod;
  // The reference drops the kind for pods; a mirror pod's events name the static pod's UID.
  const mirror = pod.metadata?.annotations?.['kubernetes.io/config.mirror'];
  const ev = showEvents ? searchEvents(env, ns, eventsFieldSelector(name, ns, undefined, mirror ?? pod.metadata?.uid)) : undefined;
  return {
    segments: describePod({
      pod, events: ev?.items, nowMs: env.engine.clock.wallMs(), podSpan: res.span, ...(ev ? { eventsSpan: ev.span } : {}),
    }),
  };
}

function nodeDescriber(env: KubectlEnv, info: ResourceInfo, _ns: string, name: string, showEvents: boolean): Described {
  const res = env.client.send('GET', resourcePath(info, '', name), { accept: ACCEPT_PROTOBUF_JSON });
  if (res.code >= 400) return { error: res };
  const node = res.body as Node;
  const podsRes = env.client.send('GET', '/api/v1/pods', {
    query: { fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`, limit: CHUNK }, accept: ACCEPT_PROTOBUF_JSON,
  });
  let pods: Pod[] | undefined;
  if (podsRes.code === 403) pods = undefined;
  else if (podsRes.code >= 400) return { error: podsRes };
  else pods = (podsRes.body as PodList).items;
  let events: Event[] | undefined;
  let eventsSpan: number | undefined;
  if (showEvents) {
    // The node controller names the node's UID; the kubelet names the node by its name as UID: kubectl asks for both.
    const byUid = searchEvents(env, '', eventsFieldSelector(name, '', 'Node', node.metadata?.uid));
    const byName = searchEvents(env, '', eventsFieldSelector(name, '', 'Node', name));
    events = [...byUid.items, ...byName.items];
    eventsSpan = byName.span;
  }
  const leaseRes = env.client.send('GET', `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${encodeURIComponent(name)}`, { accept: ACCEPT_PROTOBUF_JSON });
  const lease: Lease | string = leaseRes.code >= 400 ? (statusOf(leaseRes)?.message ?? `the server responded with the status code ${leaseRes.code}`) : (leaseRes.body as Lease);
  return {
    segments: describeNode({
      node, pods, lease, events, nowMs: env.engine.clock.wallMs(), nodeSpan: res.span, ...(eventsSpan !== undefined ? { eventsSpan } : {}),
    }),
  };
}
