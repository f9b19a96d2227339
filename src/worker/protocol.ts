// The messages between the UI and the engine host (in a Web Worker, or on the main thread in tests).
// Commands go in; trace batches (at most one per animation frame), state snapshots, kubectl output and errors
// come out. Everything here is structured-clone-safe plain data.
import type { Status } from '../sim/api/status.ts';
import type { ManifestError } from '../sim/kubectl/manifests.ts';
import type { Fault } from '../sim/faults.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import type { TraceEvent } from '../sim/trace/types.ts';

/** Every command the host understands: the one table the host's switch must cover. */
export const Commands = {
  load: 'load',
  apply: 'apply',
  delete: 'delete',
  command: 'command',
  fault: 'fault',
  complete: 'complete',
  play: 'play',
  pause: 'pause',
  speed: 'speed',
  step: 'step',
  stepBack: 'stepBack',
  seek: 'seek',
  restore: 'restore',
  etcdHistory: 'etcdHistory',
  events: 'events',
  object: 'object',
  admission: 'admission',
  ping: 'ping',
  crash: 'crash',
} as const;

/** Every message the host sends. */
export const Messages = {
  ready: 'ready',
  trace: 'trace',
  snapshot: 'snapshot',
  kubectl: 'kubectl',
  kubectlMore: 'kubectlMore',
  etcdHistory: 'etcdHistory',
  events: 'events',
  object: 'object',
  admission: 'admission',
  completions: 'completions',
  error: 'error',
  pong: 'pong',
} as const;

/** Playback rate: multiples of real time, or "instant" (run to idle at once). */
export type Speed = number | 'instant';
export const SPEEDS: readonly Speed[] = [0.25, 0.5, 1, 2, 4, 8, 'instant'];

export interface FileRef {
  name: string;
  content: string;
}

/** What the learner did, in a form a deterministic replay can repeat. */
export type ActionInput =
  /** The editor's Apply or Delete: `kubectl apply|delete -f FILE` as `user`. */
  | { kind: 'apply' | 'delete'; user: string; file: FileRef }
  /** A command line typed in the terminal as `user`, with the editor files it names (as they were then). */
  | { kind: 'command'; user: string; line: string; files: FileRef[] }
  /** A failure caused (or undone) on purpose. */
  | { kind: 'fault'; user: string; fault: Fault };

/** Where an action happened on the engine's timeline. */
export interface ActionPosition {
  /** Clock tasks the engine had run when the action happened. */
  tasksRun: number;
  /** Virtual ms at that moment (for display). */
  time: number;
  /** Trace length when it happened: the action's first event is at this index. */
  traceIndex: number;
}

/** A user action, recorded with the engine position it happened at so a rebuild replays it exactly. */
export type UserAction = ActionInput & ActionPosition;

/** An action to replay when loading a shared session: when it happened is all a deterministic engine needs. */
export type ReplayAction = ActionInput & Pick<ActionPosition, 'tasksRun'>;

/** The terminal's Ctrl+C, recorded as a command line: it stops the command still running. */
export const INTERRUPT = '\u0003';

/** The action without its trace position, copied (positions are filled in again when it replays). */
export function replayAction(a: ReplayAction): ReplayAction {
  const copy = (f: FileRef): FileRef => ({ name: f.name, content: f.content });
  switch (a.kind) {
    case 'apply': case 'delete': return { kind: a.kind, user: a.user, file: copy(a.file), tasksRun: a.tasksRun };
    case 'command': return { kind: a.kind, user: a.user, line: a.line, files: a.files.map(copy), tasksRun: a.tasksRun };
    case 'fault': return { kind: a.kind, user: a.user, fault: { ...a.fault }, tasksRun: a.tasksRun };
  }
}

export type Command =
  /** Starts a scenario; with `replay`, performs recorded actions at their positions and shows step `cursor`. */
  | { type: typeof Commands.load; scenario: Scenario; replay?: { actions: ReplayAction[]; cursor: number; known?: number } }
  | { type: typeof Commands.apply; user: string; file: FileRef }
  | { type: typeof Commands.delete; user: string; file: FileRef }
  /** Runs a terminal command line; `files` are the editor's files (`kubectl apply -f`, `cat` read them). */
  | { type: typeof Commands.command; user: string; line: string; files: FileRef[] }
  | { type: typeof Commands.fault; user: string; fault: Fault }
  /** Tab completion for a partly typed command line (answered with `completions`; runs nothing). */
  | { type: typeof Commands.complete; user: string; line: string; files: FileRef[] }
  | { type: typeof Commands.play }
  | { type: typeof Commands.pause }
  | { type: typeof Commands.speed; speed: Speed }
  | { type: typeof Commands.step }
  | { type: typeof Commands.stepBack }
  /** Moves the cursor to a trace index, or to the last event at or before a virtual time. */
  | { type: typeof Commands.seek; index?: number; time?: number }
  /** Rebuilds a scenario with recorded actions, runs to `known` events and shows `cursor` (after a worker restart). */
  | { type: typeof Commands.restore; scenario: Scenario; actions: UserAction[]; cursor: number; known: number; origin: number; speed: Speed }
  | { type: typeof Commands.etcdHistory; key: string }
  /** `kubectl get events` as of the cursor, in the default namespace or all (-A). */
  | { type: typeof Commands.events; allNamespaces: boolean }
  /** `kubectl get -o yaml` of the object stored at an etcd key, as of the cursor. */
  | { type: typeof Commands.object; key: string }
  /** The object before and after each admission plugin of the request with this span. */
  | { type: typeof Commands.admission; span: number }
  | { type: typeof Commands.ping; id: number }
  /** Test hook: makes the host throw, as a bug would. */
  | { type: typeof Commands.crash };

