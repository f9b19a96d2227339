// JSON values written as YAML the way `kubectl get -o yaml` writes them: sigs.k8s.io/yaml converts the JSON to a
// generic map and marshals it with go-yaml v2. That fixes the look: map keys sorted by go-yaml's key order,
// sequences not indented under their key, strings quoted only when a plain scalar would read back as something else
// (double quotes) or cannot be written plain (single quotes), multi-line strings as literal blocks, and long
// plain or single-quoted scalars folded at spaces past column 80.
// models gopkg.in/yaml.v2 encode.go (stringv), emitterc.go (analyze_scalar, select_scalar_style, write_*_scalar),
// resolve.go (resolve) and sorter.go (keyList.Less).
import type { Json } from '../api/types.ts';

const BEST_WIDTH = 80;
const INDENT = 2;

/** The YAML text for `value`, ending in a newline. */
export function toGoYaml(value: Json): string {
  const w = new Writer();
  w.node(value, 0, 'document');
  return w.text();
}

/** go-yaml's order for map keys: runs of digits compare as numbers, and non-letters sort before letters. */
export function goKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] as string;
    const y = br[i] as string;
    if (x === y) continue;
    const xl = isLetter(x);
    const yl = isLetter(y);
    if (xl && yl) return x < y;
    if (xl || yl) return yl;
    let xn = 0;
    let yn = 0;
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== '0') {
          xn = 1;
          yn = 1;
          break;
        }
      }
    }
    let xi = i;
    let yi = i;
    for (; xi < ar.length && isDigit(ar[xi] as string); xi++) xn = xn * 10 + Number(ar[xi]);
    for (; yi < br.length && isDigit(br[yi] as string); yi++) yn = yn * 10 + Number(br[yi]);
    if (xn !== yn) return xn < yn;
    if (xi !== yi) return xi < yi;
    return x < y;
  }
  return ar.length < br.length;
}

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

