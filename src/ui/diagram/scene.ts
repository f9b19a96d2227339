// The diagram as a pure projection of the trace up to the cursor: which packet travels which edge, which
// apiserver stage is working or refused, which watches stand open. No React here, so it is unit-tested in Node.
import type { Actor, TraceEvent } from '../../sim/trace/types.ts';
import { t } from '../text/index.ts';

export type StageId = 'authentication' | 'authorization' | 'mutatingAdmission' | 'validation' | 'validatingAdmission' | 'storage';
export const STAGES: readonly StageId[] = ['authentication', 'authorization', 'mutatingAdmission', 'validation', 'validatingAdmission', 'storage'];
export type StageState = 'idle' | 'done' | 'active' | 'denied';

/** `neutral`: an answer that is not a success but not a refusal either (the 404 kubectl apply expects). */
export type Tone = 'request' | 'response' | 'error' | 'watch' | 'storage' | 'neutral';

export interface Packet {
  edge: string;
  /** true: from the edge's source to its target. */
  forward: boolean;
  label: string;
  tone: Tone;
  /** Changes for every event, so the animation restarts. */
  key: number;
}

export interface Scene {
  index: number;
  current: TraceEvent | undefined;
  packet: Packet | undefined;
  stages: Record<StageId, StageState>;
  /** The Status message of a refused request, shown at the refusing stage. */
  denial: { stage: StageId; message: string } | undefined;
  /** The request the apiserver is working on: "POST /api/v1/…". */
  requestLine: string | undefined;
  /** Diagram nodes that are doing something now. */
  active: string[];
  /** Standing watch connections: edge id → resources watched over it. */
  watches: Record<string, string[]>;
}

/** Diagram node id of an actor. */
export function nodeOf(actor: string): string {
  if (actor === 'kubectl') return 'user';
  if (actor === 'kube-apiserver') return 'apiserver';
  if (actor === 'etcd') return 'etcd';
  if (actor === 'kube-scheduler') return 'scheduler';
  if (actor === 'kube-controller-manager') return 'controller-manager';
  if (actor.startsWith('kubelet/')) return `kubelet:${actor.slice(8)}`;
  if (actor.startsWith('containerd/')) return `containerd:${actor.slice(11)}`;
  // Other API clients (e.g. the node simulator's own controller) have no place in the diagram.
  return 'other';
}

/** The edge between two diagram nodes, and whether a→b runs along it forwards. */
export function edgeBetween(a: string, b: string): { edge: string; forward: boolean } | undefined {
  const forwardEdge = (x: string, y: string): string | undefined => {
    if (x === 'user' && y === 'apiserver') return 'e:user';
    if (x === 'apiserver' && (y === 'etcd' || y === 'scheduler' || y === 'controller-manager' || y.startsWith('kubelet:'))) return `e:${y}`;
    if (x.startsWith('kubelet:') && y === `containerd:${x.slice(8)}`) return `e:${y}`;
    return undefined;
  };
  const f = forwardEdge(a, b);
  if (f) return { edge: f, forward: true };
  const r = forwardEdge(b, a);
  return r ? { edge: r, forward: false } : undefined;
}

/** Which apiserver stage an event belongs to, if any. */
export function stageOf(e: TraceEvent): StageId | undefined {
  switch (e.type) {
    case 'authn':
    case 'impersonation':
      return 'authentication';
    case 'authz':
      return 'authorization';
    case 'admission':
      return e.phase === 'mutating' ? 'mutatingAdmission' : 'validatingAdmission';
    case 'validation':
      return 'validation';
    case 'etcd':
      return 'storage';
    case 'stage':
      return e.stage === 'requestInfo' || e.stage === 'response' ? undefined : (e.stage === 'impersonation' ? 'authentication' : e.stage);
    case 'request': case 'response': case 'watch': case 'watchOpen': case 'note': case 'fault':
    case 'controller': case 'cri': case 'kubelet': case 'scheduling': case 'schedulingQueue':
      return undefined;
    default:
      return undefined;
  }
}

function explicitDenial(e: TraceEvent): string | undefined {
  switch (e.type) {
    case 'authn': return e.ok ? undefined : (e.reason ?? 'Unauthorized');
    case 'admission': return e.outcome === 'denied' ? (e.message ?? `${e.plugin} denied the request`) : undefined;
    case 'validation': return e.ok ? undefined : e.errors.map((x) => x.message).join('; ');
    case 'stage': return e.outcome === 'denied' || e.outcome === 'error' ? e.detail : undefined;
    case 'etcd': return e.ok || e.op === 'range' ? undefined : e.detail;
    case 'request': case 'response': case 'authz': case 'impersonation': case 'watch': case 'watchOpen': case 'note': case 'fault':
    case 'controller': case 'cri': case 'kubelet': case 'scheduling': case 'schedulingQueue':
      return undefined;
    default: return undefined;
  }
}

