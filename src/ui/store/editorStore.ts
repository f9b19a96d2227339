// The learner's files and chosen user. Persisted in localStorage per scenario, written on every keystroke,
// and never replaced by anything the engine says: an error never costs the learner their text.
import { create } from 'zustand';
import type { FileRef } from '../../worker/protocol.ts';

export interface EditorState {
  scenario: string;
  files: FileRef[];
  active: string;
  user: string;
}

const KEY_PREFIX = 'pod-journey:editor:v1:';

export const useEditor = create<EditorState>()(() => ({ scenario: '', files: [], active: '', user: '' }));

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

/** Starts editing a scenario's files: the saved edits if there are any, else the scenario's own. */
export function openScenario(scenario: string, files: FileRef[], users: string[]): void {
  let saved: Partial<EditorState> = {};
  try {
    const raw = storage()?.getItem(KEY_PREFIX + scenario);
    if (raw) saved = JSON.parse(raw) as Partial<EditorState>;
  } catch {
    saved = {};
  }
  const savedFiles = Array.isArray(saved.files) ? saved.files.filter((f) => typeof f?.name === 'string' && typeof f.content === 'string') : [];
  const merged = [...savedFiles];
  for (const f of files) if (!merged.some((m) => m.name === f.name)) merged.push(f);
  const first = merged[0]?.name ?? '';
  const active = saved.active && merged.some((f) => f.name === saved.active) ? saved.active : first;
  const user = saved.user && users.includes(saved.user) ? saved.user : (users[0] ?? '');
  useEditor.setState({ scenario, files: merged, active, user });
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
