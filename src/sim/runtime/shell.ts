// A small POSIX-ish shell for simulated containers: enough of sh/ash/dash/bash to run the scripts people put in
// `command: ["sh", "-c", …]` — lists (; && || newline), pipelines (stdout becomes the next stdin), if/while/until/
// for, { groups }, quoting, $VAR ${VAR} ${VAR:-x} $? $$ $(…), and the common applets (echo, printf, sleep, exit,
// true, false, cat, date, env, seq, test/[ …). Running is a generator of timed actions, so `sleep 5` takes five
// virtual seconds and `while true; do …; sleep 1; done` runs forever without blocking anything.
import { civilFromDays } from '../clock.ts';

export type ShellAction =
  | { kind: 'out'; stream: 'stdout' | 'stderr'; text: string }
  | { kind: 'sleep'; ms: number }
  /** The process blocks until it is killed (sleep infinity, tail -f /dev/null, a server). */
  | { kind: 'forever' };

/** Which shell's wording errors take: busybox ash, Debian's dash, or bash. */
export type ShellFlavor = 'ash' | 'dash' | 'bash';

export interface ShellContext {
  env: Map<string, string>;
  flavor: ShellFlavor;
  /** Virtual wall time in ms since the epoch (for `date`). */
  wallMs(): number;
  /** Programs the image provides beyond the applets (servers); undefined when argv[0] is not one of them. */
  program?(argv: string[], ctx: ShellContext): Generator<ShellAction, number> | undefined;
}

type Proc = Generator<ShellAction, number>;

// ---- lexing ---------------------------------------------------------------------------------------------------

type Seg = { text: string; quote: 'none' | 'single' | 'double' } | { sub: string; quote: 'none' | 'double' };
interface WordTok { t: 'word'; segs: Seg[]; raw: string }
interface OpTok { t: 'op'; v: string }
type Tok = WordTok | OpTok;

const OPS = ['&&', '||', ';;', '>>', '2>&1', '2>', '&>', ';', '|', '&', '(', ')', '>', '<', '\n'];