const pathOnly = (p: string): string => p.split('?')[0] ?? p;

function field(e: object, name: string): unknown {
  return (e as Record<string, unknown>)[name];
}

/** Actors an event not known to this build is about (its from/to, actor, or a node by type name). */
function guessActors(e: TraceEvent): string[] {
  const out: string[] = [];
  for (const k of ['actor', 'from', 'to', 'watcher', 'component']) {
    const v = field(e, k);
    if (typeof v === 'string') out.push(v);
  }
  if (e.type === 'scheduling' || e.type === 'schedulingQueue') return ['kube-scheduler'];
  if (e.type === 'controller') return ['kube-controller-manager'];
  if (e.type === 'kubelet') return [`kubelet/${e.node}`];
  if (e.type === 'fault') return [e.target];
  const node = field(e, 'node') ?? field(e, 'nodeName');
  const type = String(field(e, 'type'));
  if (/schedul/i.test(type)) out.push('kube-scheduler');
  if (/controller/i.test(type)) out.push('kube-controller-manager');
  if (typeof node === 'string' && /kubelet|pod|container|runtime|cri|image/i.test(type)) {
    out.push(/runtime|containerd|cri|image|sandbox/i.test(type) ? `containerd/${node}` : `kubelet/${node}`);
  }
  return out;
}

export function packetFor(e: TraceEvent): Packet | undefined {
  switch (e.type) {
    case 'request': {
      const hop = edgeBetween(nodeOf(e.from), nodeOf(e.to));
      return hop && { ...hop, label: `${e.method} ${pathOnly(e.path)}`, tone: 'request', key: e.seq };
    }
    case 'response': {
      const hop = edgeBetween(nodeOf(e.from), nodeOf(e.to));
      const reason = e.status?.reason ?? (e.summary.replace(/^\d+\s*/, '') || 'OK');
      return hop && { ...hop, label: `${e.code} ${reason}`, tone: e.code === 404 ? 'neutral' : e.code >= 400 ? 'error' : 'response', key: e.seq };
    }
    case 'etcd': {
      const verb = e.op === 'txn' ? 'txn put' : e.op === 'delete' ? 'delete' : e.op;
      return { edge: 'e:etcd', forward: true, label: `${verb} ${e.key}`, tone: e.ok || e.op === 'range' ? 'storage' : 'error', key: e.seq };
    }
    case 'watch': {
      const hop = edgeBetween('apiserver', nodeOf(e.to));
      return hop && { ...hop, label: `watch ${e.event} ${t.singular(e.resource)}/${e.name}`, tone: 'watch', key: e.seq };
    }
    case 'cri': {
      const hop = edgeBetween(nodeOf(e.from), nodeOf(e.to));
      return hop && { ...hop, label: `CRI ${e.call}`, tone: e.error ? 'error' : 'request', key: e.seq };
    }
    case 'stage': case 'authn': case 'authz': case 'impersonation': case 'admission': case 'validation': case 'watchOpen':
    case 'note': case 'fault': case 'controller': case 'kubelet': case 'scheduling': case 'schedulingQueue':
      return undefined;
    default:
      return guessPacket(e);
  }
}

/** A hop for trace members added after this build: anything with actor-like `from` and `to`. */
function guessPacket(e: TraceEvent): Packet | undefined {
  const from = field(e, 'from');
  const to = field(e, 'to');
  if (typeof from !== 'string' || typeof to !== 'string') return undefined;
  const hop = edgeBetween(nodeOf(from), nodeOf(to));
  const label = [field(e, 'method'), field(e, 'path') ?? field(e, 'call') ?? field(e, 'summary') ?? field(e, 'type')].filter((x) => typeof x === 'string').join(' ');
  return hop && { ...hop, label, tone: 'request', key: e.seq };
}

function isApiserverRequest(e: TraceEvent): e is Extract<TraceEvent, { type: 'request' }> {
  return e.type === 'request' && e.to === ('kube-apiserver' satisfies Actor);
}

/**
 * What the events before the cursor add up to, read once: the watches standing open, and where each span's events
 * are (its latest kube-apiserver request, and all its events in order). The UI's trace grows at its end and the
 * cursor mostly moves forwards, so a scan resumes where the last one stopped while the trace still holds the events
 * it read; a rewind or another trace starts over. Late in a 100-replica rollout that spares re-reading 20,000
 * events on every step.
 */