export interface PodView {
  namespace: string;
  name: string;
  /** status.phase: Pending, Running, Succeeded, Failed, Unknown. */
  phase: string;
  /** What `kubectl get pods` prints in STATUS (e.g. ContainerCreating, ImagePullBackOff). */
  status: string;
  ready: string;
  node: string;
}

export interface NodeView {
  name: string;
  ready: boolean;
  roles: string;
  unschedulable: boolean;
  taints: string[];
}

export interface EtcdKeyView {
  key: string;
  createRevision: number;
  modRevision: number;
  version: number;
}

/** The cluster as of the event under the cursor (read from etcd at that moment's revision). */
export interface Snapshot {
  /** Virtual ms of the event under the cursor. */
  time: number;
  /** Events shown: the event under the cursor is trace[cursor - 1]. */
  cursor: number;
  /** Events known on this timeline (some not shown yet). */
  known: number;
  /** Where the learner's story starts: the events before it are the cluster starting up. */
  origin: number;
  playing: boolean;
  speed: Speed;
  /** Nothing more will happen unless someone acts. */
  idle: boolean;
  revision: number;
  pods: PodView[];
  nodes: NodeView[];
  keys: EtcdKeyView[];
  actions: UserAction[];
  /** The terminal's prompt for each kubeconfig user (it shows the host the shell is on: `ssh` changes it). */
  prompts: Record<string, string>;
}

export interface KubectlOutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** Trace index of the response that produced it. */
  at: number;
  /** 1-based line in the file where the document it is about starts. */
  docLine?: number;
  /** The API error's Status (its message, reason and field causes). */
  status?: Status;
}

export interface KubectlOutput {
  /** The action's index on the timeline: later output of a command still running (`kubectl get -w`) names it. */
  id: number;
  /** The editor's buttons, or the terminal. */
  source: 'editor' | 'terminal';
  command: string;
  user: string;
  /** The shell prompt the command was typed at. */
  prompt: string;
  /** The editor file it is about ('' for terminal commands). */
  file: string;
  /** The command asked to clear the terminal (`clear`, Ctrl+L). */
  clear?: boolean;
  /** The command keeps running (a watch) until Ctrl+C or the next command; more lines follow in `kubectlMore`. */
  running?: boolean;
  ok: boolean;
  lines: KubectlOutputLine[];
  parseError?: ManifestError;
}

export interface EtcdRevision {
  revision: number;
  version: number;
  value: string;
}

/** One admission plugin's turn: the object as YAML before and after it (null where it cannot be rebuilt). */
export interface AdmissionStep {
  seq: number;
  plugin: string;
  phase: 'mutating' | 'validating';
  before: string | null;
  after: string | null;
}

export interface ScenarioInfo {
  name: string;
  title: string;
  description: string;
  steps: { action: 'apply' | 'delete'; file: string; user: string; note: string }[];
  users: { name: string; description: string; identity: string; groups: string[] }[];
  nodes: string[];
  files: FileRef[];
}

export type HostMessage =
  | { type: typeof Messages.ready; scenario: ScenarioInfo }
  /** Trace events from index `start` on (the receiver drops what it had from there). */
  | { type: typeof Messages.trace; start: number; events: TraceEvent[] }
  | { type: typeof Messages.snapshot; snapshot: Snapshot }
  | { type: typeof Messages.kubectl; output: KubectlOutput }
  /** More output of a running command; `done` when it has stopped. */
  | { type: typeof Messages.kubectlMore; id: number; lines: KubectlOutputLine[]; done?: boolean }
  | { type: typeof Messages.etcdHistory; key: string; revisions: EtcdRevision[] }
  | { type: typeof Messages.events; allNamespaces: boolean; text: string; revision: number }
  | { type: typeof Messages.object; key: string; yaml: string | null; revision: number }
  | { type: typeof Messages.admission; span: number; steps: AdmissionStep[] }
  /** What could follow `line`: whole words (commands, flags, resource types, object names). */
  | { type: typeof Messages.completions; line: string; items: string[] }
  | { type: typeof Messages.error; message: string }
  | { type: typeof Messages.pong; id: number };

/** For switches over message types: a compile error when a member is not handled. */
export function unreachable(x: never): never {
  throw new Error(`unhandled message ${JSON.stringify(x)}`);
}
