// What a command writes: lines on stdout and stderr, in the order written, each tagged with the span of the request
// whose answer produced it (so the UI can link a line to the diagram).
import type { Status } from '../api/status.ts';
import type { KubectlLine } from '../kubectl/kubectl.ts';

export class Output {
  readonly lines: KubectlLine[] = [];

  /**
   * Writes `text` as terminal lines. A trailing "\n" ends the last line; text without one is still one line
   * (a terminal line model cannot show a missing final newline).
   */
  write(stream: 'stdout' | 'stderr', text: string, extra: { span?: number; status?: Status } = {}): void {
    if (text === '') return;
    const body = text.endsWith('\n') ? text.slice(0, -1) : text;
    for (const line of body.split('\n')) {
      const l: KubectlLine = { stream, text: line };
      if (extra.span !== undefined) l.span = extra.span;
      if (extra.status !== undefined) l.status = extra.status;
      this.lines.push(l);
    }
  }

  out(text: string, span?: number): void {
    this.write('stdout', text, span === undefined ? {} : { span });
  }

  err(text: string, span?: number, status?: Status): void {
    this.write('stderr', text, { ...(span === undefined ? {} : { span }), ...(status === undefined ? {} : { status }) });
  }

  push(lines: readonly KubectlLine[]): void {
    for (const l of lines) {
      const { text, ...rest } = l;
      for (const part of text.split('\n')) this.lines.push({ ...rest, text: part });
    }
  }
}
