import { describe, expect, it } from 'vitest';
import { initialShellState, runCommandLine } from './shell.ts';
import { testShell, type TestShell } from './testing.ts';

/** A second terminal on the same cluster: the watching one is busy until Ctrl+C. */
function elsewhere(t: TestShell, line: string): void {
  runCommandLine({ engine: t.engine, user: 'kubernetes-admin', files: t.host.files }, initialShellState(), line);
}

const texts = (t: TestShell): string[] => t.streamed.map((l) => l.text);

describe('kubectl get -w', () => {
  it('on an empty namespace prints nothing, then one row per event with the header once (rows as the real kubectl v1.32 printed them)', () => {
    const t = testShell('kubernetes-admin', [], { stream: true });
    const r = t.run('kubectl get pods -w');
    expect(r).toMatchObject({ stdout: '', stderr: '', exitCode: 0, running: { command: 'kubectl get pods -w' } });
    elsewhere(t, 'kubectl apply -f nginx-pod.yaml');
    t.advance(10_000);
    // Column widths only grow (kubectl's tabwriter remembers them), so "Running" is padded like "ContainerCreating".
    expect(texts(t)).toEqual([
      'NAME        READY   STATUS    RESTARTS   AGE',
      'nginx-pod   0/1     Pending   0          0s',
      'nginx-pod   0/1     Pending   0          0s',
      'nginx-pod   0/1     ContainerCreating   0          0s',
      'nginx-pod   1/1     Running             0          3s',
    ]);
    // The rows link to the watch request: the trace's watchOpen for kubectl has that span.
    const open = t.engine.tracer.events.find((e) => e.type === 'watchOpen' && e.watcher === 'kubectl');
    expect(open).toMatchObject({ resource: 'pods', namespace: 'default' });
    expect(new Set(t.streamed.map((l) => l.span))).toEqual(new Set([open?.span]));
  });

  it('stop() closes the watch: the apiserver records it closed and nothing more prints', () => {
    const t = testShell('kubernetes-admin', [], { stream: true });
    const r = t.run('kubectl get pods -w');
    elsewhere(t, 'kubectl apply -f nginx-pod.yaml');
    t.advance(1000);
    const printed = t.streamed.length;
    r.running?.stop();
    r.running?.stop();
    elsewhere(t, 'kubectl delete pod nginx-pod');
    t.advance(60_000);
    expect(t.streamed).toHaveLength(printed);
    const closes = t.engine.tracer.events.filter((e) => e.type === 'watchOpen' && e.watcher === 'kubectl' && e.closed === true);
    expect(closes).toHaveLength(1);
  });

  it('an existing pod: the list prints now (with its resourceVersion the watch starts from); --output-watch-events adds EVENT', () => {
    const t = testShell('kubernetes-admin', [], { stream: true });
    t.run('kubectl apply -f nginx-pod.yaml');
    t.advance(1000);
    const r = t.run('kubectl get pods -w --output-watch-events -A');
    // tableprinter pads the event type to eight characters ("ADDED   "), so the column is wide from the start.
    expect(r.stdout).toBe('EVENT      NAMESPACE   NAME        READY   STATUS              RESTARTS   AGE\nADDED      default     nginx-pod   0/1     ContainerCreating   0          1s\n');
    t.advance(5000);
    elsewhere(t, 'kubectl delete pod nginx-pod');
    t.advance(60_000);
    expect(texts(t)[0]).toBe('MODIFIED   default     nginx-pod   1/1     Running             0          3s');
    expect(texts(t)[texts(t).length - 1]).toMatch(/^DELETED {4}default {5}nginx-pod {3}0\/1 {5}Completed {11}0 {10}\d+s$/);
    const open = t.engine.tracer.events.find((e) => e.type === 'watchOpen' && e.watcher === 'kubectl');
    expect(open).toMatchObject({ namespace: '' });
    expect(open && 'resourceVersion' in open ? open.resourceVersion : '').toMatch(/^[1-9]\d*$/);
  });

  it('one named pod: printed now; the watch from "0" skips its synthetic ADDED; --watch-only prints only later changes', () => {
    const t = testShell('kubernetes-admin', [], { stream: true });
    t.run('kubectl apply -f nginx-pod.yaml');
    t.advance(1000);
    expect(t.run('kubectl get pods nginx-pod -w').stdout).toBe('NAME        READY   STATUS              RESTARTS   AGE\nnginx-pod   0/1     ContainerCreating   0          1s\n');
    t.advance(5000);
    expect(texts(t)).toEqual(['nginx-pod   1/1     Running             0          3s']);

    const u = testShell('kubernetes-admin', [], { stream: true });
    u.run('kubectl apply -f nginx-pod.yaml');
    u.advance(1000);
    expect(u.run('kubectl get pods --watch-only').stdout).toBe('');
    u.advance(5000);
    expect(texts(u)).toEqual(['NAME        READY   STATUS    RESTARTS   AGE', 'nginx-pod   1/1     Running   0          3s']);
  });

  it('-o name prints kind/name per event; the flags are checked as kubectl checks them', () => {
    const t = testShell('kubernetes-admin', [], { stream: true });
    expect(t.run('kubectl get pods -w -o name').stdout).toBe('');
    elsewhere(t, 'kubectl apply -f nginx-pod.yaml');
    t.advance(10_000);
    expect(texts(t)).toEqual(['pod/nginx-pod', 'pod/nginx-pod', 'pod/nginx-pod', 'pod/nginx-pod']);
    expect(t.run('kubectl get pods --output-watch-events')).toMatchObject({ exitCode: 1, stderr: 'error: --output-watch-events option can only be used with --watch or --watch-only\n' });
    expect(t.run('kubectl get pods,nodes -w')).toMatchObject({ exitCode: 1, stderr: 'error: you may only specify a single resource type\n' });
    const denied = t.run('kubectl get pods -w -n kube-system --as alice');
    expect(denied).toMatchObject({ exitCode: 1, stderr: 'Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "kube-system"\n' });
    expect(denied.running).toBeUndefined();
  });

  it('a watch holds the terminal: the rest of the command list does not run', () => {
    const t = testShell('kubernetes-admin', [], { stream: true });
    const r = t.run('kubectl get pods -w; echo after');
    expect(r.stdout).toBe('');
    expect(r.running?.command).toBe('kubectl get pods -w; echo after');
  });

  it('without a host that can stream, -w is refused as before', () => {
    const t = testShell();
    const r = t.run('kubectl get pods -w');
    expect(r.exitCode).toBe(1);
    expect(r.running).toBeUndefined();
    expect(r.stderr).toMatch(/^error: --watch is not supported in this terminal/);
  });
});
