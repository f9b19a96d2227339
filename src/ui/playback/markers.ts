// Timeline markers: where requests were sent, decisions were made, and things went wrong.
import type { TraceEvent } from '../../sim/trace/types.ts';
import { HeartbeatFilter } from '../../worker/pacing.ts';
import type { UserAction } from '../../worker/protocol.ts';

export type MarkerKind = 'request' | 'decision' | 'error' | 'action';

export interface Marker {
  index: number;
  kind: MarkerKind;
}

export function markerKind(e: TraceEvent): MarkerKind | undefined {
  switch (e.type) {
    case 'request': return 'request';
    case 'response': return e.code >= 400 && e.code !== 404 ? 'error' : undefined;
    case 'authn': return e.ok ? undefined : 'error';
    case 'authz': return e.decision === 'Allow' ? 'decision' : undefined;
    case 'admission': return e.outcome === 'denied' ? 'error' : e.patch.length > 0 ? 'decision' : undefined;
    case 'validation': return e.ok ? undefined : 'error';
    case 'stage': return e.outcome === 'denied' || e.outcome === 'error' ? 'error' : undefined;
    case 'scheduling': return e.chosen ? 'decision' : 'error';
    case 'kubelet': return e.step === 'backoff' ? 'error' : e.step === 'start' || e.step === 'pull' ? 'decision' : undefined;
    case 'controller': return e.action === 'sync' ? undefined : 'decision';
    case 'cri': return e.error ? 'error' : undefined;
    case 'fault': return 'action';
    case 'etcd': case 'watch': case 'watchOpen': case 'note': case 'impersonation': case 'schedulingQueue': return undefined;
    default: return 'decision';
  }
}

/**
 * What one pass over a trace yields: its markers and where its story ends. The UI's trace only grows at its end
 * between messages (new arrays sharing the old events), so a pass resumes where the last one stopped when the trace
 * still holds the events it ended on; anything else (a rewind, another trace) starts over. A 20,000-event trace is
 * then read once, not twice per worker message.
 */
interface TraceScan {
  first: TraceEvent | undefined;
  /** The last event read, and how many were. */
  last: TraceEvent | undefined;
  length: number;
  heartbeat: HeartbeatFilter;
  markers: Marker[];
  end: number;
}

let scanCache: TraceScan | undefined;

function scan(trace: readonly TraceEvent[]): TraceScan {
  let s = scanCache;
  if (!s || s.length > trace.length || (s.length > 0 && (trace[0] !== s.first || trace[s.length - 1] !== s.last))) {
    s = { first: undefined, last: undefined, length: 0, heartbeat: new HeartbeatFilter(), markers: [], end: 0 };
  }
  for (let index = s.length; index < trace.length; index++) {
    const e = trace[index] as TraceEvent;
    // Node upkeep (Leases, node status) would bury the story's markers.
    if (s.heartbeat.test(e)) continue;
    s.end = index + 1;
    const kind = markerKind(e);
    if (kind) s.markers.push({ index, kind });
  }
  s.first = trace[0];
  s.last = trace[trace.length - 1];
  s.length = trace.length;
  scanCache = s;
  return s;
}

export function markersOf(trace: readonly TraceEvent[], actions: readonly UserAction[]): Marker[] {
  const out = scan(trace).markers.slice();
  for (const a of actions) out.push({ index: a.traceIndex, kind: 'action' });
  return out;
}

/**
 * Where the story ends: one past the last event that is not node upkeep. After an "instant" run the host has
 * computed a minute of Lease renewals past the story; the timeline spans the story (and grows if the learner
 * steps on into the upkeep), so the story's markers are not squeezed into its first quarter.
 */
export function storyEnd(trace: readonly TraceEvent[]): number {
  return scan(trace).end;
}

const SEVERITY: Record<MarkerKind, number> = { request: 0, decision: 1, action: 2, error: 3 };

/**
 * Markers placed on a timeline of `total` steps from `origin`, at most one per `buckets`-th of its width (the most
 * severe wins): a long story (a 100-replica Deployment) keeps a few hundred marks, not thousands of elements.
 */
export function bucketMarkers(markers: readonly Marker[], origin: number, total: number, buckets = 400): { kind: MarkerKind; left: number; index: number }[] {
  const byBucket = new Map<number, Marker>();
  for (const m of markers) {
    if (m.index < origin) continue;
    const b = Math.min(buckets - 1, Math.floor(((m.index - origin + 0.5) / total) * buckets));
    const have = byBucket.get(b);
    if (!have || SEVERITY[m.kind] > SEVERITY[have.kind]) byBucket.set(b, m);
  }
  return [...byBucket.values()].map((m) => ({ kind: m.kind, index: m.index, left: ((m.index - origin + 0.5) / total) * 100 }));
}
