// Trace emission for controller decisions: each sync gets a span, the client's requests nest under it, and each
// decision is one `controller` trace event. Nothing is built when no one reads the trace.
import type { Json } from '../api/types.ts';
import type { Client } from '../client/Client.ts';
import type { Tracer } from '../trace/types.ts';

export class Decisions {
  constructor(private readonly tracer: Tracer, readonly controller: string) {}

  /** Opens the span of one sync of `object` on `clients`; returns it (undefined when tracing is off). */
  begin(object: string, clients: Client[]): number | undefined {
    if (!this.tracer.active) {
      for (const c of clients) c.parentSpan = undefined;
      return undefined;
    }
    const span = this.tracer.newSpan();
    for (const c of clients) c.parentSpan = span;
    this.tracer.emit(span, null, { type: 'controller', controller: this.controller, object, action: 'sync', detail: `sync ${object}` });
    return span;
  }

  decide(object: string, action: string, detail: string | (() => string), data?: () => Json): void {
    if (!this.tracer.active) return;
    const body: { type: 'controller'; controller: string; object: string; action: string; detail: string; data?: Json } = {
      type: 'controller', controller: this.controller, object, action, detail: typeof detail === 'string' ? detail : detail(),
    };
    if (data) body.data = data();
    this.tracer.emit(this.tracer.newSpan(), this.currentSpan ?? null, body);
  }

  /** The span decisions nest under (set by begin's caller through the client). */
  currentSpan: number | undefined;

  run<T>(object: string, clients: Client[], fn: () => T): T {
    this.currentSpan = this.begin(object, clients);
    try {
      return fn();
    } finally {
      this.currentSpan = undefined;
      for (const c of clients) c.parentSpan = undefined;
    }
  }
}
