import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../common/Icon.tsx';
import { selectSchedulingAttempt, useInspector } from '../store/inspectorStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { formatMs, t } from '../text/index.ts';
import { Empty, Section } from './common.tsx';
import { attemptsUpTo, filterTable, scoreTable, type Attempt, type FilterCell } from './schedulingView.ts';

const T = t.inspector.scheduler;

function FilterCellView({ cell }: { cell: FilterCell }) {
  if (cell.status === 'notRun') return <span className="sched-na">{T.notRun}</span>;
  if (cell.status === 'Success') return <span className="sched-pass"><Icon name="check" className="size-3.5" />{T.pass}</span>;
  if (cell.status === 'Skip') return <span className="sched-na">{T.skip}</span>;
  return (
    <span className="sched-fail">
      <span className="flex items-center gap-1 font-semibold"><Icon name="x" className="size-3.5" />{cell.status}</span>
      {cell.reasons.map((r) => <span key={r} className="sched-reason">{r}</span>)}
    </span>
  );
}

function AttemptView({ a }: { a: Attempt }) {
  const filters = useMemo(() => filterTable(a), [a]);
  const scores = useMemo(() => scoreTable(a), [a]);
  const preFilter = a.preFilter.filter((p) => p.status !== 'Success' && p.status !== 'Skip');
  return (
    <>
      <p className="mt-1 text-[12px] text-slate-400">{T.summary(a.numAllNodes, a.numNodesToFind, a.startIndex)}{a.nominatedNode ? ` · ${T.nominated(a.nominatedNode)}` : ''}</p>
      {a.chosen ? (
        <div className="decision decision-allow mt-2" data-testid="scheduler-chosen">
          <Icon name="check" className="size-4" /><span className="font-semibold">{T.chosen}:</span><span className="font-mono">{a.chosen}</span>
        </div>
      ) : null}
      {a.fitError ? (
        <Section title={T.fitError}>
          <div className="denial-box font-mono text-[12.5px] leading-snug" data-testid="fit-error">{a.fitError}</div>
        </Section>
      ) : null}
      {preFilter.length > 0 ? (
        <Section title={T.preFilter}>
          <ul className="space-y-1 font-mono text-[12px]">{preFilter.map((p) => <li key={p.plugin}>{p.plugin}: {p.status} {p.reasons.join(', ')}</li>)}</ul>
        </Section>
      ) : null}
      <Section title={T.filters}>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={T.filters}>
          <table className="sched-table">
            <caption>{T.filtersCaption}</caption>
            <thead>
              <tr><th scope="col">{T.plugin}</th>{filters.nodes.map((n, i) => <th key={n} scope="col" className={filters.feasible[i] ? 'is-feasible' : 'is-infeasible'}>{n}</th>)}</tr>
            </thead>
            <tbody>
              {filters.plugins.map((p, r) => (
                <tr key={p}>
                  <th scope="row">{p}</th>
                  {filters.nodes.map((n, c) => <td key={n}><FilterCellView cell={filters.cells[r]?.[c] ?? { status: 'notRun', reasons: [] }} /></td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      {scores.nodes.length > 0 ? (
        <Section title={T.scores}>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={T.scores}>
            <table className="sched-table">
              <caption>{T.scoresCaption}</caption>
              <thead>
                <tr><th scope="col">{T.plugin}</th>{scores.nodes.map((n) => <th key={n} scope="col" className={n === a.chosen ? 'is-chosen' : ''}>{n}</th>)}</tr>
              </thead>
              <tbody>
                {scores.plugins.map((p, r) => (
                  <tr key={p.plugin} className={p.skipped ? 'is-skipped' : ''}>
                    <th scope="row">{p.plugin} <span className="sched-weight">{T.weight(p.weight)}</span></th>
                    {scores.nodes.map((n, c) => {
                      const s = scores.cells[r]?.[c];
                      return (
                        <td key={n} className={n === a.chosen ? 'is-chosen' : ''}>
                          {s ? <span className="sched-score"><span>{s.raw} → {s.normalized}</span><strong>{s.weighted}</strong></span> : <span className="sched-na">{p.skipped ? T.skippedScore : '—'}</span>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
                <tr className="sched-total">
                  <th scope="row">{T.total}</th>
                  {scores.nodes.map((n, c) => <td key={n} className={n === a.chosen ? 'is-chosen' : ''}><strong>{scores.totals[c]}</strong></td>)}
                </tr>
              </tbody>
            </table>
          </div>
        </Section>
      ) : null}
      {a.preemption ? (
        <Section title={T.preemption}>
          <p className="font-mono text-[12px] text-slate-300">{a.preemption.message}</p>
        </Section>
      ) : null}
    </>
  );
}

/** kube-scheduler's view of one attempt: which filters let which nodes through, the scores, the outcome. */
export const SchedulerInspector = memo(function SchedulerInspector() {
  const { trace, cursor } = useSession(useShallow((s) => ({ trace: s.trace, cursor: s.snapshot?.cursor ?? 0 })));
  const pinned = useInspector((s) => s.schedulingSeq);
  const attempts = useMemo(() => attemptsUpTo(trace, cursor), [trace, cursor]);
  if (attempts.length === 0) return <Empty>{T.none}</Empty>;
  const shown: Attempt = attempts.find((a) => a.seq === pinned) ?? attempts[attempts.length - 1]!;
  // The newest attempts first; a long back-off story keeps the list short.
  const options = attempts.slice(-50).reverse();
  return (
    <div>
      <label className="flex items-center gap-2 text-[12px] text-slate-400">
        <span className="shrink-0">{T.attempt}</span>
        <select className="select min-w-0 flex-1" value={shown.seq} onChange={(e) => selectSchedulingAttempt(Number(e.target.value))}>
          {options.map((a) => <option key={a.seq} value={a.seq}>{T.attemptLabel(a.namespace, a.pod, a.attempt, `t = ${formatMs(a.time)}`)}{a.chosen ? ` → ${a.chosen}` : ' ✗'}</option>)}
        </select>
      </label>
      <AttemptView a={shown} />
    </div>
  );
});
