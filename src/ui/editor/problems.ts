// The editor's own markers: a YAML syntax error as kubectl would report it, and the API server's answer to the
// last apply of the file (a 403's or 409's message at the object's name, a 422's field errors at their fields).
// monaco-yaml adds its schema markers separately.
import { parseManifests } from '../../sim/kubectl/manifests.ts';
import type { KubectlOutput } from '../../worker/protocol.ts';
import { locateField } from './fieldLocator.ts';

export interface Problem {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  message: string;
  source: 'kubectl' | 'kube-apiserver';
}

export function syntaxProblems(content: string): Problem[] {
  const r = parseManifests(content);
  if (r.ok) return [];
  const { line, col, message } = r.error;
  return [{ line, col, endLine: line, endCol: col + 1, message, source: 'kubectl' }];
}

/**
 * Markers for the API errors of the last `kubectl apply|delete` of `file` that the playback has reached
 * (`cursor`): each field cause of a 422 where the field is, other errors at the document's metadata.name.
 */
export function apiProblems(outputs: readonly KubectlOutput[], file: string, content: string, cursor: number): Problem[] {
  const last = [...outputs].reverse().find((o) => o.file === file);
  if (!last) return [];
  const out: Problem[] = [];
  for (const l of last.lines) {
    if (l.stream !== 'stderr' || l.at > cursor || l.docLine === undefined) continue;
    const causes = (l.status?.details?.causes ?? []).filter((c) => c.field);
    const targets = causes.length > 0 ? causes.map((c) => ({ field: c.field, message: `${c.field}: ${c.message ?? ''}` })) : [{ field: undefined, message: l.status?.message ?? l.text }];
    for (const target of targets) {
      const at = locateField(content, l.docLine, target.field) ?? { line: l.docLine, col: 1, endLine: l.docLine, endCol: 1000, exact: false };
      const prefix = l.status ? `${l.status.code} ${l.status.reason ?? ''}: `.replace(/ : $/, ': ') : '';
      out.push({ line: at.line, col: at.col, endLine: at.endLine, endCol: at.endCol, message: `${prefix}${target.message}`, source: 'kube-apiserver' });
    }
  }
  return out;
}
