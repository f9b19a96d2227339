// models client-go util/workqueue (a rate-limited delaying queue) on the virtual clock: a key added several times
// before it is processed is processed once; a key being processed and added again is processed again afterwards;
// failures retry with per-item exponential back-off (DefaultControllerRateLimiter's 5ms·2^n, capped at 1000s).
import type { Clock, ScheduledTask } from '../clock.ts';

export class WorkQueue {
  private readonly queued = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, ScheduledTask>();
  private task: ScheduledTask | undefined;
  private stopped = false;

  /** `sync` returns normally when done, or throws to be retried with back-off. */
  constructor(
    private readonly clock: Clock,
    private readonly name: string,
    private readonly sync: (key: string) => void,
    private readonly onError?: (key: string, err: unknown) => void,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.queued.add(key);
    this.task ??= this.clock.schedule(0, `${this.name} queue`, () => this.drain());
  }

  /** Adds the key after `ms` virtual milliseconds; an earlier pending delayed add wins, as AddAfter's heap does. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const prior = this.delayed.get(key);
    if (prior && prior.at <= this.clock.now() + ms) return;
    if (prior) this.clock.cancel(prior);
    this.delayed.set(key, this.clock.schedule(ms, `${this.name} requeue ${key}`, () => {
      this.delayed.delete(key);
      this.add(key);
    }));
  }

  /** Retries the key with exponential back-off (AddRateLimited). */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(5 * 2 ** n, 1_000_000));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  get length(): number {
    return this.queued.size;
  }

  stop(): void {
    this.stopped = true;
    if (this.task) this.clock.cancel(this.task);
    for (const t of this.delayed.values()) this.clock.cancel(t);
    this.delayed.clear();
    this.queued.clear();
  }

  private drain(): void {
    this.task = undefined;
    // Keys added while draining wait for the next round, as a key added while being processed is marked dirty.
    const keys = [...this.queued];
    this.queued.clear();
    for (const key of keys) {
      if (this.stopped) return;
      try {
        this.sync(key);
        this.forget(key);
      } catch (err) {
        this.onError?.(key, err);
        this.addRateLimited(key);
      }
    }
  }
}
