// models Go's text/tabwriter (as forked in github.com/liggitt/tabwriter) for a single Flush, with padchar ' ',
// no AlignRight/Debug/DiscardEmptyColumns/escape handling. Input lines are cell lists: every cell but the last
// is tab-terminated and belongs to a column; the last is trailing text that is never padded.

export interface TabwriterOptions {
  /** Minimal cell width including padding. */
  minWidth: number;
  /** Added to the widest cell of a column. */
  padding: number;
}

/** Cell width as tabwriter counts it: UTF-8 runes (code points). */
function runeWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Aligns `lines` into columns. A column block is a run of consecutive lines that all have a terminated cell in
 * that column; each block gets width max(minWidth, widest cell + padding), computed per block as Go does.
 */
export function tabwrite(lines: readonly (readonly string[])[], opts: TabwriterOptions): string {
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const line = lines[i] ?? [];
      let text = '';
      line.forEach((cell, j) => {
        text += cell;
        const width = widths[j];
        if (j < line.length - 1 && width !== undefined) text += ' '.repeat(Math.max(0, width - runeWidth(cell)));
      });
      out.push(text);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= (lines[i]?.length ?? 0) - 1) continue;
      // a block of lines with a cell in this column starts here
      writeLines(start, i);
      start = i;
      let width = opts.minWidth;
      for (; i < line1; i++) {
        const line = lines[i] ?? [];
        if (column >= line.length - 1) break;
        width = Math.max(width, runeWidth(line[column] ?? '') + opts.padding);
      }
      widths.push(width);
      format(start, i);
      widths.pop();
      start = i;
      // As in Go, the outer i++ steps over the line that ended the block: it has no cell in this column.
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.map((l) => `${l}\n`).join('');
}
