import { memo } from 'react';
import type { TraceEvent } from '../../sim/trace/types.ts';
import { Icon } from '../common/Icon.tsx';
import { openInspector, type InspectorTab } from '../store/inspectorStore.ts';
import { useDiagram } from '../store/diagramStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { stepsDone } from '../editor/ScenarioSteps.tsx';
import { t } from '../text/index.ts';

/** The inspector view that explains an event best. */
export function inspectorFor(e: TraceEvent): InspectorTab {
  switch (e.type) {
    case 'authz': return 'rbac';
    case 'admission': return 'admission';
    case 'etcd': case 'watch': return 'etcd';
    case 'scheduling': case 'schedulingQueue': return 'scheduler';
    case 'kubelet': case 'cri': case 'fault': return 'events';
    case 'controller': return 'objects';
    case 'stage': return e.stage === 'authorization' ? 'rbac' : e.stage === 'mutatingAdmission' || e.stage === 'validatingAdmission' ? 'admission' : e.stage === 'storage' ? 'etcd' : 'request';
    case 'response': return e.code === 403 ? 'rbac' : 'request';
    case 'request': return /\/binding(\?|$)/.test(e.path) ? 'scheduler' : 'request';
    case 'authn': case 'impersonation': case 'validation': case 'watchOpen': case 'note':
      return 'request';
    default: return 'request';
  }
}

/** Before the story starts: the scenario's next suggested step, if it has steps. */
function useNextStep(): string | undefined {
  return useSession((s) => {
    const steps = s.scenario?.steps ?? [];
    if (steps.length === 0) return undefined;
    const done = stepsDone(steps, s.snapshot?.actions ?? []);
    const next = steps[done];
    return next ? t.narration.nextStep(done + 1, steps.length, next.note, t.editor.stepAs(next.action, next.file, next.user)) : undefined;
  });
}

export const Narration = memo(function Narration() {
  const current = useDiagram((s) => s.scene.current);
  const fileProblem = useSession((s) => s.fileProblem?.text);
  const next = useNextStep();
  const denied = fileProblem !== undefined || (current?.type === 'response' && current.code >= 400 && current.code !== 404);
  return (
    <div className={`narration ${denied ? 'is-error' : ''}`}>
      <Icon name={denied ? 'alert' : 'info'} className={`mt-0.5 size-5 shrink-0 ${denied ? 'text-rose-400' : 'text-sky-400'}`} />
      <p className="min-w-0 flex-1" aria-live="polite" aria-label={t.narration.label} data-testid="narration">
        {fileProblem ?? (current ? t.narration.describe(current) : (next ?? t.narration.start))}
      </p>
      {current && !fileProblem ? (
        <button type="button" className="link-btn shrink-0" onClick={() => openInspector(inspectorFor(current))}>
          {t.narration.inspect} →
        </button>
      ) : null}
    </div>
  );
});
