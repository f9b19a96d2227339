// models k8s.io/client-go/util/flowcontrol Backoff as the kubelet uses it for image pulls and container restarts:
// per key, a window that starts at `initial` and doubles up to `max`; an entry untouched for 2×max starts over.

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly initialMs = 10_000, readonly maxMs = 300_000) {}

  private expired(eventTime: number, e: Entry): boolean {
    return eventTime - e.lastUpdate > 2 * this.maxMs;
  }

  /** Next: the first failure opens an `initial` window; later ones double it (capped at max). */
  next(key: string, eventTime: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e)) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: eventTime });
      return;
    }
    e.backoffMs = Math.min(e.backoffMs * 2, this.maxMs);
    e.lastUpdate = eventTime;
  }

  /** IsInBackOffSince: whether less than the window has passed since eventTime (e.g. the container's finish). */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e)) return false;
    return now - eventTime < e.backoffMs;
  }

  /** IsInBackOffSinceUpdate: whether less than the window has passed since the last failure was recorded. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(now, e)) return false;
    return now - e.lastUpdate < e.backoffMs;
  }

  /** The current window (0 when none), as "back-off 10s" messages print it. */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** When the current window ends, if there is one. */
  windowEnd(key: string): number | undefined {
    const e = this.entries.get(key);
    return e ? e.lastUpdate + e.backoffMs : undefined;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }
}
