// The part of bash's grammar the explorer's terminal understands: words with '…', "…" and \ quoting, # comments,
// leading NAME=value assignments, and lists joined by `&&`, `||` and `;` (a trailing `&` is accepted and ignored).
// Pipes, redirections and expansions are not modelled: `|`, `<`, `>` are refused with a clear message.
// models the tokenizer rules of bash's parse.y (read_token_word) for these cases only.

export type ListOperator = '&&' | '||' | ';';

export interface SimpleCommand {
  /** The words after quote removal, assignments removed. */
  argv: string[];
  /** `NAME=value` words before the command name (bash exports them to the command; we only accept them). */
  assignments: string[];
  /** Ended with `&`. */
  background: boolean;
}

export interface CommandList {
  /** `commands[i]` runs after `operators[i - 1]` allows it. */
  commands: SimpleCommand[];
  operators: ListOperator[];
}

export type ParseResult = { ok: true; list: CommandList } | { ok: false; message: string; exitCode: number };

type Token = { kind: 'word'; text: string; quoted: boolean } | { kind: 'op'; text: string };

const METACHARS = new Set([' ', '\t', '\n', '&', '|', ';', '<', '>', '(', ')']);

function tokens(line: string): Token[] | { error: string } {
  const out: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t' || c === '\n') { i++; continue; }
    if (c === '#') break; // a comment runs to the end of the line (only where a word could start)
    const two = line.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === ';;' || two === '>>' || two === '<<') { out.push({ kind: 'op', text: two }); i += 2; continue; }
    if (METACHARS.has(c)) { out.push({ kind: 'op', text: c }); i++; continue; }
    let text = '';
    let quoted = false;
    while (i < line.length && !METACHARS.has(line[i] as string)) {
      const ch = line[i] as string;
      if (ch === '\\') {
        quoted = true;
        if (i + 1 < line.length) text += line[i + 1] as string;
        i += 2;
      } else if (ch === "'") {
        quoted = true;
        const end = line.indexOf("'", i + 1);
        if (end < 0) return { error: "unexpected EOF while looking for matching `''" };
        text += line.slice(i + 1, end);
        i = end + 1;
      } else if (ch === '"') {
        quoted = true;
        i++;
        let closed = false;
        while (i < line.length) {
          const d = line[i] as string;
          if (d === '"') { closed = true; i++; break; }
          // Inside double quotes a backslash escapes only $ ` " \ and newline.
          if (d === '\\' && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1] as string)) { text += line[i + 1] as string; i += 2; continue; }
          text += d;
          i++;
        }
        if (!closed) return { error: 'unexpected EOF while looking for matching `"\'' };
      } else {
        text += ch;
        i++;
      }
    }
    out.push({ kind: 'word', text, quoted });
  }
  return out;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Parses one command line. An empty line (or only a comment) is an empty list. */
export function parseCommandLine(line: string): ParseResult {
  const toks = tokens(line);
  if (!Array.isArray(toks)) return { ok: false, message: `bash: ${toks.error}\nbash: syntax error: unexpected end of file`, exitCode: 2 };
  const list: CommandList = { commands: [], operators: [] };
  let current: SimpleCommand = { argv: [], assignments: [], background: false };
  const syntax = (t: string): ParseResult => ({ ok: false, message: `bash: syntax error near unexpected token \`${t}'`, exitCode: 2 });
  const empty = (c: SimpleCommand): boolean => c.argv.length === 0 && c.assignments.length === 0;
  for (const t of toks) {
    if (t.kind === 'word') {
      if (current.argv.length === 0 && !t.quoted && ASSIGNMENT.test(t.text)) current.assignments.push(t.text);
      else current.argv.push(t.text);
      continue;
    }
    switch (t.text) {
      case '&&': case '||': case ';': case '&':
        if (empty(current)) return syntax(t.text);
        if (t.text === '&') current.background = true;
        list.commands.push(current);
        list.operators.push(t.text === '&' ? ';' : t.text);
        current = { argv: [], assignments: [], background: false };
        break;
      case '|':
        return { ok: false, message: 'bash: pipes (|) are not supported in this terminal: run each command on its own', exitCode: 2 };
      case '<': case '>': case '>>': case '<<':
        return { ok: false, message: `bash: redirections (${t.text}) are not supported in this terminal`, exitCode: 2 };
      default:
        return syntax(t.text);
    }
  }
  if (!empty(current)) list.commands.push(current);
  else if (list.operators.length > 0) {
    // `a &&` at the end: bash would wait for more input. `a &` and `a ;` are complete.
    if (list.operators[list.operators.length - 1] !== ';') return { ok: false, message: 'bash: syntax error: unexpected end of file', exitCode: 2 };
    list.operators.pop();
  }
  return { ok: true, list };
}
