import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './tokenize.ts';

const argv = (line: string): string[][] => {
  const r = parseCommandLine(line);
  if (!r.ok) throw new Error(r.message);
  return r.list.commands.map((c) => c.argv);
};

describe('parseCommandLine (bash word rules)', () => {
  it('splits words and removes quotes and backslashes as bash does', () => {
    expect(argv(`kubectl get pods -l 'app=web, tier in (a,b)' --field-selector="status.phase=Pending"`)).toEqual([
      ['kubectl', 'get', 'pods', '-l', 'app=web, tier in (a,b)', '--field-selector=status.phase=Pending'],
    ]);
    expect(argv('echo a\\ b "x\\"y" \'c\\d\'')).toEqual([['echo', 'a b', 'x"y', 'c\\d']]);
  });

  it('drops comments and leading assignments (ETCDCTL_API=3 etcdctl …)', () => {
    const r = parseCommandLine('ETCDCTL_API=3 etcdctl get /registry/pods --prefix # list pods');
    expect(r.ok && r.list.commands[0]).toEqual({ argv: ['etcdctl', 'get', '/registry/pods', '--prefix'], assignments: ['ETCDCTL_API=3'], background: false });
    expect(argv('# only a comment')).toEqual([]);
    expect(argv('echo a#b')).toEqual([['echo', 'a#b']]);
  });

  it('joins commands with && || ; and accepts a trailing &', () => {
    const r = parseCommandLine('kubectl proxy & curl localhost:8001/api && echo ok || echo no;');
    expect(r.ok && r.list.operators).toEqual([';', '&&', '||']);
    expect(r.ok && r.list.commands[0]?.background).toBe(true);
  });

  it("reports bash's syntax errors (exit 2)", () => {
    expect(parseCommandLine("echo 'a")).toEqual({ ok: false, exitCode: 2, message: "bash: unexpected EOF while looking for matching `''\nbash: syntax error: unexpected end of file" });
    expect(parseCommandLine('&& ls')).toEqual({ ok: false, exitCode: 2, message: "bash: syntax error near unexpected token `&&'" });
    expect(parseCommandLine('ls &&')).toMatchObject({ ok: false, message: 'bash: syntax error: unexpected end of file' });
    expect(parseCommandLine('kubectl get pods | grep nginx')).toMatchObject({ ok: false, exitCode: 2 });
  });
});
