// How long each trace event stays on screen at 1× speed. Shared by the host (which releases events) and the UI
// (which animates a packet for as long as its event is current). Kept free of engine imports.
import type { TraceEvent } from '../sim/trace/types.ts';

/** Requests a kubelet repeats forever: its Lease (every 10 s) and its Node's status. They tell no story. */
const HEARTBEAT = /^(?:\w+ \/apis\/coordination\.k8s\.io\/v1\/namespaces\/kube-node-lease\/leases(?:\/[^/?]+)?|(?:GET|PATCH) \/api\/v1\/nodes\/[^/?]+(?:\/status)?)(?:\?.*)?$/;

export function isHeartbeatRequest(method: string, path: string): boolean {
  return HEARTBEAT.test(`${method} ${path}`);
}

/** Tells, event by event in trace order, whether an event is node upkeep (a heartbeat request or its echo). */
export class HeartbeatFilter {
  private readonly spans = new Map<number, boolean>();

  test(e: TraceEvent): boolean {
    if (e.type === 'request') {
      const beat = isHeartbeatRequest(e.method, e.path);
      this.spans.set(e.span, beat);
      return beat;
    }
    if (e.type === 'watch') return e.resource === 'leases' || (e.resource === 'nodes' && e.event === 'MODIFIED');
    return this.spans.get(e.span) ?? false;
  }
}

/** Real ms at 1× a heartbeat event stays on screen: long enough to notice, short enough not to bore. */
export const HEARTBEAT_DWELL_MS = 60;

/** Longest wait, in real ms at 1×, for a stretch of virtual time in which nothing happens. */
export const MAX_IDLE_GAP_MS = 1500;

/** Real milliseconds at 1× that `e` is the current event before the next one may follow. */
export function dwellMs(e: TraceEvent): number {
  switch (e.type) {
    case 'request':
    case 'response':
    case 'watch':
      return 1100;
    case 'etcd':
      return 850;
    case 'authn':
    case 'authz':
    case 'impersonation':
    case 'validation':
      return 750;
    case 'admission':
      return e.patch.length > 0 || e.outcome === 'denied' ? 750 : 220;
    case 'stage':
      return e.outcome === 'ok' ? 200 : 600;
    case 'watchOpen':
      return 450;
    case 'note':
      return 600;
    case 'fault':
      // The learner caused it: long enough to read the narration's explanation.
      return 1500;
    case 'cri':
      return 900;
    case 'scheduling':
      return 1200;
    case 'kubelet':
    case 'controller':
      return e.type === 'controller' && e.action === 'sync' ? 350 : 800;
    case 'schedulingQueue':
      return 500;
    default:
      // Trace members added later (scheduling, kubelet, controller …) get a decision's pace.
      return 700;
  }
}

/** The wait after `current` before `next` becomes current: its dwell plus (capped) virtual time in between. */
export function waitBetween(current: TraceEvent | undefined, next: TraceEvent): number {
  if (!current) return 0;
  return dwellMs(current) + Math.min(Math.max(0, next.time - current.time), MAX_IDLE_GAP_MS);
}
