// The learner's files and chosen user. Persisted in localStorage per scenario, written on every keystroke,
// and never replaced by anything the engine says: an error never costs the learner their text.
// The scenario's own files can be edited and reset; files the learner adds can also be renamed and deleted.
import { create } from 'zustand';
import type { FileRef } from '../../worker/protocol.ts';

export interface EditorState {
  /** The storage key's scenario part: the scenario's name, or the shared link's when opened from one. */
  scenario: string;
  files: FileRef[];
  /** Names of the files the scenario brought (they cannot be renamed or deleted). */
  scenarioFiles: string[];
  active: string;
  user: string;
}

const KEY_PREFIX = 'pod-journey:editor:v1:';

export const useEditor = create<EditorState>()(() => ({ scenario: '', files: [], scenarioFiles: [], active: '', user: '' }));

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

function save(): void {
  const s = useEditor.getState();
  if (!s.scenario) return;
  try {
    storage()?.setItem(KEY_PREFIX + s.scenario, JSON.stringify({ files: s.files, active: s.active, user: s.user }));
  } catch {
    // Storage full or blocked: editing still works, it just will not survive a reload.
  }
}

/**
 * Starts editing a scenario's files: the saved edits if there are any, else the scenario's own. A shared link
 * brings its own files and user (`shared`), kept under their own key so the learner's edits are not overwritten.
 */
export function openScenario(scenario: string, files: FileRef[], users: string[], shared?: { key: string; files: FileRef[]; user: string }): void {
  const key = shared ? `${scenario}@${shared.key}` : scenario;
  let saved: Partial<EditorState> = {};
  try {
    const raw = storage()?.getItem(KEY_PREFIX + key);
    if (raw) saved = JSON.parse(raw) as Partial<EditorState>;
  } catch {
    saved = {};
  }
  const savedFiles = Array.isArray(saved.files) ? saved.files.filter((f) => typeof f?.name === 'string' && typeof f.content === 'string') : [];
  const merged = savedFiles.length > 0 ? [...savedFiles] : [...(shared?.files ?? [])];
  for (const f of files) if (!merged.some((m) => m.name === f.name)) merged.push(f);
  const first = merged[0]?.name ?? '';
  const active = saved.active && merged.some((f) => f.name === saved.active) ? saved.active : first;
  const wanted = saved.user ?? shared?.user;
  const user = wanted && users.includes(wanted) ? wanted : (users[0] ?? '');
  useEditor.setState({ scenario: key, files: merged, scenarioFiles: files.map((f) => f.name), active, user });
}

export function editFile(name: string, content: string): void {
  useEditor.setState((s) => ({ files: s.files.map((f) => (f.name === name ? { name, content } : f)) }));
  save();
}

export function selectFile(name: string): void {
  useEditor.setState({ active: name });
  save();
}

export function selectUser(user: string): void {
  useEditor.setState({ user });
  save();
}

export function resetFile(name: string, original: string): void {
  editFile(name, original);
}

const NEW_FILE = (name: string): string => `# ${name}: any object the simulated API server serves.
# Ctrl+Space suggests fields; hover a field for its documentation.
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  greeting: hello
`;

/** Adds an empty manifest (untitled-1.yaml, untitled-2.yaml …) and makes it the active tab. */
export function addFile(): string {
  const names = new Set(useEditor.getState().files.map((f) => f.name));
  let n = 1;
  while (names.has(`untitled-${n}.yaml`)) n++;
  const name = `untitled-${n}.yaml`;
  useEditor.setState((s) => ({ files: [...s.files, { name, content: NEW_FILE(name) }], active: name }));
  save();
  return name;
}

/** Why `name` cannot be a new file name, or undefined if it can. */
export function fileNameProblem(name: string, current?: string): 'empty' | 'taken' | 'slash' | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'empty';
  if (/[/\\]/.test(trimmed)) return 'slash';
  if (trimmed !== current && useEditor.getState().files.some((f) => f.name === trimmed)) return 'taken';
  return undefined;
}

export function renameFile(from: string, to: string): boolean {
  const name = to.trim();
  const s = useEditor.getState();
  if (s.scenarioFiles.includes(from) || fileNameProblem(name, from)) return false;
  useEditor.setState({ files: s.files.map((f) => (f.name === from ? { name, content: f.content } : f)), active: s.active === from ? name : s.active });
  save();
  return true;
}

export function deleteFile(name: string): void {
  const s = useEditor.getState();
  if (s.scenarioFiles.includes(name)) return;
  const index = s.files.findIndex((f) => f.name === name);
  const files = s.files.filter((f) => f.name !== name);
  const active = s.active === name ? (files[Math.max(0, index - 1)]?.name ?? '') : s.active;
  useEditor.setState({ files, active });
  save();
}

let sharedFiles: { key: string; files: FileRef[]; user: string } | undefined;

/** The files a shared link brought: opened instead of the scenario's when that scenario starts. */
export function setShared(shared: { key: string; files: FileRef[]; user: string } | undefined): void {
  sharedFiles = shared;
}

export function sharedEdits(): { key: string; files: FileRef[]; user: string } | undefined {
  return sharedFiles;
}

/** For tests: forget everything (the store is module state). */
export function resetEditor(): void {
  useEditor.setState({ scenario: '', files: [], scenarioFiles: [], active: '', user: '' }, true);
}