export class ShellSyntaxError extends Error {}

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      toks.push({ t: 'op', v: op });
      i += op.length;
      continue;
    }
    // A word: a run of unquoted, quoted and substituted parts.
    const segs: Seg[] = [];
    let raw = '';
    let buf = '';
    const flush = (): void => {
      if (buf !== '') segs.push({ text: buf, quote: 'none' });
      buf = '';
    };
    while (i < src.length) {
      const ch = src[i] ?? '';
      if (/[\s;|&()<>]/.test(ch)) break;
      if (ch === '\\') { buf += src[i + 1] ?? ''; raw += ch + (src[i + 1] ?? ''); i += 2; continue; }
      if (ch === "'") {
        flush();
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        segs.push({ text: src.slice(i + 1, end), quote: 'single' });
        raw += src.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      if (ch === '"') {
        flush();
        let j = i + 1;
        let text = '';
        while (j < src.length && src[j] !== '"') {
          if (src[j] === '\\' && '"\\$`'.includes(src[j + 1] ?? '')) { text += src[j + 1]; j += 2; continue; }
          if (src[j] === '$' && src[j + 1] === '(') {
            const end = matchParen(src, j + 1);
            if (text !== '') segs.push({ text, quote: 'double' });
            text = '';
            segs.push({ sub: src.slice(j + 2, end), quote: 'double' });
            j = end + 1;
            continue;
          }
          text += src[j];
          j++;
        }
        if (j >= src.length) throw new ShellSyntaxError('unterminated quoted string');
        segs.push({ text, quote: 'double' });
        raw += src.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      if (ch === '$' && src[i + 1] === '(') {
        flush();
        const end = matchParen(src, i + 1);
        segs.push({ sub: src.slice(i + 2, end), quote: 'none' });
        raw += src.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      if (ch === '$' && src[i + 1] === '{') {
        const end = src.indexOf('}', i);
        if (end < 0) throw new ShellSyntaxError('bad substitution');
        buf += src.slice(i, end + 1);
        raw += src.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      buf += ch;
      raw += ch;
      i++;
    }
    flush();
    toks.push({ t: 'word', segs, raw });
  }
  return toks;
}

function matchParen(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    if (src[j] === '(') depth++;
    else if (src[j] === ')' && --depth === 0) return j;
  }
  throw new ShellSyntaxError('unterminated $(');
}

// ---- parsing --------------------------------------------------------------------------------------------------

interface Redir { op: string; target?: WordTok }
type Cmd =
  | { k: 'simple'; words: WordTok[]; redirs: Redir[] }
  | { k: 'if'; branches: { cond: List; body: List }[]; orElse?: List }
  | { k: 'loop'; until: boolean; cond: List; body: List }
  | { k: 'for'; name: string; items: WordTok[] | undefined; body: List }
  | { k: 'group'; body: List };
interface Pipeline { cmds: Cmd[]; bang: boolean }
interface AndOr { first: Pipeline; rest: { op: '&&' | '||'; p: Pipeline }[] }
type List = AndOr[];

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', '{', '}', '!']);

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok | undefined { return this.toks[this.i]; }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t?.t === 'word' && t.segs.length === 1 && t.segs[0]?.quote === 'none' && t.raw === v;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t?.t === 'op' && t.v === v;
  }
  private expectWord(v: string): void {
    if (!this.isWord(v)) throw new ShellSyntaxError(`syntax error: unexpected ${this.describe()}${v === 'fi' || v === 'done' ? ` (expecting "${v}")` : ''}`);
    this.i++;
  }
  private describe(): string {
    const t = this.peek();
    if (!t) return 'end of file';
    if (t.t === 'op') return t.v === '\n' ? 'newline' : `"${t.v}"`;
    return `"${t.raw}"`;
  }
  private skipNewlines(): void {
    while (this.isOp('\n') || this.isOp(';')) this.i++;
  }

  parseAll(): List {
    const list = this.list(new Set());
    if (this.peek()) throw new ShellSyntaxError(`syntax error: unexpected ${this.describe()}`);
    return list;
  }

  private list(stop: Set<string>): List {
    const out: List = [];
    this.skipNewlines();
    while (this.peek()) {
      const t = this.peek();
      if (t?.t === 'word' && stop.has(t.raw) && t.segs[0]?.quote === 'none') break;
      if (this.isOp(')')) break;
      out.push(this.andOr());
      if (this.isOp(';') || this.isOp('\n') || this.isOp('&')) this.skipSeparators();
      else break;
    }
    return out;
  }

  private skipSeparators(): void {
    while (this.isOp(';') || this.isOp('\n') || this.isOp('&')) this.i++;
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.peek() as OpTok).v as '&&' | '||';
      this.i++;
      while (this.isOp('\n')) this.i++;
      rest.push({ op, p: this.pipeline() });
    }
    return { first, rest };
  }

  private pipeline(): Pipeline {
    let bang = false;
    if (this.isWord('!')) { bang = true; this.i++; }
    const cmds = [this.command()];
    while (this.isOp('|')) {
      this.i++;
      while (this.isOp('\n')) this.i++;
      cmds.push(this.command());
    }
    return { cmds, bang };
  }

  private command(): Cmd {
    if (this.isWord('if')) {
      this.i++;
      const branches: { cond: List; body: List }[] = [];
      const cond = this.list(new Set(['then']));
      this.expectWord('then');
      const body = this.list(new Set(['elif', 'else', 'fi']));
      branches.push({ cond, body });
      let orElse: List | undefined;
      for (;;) {
        if (this.isWord('elif')) {
          this.i++;
          const c = this.list(new Set(['then']));
          this.expectWord('then');
          branches.push({ cond: c, body: this.list(new Set(['elif', 'else', 'fi'])) });
          continue;
        }
        if (this.isWord('else')) {
          this.i++;
          orElse = this.list(new Set(['fi']));
        }
        break;
      }
      this.expectWord('fi');
      return orElse ? { k: 'if', branches, orElse } : { k: 'if', branches };
    }
    if (this.isWord('while') || this.isWord('until')) {
      const until = this.isWord('until');
      this.i++;
      const cond = this.list(new Set(['do']));
      this.expectWord('do');
      const body = this.list(new Set(['done']));
      this.expectWord('done');
      return { k: 'loop', until, cond, body };
    }
    if (this.isWord('for')) {
      this.i++;
      const name = this.peek();
      if (name?.t !== 'word') throw new ShellSyntaxError(`syntax error: unexpected ${this.describe()}`);
      this.i++;
      let items: WordTok[] | undefined;
      while (this.isOp('\n')) this.i++;
      if (this.isWord('in')) {
        this.i++;
        items = [];
        while (this.peek()?.t === 'word') items.push(this.toks[this.i++] as WordTok);
      }
      this.skipSeparators();
      this.expectWord('do');
      const body = this.list(new Set(['done']));
      this.expectWord('done');
      return { k: 'for', name: name.raw, items, body };
    }
    if (this.isWord('{')) {
      this.i++;
      const body = this.list(new Set(['}']));
      this.expectWord('}');
      return { k: 'group', body };
    }
    if (this.isOp('(')) {
      this.i++;
      const body = this.list(new Set());
      if (!this.isOp(')')) throw new ShellSyntaxError(`syntax error: unexpected ${this.describe()}`);
      this.i++;
      return { k: 'group', body };
    }
    const words: WordTok[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.t === 'op') {
        if (['>', '>>', '<', '2>', '&>'].includes(t.v)) {
          this.i++;
          const target = this.peek();
          if (target?.t !== 'word') throw new ShellSyntaxError(`syntax error: unexpected ${this.describe()}`);
          this.i++;
          redirs.push({ op: t.v, target });
          continue;
        }
        if (t.v === '2>&1') { this.i++; redirs.push({ op: t.v }); continue; }
        break;
      }
      if (words.length === 0 && RESERVED.has(t.raw) && t.segs[0]?.quote === 'none' && !['{', '}', '!'].includes(t.raw)) {
        throw new ShellSyntaxError(`syntax error: unexpected "${t.raw}"`);
      }
      words.push(t);
      this.i++;
    }
    if (words.length === 0 && redirs.length === 0) throw new ShellSyntaxError(`syntax error: unexpected ${this.describe()}`);
    return { k: 'simple', words, redirs };
  }
}

