import { describe, expect, it } from 'vitest';
import { flagBool, flagString, flagStrings, parseFlags, type FlagSpec } from './flags.ts';

const SPECS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'quiet', short: 'q', type: 'bool' },
];

describe('parseFlags (pflag rules)', () => {
  it('reads every form of a value and interspersed arguments', () => {
    for (const args of [['-o', 'wide'], ['-owide'], ['-o=wide'], ['--output', 'wide'], ['--output=wide']]) {
      const r = parseFlags(['pods', ...args, 'x'], SPECS);
      expect(r.ok && flagString(r.flags, 'output')).toBe('wide');
      expect(r.ok && r.flags.args).toEqual(['pods', 'x']);
    }
    const r = parseFlags(['-Aq', '-f', 'a.yaml,b.yaml', '-f', 'c.yaml', '--', '-o'], SPECS);
    expect(r.ok && flagBool(r.flags, 'all-namespaces') && flagBool(r.flags, 'quiet')).toBe(true);
    expect(r.ok && flagStrings(r.flags, 'filename')).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(r.ok && r.flags.args).toEqual(['-o']);
    const off = parseFlags(['--all-namespaces=false'], SPECS);
    expect(off.ok && flagBool(off.flags, 'all-namespaces')).toBe(false);
  });

  it("uses pflag's error texts", () => {
    expect(parseFlags(['--bogus'], SPECS)).toEqual({ ok: false, error: 'unknown flag: --bogus' });
    expect(parseFlags(['-x'], SPECS)).toEqual({ ok: false, error: "unknown shorthand flag: 'x' in -x" });
    expect(parseFlags(['-o'], SPECS)).toEqual({ ok: false, error: "flag needs an argument: 'o' in -o" });
    expect(parseFlags(['--output'], SPECS)).toEqual({ ok: false, error: 'flag needs an argument: --output' });
  });
});
