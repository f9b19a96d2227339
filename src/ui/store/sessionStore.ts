// What the engine host has told the UI: the trace, the state at the cursor, kubectl output, and the worker's health.
import { create } from 'zustand';
import type { TraceEvent } from '../../sim/trace/types.ts';
import { Messages, unreachable, type EtcdRevision, type HostMessage, type KubectlOutput, type ScenarioInfo, type Snapshot } from '../../worker/protocol.ts';

export type WorkerHealth = 'starting' | 'ready' | 'restarting' | 'failed';

export interface SessionState {
  scenario: ScenarioInfo | null;
  trace: TraceEvent[];
  snapshot: Snapshot | null;
  outputs: KubectlOutput[];
  etcdHistory: { key: string; revisions: EtcdRevision[] } | null;
  health: WorkerHealth;
  notice: string | null;
  lastError: string | null;
}

const initial: SessionState = {
  scenario: null, trace: [], snapshot: null, outputs: [], etcdHistory: null, health: 'starting', notice: null, lastError: null,
};

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
      useSession.setState((s) => ({ trace: [...s.trace.slice(0, m.start), ...m.events] }));
      return;
    case Messages.snapshot:
      useSession.setState({ snapshot: m.snapshot });
      return;
    case Messages.kubectl:
      useSession.setState((s) => ({ outputs: [...s.outputs, m.output].slice(-20) }));
      return;
    case Messages.etcdHistory:
      useSession.setState({ etcdHistory: { key: m.key, revisions: m.revisions } });
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

export function setHealth(health: WorkerHealth, notice?: string): void {
  useSession.setState(notice === undefined ? { health } : { health, notice });
}

export function dismissNotice(): void {
  useSession.setState({ notice: null });
}
