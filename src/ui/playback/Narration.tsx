import { memo, useLayoutEffect, useRef, type RefObject } from 'react';
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

/**
 * Keeps the narration as tall as its tallest text so far (until its width changes). The diagram above is fitted to
 * the space left, so a box that followed each text's line count would re-zoom, and repaint, the whole diagram several
 * times a second during playback.
 */
function useTallestHeight(): RefObject<HTMLDivElement | null> {
  const box = useRef<HTMLDivElement>(null);
  const tallest = useRef({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = el.offsetWidth;
    if (width !== tallest.current.width) {
      el.style.minHeight = '';
      tallest.current = { width, height: 0 };
    }
    const height = el.offsetHeight;
    if (height > tallest.current.height) {
      tallest.current.height = height;
      el.style.minHeight = `${height}px`;
    }
  });
  return box;
}

export const Narration = memo(function Narration() {
  const current = useDiagram((s) => s.scene.current);
  const fileProblem = useSession((s) => s.fileProblem?.text);
  const next = useNextStep();
  const box = useTallestHeight();
  const denied = fileProblem !== undefined || (current?.type === 'response' && current.code >= 400 && current.code !== 404);
  return (
    <div ref={box} className={`narration ${denied ? 'is-error' : ''}`}>
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
