// The Monaco editor for the learner's files: one model per file (its undo history kept while switching tabs),
// every change saved through the editor store, and markers from three sources: monaco-yaml's schema checks,
// kubectl's YAML parse, and the API server's answer to the last apply. A Problems list repeats them as text.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../common/Icon.tsx';
import { editFile, useEditor } from '../../store/editorStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import { t } from '../../text/index.ts';
import { apiProblems, syntaxProblems, type Problem } from '../problems.ts';
import { configureYaml, monaco, THEME } from './monaco.ts';

type Model = ReturnType<typeof monaco.editor.createModel>;
type Editor = ReturnType<typeof monaco.editor.create>;

const OWNERS = ['kubectl', 'kube-apiserver'] as const;

function uriOf(name: string) {
  return monaco.Uri.parse(`file:///${encodeURIComponent(name)}`);
}

interface ShownMarker {
  line: number;
  col: number;
  message: string;
  source: string;
  severity: 'error' | 'warning' | 'info';
}

function toMarker(p: Problem) {
  return {
    startLineNumber: p.line, startColumn: p.col, endLineNumber: p.endLine, endColumn: Math.max(p.endCol, p.col + 1),
    message: p.message, severity: monaco.MarkerSeverity.Error, source: p.source,
  };
}

/** Every marker on a model, in reading order, for the Problems list. */
function readMarkers(model: Model | undefined): ShownMarker[] {
  if (!model) return [];
  const all = monaco.editor.getModelMarkers({ resource: model.uri });
  // monaco-yaml parses with the same YAML library as kubectl here: one syntax error, one entry.
  const same = (a: (typeof all)[number], b: (typeof all)[number]): boolean => a.startLineNumber === b.startLineNumber && a.message === b.message;
  return all
    .filter((m) => m.owner !== 'kubectl' || !all.some((o) => o.owner === 'yaml' && same(o, m)))
    .map((m) => ({
      line: m.startLineNumber, col: m.startColumn, message: m.message, source: m.owner === 'yaml' ? 'yaml' : m.owner,
      severity: m.severity >= monaco.MarkerSeverity.Error ? 'error' as const : m.severity >= monaco.MarkerSeverity.Warning ? 'warning' as const : 'info' as const,
    }))
    .sort((a, b) => a.line - b.line || a.col - b.col);
}

export const CodeEditor = memo(function CodeEditor() {
  const { files, active } = useEditor(useShallow((s) => ({ files: s.files, active: s.active })));
  const { outputs, cursor } = useSession(useShallow((s) => ({ outputs: s.outputs, cursor: s.snapshot?.cursor ?? 0 })));
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | null>(null);
  const models = useRef(new Map<string, Model>());
  const [markers, setMarkers] = useState<ShownMarker[]>([]);
  const [ready, setReady] = useState(false);

  // One editor for the component's life; models are created as files appear.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ed = monaco.editor.create(el, {
      model: null,
      theme: THEME,
      language: 'yaml',
      automaticLayout: true,
      minimap: { enabled: false },
      fontFamily: '"JetBrains Mono", ui-monospace, monospace',
      fontSize: 13,
      lineHeight: 20,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      lineNumbersMinChars: 3,
      folding: true,
      glyphMargin: false,
      padding: { top: 8, bottom: 8 },
      fixedOverflowWidgets: true,
      quickSuggestions: { other: true, comments: false, strings: true },
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
      accessibilitySupport: 'auto',
    });
    editor.current = ed;
    const known = models.current;
    const onMarkers = monaco.editor.onDidChangeMarkers(() => setMarkers(readMarkers(ed.getModel() ?? undefined)));
    void configureYaml().then(() => setReady(true));
    return () => {
      onMarkers.dispose();
      ed.dispose();
      for (const m of known.values()) m.dispose();
      known.clear();
      editor.current = null;
    };
  }, []);

  // Files ↔ models: create, update from the store (a reset), dispose; then show the active one.
  useEffect(() => {
    const ed = editor.current;
    if (!ed) return;
    const known = models.current;
    for (const [name, model] of known) {
      if (!files.some((f) => f.name === name)) {
        model.dispose();
        known.delete(name);
      }
    }
    for (const f of files) {
      let model = known.get(f.name);
      if (!model) {
        model = monaco.editor.getModel(uriOf(f.name)) ?? monaco.editor.createModel(f.content, 'yaml', uriOf(f.name));
        const m = model;
        m.onDidChangeContent(() => editFile(f.name, m.getValue()));
        known.set(f.name, m);
      }
      if (model.getValue() !== f.content) {
        // Replaced from outside (Reset file): keep it undoable.
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: f.content }], () => null);
      }
    }
    const current = known.get(active);
    if (current && ed.getModel() !== current) {
      ed.setModel(current);
      ed.updateOptions({ ariaLabel: t.editor.editorLabel(active) });
    }
    setMarkers(readMarkers(current));
  }, [files, active]);

  // kubectl's and the API server's markers follow the text and the playback.
  const content = files.find((f) => f.name === active)?.content ?? '';
  const syntax = useMemo(() => syntaxProblems(content), [content]);
  const api = useMemo(() => apiProblems(outputs, active, content, cursor), [content, outputs, active, cursor]);
  // The cursor moves many times a second during playback; Monaco only hears about markers that changed.
  const sent = useRef(new Map<string, string>());
  useEffect(() => {
    const model = models.current.get(active);
    if (!model) return;
    const ours = { kubectl: syntax, 'kube-apiserver': api };
    for (const owner of OWNERS) {
      const key = `${model.uri.toString()}|${owner}`;
      const text = JSON.stringify(ours[owner]);
      if (sent.current.get(key) === text && monaco.editor.getModelMarkers({ resource: model.uri, owner }).length === ours[owner].length) continue;
      sent.current.set(key, text);
      monaco.editor.setModelMarkers(model, owner, ours[owner].map(toMarker));
    }
  }, [syntax, api, active, files]);

  const reveal = (m: ShownMarker): void => {
    const ed = editor.current;
    if (!ed) return;
    ed.setPosition({ lineNumber: m.line, column: m.col });
    ed.revealLineInCenter(m.line);
    ed.focus();
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <div className="editor monaco-host" data-testid="monaco" data-ready={ready ? 'true' : undefined} ref={host} />
      <section aria-label={t.editor.problems} className="problems">
        {markers.length === 0 ? (
          <p className="problems-ok"><Icon name="check" className="size-3.5 shrink-0" /> {t.editor.noProblems}</p>
        ) : (
          <ul aria-label={t.editor.problems}>
            {markers.map((m, i) => (
              <li key={`${m.line}:${m.col}:${i}`}>
                <button type="button" className={`problem problem-${m.severity}`} onClick={() => reveal(m)}>
                  <Icon name="alert" className="mt-px size-3.5 shrink-0" />
                  <span className="problem-where">{t.editor.problemAt(m.line, m.col)}</span>
                  <span className="problem-source">{t.editor.problemSource[m.source] ?? m.source}</span>
                  <span className="problem-text">{m.message}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
});

export default CodeEditor;
