import { memo } from 'react';
import { t } from '../text/index.ts';
import { Empty } from './common.tsx';
import type { RequestView } from './requestView.ts';

export const AdmissionInspector = memo(function AdmissionInspector({ view }: { view: RequestView | undefined }) {
  if (!view || view.admission.length === 0) return <Empty>{t.inspector.noAdmission}</Empty>;
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
          {a.patch.length > 0 ? (
            <ul className="mt-1.5 space-y-1">
              {a.patch.map((p, j) => (
                <li key={j} className="patch-op">
                  <span className={`op op-${p.op}`}>{p.op}</span>
                  <span className="font-mono text-sky-200">{p.path}</span>
                  {p.value !== undefined ? <pre className="patch-value">{JSON.stringify(p.value, null, 1).replace(/\n\s*/g, ' ')}</pre> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
});
