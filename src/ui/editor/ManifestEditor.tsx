import { memo, useEffect, useRef, useState } from 'react';
import type { CodeEditor as CodeEditorComponent } from './monaco/CodeEditor.tsx';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../common/Icon.tsx';
import { engine } from '../engine/engine.ts';
import { addFile, deleteFile, fileNameProblem, renameFile, resetFile, selectFile, useEditor } from '../store/editorStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { KubectlOutput } from './KubectlOutput.tsx';
import { ScenarioSteps } from './ScenarioSteps.tsx';

/** Monaco loads once the diagram is on screen and the browser is idle: the diagram never waits for the editor. */
function useLazyEditor(): typeof CodeEditorComponent | null {
  const [Editor, setEditor] = useState<typeof CodeEditorComponent | null>(null);
  const scenarioReady = useSession((s) => s.scenario !== null);
  useEffect(() => {
    if (!scenarioReady || Editor) return;
    let live = true;
    const load = (): void => {
      void import('./monaco/CodeEditor.tsx').then((m) => {
        if (live) setEditor(() => m.CodeEditor);
      });
    };
    const idle = window.requestIdleCallback?.(load, { timeout: 600 });
    const timer = idle === undefined ? window.setTimeout(load, 50) : undefined;
    return () => {
      live = false;
      if (idle !== undefined) window.cancelIdleCallback(idle);
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [scenarioReady, Editor]);
  return Editor;
}

/** The file tabs: arrow keys move between them; files the learner added can be renamed (double-click) and deleted. */
const FileTabs = memo(function FileTabs() {
  const { files, active, scenarioFiles } = useEditor(useShallow((s) => ({ files: s.files, active: s.active, scenarioFiles: s.scenarioFiles })));
  const [renaming, setRenaming] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const own = !scenarioFiles.includes(active);
  const problem = renaming ? fileNameProblem(draft, renaming) : undefined;

  useEffect(() => {
    if (renaming) input.current?.select();
  }, [renaming]);

  const startRename = (name: string): void => {
    if (scenarioFiles.includes(name)) return;
    setDraft(name);
    setRenaming(name);
  };
  const commit = (): void => {
    if (renaming && renameFile(renaming, draft)) setRenaming(null);
  };

  return (
    <div className="flex items-center gap-1">
      <div role="tablist" aria-label={t.editor.files} className="flex min-w-0 flex-1 gap-1 overflow-x-auto">
        {files.map((f) => (renaming === f.name ? (
          <span key={f.name} className="flex flex-col">
            <input ref={input} className="file-tab file-tab-input" aria-label={t.editor.fileName} value={draft} aria-invalid={problem ? true : undefined}
              title={problem ? t.editor.fileNameProblem[problem] : undefined}
              onChange={(e) => setDraft(e.target.value)} onBlur={commit}
              onKeyDown={(e) => {
                if (e.key === 'Enter') commit();
                if (e.key === 'Escape') setRenaming(null);
              }} />
          </span>
        ) : (
          <button key={f.name} id={`file-tab-${f.name}`} type="button" role="tab" aria-selected={f.name === active} className="file-tab" onClick={() => selectFile(f.name)}
            onDoubleClick={() => startRename(f.name)}
            onKeyDown={(e) => {
              if (e.key === 'F2') startRename(f.name);
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const i = files.findIndex((x) => x.name === f.name) + (e.key === 'ArrowRight' ? 1 : -1);
              const next = files[(i + files.length) % files.length];
              if (next) {
                selectFile(next.name);
                document.getElementById(`file-tab-${next.name}`)?.focus();
              }
            }} tabIndex={f.name === active ? 0 : -1}>
            {f.name}
          </button>
        )))}
      </div>
      {own && !renaming ? (
        <>
          <button type="button" className="icon-btn icon-btn-sm" aria-label={t.editor.rename} title={`${t.editor.rename} (F2)`} onClick={() => startRename(active)}>
            <Icon name="pencil" className="size-3.5" />
          </button>
          <button type="button" className="icon-btn icon-btn-sm" aria-label={t.editor.remove} title={t.editor.remove}
            onClick={() => { if (window.confirm(t.editor.removeConfirm(active))) deleteFile(active); }}>
            <Icon name="trash" className="size-3.5" />
          </button>
        </>
      ) : null}
      <button type="button" className="icon-btn icon-btn-sm" aria-label={t.editor.newFile} title={t.editor.newFile} onClick={() => addFile()}>
        <Icon name="plus" className="size-4" />
      </button>
    </div>
  );
});

/** Until Monaco has loaded: the file's text, read-only, so the panel never jumps. */
function EditorPlaceholder({ content }: { content: string }) {
  return (
    <div className="editor editor-placeholder" aria-busy="true">
      <pre aria-hidden="true">{content}</pre>
      <span className="editor-loading">{t.editor.loading}</span>
    </div>
  );
}

/** Monaco once its chunk has loaded (the component itself is declared in that module, never during render). */
function LazyEditor({ component, content }: { component: typeof CodeEditorComponent | null; content: string }) {
  if (!component) return <EditorPlaceholder content={content} />;
  const Loaded = component;
  return <Loaded />;
}

export const ManifestEditor = memo(function ManifestEditor() {
  const { files, active, user } = useEditor(useShallow((s) => ({ files: s.files, active: s.active, user: s.user })));
  const original = useSession((s) => s.scenario?.files.find((f) => f.name === active)?.content);
  const file = files.find((f) => f.name === active);
  const content = file?.content ?? '';
  const LoadedEditor = useLazyEditor();

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <ScenarioSteps />
      <FileTabs />
      <LazyEditor component={LoadedEditor} content={content} />
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
