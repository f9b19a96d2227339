// The terminal's command history: what ↑/↓ walk through, kept in this browser like a shell's history file.
const KEY = 'pod-journey:terminal-history:v1';
const MAX = 100;

export function loadHistory(): string[] {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string').slice(-MAX) : [];
  } catch {
    return [];
  }
}

/** Appends a line (not a repeat of the last one, not blank) and saves. */
export function remember(history: readonly string[], line: string): string[] {
  const trimmed = line.trim();
  if (trimmed === '' || history[history.length - 1] === trimmed) return [...history];
  const next = [...history, trimmed].slice(-MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage blocked or full: the history lasts for this page only.
  }
  return next;
}

/** The longest text every completion starts with (what Tab can insert without choosing). */
export function commonPrefix(items: readonly string[]): string {
  if (items.length === 0) return '';
  let prefix = items[0] ?? '';
  for (const item of items) {
    while (!item.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** The line with its last word replaced by `word` (a completion), plus a space when the word is whole. */
export function completeLine(line: string, word: string, whole: boolean): string {
  const start = line.search(/\S*$/);
  return `${line.slice(0, start)}${word}${whole && !word.endsWith('/') && !word.endsWith('=') ? ' ' : ''}`;
}