interface PrefixScan {
  first: TraceEvent | undefined;
  /** The last event read, and how many were. */
  last: TraceEvent | undefined;
  length: number;
  /** Open watches by watcher|resource|namespace, in the order they first opened (a Map keeps it). */
  open: Map<string, { edge: string; resource: string }>;
  /** Index of the latest request to kube-apiserver of each span. */
  request: Map<number, number>;
  /** Indices of each span's events, ascending. */
  events: Map<number, number[]>;
}

let prefixCache: PrefixScan | undefined;

function scanPrefix(trace: readonly TraceEvent[], index: number): PrefixScan {
  let s = prefixCache;
  if (!s || s.length > index || (s.length > 0 && (trace[0] !== s.first || trace[s.length - 1] !== s.last))) {
    s = { first: undefined, last: undefined, length: 0, open: new Map(), request: new Map(), events: new Map() };
  }
  for (let i = s.length; i < index; i++) {
    const e = trace[i] as TraceEvent;
    const list = s.events.get(e.span);
    if (list) list.push(i);
    else s.events.set(e.span, [i]);
    if (isApiserverRequest(e)) s.request.set(e.span, i);
    if (e.type !== 'watchOpen') continue;
    const id = `${e.watcher}|${e.resource}|${e.namespace}`;
    if (e.closed) {
      s.open.delete(id);
      continue;
    }
    const hop = edgeBetween('apiserver', nodeOf(e.watcher));
    if (hop) s.open.set(id, { edge: hop.edge, resource: e.resource });
  }
  s.first = trace[0];
  s.last = index > 0 ? trace[index - 1] : undefined;
  s.length = index;
  prefixCache = s;
  return s;
}

/** The first position in ascending `xs` holding at least `x`. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `origin`: where the story starts; the cluster's start-up before it leaves only its standing watches. */
export function deriveScene(trace: readonly TraceEvent[], cursor: number, origin = 0): Scene {
  const index = Math.min(cursor, trace.length);
  const current = index > origin ? trace[index - 1] : undefined;
  const stages = Object.fromEntries(STAGES.map((s) => [s, 'idle'])) as Record<StageId, StageState>;
  let denial: Scene['denial'];
  let requestLine: string | undefined;
  const active = new Set<string>();
  const prefix = scanPrefix(trace, index);

  // The request the current event belongs to: the latest request to kube-apiserver in its span.
  if (current) {
    const start = prefix.request.get(current.span);
    const req = start === undefined ? undefined : trace[start];
    if (start !== undefined && req && isApiserverRequest(req)) {
      requestLine = `${req.method} ${pathOnly(req.path)}`;
      let last: StageId | undefined;
      const spanEvents = prefix.events.get(current.span) ?? [];
      for (let k = lowerBound(spanEvents, start); k < spanEvents.length; k++) {
        const e = trace[spanEvents[k] as number] as TraceEvent;
        const s = stageOf(e);
        if (s) {
          if (last && last !== s && stages[last] === 'active') stages[last] = 'done';
          if (stages[s] !== 'denied') stages[s] = 'active';
          last = s;
          const refused = explicitDenial(e);
          if (refused !== undefined) {
            stages[s] = 'denied';
            denial = { stage: s, message: refused };
          }
        }
        if (e.type === 'response') {
          if (last && stages[last] === 'active') stages[last] = 'done';
          // A refusal nobody flagged explicitly (403 after authorization) belongs to the last stage reached.
          if (e.code >= 400 && e.code !== 404) {
            const at = denial?.stage ?? last ?? 'authentication';
            stages[at] = 'denied';
            denial = { stage: at, message: e.status?.message ?? e.summary };
          } else if (denial && e.status?.message) {
            denial = { ...denial, message: e.status.message };
          }
        }
      }
    }
    const p = packetFor(current);
    if (p) {
      const [a, b] = endpointsOf(p.edge);
      active.add(a);
      active.add(b);
    } else if (stageOf(current) || current.type === 'stage') {
      active.add('apiserver');
    }
    for (const a of guessActors(current)) active.add(nodeOf(a));
  }

  const watches: Record<string, Set<string>> = {};
  for (const w of prefix.open.values()) (watches[w.edge] ??= new Set()).add(w.resource);

  return {
    index, current, packet: current ? packetFor(current) : undefined, stages, denial, requestLine,
    active: [...active],
    watches: Object.fromEntries(Object.entries(watches).map(([k, v]) => [k, [...v].sort()])),
  };
}

/** The two diagram nodes an edge joins. */
export function endpointsOf(edge: string): [string, string] {
  const target = edge.slice(2);
  if (target === 'user') return ['user', 'apiserver'];
  if (target.startsWith('containerd:')) return [`kubelet:${target.slice(11)}`, target];
  return ['apiserver', target];
}
