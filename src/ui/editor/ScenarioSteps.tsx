import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { UserAction } from '../../worker/protocol.ts';
import { Icon } from '../common/Icon.tsx';
import { engine } from '../engine/engine.ts';
import { selectFile, selectUser, useEditor } from '../store/editorStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';

const NO_ACTIONS: UserAction[] = [];

/** How many of the scenario's steps the recorded actions have done, in order. */
export function stepsDone(steps: readonly { action: string; file: string; user: string }[], actions: readonly UserAction[]): number {
  let done = 0;
  for (const a of actions) {
    const s = steps[done];
    if (s && (a.kind === 'apply' || a.kind === 'delete') && s.action === a.kind && s.file === a.file.name && s.user === a.user) done++;
  }
  return done;
}

/** A scenario's suggested steps, each runnable with one button (it applies the editor's version of the file). */
export const ScenarioSteps = memo(function ScenarioSteps() {
  const steps = useSession(useShallow((s) => s.scenario?.steps ?? []));
  const actions = useSession((s) => s.snapshot?.actions ?? NO_ACTIONS);
  const files = useEditor((s) => s.files);
  if (steps.length === 0) return null;
  const done = stepsDone(steps, actions);
  return (
    <section className="steps" aria-label={t.editor.steps}>
      <h2 className="steps-title">{t.editor.steps}</h2>
      <ol>
        {steps.map((s, i) => {
          const file = files.find((f) => f.name === s.file);
          const what = t.editor.stepAs(s.action, s.file, s.user);
          return (
            <li key={i} className={`step ${i < done ? 'is-done' : i === done ? 'is-next' : ''}`}>
              <span className="stage-num">{i < done ? <Icon name="check" className="size-3" /> : i + 1}</span>
              <span className="min-w-0 flex-1 truncate font-mono text-[12px]" title={s.note}>{what}</span>
              {i === done && file ? (
                <button type="button" className="btn btn-xs" aria-label={`${t.editor.runStep}: ${what}`}
                  onClick={() => {
                    selectUser(s.user);
                    selectFile(s.file);
                    if (s.action === 'apply') engine.apply(s.user, file);
                    else engine.delete(s.user, file);
                  }}>
                  {t.editor.runStep}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
});
