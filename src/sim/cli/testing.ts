// Test helpers: an engine with the seed's files and a shell that remembers its state between lines.
import { Engine } from '../Engine.ts';
import type { KubectlLine } from '../kubectl/kubectl.ts';
import { defaultScenario } from '../scenario/defaultScenario.ts';
import { initialShellState, runCommandLine, type ShellHost, type ShellOutput, type ShellState } from './shell.ts';

export interface TestShell {
  engine: Engine;
  host: ShellHost;
  state: ShellState;
  /** Runs one line; returns its output with stdout and stderr joined as the streams would read. */
  run(line: string): ShellOutput & { stdout: string; stderr: string };
  /** Moves virtual time (the UI's job in the explorer). */
  advance(ms: number): void;
  /** Lines a running command printed later, through `host.stream` (only with `{ stream: true }`). */
  streamed: KubectlLine[];
}

export function testShell(user = 'kubernetes-admin', extraFiles: { name: string; content: string }[] = [], opts: { stream?: boolean } = {}): TestShell {
  const engine = new Engine();
  const streamed: KubectlLine[] = [];
  const host: ShellHost = { engine, user, files: [...defaultScenario.files, ...extraFiles], ...(opts.stream ? { stream: (lines: KubectlLine[]) => { streamed.push(...lines); } } : {}) };
  const t: TestShell = {
    engine, host, state: initialShellState(), streamed,
    run(line) {
      const r = runCommandLine(host, t.state, line);
      t.state = r.state;
      const text = (s: string): string => r.lines.filter((l) => l.stream === s).map((l) => `${l.text}\n`).join('');
      return { ...r, stdout: text('stdout'), stderr: text('stderr') };
    },
    advance(ms) { engine.clock.advanceTo(engine.clock.now() + ms); },
  };
  return t;
}