// ---- running --------------------------------------------------------------------------------------------------

/** `exit N` unwinds the interpreter to the script's top. */
class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

interface Io {
  stdin: string[];
  /** Collects stdout instead of emitting it (pipelines, $(…), > file). */
  capture?: string[];
  /** Drops stdout (> /dev/null). */
  discardOut?: boolean;
  discardErr?: boolean;
  errToOut?: boolean;
}

/** Output in whole lines: each `out` action is one line (trailing newline implied), as container logs store them. */
class Shell {
  status = 0;
  private readonly pid = 1;

  constructor(readonly ctx: ShellContext) {}

  *run(list: List, io: Io): Proc {
    for (const ao of list) {
      yield* this.andOr(ao, io);
    }
    return this.status;
  }

  private *andOr(ao: AndOr, io: Io): Proc {
    let st = yield* this.pipeline(ao.first, io);
    for (const r of ao.rest) {
      if ((r.op === '&&' && st === 0) || (r.op === '||' && st !== 0)) st = yield* this.pipeline(r.p, io);
    }
    return st;
  }

  private *pipeline(p: Pipeline, io: Io): Proc {
    let stdin = io.stdin;
    let st = 0;
    for (let n = 0; n < p.cmds.length; n++) {
      const last = n === p.cmds.length - 1;
      const sub: Io = last ? { ...io, stdin } : { stdin, capture: [] };
      st = yield* this.command(p.cmds[n] as Cmd, sub);
      if (!last) stdin = sub.capture ?? [];
    }
    if (p.bang) st = st === 0 ? 1 : 0;
    this.status = st;
    return st;
  }

