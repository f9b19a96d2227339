// Command-line flags as spf13/pflag parses them (kubectl, etcdctl and crictl all use cobra + pflag): `--name=v`,
// `--name v`, `-n v`, `-nv`, `-n=v`, boolean `--x` / `--x=false`, grouped short booleans `-aq`, `--` ends flags,
// flags and arguments interspersed. Error texts are pflag's (flag.go failf calls).

export interface FlagSpec {
  name: string;
  short?: string;
  /**
   * 'bool' flags take no separate value; 'string' flags need one; 'strings' flags (pflag StringSlice) may repeat
   * and split on commas; 'stringArray' flags (pflag StringArray) may repeat and keep commas.
   */
  type: 'bool' | 'string' | 'strings' | 'stringArray';
}

export interface ParsedFlags {
  args: string[];
  values: Map<string, string[]>;
}

export type FlagResult = { ok: true; flags: ParsedFlags } | { ok: false; error: string };

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): FlagResult {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const values = new Map<string, string[]>();
  const args: string[] = [];
  const set = (s: FlagSpec, v: string): void => {
    const list = values.get(s.name) ?? [];
    if (s.type === 'strings') list.push(...v.split(',').filter((x) => x !== ''));
    else if (s.type === 'stringArray') list.push(v);
    else list.splice(0, list.length, v);
    values.set(s.name, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') { args.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const s = byName.get(name);
      if (!s) return { ok: false, error: `unknown flag: --${name}` };
      if (eq >= 0) set(s, a.slice(eq + 1));
      else if (s.type === 'bool') set(s, 'true');
      else if (i + 1 < argv.length) set(s, argv[++i] as string);
      else return { ok: false, error: `flag needs an argument: --${name}` };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // Shorthands: each letter a flag until one takes a value, which is the rest (after an optional '=').
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        const s = byShort.get(c);
        if (!s) return { ok: false, error: `unknown shorthand flag: '${c}' in ${a}` };
        const rest = a.slice(j + 1);
        if (s.type === 'bool') {
          if (rest.startsWith('=')) { set(s, rest.slice(1)); break; }
          set(s, 'true');
          continue;
        }
        if (rest !== '') set(s, rest.startsWith('=') ? rest.slice(1) : rest);
        else if (i + 1 < argv.length) set(s, argv[++i] as string);
        else return { ok: false, error: `flag needs an argument: '${c}' in -${c}` };
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { ok: true, flags: { args, values } };
}

export function flagString(f: ParsedFlags, name: string): string | undefined {
  const v = f.values.get(name);
  return v === undefined ? undefined : v[v.length - 1];
}

export function flagStrings(f: ParsedFlags, name: string): string[] {
  return f.values.get(name) ?? [];
}

/** A boolean flag's value (pflag's strconv.ParseBool accepts 1/t/T/TRUE/true/True and the false forms). */
export function flagBool(f: ParsedFlags, name: string): boolean {
  const v = flagString(f, name);
  return v !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);
}
