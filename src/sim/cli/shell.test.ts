import { describe, expect, it } from 'vitest';
import { CLEAR_SCREEN, initialShellState, promptFor, runCommandLine } from './shell.ts';
import { testShell } from './testing.ts';

describe('the terminal shell', () => {
  it('starts on the workstation with the kubeconfig user in the prompt; a node prompt is root\'s', () => {
    expect(initialShellState()).toEqual({ host: 'workstation', proxy: false });
    expect(promptFor(initialShellState(), 'alice')).toBe('alice@workstation:~$ ');
    expect(promptFor({ host: 'node-1', proxy: false }, 'alice')).toBe('root@node-1:~# ');
  });

  it("answers unknown commands as bash does: 'bash: foo: command not found', exit 127", () => {
    const t = testShell();
    expect(t.run('foo bar')).toMatchObject({ exitCode: 127, stderr: 'bash: foo: command not found\n', stdout: '' });
  });

  it('runs && only after success, || only after failure, ; always; $? is the last command\'s', () => {
    const t = testShell();
    expect(t.run('foo && echo yes').stdout).toBe('');
    expect(t.run('foo || echo recovered')).toMatchObject({ stdout: 'recovered\n', exitCode: 0 });
    expect(t.run('echo a; foo').exitCode).toBe(127);
  });

  it('ls, cat and whoami read the workstation', () => {
    const t = testShell('alice');
    expect(t.run('ls').stdout).toBe('nginx-pod.yaml  rbac.yaml\n');
    expect(t.run('cat nginx-pod.yaml').stdout).toBe(t.host.files[0]?.content);
    expect(t.run('cat nope.yaml')).toMatchObject({ exitCode: 1, stderr: 'cat: nope.yaml: No such file or directory\n' });
    expect(t.run('whoami').stdout).toBe('alice\n');
  });

  it('clear prints the CLEAR_SCREEN line the UI detects', () => {
    const t = testShell();
    expect(t.run('clear').lines).toEqual([{ stream: 'stdout', text: CLEAR_SCREEN }]);
  });

  it('ssh NODE changes host; exit prints "logout" and ssh\'s "Connection to NODE closed."', () => {
    const t = testShell();
    const r = t.run('ssh node-1');
    expect(r).toMatchObject({ exitCode: 0, prompt: 'root@node-1:~# ', state: { host: 'node-1' } });
    // kubectl has no kubeconfig on a node: simplified to "command not found".
    expect(t.run('kubectl get pods')).toMatchObject({ exitCode: 127, stderr: 'bash: kubectl: command not found\n' });
    expect(t.run('etcdctl get /registry --prefix').exitCode).toBe(127); // etcd runs on the control-plane node only
    expect(t.run('exit')).toMatchObject({ stdout: 'logout\n', stderr: 'Connection to node-1 closed.\n', prompt: 'kubernetes-admin@workstation:~$ ' });
    expect(t.run('ssh nowhere')).toMatchObject({ exitCode: 255, stderr: 'ssh: Could not resolve hostname nowhere: Name or service not known\n' });
  });

  it('does not run the clock: the same line on the same state prints the same thing', () => {
    const t = testShell();
    t.run('kubectl apply -f nginx-pod.yaml');
    const now = t.engine.clock.now();
    const a = runCommandLine(t.host, t.state, 'kubectl get pods -o wide');
    const b = runCommandLine(t.host, t.state, 'kubectl get pods -o wide');
    expect(t.engine.clock.now()).toBe(now);
    expect(a.lines.map((l) => l.text)).toEqual(b.lines.map((l) => l.text));
  });

  it('help lists what works on this host', () => {
    const t = testShell();
    expect(t.run('help').stdout).toContain('kubectl proxy');
    t.run('ssh control-plane');
    expect(t.run('help').stdout).toContain('etcdctl get KEY');
  });

  it('puts etcdctl and crictl in the trace as notes on what they reach, bypassing kube-apiserver', () => {
    const t = testShell();
    t.run('ssh control-plane');
    const before = t.engine.tracer.events.length;
    t.run('etcdctl get /registry/pods --prefix --keys-only');
    const etcd = t.engine.tracer.events.slice(before);
    expect(etcd.map((e) => e.type)).toEqual(['note']);
    const first = etcd[0];
    expect(first?.type === 'note' && first.actor).toBe('etcd');
    expect(first?.type === 'note' && first.text).toMatch(/^etcdctl get \/registry\/pods --prefix --keys-only talks to etcd directly.*no kube-apiserver/);
    t.run('exit');
    t.run('ssh node-1');
    const mark = t.engine.tracer.events.length;
    t.run('crictl ps');
    expect(t.engine.tracer.events.slice(mark)).toMatchObject([{ type: 'note', actor: 'containerd/node-1' }]);
  });
});
