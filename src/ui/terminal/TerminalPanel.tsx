// A terminal on the learner's workstation: kubectl as the chosen kubeconfig user, `kubectl proxy` + curl, and
// `ssh NODE` for crictl (and etcdctl on the control-plane node). The engine runs each line; what it prints appears
// when the response that produced it reaches the terminal in the diagram, like the editor's kubectl output.
import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { INTERRUPT, type KubectlOutput } from '../../worker/protocol.ts';
import { Icon } from '../common/Icon.tsx';
import { engine } from '../engine/engine.ts';
import { useEditor } from '../store/editorStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { commonPrefix, completeLine, loadHistory, remember } from './history.ts';

/** The source document's commands, in the order its story uses them (with watch and describe beside them). */
export const EXAMPLES: readonly string[] = [
  'kubectl get pods',
  'kubectl get pods -w',
  'kubectl apply -f nginx-pod.yaml',
  'kubectl get pods --field-selector=status.phase=Pending',
  'kubectl get pods -o wide',
  'kubectl get pods nginx-pod -o yaml',
  'kubectl describe pod nginx-pod',
  'kubectl auth can-i create pods --as alice',
  'kubectl proxy',
  'curl http://localhost:8001/api/v1/pods',
  'ssh control-plane',
  'etcdctl get /registry/pods --prefix --keys-only',
  'ssh node-1',
  'crictl ps',
];

const NO_OUTPUTS: KubectlOutput[] = [];

/** The outputs since the last `clear`. */
function visibleOutputs(outputs: readonly KubectlOutput[]): KubectlOutput[] {
  let from = 0;
  outputs.forEach((o, i) => {
    if (o.clear) from = i + 1;
  });
  return outputs.slice(from);
}

const Transcript = memo(function Transcript({ outputs, cursor }: { outputs: readonly KubectlOutput[]; cursor: number }) {
  return (
    <>
      {outputs.map((o, i) => {
        const shown = o.lines.filter((l) => l.at <= cursor);
        return (
          <div key={i} className="mb-1">
            <div className="whitespace-pre-wrap break-all">
              <span className="text-emerald-300">{o.prompt}</span><span className="text-slate-100">{o.command}</span>
            </div>
            {shown.map((l, j) => (
              <div key={j} className={`whitespace-pre ${l.stream === 'stderr' ? 'text-rose-300' : 'text-slate-200'}`}>{l.text}</div>
            ))}
            {shown.length < o.lines.length ? <div className="text-slate-400">{t.terminal.pending}</div> : null}
          </div>
        );
      })}
    </>
  );
});

