// models client-go's tools/record EventRecorder: core/v1 Events named <object>.<hex time>, with repeated events
// (same object, reason, message, source) counted on one Event instead of creating new ones.
import type { KubeObject } from '../api/types.ts';
import type { Clock } from '../clock.ts';
import { isNotFound, type Client } from './Client.ts';
import { RES } from './paths.ts';

export interface EventSource {
  component: string;
  host?: string;
}

interface Recorded {
  name: string;
  namespace: string;
  count: number;
}

/**
 * (ms × 10⁶ + extra) in hex, exactly, without BigInt: ms is split at 2^20 so that every partial product stays an
 * exact double; the low 20 bits are the last five hex digits.
 */
export function nanosHex(ms: number, extra: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 2 ** 50) return (BigInt(ms) * 1_000_000n + BigInt(extra)).toString(16);
  const hiMs = Math.floor(ms / 2 ** 20);
  const loMs = ms - hiMs * 2 ** 20;
  const low = loMs * 1_000_000 + extra; // < 2^40 + 2^20
  const carry = Math.floor(low / 2 ** 20);
  const hi = hiMs * 1_000_000 + carry; // the value is hi × 2^20 + (low mod 2^20)
  const lo = low - carry * 2 ** 20;
  return hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(5, '0');
}

export class EventRecorder {
  private readonly seen = new Map<string, Recorded>();
  private seq = 0;

  constructor(private readonly client: Client, private readonly clock: Clock, readonly source: EventSource) {}

  /** Records an event about `obj`; `fieldPath` names a container, e.g. "spec.containers{nginx}". */
  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath = ''): void {
    const meta = obj.metadata ?? {};
    const namespace = meta.namespace && meta.namespace !== '' ? meta.namespace : 'default';
    const involvedObject: Record<string, string> = {
      kind: obj.kind ?? '', namespace: meta.namespace ?? '', name: meta.name ?? '', uid: meta.uid ?? '',
      apiVersion: obj.apiVersion ?? '', resourceVersion: meta.resourceVersion ?? '',
    };
    if (fieldPath !== '') involvedObject.fieldPath = fieldPath;
    const now = this.clock.timestamp();
    const key = [involvedObject.uid, fieldPath, type, reason, message, this.source.component, this.source.host ?? ''].join('\u0000');
    const prior = this.seen.get(key);
    if (prior) {
      prior.count++;
      try {
        this.client.patch(RES.events, prior.namespace, prior.name, 'merge', { count: prior.count, lastTimestamp: now });
        return;
      } catch (e) {
        if (!isNotFound(e)) return;
      }
    }
    // The suffix is the event time in nanoseconds, hex, as record.makeEvent names it; seq keeps names unique.
    const name = `${meta.name ?? 'unknown'}.${nanosHex(Math.floor(this.clock.wallMs()), this.seq++ % 1_000_000)}`;
    const source: Record<string, string> = { component: this.source.component };
    if (this.source.host) source.host = this.source.host;
    const event: KubeObject = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace },
      involvedObject, reason, message, source,
      firstTimestamp: now, lastTimestamp: now, count: 1, type,
      eventTime: null, reportingComponent: this.source.component, reportingInstance: this.source.host ?? '',
    };
    try {
      this.client.create(RES.events, namespace, event);
      this.seen.set(key, { name, namespace, count: 1 });
    } catch {
      // Events are best effort, as in client-go: a failure never stops the component.
    }
  }
}
