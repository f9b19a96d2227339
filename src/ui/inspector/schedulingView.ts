// The scheduling attempt an inspector shows, and its node × plugin tables, from the trace alone.
import type { SchedulingAttemptBody, SchedulingFilterResult, TraceEvent } from '../../sim/trace/types.ts';

export type Attempt = Extract<TraceEvent, { type: 'scheduling' }>;

/** Every scheduling attempt up to the cursor, oldest first. */
export function attemptsUpTo(trace: readonly TraceEvent[], cursor: number): Attempt[] {
  const out: Attempt[] = [];
  for (let i = 0; i < Math.min(cursor, trace.length); i++) {
    const e = trace[i] as TraceEvent;
    if (e.type === 'scheduling') out.push(e);
  }
  return out;
}

export interface FilterCell {
  status: SchedulingFilterResult['status'] | 'notRun';
  reasons: string[];
}

export interface FilterTable {
  plugins: string[];
  nodes: string[];
  /** cells[plugin][node] */
  cells: FilterCell[][];
  /** Whether each node passed every filter. */
  feasible: boolean[];
}

/** Filter plugins (rows, in the order they ran) × evaluated nodes (columns). A node stops at its first failure. */
export function filterTable(a: SchedulingAttemptBody): FilterTable {
  const plugins: string[] = [];
  for (const n of a.nodes) for (const f of n.filters) if (!plugins.includes(f.plugin)) plugins.push(f.plugin);
  const nodes = a.nodes.map((n) => n.node);
  const cells = plugins.map((p) => a.nodes.map((n): FilterCell => {
    const f = n.filters.find((x) => x.plugin === p);
    return f ? { status: f.status, reasons: f.reasons } : { status: 'notRun', reasons: [] };
  }));
  const feasible = a.nodes.map((n) => n.filters.every((f) => f.status === 'Success' || f.status === 'Skip'));
  return { plugins, nodes, cells, feasible };
}

export interface ScoreTable {
  plugins: { plugin: string; weight: number; skipped: boolean }[];
  nodes: string[];
  /** cells[plugin][node]; undefined where the plugin did not score (skipped). */
  cells: ({ raw: number; normalized: number; weighted: number } | undefined)[][];
  totals: number[];
}

/** Score plugins × feasible nodes; empty when no node was feasible. */
export function scoreTable(a: SchedulingAttemptBody): ScoreTable {
  const scored = a.nodes.filter((n) => n.scores !== undefined);
  return {
    plugins: a.scorePlugins,
    nodes: scored.map((n) => n.node),
    cells: a.scorePlugins.map((p) => scored.map((n) => n.scores?.find((s) => s.plugin === p.plugin))),
    totals: scored.map((n) => n.total ?? (n.scores ?? []).reduce((sum, s) => sum + s.weighted, 0)),
  };
}
