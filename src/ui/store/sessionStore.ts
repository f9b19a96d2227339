// What the engine host has told the UI: the trace, the state at the cursor, kubectl output, and the worker's health.
import { create } from 'zustand';
import { t } from '../text/index.ts';
import type { TraceEvent } from '../../sim/trace/types.ts';
import { Messages, unreachable, type AdmissionStep, type EtcdRevision, type HostMessage, type KubectlOutput, type ScenarioInfo, type Snapshot, type UserAction } from '../../worker/protocol.ts';

export type WorkerHealth = 'starting' | 'ready' | 'restarting' | 'failed';

export interface SessionState {
  scenario: ScenarioInfo | null;
  trace: TraceEvent[];
  snapshot: Snapshot | null;
  outputs: KubectlOutput[];
  etcdHistory: { key: string; revisions: EtcdRevision[] } | null;
  /** `kubectl get events` as of the cursor. */
  events: { allNamespaces: boolean; text: string; revision: number } | null;
  /** `kubectl get -o yaml` of the inspected object as of the cursor. */
  object: { key: string; yaml: string | null; revision: number } | null;
  admission: { span: number; steps: AdmissionStep[] } | null;
  /** The host's answer to the terminal's last Tab. */
  completions: { line: string; items: string[] } | null;
  /** kubectl could not read the file (nothing was sent): shown in the narration until the cursor moves. */
  fileProblem: { text: string; cursor: number } | null;
  health: WorkerHealth;
  notice: string | null;
  lastError: string | null;
}

const initial: SessionState = {
  scenario: null, trace: [], snapshot: null, outputs: [], etcdHistory: null, events: null, object: null, admission: null, completions: null, fileProblem: null,
  health: 'starting', notice: null, lastError: null,
};

/** Commands (and their output) the terminal keeps. */
const MAX_OUTPUTS = 200;

export const useSession = create<SessionState>()(() => ({ ...initial }));

export function resetSession(): void {
  useSession.setState({ ...initial }, true);
}

export function receive(m: HostMessage): void {
  switch (m.type) {
    case Messages.ready:
      useSession.setState({ scenario: m.scenario, health: 'ready' });
      return;
    case Messages.trace:
      useSession.setState((s) => ({
        // A new array (selectors compare by identity) sharing the events it keeps: concat copies pointers at once.
        trace: (m.start >= s.trace.length ? s.trace : s.trace.slice(0, m.start)).concat(m.events),
        // A new timeline from an earlier step: what running commands printed in the dropped future goes with it.
        outputs: m.start < s.trace.length ? dropAfter(s.outputs, m.start) : s.outputs,
      }));
      return;
    case Messages.snapshot:
      useSession.setState((s) => ({
        // The cluster views depend on etcd's revision alone: keep the arrays the components already hold.
        // The actions change only when the learner acts or the timeline is rebuilt: keep the array then too, so
        // what depends on them (the timeline's markers, the steps) is not redone on every snapshot.
        snapshot: s.snapshot
          ? {
            ...m.snapshot,
            ...(s.snapshot.revision === m.snapshot.revision ? { pods: s.snapshot.pods, nodes: s.snapshot.nodes, keys: s.snapshot.keys } : {}),
            ...(sameActions(s.snapshot.actions, m.snapshot.actions) ? { actions: s.snapshot.actions } : {}),
          }
          : m.snapshot,
        // A problem reading the file is news until the learner moves on.
        fileProblem: s.fileProblem && s.fileProblem.cursor === m.snapshot.cursor ? s.fileProblem : null,
      }));
      return;
    case Messages.kubectl: {
      const e = m.output.parseError;
      useSession.setState((s) => ({
        outputs: [...s.outputs, m.output].slice(-MAX_OUTPUTS),
        fileProblem: e ? { text: t.narration.fileProblem(m.output.file, t.editor.yamlError(e.line, e.col, e.message)), cursor: s.snapshot?.cursor ?? 0 } : null,
      }));
      return;
    }
    case Messages.kubectlMore:
      useSession.setState((s) => {
        let i = s.outputs.length - 1;
        while (i >= 0 && s.outputs[i]?.id !== m.id) i--;
        const o = s.outputs[i];
        if (!o) return {};
        const outputs = [...s.outputs];
        outputs[i] = { ...o, lines: [...o.lines, ...m.lines], ...(m.done ? { running: false } : {}) };
        return { outputs };
      });
      return;
    case Messages.etcdHistory:
      useSession.setState({ etcdHistory: { key: m.key, revisions: m.revisions } });
      return;
    case Messages.events:
      useSession.setState({ events: { allNamespaces: m.allNamespaces, text: m.text, revision: m.revision } });
      return;
    case Messages.object:
      useSession.setState({ object: { key: m.key, yaml: m.yaml, revision: m.revision } });
      return;
    case Messages.admission:
      useSession.setState({ admission: { span: m.span, steps: m.steps } });
      return;
    case Messages.completions:
      useSession.setState({ completions: { line: m.line, items: m.items } });
      return;
    case Messages.error:
      useSession.setState({ lastError: m.message });
      return;
    case Messages.pong:
      return;
    default:
      unreachable(m);
  }
}

/** Whether two action lists are equal as data (they are small: a few actions, each a file at most). */
function sameActions(a: readonly UserAction[], b: readonly UserAction[]): boolean {
  return a === b || (a.length === b.length && JSON.stringify(a) === JSON.stringify(b));
}

function dropAfter(outputs: KubectlOutput[], index: number): KubectlOutput[] {
  return outputs.map((o) => (o.lines.some((l) => l.at > index) ? { ...o, lines: o.lines.filter((l) => l.at <= index) } : o));
}

export function setHealth(health: WorkerHealth, notice?: string): void {
  useSession.setState(notice === undefined ? { health } : { health, notice });
}

export function dismissNotice(): void {
  useSession.setState({ notice: null });
}
