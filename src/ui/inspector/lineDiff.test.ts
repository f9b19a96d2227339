import { describe, expect, it } from 'vitest';
import { diffStat, lineDiff } from './lineDiff.ts';

describe('lineDiff', () => {
  it('shows added and removed lines with context, folding far unchanged lines', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'e', 'F', 'g', 'h', 'i', 'j'].join('\n');
    expect(lineDiff(before, after, 1)).toEqual([
      { kind: 'gap', hidden: 4 },
      { kind: 'same', text: 'e', line: 5 },
      { kind: 'del', text: 'f', line: 6 },
      { kind: 'add', text: 'F', line: 6 },
      { kind: 'same', text: 'g', line: 7 },
      { kind: 'gap', hidden: 1 },
      { kind: 'same', text: 'i', line: 9 },
      { kind: 'add', text: 'j', line: 10 },
    ]);
  });
  it('is empty for equal texts and counts changes', () => {
    expect(lineDiff('x\ny\n', 'x\ny\n')).toEqual([]);
    expect(diffStat(lineDiff('spec:\n  a: 1\n', 'spec:\n  a: 1\n  serviceAccountName: default\n'))).toEqual({ added: 1, removed: 0 });
  });
});
