// A line diff for the inspectors' before/after views: the longest common subsequence of lines, shown as a unified
// diff with a few lines of context around each change (objects are a few hundred lines at most).

export type DiffRow =
  | { kind: 'same' | 'add' | 'del'; text: string; /** 1-based line in the old (same, del) or new (add) text. */ line: number }
  | { kind: 'gap'; hidden: number };

export function lineDiff(before: string, after: string, context = 3): DiffRow[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a[a.length - 1] === '' && b[b.length - 1] === '') {
    a.pop();
    b.pop();
  }
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as Uint16Array;
    const below = lcs[i + 1] as Uint16Array;
    for (let j = m - 1; j >= 0; j--) row[j] = a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
  }
  const full: Exclude<DiffRow, { kind: 'gap' }>[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      full.push({ kind: 'same', text: a[i] as string, line: i + 1 });
      i++;
      j++;
    } else if (i < n && (j >= m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      // Removals before additions, as unified diffs show a replaced line.
      full.push({ kind: 'del', text: a[i] as string, line: i + 1 });
      i++;
    } else {
      full.push({ kind: 'add', text: b[j] as string, line: j + 1 });
      j++;
    }
  }
  // Keep the changes and `context` unchanged lines around each; fold the rest into gaps.
  const keep = full.map((r) => r.kind !== 'same');
  const near = keep.map((_, k) => {
    for (let d = -context; d <= context; d++) if (keep[k + d]) return true;
    return false;
  });
  const out: DiffRow[] = [];
  let hidden = 0;
  full.forEach((r, k) => {
    if (near[k]) {
      if (hidden > 0) out.push({ kind: 'gap', hidden });
      hidden = 0;
      out.push(r);
    } else {
      hidden++;
    }
  });
  if (hidden > 0 && out.length > 0) out.push({ kind: 'gap', hidden });
  return out;
}

/** How many lines were added and removed. */
export function diffStat(rows: readonly DiffRow[]): { added: number; removed: number } {
  return {
    added: rows.filter((r) => r.kind === 'add').length,
    removed: rows.filter((r) => r.kind === 'del').length,
  };
}
