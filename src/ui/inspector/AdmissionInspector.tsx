import { memo, useEffect } from 'react';
import type { AdmissionStep } from '../../worker/protocol.ts';
import { engine } from '../engine/engine.ts';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { Empty } from './common.tsx';
import { DiffView } from './DiffView.tsx';
import { diffStat, lineDiff } from './lineDiff.ts';
import type { RequestView } from './requestView.ts';

const NO_STEPS: AdmissionStep[] = [];

/** The object before → after one plugin, folded away until asked for (the first change opens by itself). */
function PluginDiff({ step, open }: { step: AdmissionStep | undefined; open: boolean }) {
  if (!step) return null;
  if (step.before === null || step.after === null) return <p className="mt-1.5 text-[12px] text-slate-400">{t.inspector.noRebuild}</p>;
  const { added, removed } = diffStat(lineDiff(step.before, step.after));
  return (
    <details className="plugin-diff" open={open}>
      <summary>{t.inspector.showDiff} <span className="diff-stat">{t.inspector.diffStat(added, removed)}</span></summary>
      <DiffView before={step.before} after={step.after} label={`${step.plugin}: ${t.inspector.showDiff}`} />
    </details>
  );
}

export const AdmissionInspector = memo(function AdmissionInspector({ view }: { view: RequestView | undefined }) {
  const span = view?.request.span;
  const steps = useSession((s) => (s.admission && s.admission.span === span ? s.admission.steps : NO_STEPS));
  const count = view?.admission.length ?? 0;
  useEffect(() => {
    if (span !== undefined && count > 0) engine.admission(span);
  }, [span, count]);
  if (!view || view.admission.length === 0) return <Empty>{t.inspector.noAdmission}</Empty>;
  const firstChange = view.admission.find((a) => a.patch.length > 0)?.seq;
  return (
    <ol className="space-y-2">
      {view.admission.map((a, i) => (
        <li key={a.seq} className={`plugin-card ${a.outcome === 'denied' ? 'is-denied' : ''}`}>
          <div className="flex items-center gap-2">
            <span className="stage-num">{i + 1}</span>
            <span className="font-semibold text-slate-100">{a.plugin}</span>
            <span className={`badge ${a.phase === 'mutating' ? 'badge-mutate' : 'badge-validate'}`}>{a.phase === 'mutating' ? 'Admit' : 'Validate'}</span>
            <span className="flex-1" />
            <span className={`text-[12px] ${a.outcome === 'denied' ? 'text-rose-300' : 'text-slate-400'}`}>
              {a.outcome === 'denied' ? 'denied' : a.patch.length > 0 ? t.inspector.changes(a.patch.length) : t.inspector.noChange}
            </span>
          </div>
          {a.message ? <div className="mt-1 font-mono text-[12px] text-rose-200">{a.message}</div> : null}
          {a.warnings?.map((w) => <div key={w} className="mt-1 font-mono text-[12px] text-amber-200">Warning: {w}</div>)}
          {a.patch.length > 0 ? (
            <>
              <ul className="mt-1.5 space-y-1">
                {a.patch.map((p, j) => (
                  <li key={j} className="patch-op">
                    <span className={`op op-${p.op}`}>{p.op}</span>
                    <span className="font-mono text-sky-200">{p.path}</span>
                    {p.value !== undefined ? <pre className="patch-value">{JSON.stringify(p.value, null, 1).replace(/\n\s*/g, ' ')}</pre> : null}
                  </li>
                ))}
              </ul>
              <PluginDiff step={steps.find((s) => s.seq === a.seq)} open={a.seq === firstChange} />
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
});
