// Maps a position in a built file (as a long-animation-frame entry reports it: a character offset) back to its
// source through the file's source map, so the benchmark can say which function made a frame long.
import { readFileSync } from 'node:fs';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One source-map segment's fields (Base64 VLQ, relative to the previous segment). */
function decodeSegment(seg: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of seg) {
    const digit = B64.indexOf(c);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

interface Mapped {
  source: string;
  line: number;
}

const cache = new Map<string, (offset: number) => Mapped | undefined>();

/** `file:line` in the original sources for a character offset in `file` (which has `file.map` beside it). */
export function originalPosition(file: string, offset: number): string | undefined {
  let lookup = cache.get(file);
  if (!lookup) {
    let text: string;
    let map: { sources: string[]; mappings: string };
    try {
      text = readFileSync(file, 'utf8');
      map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as typeof map;
    } catch {
      return undefined;
    }
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const lines = map.mappings.split(';');
    lookup = (at: number) => {
      let line = lineStarts.length - 1;
      while (line > 0 && (lineStarts[line] as number) > at) line--;
      const col = at - (lineStarts[line] as number);
      // Source fields are relative across lines: replay every segment up to the wanted one.
      let src = 0;
      let srcLine = 0;
      let best: Mapped | undefined;
      for (let l = 0; l <= line; l++) {
        let genCol = 0;
        for (const seg of (lines[l] ?? '').split(',')) {
          if (!seg) continue;
          const f = decodeSegment(seg);
          genCol += f[0] ?? 0;
          if (f.length < 4) continue;
          src += f[1] ?? 0;
          srcLine += f[2] ?? 0;
          if (l === line && genCol <= col) best = { source: map.sources[src] ?? '?', line: srcLine + 1 };
        }
      }
      return best;
    };
    cache.set(file, lookup);
  }
  const m = lookup(offset);
  return m ? `${m.source.replace(/^(\.\.\/)+/, '')}:${m.line}` : undefined;
}
