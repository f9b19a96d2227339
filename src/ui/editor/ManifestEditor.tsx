import { memo, useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ManifestError } from '../../sim/kubectl/manifests.ts';
import { Icon } from '../common/Icon.tsx';
import { engine } from '../engine/engine.ts';
import { editFile, resetFile, selectFile, useEditor } from '../store/editorStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { KubectlOutput } from './KubectlOutput.tsx';

/** Checks YAML as the learner types; the parser loads on first use, after the diagram. */
function useYamlError(content: string): ManifestError | null {
  const [error, setError] = useState<ManifestError | null>(null);
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      void import('../../sim/kubectl/manifests.ts').then(({ parseManifests }) => {
        if (!live) return;
        const r = parseManifests(content);
        setError(r.ok ? null : r.error);
      });
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [content]);
  return error;
}

/** A plain editor with a line gutter (Monaco replaces it in the next slice); every keystroke is saved. */
export const ManifestEditor = memo(function ManifestEditor() {
  const { files, active, user } = useEditor(useShallow((s) => ({ files: s.files, active: s.active, user: s.user })));
  const original = useSession((s) => s.scenario?.files.find((f) => f.name === active)?.content);
  const file = files.find((f) => f.name === active);
  const content = file?.content ?? '';
  const error = useYamlError(content);
  const gutter = useRef<HTMLDivElement>(null);
  const errorId = useId();
  const lines = content.split('\n').length;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <div role="tablist" aria-label={t.editor.files} className="flex gap-1 overflow-x-auto">
        {files.map((f) => (
          <button key={f.name} type="button" role="tab" aria-selected={f.name === active} className="file-tab" onClick={() => selectFile(f.name)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const i = files.findIndex((x) => x.name === f.name) + (e.key === 'ArrowRight' ? 1 : -1);
              const next = files[(i + files.length) % files.length];
              if (next) selectFile(next.name);
            }} tabIndex={f.name === active ? 0 : -1}>
            {f.name}
          </button>
        ))}
      </div>
      <div className={`editor ${error ? 'has-error' : ''}`}>
        <div ref={gutter} className="editor-gutter" aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => (
            <div key={i} className={error?.line === i + 1 ? 'gutter-error' : ''}>{error?.line === i + 1 ? '●' : i + 1}</div>
          ))}
        </div>
        <textarea
          className="editor-text"
          value={content}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          wrap="off"
          aria-label={t.editor.editorLabel(active)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => editFile(active, e.target.value)}
          onScroll={(e) => { if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop; }}
        />
      </div>
      {error ? (
        <p id={errorId} className="yaml-error" role="alert">
          <Icon name="alert" className="size-4 shrink-0" /> {t.editor.yamlError(error.line, error.col, error.message)}
        </p>
      ) : null}
      <div className="flex items-center gap-2">
        <button type="button" className="btn btn-primary" onClick={() => file && engine.apply(user, file)} title={t.editor.applyHint(user)} disabled={!file}>
          <Icon name="upload" className="size-4" /> {t.editor.apply}
        </button>
        <button type="button" className="btn" onClick={() => file && engine.delete(user, file)} title={t.editor.deleteHint(user)} disabled={!file}>
          <Icon name="trash" className="size-4" /> {t.editor.delete}
        </button>
        <span className="flex-1" />
        {original !== undefined && original !== content ? (
          <button type="button" className="btn btn-ghost" onClick={() => resetFile(active, original)} title={t.editor.resetHint}>
            <Icon name="reset" className="size-4" /> {t.editor.reset}
          </button>
        ) : <span className="text-[12px] text-slate-400">{t.editor.saved}</span>}
      </div>
      <KubectlOutput />
    </div>
  );
});