  private *command(cmd: Cmd, io: Io): Proc {
    switch (cmd.k) {
      case 'simple': return yield* this.simple(cmd.words, cmd.redirs, io);
      case 'group': return yield* this.run(cmd.body, io);
      case 'if': {
        for (const b of cmd.branches) {
          const c = yield* this.run(b.cond, io);
          if (c === 0) return yield* this.run(b.body, io);
        }
        if (cmd.orElse) return yield* this.run(cmd.orElse, io);
        this.status = 0;
        return 0;
      }
      case 'loop': {
        let st = 0;
        let spins = 0;
        for (;;) {
          const c = yield* this.run(cmd.cond, io);
          if ((c === 0) === cmd.until) break;
          const before = this.sleptMs;
          st = yield* this.run(cmd.body, io);
          // A loop that never sleeps would spin forever in no time: give it a virtual millisecond per 1000 turns.
          if (this.sleptMs === before && ++spins % 1000 === 0) yield { kind: 'sleep', ms: 1 };
        }
        this.status = st;
        return st;
      }
      case 'for': {
        const items = cmd.items ? yield* this.expandWords(cmd.items) : [];
        let st = 0;
        for (const v of items) {
          this.ctx.env.set(cmd.name, v);
          st = yield* this.run(cmd.body, io);
        }
        this.status = st;
        return st;
      }
    }
  }

  sleptMs = 0;

  private emit(io: Io, stream: 'stdout' | 'stderr', text: string): ShellAction | undefined {
    if (stream === 'stderr' && io.errToOut) stream = 'stdout';
    if (stream === 'stdout') {
      if (io.discardOut) return undefined;
      if (io.capture) {
        io.capture.push(text);
        return undefined;
      }
    } else if (io.discardErr) return undefined;
    return { kind: 'out', stream, text };
  }

