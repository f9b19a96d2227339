import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';

/** What kubectl printed, each line appearing when the response that produced it reaches the terminal. */
export const KubectlOutput = memo(function KubectlOutput() {
  const { outputs, cursor } = useSession(useShallow((s) => ({ outputs: s.outputs, cursor: s.snapshot?.cursor ?? 0 })));
  const recent = outputs.filter((o) => o.source === 'editor').slice(-4);
  return (
    <div className="terminal-out" role="log" aria-label={t.editor.terminal}>
      {recent.length === 0 ? <div className="text-slate-400">{t.editor.noOutput}</div> : null}
      {recent.map((o, i) => {
        const shown = o.lines.filter((l) => l.at <= cursor);
        return (
          <div key={i} className="mb-1.5">
            <div><span className="text-emerald-300">{o.prompt}</span> <span className="text-slate-200">{o.command}</span></div>
            {shown.map((l, j) => (
              <div key={j} className={`whitespace-pre-wrap ${l.stream === 'stderr' ? 'text-rose-300' : 'text-slate-100'}`}>{l.text}</div>
            ))}
            {shown.length < o.lines.length ? <div className="text-slate-400">{t.editor.pending}</div> : null}
          </div>
        );
      })}
    </div>
  );
});