const NON_STRING_PLAIN = new Set([
  '', '~', 'null', 'Null', 'NULL',
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const INT = /^[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$/;

/** Whether a plain scalar with this text would read back as something other than this string. */
function resolvesToNonString(s: string): boolean {
  return NON_STRING_PLAIN.has(s) || INT.test(s) || FLOAT.test(s.replace(/_/g, '')) || BASE60.test(s) || TIMESTAMP.test(s);
}

interface Analysis {
  multiline: boolean;
  plainAllowed: boolean;
  singleAllowed: boolean;
  blockAllowed: boolean;
}

function analyze(s: string): Analysis {
  if (s === '') return { multiline: false, plainAllowed: false, singleAllowed: true, blockAllowed: false };
  let indicators = s.startsWith('---') || s.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  let precededByWhitespace = true;
  const chars = [...s];
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) indicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) indicators = true;
    } else if (c === ':' && followedByWhitespace) {
      indicators = true;
    } else if (c === '#' && precededByWhitespace) {
      indicators = true;
    }
    const code = c.codePointAt(0) ?? 0;
    const printable = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0x7e) || code === 0x85
      || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) || code >= 0x10000;
    if (!printable) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (c === '\n' || c === '\r') {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWhitespace = c === ' ' || c === '\t' || c === '\n' || c === '\r';
  });
  const a: Analysis = { multiline: lineBreaks, plainAllowed: true, singleAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.plainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.plainAllowed = false;
    a.singleAllowed = false;
  }
  if (spaceBreak || special) {
    a.plainAllowed = false;
    a.singleAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.plainAllowed = false;
  if (indicators) a.plainAllowed = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function styleFor(s: string, simpleKey: boolean): Style {
  const wanted: Style = s.includes('\n') ? 'literal' : resolvesToNonString(s) ? 'double' : 'plain';
  const a = analyze(s);
  let style: Style = wanted;
  if (style === 'plain' && (!a.plainAllowed || (simpleKey && a.multiline))) style = 'single';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  if (style === 'single' && (!a.singleAllowed || (simpleKey && a.multiline))) style = 'double';
  return style;
}

class Writer {
  private out = '';
  private column = 0;

  text(): string {
    return this.out.endsWith('\n') ? this.out : `${this.out}\n`;
  }

  private put(s: string): void {
    this.out += s;
    const nl = s.lastIndexOf('\n');
    this.column = nl < 0 ? this.column + s.length : s.length - nl - 1;
  }

  private newline(indent: number): void {
    this.put(`\n${' '.repeat(indent)}`);
  }

  /**
   * Writes `v` where the cursor is. `indent` is the indentation of the collection holding it; `at` says what
   * precedes it: a document start, a `key:` or a `- `.
   */
  node(v: Json, indent: number, at: 'document' | 'value' | 'item'): void {
    if (Array.isArray(v)) {
      if (v.length === 0) return this.inline(at, '[]');
      // A sequence under a key is not indented (go-yaml's "indentless" sequences in block mappings).
      v.forEach((item, i) => {
        if (at === 'value' || i > 0) this.newline(indent);
        this.put('-');
        if (isCollection(item)) {
          this.put(' ');
          this.node(item, indent + INDENT, 'item');
        } else {
          this.scalar(item, indent + INDENT, ' ');
        }
      });
      return;
    }
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v).sort((a, b) => (goKeyLess(a, b) ? -1 : goKeyLess(b, a) ? 1 : 0));
      if (keys.length === 0) return this.inline(at, '{}');
      keys.forEach((k, i) => {
        if (at === 'value' || i > 0) this.newline(indent);
        this.key(k);
        this.put(':');
        const child = v[k] as Json;
        if (isCollection(child)) {
          this.node(child, Array.isArray(child) ? indent : indent + INDENT, 'value');
        } else {
          this.scalar(child, indent + INDENT, ' ');
        }
      });
      return;
    }
    this.scalar(v, indent + INDENT, at === 'document' ? '' : ' ');
  }

  private inline(at: 'document' | 'value' | 'item', text: string): void {
    this.put(at === 'document' || at === 'item' ? text : ` ${text}`);
  }

  private key(k: string): void {
    const style = styleFor(k, true);
    if (style === 'plain') this.put(k);
    else if (style === 'single') this.put(`'${k.replace(/'/g, "''")}'`);
    else this.put(doubleQuoted(k));
  }

  /** A scalar after `lead` (a space after `key:` or `-`); continuation lines go at `indent`. */
  private scalar(v: Json, indent: number, lead: string): void {
    if (v === null) return this.put(`${lead}null`);
    if (typeof v === 'boolean') return this.put(`${lead}${v}`);
    if (typeof v === 'number') return this.put(`${lead}${goFloat(v)}`);
    if (Array.isArray(v)) return this.put(`${lead}[]`);
    if (typeof v === 'object') return this.put(`${lead}{}`);
    switch (styleFor(v, false)) {
      case 'plain':
        this.put(lead);
        return this.folded(v, indent, false);
      case 'single':
        this.put(`${lead}'`);
        this.folded(v.replace(/'/g, "''"), indent, true);
        return this.put("'");
      case 'double':
        return this.put(`${lead}${doubleQuoted(v)}`);
      case 'literal':
        return this.literal(v, indent, lead);
    }
  }

  /** Plain or single-quoted text, breaking at a space once past the best width (emitterc.go write_plain_scalar). */
  private folded(s: string, indent: number, quoted: boolean): void {
    let spaces = false;
    for (let i = 0; i < s.length; i++) {
      const c = s[i] as string;
      if (c === ' ') {
        const next = s[i + 1];
        const edge = quoted && (i === 0 || i === s.length - 1);
        if (!spaces && this.column > BEST_WIDTH && next !== ' ' && !edge) this.newline(indent);
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
  }

  private literal(s: string, indent: number, lead: string): void {
    let hints = '';
    if (s.startsWith(' ') || s.startsWith('\n')) hints += String(INDENT);
    if (!s.endsWith('\n')) hints += '-';
    else if (s.length === 1 || s.endsWith('\n\n')) hints += '+';
    this.put(`${lead}|${hints}`);
    const body = s.endsWith('\n') ? s.slice(0, -1) : s;
    for (const line of body.split('\n')) {
      if (line === '') this.put('\n');
      else {
        this.newline(indent);
        this.put(line);
      }
    }
  }
}

function isCollection(v: Json): v is Json[] | { [k: string]: Json } {
  return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

/** A JSON number as go-yaml writes what JSON decoding gave it: integers as such, others with %g-like digits. */
function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  const s = String(n);
  // strconv.FormatFloat(f, 'g', -1, 64) uses an exponent below 1e-4 and from 1e21 (as JavaScript does), but
  // writes it as e-05 / e+21.
  return s.replace(/e([-+])(\d)$/, 'e$10$2');
}