  private *simple(wordToks: WordTok[], redirs: Redir[], io0: Io): Proc {
    const io: Io = { ...io0 };
    for (const r of redirs) {
      const target = r.target ? (yield* this.expandWords([r.target]))[0] ?? '' : '';
      if (r.op === '2>&1') io.errToOut = true;
      else if (r.op === '>' || r.op === '>>' || r.op === '&>') {
        delete io.capture;
        io.discardOut = true; // files are not kept: output to a file (or /dev/null) leaves the log
        if (r.op === '&>') io.discardErr = true;
      } else if (r.op === '2>') io.discardErr = true;
      else if (r.op === '<') io.stdin = target === '/dev/null' ? [] : io.stdin;
    }
    const words = yield* this.expandWords(wordToks);
    // Leading NAME=value words are assignments.
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] ?? '')) {
      const w = words.shift() ?? '';
      const eq = w.indexOf('=');
      this.ctx.env.set(w.slice(0, eq), w.slice(eq + 1));
    }
    if (words.length === 0) {
      this.status = 0;
      return 0;
    }
    const st = yield* this.exec(words, io);
    this.status = st;
    return st;
  }

  *exec(argv: string[], io: Io): Proc {
    const [name = '', ...args] = argv;
    const out = (text: string): ShellAction | undefined => this.emit(io, 'stdout', text);
    const err = (text: string): ShellAction | undefined => this.emit(io, 'stderr', text);
    const base = name.replace(/^\/(usr\/)?s?bin\//, '');
    switch (base) {
      case ':': case 'true': return 0;
      case 'false': return 1;
      case 'exit': {
        const code = args[0] === undefined ? this.status : Number.parseInt(args[0], 10);
        throw new ExitSignal(Number.isNaN(code) ? 2 : ((code % 256) + 256) % 256);
      }
      case 'echo': {
        let a = args;
        let newline = true;
        let escapes = this.ctx.flavor === 'dash';
        while (a[0] === '-n' || a[0] === '-e' || a[0] === '-ne' || a[0] === '-en') {
          if (a[0].includes('n')) newline = false;
          if (a[0].includes('e')) escapes = true;
          a = a.slice(1);
        }
        let text = a.join(' ');
        if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
        yield* this.lines(text, newline, out);
        return 0;
      }
      case 'printf': {
        const fmt = args[0] ?? '';
        let k = 1;
        const text = fmt.replace(/%[sd%]|\\n|\\t/g, (m) => {
          if (m === '%%') return '%';
          if (m === '\\n') return '\n';
          if (m === '\\t') return '\t';
          const v = args[k++] ?? '';
          return m === '%d' ? String(Number.parseInt(v, 10) || 0) : v;
        });
        yield* this.lines(text, false, out);
        return 0;
      }
      case 'sleep': {
        const ms = parseSleep(args);
        if (ms === undefined) {
          const a = yield* this.maybe(err(this.ctx.flavor === 'ash' ? `sleep: invalid number '${args[0] ?? ''}'` : `sleep: invalid time interval '${args[0] ?? ''}'`));
          return a;
        }
        if (ms === Infinity) {
          yield { kind: 'forever' };
          return 0;
        }
        this.sleptMs += ms;
        if (ms > 0) yield { kind: 'sleep', ms };
        return 0;
      }
      case 'tail':
        if (args.includes('-f')) {
          yield { kind: 'forever' };
          return 0;
        }
        return yield* this.cat(args.filter((x) => !x.startsWith('-')), io, out, err);
      case 'cat': return yield* this.cat(args, io, out, err);
      case 'date': yield* this.maybe(out(formatDate(this.ctx.wallMs()))); return 0;
      case 'hostname': yield* this.maybe(out(this.ctx.env.get('HOSTNAME') ?? 'localhost')); return 0;
      case 'pwd': yield* this.maybe(out('/')); return 0;
      case 'whoami': yield* this.maybe(out('root')); return 0;
      case 'uname': yield* this.maybe(out(args.includes('-a') ? `Linux ${this.ctx.env.get('HOSTNAME') ?? 'localhost'} 6.8.0-51-generic #52-Ubuntu SMP x86_64 GNU/Linux` : 'Linux')); return 0;
      case 'env': case 'printenv': {
        if (args.length > 0) {
          const v = this.ctx.env.get(args[0] ?? '');
          if (v === undefined) return 1;
          yield* this.maybe(out(v));
          return 0;
        }
        for (const [k, v] of [...this.ctx.env].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) yield* this.maybe(out(`${k}=${v}`));
        return 0;
      }
      case 'export': case 'readonly': case 'local':
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) this.ctx.env.set(a.slice(0, eq), a.slice(eq + 1));
        }
        return 0;
      case 'unset': for (const a of args) this.ctx.env.delete(a); return 0;
      case 'set': case 'trap': case 'cd': case 'umask': case 'ulimit': case 'wait': case 'sync': return 0;
      case 'seq': {
        const nums = args.map((x) => Number.parseInt(x, 10));
        const [a, b, c] = nums.length === 1 ? [1, nums[0] ?? 0, 1] : nums.length === 2 ? [nums[0] ?? 1, nums[1] ?? 0, 1] : [nums[0] ?? 1, nums[2] ?? 0, nums[1] ?? 1];
        if (c === 0) return 1;
        for (let v = a; c > 0 ? v <= b : v >= b; v += c) yield* this.maybe(out(String(v)));
        return 0;
      }
      case 'test': case '[': {
        const a = base === '[' ? args.slice(0, args[args.length - 1] === ']' ? -1 : args.length) : args;
        return evalTest(a) ? 0 : 1;
      }
      case 'exec': {
        if (args.length === 0) return 0;
        const st = yield* this.exec(args, io);
        throw new ExitSignal(st);
      }
      case 'sh': case 'bash': case 'ash': case 'dash': {
        if (args[0] === '-c' && args[1] !== undefined) {
          const sub = new Shell({ ...this.ctx, env: new Map(this.ctx.env) });
          return yield* runParsed(sub, args[1], io);
        }
        return 0; // a shell with no script and no terminal reads EOF at once
      }
      default: {
        const prog = this.ctx.program?.(argv, this.ctx);
        if (prog) return yield* prog;
        yield* this.maybe(err(notFound(this.ctx.flavor, name)));
        return 127;
      }
    }
  }

  private *cat(files: string[], io: Io, out: (t: string) => ShellAction | undefined, err: (t: string) => ShellAction | undefined): Proc {
    if (files.length === 0 || files[0] === '-') {
      for (const l of io.stdin) yield* this.maybe(out(l));
      return 0;
    }
    let st = 0;
    for (const f of files) {
      const content = this.file(f);
      if (content === undefined) {
        yield* this.maybe(err(this.ctx.flavor === 'ash' ? `cat: can't open '${f}': No such file or directory` : `cat: ${f}: No such file or directory`));
        st = 1;
        continue;
      }
      for (const l of content) yield* this.maybe(out(l));
    }
    return st;
  }

  private file(path: string): string[] | undefined {
    if (path === '/etc/hostname') return [this.ctx.env.get('HOSTNAME') ?? 'localhost'];
    if (path === '/dev/null') return [];
    if (path === '/var/run/secrets/kubernetes.io/serviceaccount/namespace') return [this.ctx.env.get('POD_NAMESPACE_FILE') ?? 'default'];
    return undefined;
  }

  private *maybe(a: ShellAction | undefined): Generator<ShellAction, number> {
    if (a) yield a;
    return 0;
  }

  private *lines(text: string, newline: boolean, out: (t: string) => ShellAction | undefined): Generator<ShellAction, void> {
    const parts = text.split('\n');
    if (!newline && parts[parts.length - 1] === '') parts.pop();
    for (const p of parts) {
      const a = out(p);
      if (a) yield a;
    }
  }

  *expandWords(toks: WordTok[]): Generator<ShellAction, string[]> {
    const out: string[] = [];
    for (const t of toks) {
      let fields: string[] = [''];
      let quotedAny = false;
      for (const s of t.segs) {
        if ('sub' in s) {
          const captured: string[] = [];
          const sub = new Shell({ ...this.ctx, env: new Map(this.ctx.env) });
          yield* runParsed(sub, s.sub, { stdin: [], capture: captured });
          this.status = sub.status;
          const text = captured.join('\n');
          if (s.quote === 'double') { fields[fields.length - 1] += text; quotedAny = true; } else fields = appendSplit(fields, text);
          continue;
        }
        if (s.quote === 'single') { fields[fields.length - 1] += s.text; quotedAny = true; continue; }
        const expanded = this.expandVars(s.text);
        if (s.quote === 'double') { fields[fields.length - 1] += expanded; quotedAny = true; } else if (s.text.includes('$')) fields = appendSplit(fields, expanded);
        else fields[fields.length - 1] += expanded;
      }
      for (const f of fields) if (f !== '' || quotedAny) out.push(f);
    }
    return out;
  }

  private expandVars(text: string): string {
    return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-=+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])/g, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, plain: string | undefined) => {
      const name = braced ?? plain ?? '';
      let v: string | undefined;
      if (name === '?') v = String(this.status);
      else if (name === '$') v = String(this.pid);
      else if (name === '#') v = '0';
      else if (name === '0') v = this.ctx.flavor === 'bash' ? 'bash' : 'sh';
      else v = this.ctx.env.get(name);
      if (op === '-' && (v === undefined || v === '')) return word ?? '';
      if (op === '=' && (v === undefined || v === '')) { this.ctx.env.set(name, word ?? ''); return word ?? ''; }
      if (op === '+') return v !== undefined && v !== '' ? (word ?? '') : '';
      return v ?? '';
    });
  }
}

