// The request an inspector shows: the one the current event belongs to, or the latest before it.
import type { TraceEvent } from '../../sim/trace/types.ts';

type Ev<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

export interface RequestView {
  request: Ev<'request'>;
  /** Its events up to the cursor, in order. */
  events: TraceEvent[];
  authn: Ev<'authn'> | undefined;
  authz: Ev<'authz'>[];
  admission: Ev<'admission'>[];
  response: Ev<'response'> | undefined;
}

export function requestView(trace: readonly TraceEvent[], cursor: number): RequestView | undefined {
  const end = Math.min(cursor, trace.length);
  const current = trace[end - 1];
  let span: number | undefined;
  if (current) {
    // A watch event is delivered on the stream its watch request opened.
    const own = current.type === 'watch' && current.parent !== null ? current.parent : current.span;
    if (trace.some((e, i) => i < end && e.span === own && e.type === 'request')) span = own;
  }
  if (span === undefined) {
    for (let i = end - 1; i >= 0; i--) {
      const e = trace[i] as TraceEvent;
      if (e.type === 'request') { span = e.span; break; }
    }
  }
  if (span === undefined) return undefined;
  const events = trace.slice(0, end).filter((e) => e.span === span);
  const request = events.find((e): e is Ev<'request'> => e.type === 'request');
  if (!request) return undefined;
  return {
    request,
    events,
    authn: events.find((e): e is Ev<'authn'> => e.type === 'authn'),
    authz: events.filter((e): e is Ev<'authz'> => e.type === 'authz'),
    admission: events.filter((e): e is Ev<'admission'> => e.type === 'admission'),
    response: events.find((e): e is Ev<'response'> => e.type === 'response'),
  };
}
