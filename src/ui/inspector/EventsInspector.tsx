import { memo, useEffect } from 'react';
import { engine } from '../engine/engine.ts';
import { setEventsAllNamespaces, useInspector } from '../store/inspectorStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';

const T = t.inspector.events;

/** `kubectl get events` as of the current step (the host prints it with kubectl's columns). */
export const EventsInspector = memo(function EventsInspector() {
  const all = useInspector((s) => s.eventsAllNamespaces);
  const revision = useSession((s) => s.snapshot?.revision ?? 0);
  const time = useSession((s) => s.snapshot?.time ?? 0);
  const events = useSession((s) => s.events);
  useEffect(() => {
    engine.events(all);
  }, [all, revision, time]);
  return (
    <div className="flex min-h-0 flex-col gap-2">
      <div className="flex items-center gap-3">
        <code className="cmd-line flex-1">$ {T.command(all)}</code>
        <label className="flex items-center gap-1.5 text-[12px] text-slate-300">
          <input type="checkbox" checked={all} onChange={(e) => setEventsAllNamespaces(e.target.checked)} /> {T.allNamespaces}
        </label>
      </div>
      <p className="text-[12px] text-slate-400">{T.caption}</p>
      <pre className="code-block kubectl-table" data-testid="events-output" tabIndex={0} aria-label={T.command(all)}>{events?.allNamespaces === all ? events.text : ''}</pre>
    </div>
  );
});