function appendSplit(fields: string[], text: string): string[] {
  const parts = text.split(/[ \t\n]+/);
  const out = [...fields];
  parts.forEach((p, idx) => {
    if (idx === 0) out[out.length - 1] += p;
    else out.push(p);
  });
  return out.filter((f, idx) => f !== '' || idx === out.length - 1);
}

function notFound(flavor: ShellFlavor, name: string): string {
  switch (flavor) {
    case 'ash': return `sh: ${name}: not found`;
    case 'dash': return `sh: 1: ${name}: not found`;
    case 'bash': return `bash: line 1: ${name}: command not found`;
  }
}

function parseSleep(args: string[]): number | undefined {
  if (args.length === 0) return undefined;
  let total = 0;
  for (const a of args) {
    if (a === 'infinity' || a === 'inf') return Infinity;
    const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return undefined;
    const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
    total += Number(m[1]) * mult;
  }
  return Math.round(total);
}

function evalTest(a: string[]): boolean {
  if (a.length === 0) return false;
  if (a[0] === '!') return !evalTest(a.slice(1));
  if (a.length === 1) return (a[0] ?? '') !== '';
  if (a.length === 2) {
    const v = a[1] ?? '';
    switch (a[0] ?? '') {
      case '-z': return v === '';
      case '-n': return v !== '';
      case '-d': return v === '/' || v === '/tmp' || v === '/etc';
      case '-e': case '-f': return v === '/etc/hostname';
      default: return false;
    }
  }
  const [l = '', op, r = ''] = a;
  const nl = Number.parseInt(l, 10);
  const nr = Number.parseInt(r, 10);
  switch (op ?? '') {
    case '=': case '==': return l === r;
    case '!=': return l !== r;
    case '-eq': return nl === nr;
    case '-ne': return nl !== nr;
    case '-lt': return nl < nr;
    case '-le': return nl <= nr;
    case '-gt': return nl > nr;
    case '-ge': return nl >= nr;
    default: return false;
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `date` in the C locale, UTC: "Thu Jan 15 09:00:03 UTC 2026". */
export function formatDate(epochMs: number): string {
  const days = Math.floor(epochMs / 86_400_000);
  const ms = epochMs - days * 86_400_000;
  const [y, m, d] = civilFromDays(days);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const hh = Math.floor(ms / 3_600_000);
  const mm = Math.floor((ms % 3_600_000) / 60_000);
  const ss = Math.floor((ms % 60_000) / 1000);
  return `${DAYS[(((days + 4) % 7) + 7) % 7] ?? ''} ${MONTHS[m - 1] ?? ''} ${p2(d)} ${p2(hh)}:${p2(mm)}:${p2(ss)} UTC ${y}`;
}

function* runParsed(shell: Shell, script: string, io: Io): Proc {
  let list: List;
  try {
    list = new Parser(lex(script)).parseAll();
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    const prefix = shell.ctx.flavor === 'bash' ? 'bash: -c: line 1:' : shell.ctx.flavor === 'dash' ? 'sh: 1:' : 'sh:';
    yield { kind: 'out', stream: 'stderr', text: `${prefix} ${e.message}` };
    shell.status = 2;
    return 2;
  }
  try {
    return yield* shell.run(list, io);
  } catch (e) {
    if (e instanceof ExitSignal) {
      shell.status = e.code;
      return e.code;
    }
    throw e;
  }
}

/** Runs `sh -c <script>`: a generator of output/sleep actions whose return value is the exit code. */
export function runScript(script: string, ctx: ShellContext): Proc {
  return runParsed(new Shell(ctx), script, { stdin: [] });
}

/** Runs an argv directly (no shell): applets and the image's programs; `sh -c` goes through the interpreter. */
export function runArgv(argv: string[], ctx: ShellContext): Proc {
  const shell = new Shell(ctx);
  return (function* (): Proc {
    try {
      return yield* shell.exec(argv, { stdin: [] });
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  })();
}

/** Drains a process that never sleeps forever (tests, `$(…)`): its output lines and exit code. */
export function collect(proc: Proc, maxActions = 10_000): { stdout: string[]; stderr: string[]; sleptMs: number; code: number | 'forever' } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let sleptMs = 0;
  for (let n = 0; n < maxActions; n++) {
    const r = proc.next();
    if (r.done) return { stdout, stderr, sleptMs, code: r.value };
    const a = r.value;
    if (a.kind === 'out') (a.stream === 'stdout' ? stdout : stderr).push(a.text);
    else if (a.kind === 'sleep') sleptMs += a.ms;
    else return { stdout, stderr, sleptMs, code: 'forever' };
  }
  return { stdout, stderr, sleptMs, code: 'forever' };
}