export const TerminalPanel = memo(function TerminalPanel() {
  const { outputs, cursor, prompts, completions } = useSession(useShallow((s) => ({
    outputs: s.outputs.length > 0 ? s.outputs : NO_OUTPUTS, cursor: s.snapshot?.cursor ?? 0, prompts: s.snapshot?.prompts, completions: s.completions,
  })));
  const user = useEditor((s) => s.user);
  const [line, setLine] = useState('');
  const [history, setHistory] = useState<string[]>(loadHistory);
  /** Position while walking the history with ↑/↓: history.length means "the line being typed". */
  const [walk, setWalk] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const [choices, setChoices] = useState<string[]>([]);
  // The examples start open on an empty terminal and fold away at the first command, unless the learner has
  // opened or closed them themselves.
  const [examples, setExamples] = useState(() => useSession.getState().outputs.every((o) => o.source !== 'terminal'));
  const examplesChosen = useRef(false);
  const pendingTab = useRef<string | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const shown = visibleOutputs(outputs);
  const running = outputs.some((o) => o.source === 'terminal' && o.running === true);
  const interrupt = (): void => engine.command(user, INTERRUPT, []);
  const prompt = prompts?.[user] ?? `${user}$`;

  // Keep the newest output in view, as a terminal does.
  useLayoutEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [outputs, cursor]);

  // The host answers Tab asynchronously: apply its answer if the line has not changed since.
  useEffect(() => {
    if (!completions || completions.line !== pendingTab.current) return;
    pendingTab.current = null;
    const items = completions.items;
    if (items.length === 0) return;
    if (items.length === 1) {
      setLine(completeLine(completions.line, items[0] ?? '', true));
      setChoices([]);
      return;
    }
    const prefix = commonPrefix(items);
    const typed = /\S*$/.exec(completions.line)?.[0] ?? '';
    if (prefix.length > typed.length) setLine(completeLine(completions.line, prefix, false));
    setChoices(items);
  }, [completions]);

  const run = (text: string): void => {
    const files = useEditor.getState().files;
    engine.command(user, text, files);
    setHistory((h) => remember(h, text));
    if (!examplesChosen.current) setExamples(false);
    setLine('');
    setWalk(null);
    setChoices([]);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      run(line);
    } else if (e.key === 'Tab' && line.trim() !== '') {
      e.preventDefault();
      pendingTab.current = line;
      engine.complete(user, line, useEditor.getState().files);
    } else if (e.key === 'c' && e.ctrlKey && e.currentTarget.selectionStart === e.currentTarget.selectionEnd) {
      // As in a shell: Ctrl+C stops the running command, else abandons the line.
      e.preventDefault();
      if (running) interrupt();
      setLine('');
      setChoices([]);
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      run('clear');
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      if (history.length === 0) return;
      e.preventDefault();
      const at = walk ?? history.length;
      const next = Math.max(0, Math.min(history.length, at + (e.key === 'ArrowUp' ? -1 : 1)));
      if (walk === null) setDraft(line);
      setWalk(next);
      setLine(next === history.length ? draft : (history[next] ?? ''));
    } else if (e.key === 'Escape') {
      setChoices([]);
    }
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2.5">
      <div className="flex items-start gap-2">
        <p className="flex-1 text-[12.5px] leading-snug text-slate-400">{t.terminal.intro}</p>
        <button type="button" className="btn btn-sm btn-ghost shrink-0" aria-expanded={examples} aria-controls="terminal-examples" onClick={() => { examplesChosen.current = true; setExamples((x) => !x); }}>
          {t.terminal.examples} <Icon name={examples ? 'chevronUp' : 'chevronDown'} className="size-3.5" />
        </button>
      </div>
      {examples ? (
        <div id="terminal-examples" className="flex flex-wrap gap-1.5" role="group" aria-label={t.terminal.examples}>
          {EXAMPLES.map((x) => (
            <button key={x} type="button" className="chip-btn" title={t.terminal.example(x)}
              onClick={() => { setLine(x); setChoices([]); inputRef.current?.focus(); }}>
              {x}
            </button>
          ))}
        </div>
      ) : null}
      <div className="terminal-screen" onClick={(e) => { if ((e.target as HTMLElement).closest('button') === null && window.getSelection()?.isCollapsed !== false) inputRef.current?.focus(); }}>
        <div ref={logRef} className="min-h-0 flex-1 overflow-auto" tabIndex={0} role="log" aria-label={t.terminal.log} aria-live="polite">
          <Transcript outputs={shown} cursor={cursor} />
        </div>
        {choices.length > 1 ? (
          <div className="mt-1 flex flex-wrap gap-x-4 text-slate-400" aria-label={t.terminal.completions}>
            {choices.slice(0, 40).map((c) => <span key={c}>{c}</span>)}
          </div>
        ) : null}
        {running ? (
          <div className="mt-1 flex items-center gap-2 text-amber-200">
            <span className="flex-1">{t.terminal.running}</span>
            <button type="button" className="chip-btn" onClick={interrupt}>{t.terminal.stop}</button>
          </div>
        ) : null}
        <form className="mt-1 flex items-center gap-2" onSubmit={(e) => { e.preventDefault(); run(line); }}>
          <label htmlFor="terminal-input" className="shrink-0 whitespace-pre text-emerald-300">{prompt.trimEnd()}</label>
          <input id="terminal-input" ref={inputRef} className="terminal-input" value={line} autoComplete="off" autoCapitalize="off" spellCheck={false}
            aria-label={t.terminal.input} onChange={(e) => { setLine(e.target.value); setWalk(null); setChoices([]); }} onKeyDown={onKeyDown} />
          <button type="submit" className="sr-only">{t.terminal.run}</button>
        </form>
      </div>
    </div>
  );
});
