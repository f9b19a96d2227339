// The engine's only source of time: a virtual clock driving a discrete-event queue.
// Events run in (time, sequence) order, so equal-time events keep the order they were scheduled in.

export interface ScheduledTask {
  readonly id: number;
  readonly at: number;
  readonly label: string;
  cancelled: boolean;
}

interface Entry extends ScheduledTask {
  run: () => void;
}

export class Clock {
  private nowMs: number;
  private seq = 0;
  /**
   * Called when a task throws. Unset, the error propagates to whoever advanced the clock; the Engine sets it so
   * that one component's crash (a bug) is reported without stopping the others, as a real process would restart.
   */
  onTaskError: ((error: unknown, label: string) => void) | undefined;
  private readonly heap: Entry[] = [];

  /** @param epochMs virtual wall time at t=0, in ms since the Unix epoch (used for timestamps only). */
  constructor(readonly epochMs = Date_UTC(2026, 0, 15, 9, 0, 0), startMs = 0) {
    this.nowMs = startMs;
  }

  /** Milliseconds of virtual time since the simulation started. */
  now(): number {
    return this.nowMs;
  }

  /** Virtual wall time, ms since the Unix epoch. */
  wallMs(): number {
    return this.epochMs + this.nowMs;
  }

  /** RFC 3339 timestamp with second precision, as metadata.creationTimestamp is written. */
  timestamp(offsetMs = 0): string {
    const at = this.wallMs() + offsetMs;
    // Many objects are stamped at the same virtual instant: remember the last text.
    if (at !== this.stampedAt) {
      this.stampedAt = at;
      this.stamp = formatRfc3339(at);
    }
    return this.stamp;
  }

  private stampedAt = Number.NaN;
  private stamp = '';

  /** RFC 3339 with microseconds, as metav1.MicroTime (events.k8s.io eventTime, Lease renewTime). */
  microTimestamp(offsetMs = 0): string {
    return formatRfc3339(this.wallMs() + offsetMs, true);
  }

  schedule(delayMs: number, label: string, run: () => void): ScheduledTask {
    const entry: Entry = { id: ++this.seq, at: this.nowMs + Math.max(0, delayMs), label, cancelled: false, run };
    this.push(entry);
    return entry;
  }

  cancel(task: ScheduledTask): void {
    task.cancelled = true;
  }

  /** Time of the next pending event, or undefined when idle. */
  peek(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.at;
  }

  pending(): number {
    return this.heap.filter((e) => !e.cancelled).length;
  }

  /** Runs the next event (advancing time to it). Returns false when there is none. */
  step(): boolean {
    this.dropCancelled();
    const next = this.pop();
    if (!next) return false;
    this.nowMs = Math.max(this.nowMs, next.at);
    if (!this.onTaskError) {
      next.run();
      return true;
    }
    try {
      next.run();
    } catch (e) {
      this.onTaskError(e, next.label);
    }
    return true;
  }

  /** Runs every event due at or before `t`, then sets the time to `t`. */
  advanceTo(t: number): number {
    let ran = 0;
    for (;;) {
      const at = this.peek();
      if (at === undefined || at > t) break;
      this.step();
      ran++;
    }
    if (t > this.nowMs) this.nowMs = t;
    return ran;
  }

  advanceBy(ms: number): number {
    return this.advanceTo(this.nowMs + ms);
  }

  /** Runs events until none is left or `maxEvents` ran; returns how many ran. */
  runUntilIdle(maxEvents = 1_000_000): number {
    let ran = 0;
    while (ran < maxEvents && this.step()) ran++;
    return ran;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]?.cancelled) this.pop();
  }

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.id < b.id);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pe = h[parent] as Entry;
      if (!this.less(e, pe)) break;
      h[i] = pe;
      i = parent;
    }
    h[i] = e;
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const child = r < h.length && this.less(h[r] as Entry, h[l] as Entry) ? r : l;
      const ce = h[child] as Entry;
      if (!this.less(ce, last)) break;
      h[i] = ce;
      i = child;
    }
    h[i] = last;
    return top;
  }
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian); from Howard Hinnant's date algorithms. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1-12, day 1-31] of a day count since 1970-01-01 (Howard Hinnant's civil_from_days). */
export function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Date.UTC without touching the host's Date. Month is 0-based, as in Date.UTC. */
export function Date_UTC(year: number, month0: number, day: number, h = 0, min = 0, s = 0): number {
  return ((daysFromCivil(year, month0 + 1, day) * 24 + h) * 60 + min) * 60_000 + s * 1000;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function formatRfc3339(epochMs: number, micro = false): string {
  const days = Math.floor(epochMs / 86_400_000);
  const msOfDay = epochMs - days * 86_400_000;
  const [y, m, d] = civilFromDays(days);
  const h = Math.floor(msOfDay / 3_600_000);
  const min = Math.floor((msOfDay % 3_600_000) / 60_000);
  const s = Math.floor((msOfDay % 60_000) / 1000);
  const frac = micro ? `.${pad((msOfDay % 1000) * 1000, 6)}` : '';
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}:${pad(s)}${frac}Z`;
}

/** Parses the RFC 3339 forms the API uses ("2026-01-15T09:00:00Z", with optional fraction or offset). */
export function parseRfc3339(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let ms = Date_UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (frac) ms += Math.floor(Number(`0.${frac}`) * 1000);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return ms;
}
