// The app's one engine connection and the commands the UI sends through it.
import type { Fault } from '../../sim/faults.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import { Commands, type Command, type FileRef, type ReplayAction, type Speed, SPEEDS } from '../../worker/protocol.ts';
import { receive, setHealth, useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { EngineClient } from './EngineClient.ts';

let client: EngineClient | null = null;
let running: Scenario | null = null;

/** The scenario the engine runs (what a share link carries). */
export function currentScenario(): Scenario | null {
  return running;
}

export function startEngine(scenario: Scenario, replay?: { actions: ReplayAction[]; cursor: number; known?: number }): void {
  client?.stop();
  running = scenario;
  client = new EngineClient({
    createWorker: () => new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' }),
    onMessage: receive,
    currentSnapshot: () => useSession.getState().snapshot,
    onRestart: (reason, cursor) => {
      const step = cursor - (useSession.getState().snapshot?.origin ?? 0);
      setHealth('restarting', reason === 'crashed' ? t.workerNotice.crashed(step) : t.workerNotice.stalled(step));
    },
  });
  client.start(scenario, replay);
}

function send(cmd: Command): void {
  client?.send(cmd);
}

/** Shows a playback change at once (the host's next snapshot confirms it), so quick repeated keys compound. */
function optimistic(patch: { speed?: Speed; playing?: boolean }): void {
  useSession.setState((s) => (s.snapshot ? { snapshot: { ...s.snapshot, ...patch } } : {}));
}

function setSpeed(speed: Speed): void {
  optimistic({ speed });
  send({ type: Commands.speed, speed });
}

export const engine = {
  // Acting starts playback (the host does the same), so the learner sees their request travel.
  apply: (user: string, file: FileRef) => { optimistic({ playing: true }); send({ type: Commands.apply, user, file }); },
  delete: (user: string, file: FileRef) => { optimistic({ playing: true }); send({ type: Commands.delete, user, file }); },
  /** A terminal command line; `files` are the editor's (the host keeps the ones the line names). */
  command: (user: string, line: string, files: FileRef[]) => send({ type: Commands.command, user, line, files }),
  fault: (user: string, fault: Fault) => send({ type: Commands.fault, user, fault }),
  complete: (user: string, line: string, files: FileRef[]) => send({ type: Commands.complete, user, line, files }),
  play: () => { optimistic({ playing: true }); send({ type: Commands.play }); },
  pause: () => { optimistic({ playing: false }); send({ type: Commands.pause }); },
  togglePlay: () => (useSession.getState().snapshot?.playing ? engine.pause() : engine.play()),
  step: () => send({ type: Commands.step }),
  stepBack: () => send({ type: Commands.stepBack }),
  seek: (index: number) => send({ type: Commands.seek, index }),
  setSpeed,
  /** One notch faster (+1) or slower (−1) on the speed ladder. */
  nudgeSpeed: (dir: 1 | -1) => {
    const cur = useSession.getState().snapshot?.speed ?? 1;
    const i = SPEEDS.indexOf(cur);
    const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (i < 0 ? 2 : i) + dir))];
    if (next !== undefined) setSpeed(next);
  },
  etcdHistory: (key: string) => send({ type: Commands.etcdHistory, key }),
  events: (allNamespaces: boolean) => send({ type: Commands.events, allNamespaces }),
  object: (key: string) => send({ type: Commands.object, key }),
  admission: (span: number) => send({ type: Commands.admission, span }),
  crash: () => send({ type: Commands.crash }),
};

/** For the browser tests and the benchmark: crash the engine as a bug would; count worker messages; jump ahead. */
declare global {
  interface Window {
    podJourney?: { crashEngine(): void; messagesReceived(): number; seek(index: number): void };
  }
}
window.podJourney = { crashEngine: engine.crash, messagesReceived: () => client?.received ?? 0, seek: engine.seek };
