import { describe, expect, it } from 'vitest';
import { collect, formatDate, runArgv, runScript, type ShellContext, type ShellFlavor } from './shell.ts';

function ctx(flavor: ShellFlavor = 'ash', env: Record<string, string> = {}): ShellContext {
  return { env: new Map(Object.entries({ HOSTNAME: 'nginx-pod', ...env })), flavor, wallMs: () => 1768467603000 };
}

const sh = (script: string, flavor: ShellFlavor = 'ash', env: Record<string, string> = {}) => collect(runScript(script, ctx(flavor, env)));

describe('shell interpreter', () => {
  it('echoes and exits 0', () => {
    expect(sh('echo hi')).toEqual({ stdout: ['hi'], stderr: [], sleptMs: 0, code: 0 });
  });

  it('exit N ends the script with that code (modulo 256)', () => {
    expect(sh('echo before; exit 3; echo after')).toMatchObject({ stdout: ['before'], code: 3 });
    expect(sh('exit 257').code).toBe(1);
    expect(sh('false').code).toBe(1);
  });

  it('&& and || short-circuit on the exit status', () => {
    expect(sh('true && echo a || echo b').stdout).toEqual(['a']);
    expect(sh('false && echo a || echo b').stdout).toEqual(['b']);
    expect(sh('false; echo $?').stdout).toEqual(['1']);
  });

  it('sleeps in virtual time, and sleep infinity blocks forever', () => {
    expect(sh('echo a; sleep 5; echo b; sleep 0.5')).toMatchObject({ stdout: ['a', 'b'], sleptMs: 5500, code: 0 });
    expect(sh('echo up; sleep infinity').code).toBe('forever');
    expect(sh('tail -f /dev/null').code).toBe('forever');
  });

  it('expands $VAR, ${VAR}, ${VAR:-default} and keeps single quotes literal', () => {
    expect(sh('echo "$GREETING, ${NAME}!" \'$NAME\' ${MISSING:-dflt}', 'ash', { GREETING: 'hello', NAME: 'k8s' }).stdout)
      .toEqual(['hello, k8s! $NAME dflt']);
    expect(sh('X=1; export Y=2; echo $X$Y').stdout).toEqual(['12']);
  });

  it('reports unknown commands as each shell does, with exit 127', () => {
    // busybox ash: "sh: foo: not found"; dash: "sh: 1: foo: not found"; bash: "bash: line 1: foo: command not found"
    expect(sh('foo')).toMatchObject({ stderr: ['sh: foo: not found'], code: 127 });
    expect(sh('foo', 'dash').stderr).toEqual(['sh: 1: foo: not found']);
    expect(sh('foo', 'bash').stderr).toEqual(['bash: line 1: foo: command not found']);
  });

  it('runs while loops lazily: one line per sleep', () => {
    const proc = runScript('i=0; while true; do echo tick; sleep 1; done', ctx());
    const first = [proc.next().value, proc.next().value, proc.next().value];
    expect(first).toEqual([{ kind: 'out', stream: 'stdout', text: 'tick' }, { kind: 'sleep', ms: 1000 }, { kind: 'out', stream: 'stdout', text: 'tick' }]);
  });

  it('runs for loops, if/else, test and $(…)', () => {
    expect(sh('for i in 1 2 3; do echo "n=$i"; done').stdout).toEqual(['n=1', 'n=2', 'n=3']);
    expect(sh('for i in $(seq 1 3); do echo $i; done').stdout).toEqual(['1', '2', '3']);
    expect(sh('if [ "$A" = "x" ]; then echo yes; else echo no; fi', 'ash', { A: 'x' }).stdout).toEqual(['yes']);
    expect(sh('n=3; until [ $n -eq 0 ]; do echo $n; n=$(expr_missing 2>/dev/null || echo 0); done').stdout).toEqual(['3']);
  });

  it('pipes stdout into the next command and drops redirected output', () => {
    expect(sh('echo piped | cat').stdout).toEqual(['piped']);
    expect(sh('echo gone > /dev/null; echo kept').stdout).toEqual(['kept']);
    expect(sh('foo 2>/dev/null; echo $?').stdout).toEqual(['127']);
  });

  it('prints date in the C locale and hostname from HOSTNAME', () => {
    expect(formatDate(1768467603000)).toBe('Thu Jan 15 09:00:03 UTC 2026');
    expect(sh('date; hostname').stdout).toEqual(['Thu Jan 15 09:00:03 UTC 2026', 'nginx-pod']);
    expect(sh('cat /nope')).toMatchObject({ stderr: ["cat: can't open '/nope': No such file or directory"], code: 1 });
  });

  it('reports syntax errors with exit 2', () => {
    expect(sh('if true; then echo x')).toMatchObject({ code: 2 });
    expect(sh("echo 'open")).toMatchObject({ stderr: ['sh: unterminated quoted string'], code: 2 });
  });

  it('runs argv without a shell (command: ["sleep","3600"])', () => {
    expect(collect(runArgv(['sleep', '3600'], ctx()))).toMatchObject({ sleptMs: 3_600_000, code: 0 });
    expect(collect(runArgv(['/bin/sh', '-c', 'echo $HOSTNAME'], ctx())).stdout).toEqual(['nginx-pod']);
  });
});
