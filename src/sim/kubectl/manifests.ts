// Reading the documents of a manifest file as kubectl's resource builder does: multi-document YAML (or JSON),
// empty documents skipped, every document a Kubernetes object with apiVersion and kind.
// models staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go (FileVisitor → StreamVisitor).
import { LineCounter, parseAllDocuments } from 'yaml';
import type { KubeObject } from '../api/types.ts';

/** A problem in the file, at a 1-based line and column (what an editor marks). */
export interface ManifestError {
  message: string;
  line: number;
  col: number;
}

export interface ManifestDoc {
  object: KubeObject;
  /** 1-based line where the document starts. */
  line: number;
}

export type ParsedManifests = { ok: true; docs: ManifestDoc[] } | { ok: false; error: ManifestError };

export function parseManifests(text: string): ParsedManifests {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: ManifestDoc[] = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) {
      const pos = lineCounter.linePos(err.pos[0]);
      return { ok: false, error: { message: firstLine(err.message), line: pos.line, col: pos.col } };
    }
    const start = doc.contents?.range[0] ?? 0;
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const { line, col } = lineCounter.linePos(start);
    if (typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, error: { message: 'the document is not a mapping (expected apiVersion, kind, metadata …)', line, col } };
    }
    out.push({ object: value as KubeObject, line });
  }
  return { ok: true, docs: out };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
