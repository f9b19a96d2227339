// Where an API error points in the learner's file: the Status of a 422 names fields (spec.containers[0].image),
// kubectl tells which document it came from; this finds the line and column to mark in the editor. A field the
// file does not have (a "Required value") is marked at the nearest enclosing field it does have.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node, type Pair } from 'yaml';

export interface FieldLocation {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** Whether the exact field was found (false: an enclosing one). */
  exact: boolean;
}

/** "spec.containers[0].image" → ["spec", "containers", 0, "image"]; also handles metadata.labels[app.kubernetes.io/name]. */
export function fieldSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[([^\]]*)\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

/** Locates `field` inside the YAML document that starts at `docLine` (1-based); undefined if there is none. */
export function locateField(text: string, docLine: number, field: string | undefined): FieldLocation | undefined {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: counter });
  if (!Array.isArray(docs)) return undefined;
  const doc = docs.find((d) => d.contents && counter.linePos(d.contents.range[0]).line === docLine) ?? docs.find((d) => d.contents);
  if (!doc?.contents) return undefined;
  const at = (start: number, end: number, exact: boolean): FieldLocation => {
    const s = counter.linePos(start);
    const e = counter.linePos(end);
    return { line: s.line, col: s.col, endLine: e.line, endCol: e.col, exact };
  };
  let node: Node | null = doc.contents;
  let mark: [number, number] | undefined;
  const segments = field ? fieldSegments(field) : ['metadata', 'name'];
  for (const seg of segments) {
    let next: Node | null | undefined;
    let keyRange: [number, number] | undefined;
    if (isMap(node) && typeof seg === 'string') {
      const items = node.items as unknown[];
      const pair: Pair<Node, Node> | undefined = items.find((p): p is Pair<Node, Node> => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (pair) {
        next = pair.value;
        const k = pair.key.range;
        if (k) keyRange = [k[0], pair.value?.range?.[1] ?? k[1]];
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item && typeof item === 'object' && 'range' in item) {
        next = item as Node;
        const r = (item as Node).range;
        if (r) keyRange = [r[0], r[1]];
      }
    }
    if (!keyRange) return mark ? at(mark[0], firstLineEnd(text, mark), false) : at(doc.contents.range[0], firstLineEnd(text, [doc.contents.range[0], doc.contents.range[1]]), false);
    mark = keyRange;
    node = next ?? null;
  }
  return mark ? at(mark[0], firstLineEnd(text, mark), true) : undefined;
}

/** Marks stay on the field's first line: a marker over a whole block would underline all of it. */
function firstLineEnd(text: string, [start, end]: [number, number]): number {
  const nl = text.indexOf('\n', start);
  return nl >= 0 && nl < end ? nl : end;
}
