import { describe, expect, it } from 'vitest';
import { NGINX_POD_YAML, RBAC_YAML, defaultScenario } from '../sim/scenario/defaultScenario.ts';
import type { TraceEvent } from '../sim/trace/types.ts';
import { EngineHost, INSTANT_HORIZON_MS } from './EngineHost.ts';
import { INTERRUPT, replayAction, type Command, type HostMessage, type KubectlOutput, type Snapshot } from './protocol.ts';

/** A host on the main thread with a receiver that keeps what the UI would. */
function harness() {
  const received: HostMessage[] = [];
  const trace: TraceEvent[] = [];
  let snapshot: Snapshot | undefined;
  const outputs: KubectlOutput[] = [];
  const host = new EngineHost((m) => {
    received.push(m);
    if (m.type === 'trace') trace.splice(m.start, trace.length - m.start, ...m.events);
    if (m.type === 'snapshot') snapshot = m.snapshot;
    if (m.type === 'kubectl') outputs.push(m.output);
    if (m.type === 'kubectlMore') {
      const o = outputs.filter((x) => x.id === m.id).pop();
      if (o) {
        o.lines.push(...m.lines);
        if (m.done) o.running = false;
      }
    }
  });
  const send = (cmd: Command): void => { host.handle(cmd); host.flush(); };
  const frames = (n: number, dt = 16): void => { for (let i = 0; i < n; i++) { host.tick(dt); host.flush(); } };
  return { host, received, trace, outputs, send, frames, snap: (): Snapshot => { if (!snapshot) throw new Error('no snapshot'); return snapshot; } };
}

const pod = { name: 'nginx-pod.yaml', content: NGINX_POD_YAML };

describe('EngineHost', () => {
  it('announces the scenario and an empty cluster state on load', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    const ready = h.received.find((m) => m.type === 'ready');
    expect(ready?.scenario.name).toBe('nginx-pod');
    expect(ready?.scenario.users.find((u) => u.name === 'alice')).toEqual({ name: 'alice', description: 'bound to Role pod-reader in default', identity: 'alice', groups: ['system:authenticated'] });
    expect(h.snap()).toMatchObject({ pods: [], playing: false });
    expect(h.snap().nodes.map((n) => n.name)).toEqual(['control-plane', 'node-1', 'node-2']);
    expect(h.snap().keys.map((k) => k.key)).toContain('/registry/roles/default/pod-reader');
  });

  it('applies as a user, then releases the trace at the playback pace, one event per step', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    const start = h.snap().cursor;
    h.send({ type: 'apply', user: 'kubernetes-admin', file: pod });
    expect(h.snap().playing).toBe(true);
    h.send({ type: 'pause' });
    expect(h.snap().cursor).toBe(start);
    h.send({ type: 'step' });
    expect(h.snap().cursor).toBe(start + 1);
    expect(h.trace[start]).toMatchObject({ type: 'request', method: 'GET', path: '/api/v1/namespaces/default/pods/nginx-pod' });
    // The pod is not in etcd until the storage step is shown.
    expect(h.snap().pods).toEqual([]);
    h.send({ type: 'speed', speed: 'instant' });
    h.send({ type: 'play' });
    h.frames(2);
    expect(h.snap().pods.map((p) => p.name)).toEqual(['nginx-pod']);
    // The cluster never goes quiet (Lease renewals), so "instant" runs a minute of cluster time and then stops
    // on the last event that was not a heartbeat (Lease and Node status upkeep still lie ahead).
    const { cursor, known } = h.snap();
    expect(h.snap().playing).toBe(false);
    expect(known).toBeGreaterThan(cursor);
    expect(h.trace[known - 1]!.time).toBeLessThanOrEqual(h.trace[start]!.time + INSTANT_HORIZON_MS);
    expect(h.trace.findIndex((e) => e.type === 'response' && e.to === 'kubectl' && e.code === 201)).toBeLessThan(cursor);
    expect(h.trace.slice(cursor).every((e) => e.type !== 'request' || /leases|\/nodes\//.test(e.path))).toBe(true);
    expect(h.outputs[0]?.lines.map((l) => l.text)).toEqual(['pod/nginx-pod created']);
  });

  it('sends at most one trace batch and one snapshot per frame', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    h.send({ type: 'apply', user: 'kubernetes-admin', file: pod });
    h.send({ type: 'speed', speed: 8 });
    const before = h.received.length;
    h.host.tick(2000);
    h.host.flush();
    const frame = h.received.slice(before);
    expect(frame.filter((m) => m.type === 'trace').length).toBeLessThanOrEqual(1);
    expect(frame.filter((m) => m.type === 'snapshot').length).toBe(1);
  });

  it('steps back by rebuilding and replaying to the previous event, reproducing the same trace and state', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    h.send({ type: 'apply', user: 'kubernetes-admin', file: pod });
    h.send({ type: 'speed', speed: 'instant' });
    h.frames(2);
    const end = h.snap();
    const trace = JSON.stringify(h.trace);
    h.send({ type: 'stepBack' });
    expect(h.snap().cursor).toBe(end.cursor - 1);
    const origin = h.snap().origin;
    h.send({ type: 'seek', index: origin + 3 });
    expect(h.snap().cursor).toBe(origin + 3);
    h.send({ type: 'seek', index: 0 });
    expect(h.snap().cursor).toBe(origin);
    expect(h.snap().pods).toEqual([]);
    h.send({ type: 'seek', index: end.cursor });
    expect(h.snap()).toEqual({ ...end, playing: false });
    expect(JSON.stringify(h.trace)).toBe(trace);
  });

  it('restores a recorded session into a fresh host (what a worker restart does)', () => {
    const a = harness();
    a.send({ type: 'load', scenario: defaultScenario });
    a.send({ type: 'apply', user: 'alice', file: pod });
    a.send({ type: 'speed', speed: 'instant' });
    a.frames(2);
    const s = a.snap();
    const b = harness();
    b.send({ type: 'restore', scenario: defaultScenario, actions: s.actions, cursor: s.cursor, known: s.known, origin: s.origin, speed: 1 });
    expect(b.snap()).toMatchObject({ cursor: s.cursor, known: s.known, origin: s.origin, revision: s.revision, pods: s.pods, actions: s.actions });
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
  });

  it('acting after stepping back drops the rewound future', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    const start = h.snap().cursor;
    h.send({ type: 'apply', user: 'alice', file: pod });
    h.send({ type: 'speed', speed: 'instant' });
    h.frames(2);
    h.send({ type: 'seek', index: start });
    h.send({ type: 'apply', user: 'kubernetes-admin', file: { name: 'rbac.yaml', content: RBAC_YAML } });
    expect(h.snap().actions.map((a) => a.user)).toEqual(['kubernetes-admin']);
    h.frames(2);
    expect(h.trace.filter((e) => e.type === 'request' && e.path.includes('/roles/'))).not.toHaveLength(0);
    expect(h.trace.some((e) => e.type === 'authn' && e.user?.name === 'alice')).toBe(false);
  });

  it('seeks by virtual time, never before the story starts', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    h.send({ type: 'apply', user: 'kubernetes-admin', file: pod });
    h.send({ type: 'speed', speed: 'instant' });
    h.frames(2);
    const { origin } = h.snap();
    const applied = h.trace[origin]!.time;
    h.send({ type: 'seek', time: applied + 10_000 });
    expect(h.snap().cursor).toBe(h.trace.filter((e) => e.time <= applied + 10_000).length);
    h.send({ type: 'seek', time: 0 });
    expect(h.snap().cursor).toBe(origin);
  });

  it('reports errors instead of throwing, except for the simulated crash', () => {
    const h = harness();
    h.send({ type: 'step' });
    expect(h.received).toContainEqual({ type: 'error', message: 'no scenario loaded' });
    expect(() => h.host.handle({ type: 'crash' })).toThrow('simulated');
  });

  it('loads a shared session: replays its actions at their positions and shows the same step', () => {
    const a = harness();
    a.send({ type: 'load', scenario: defaultScenario });
    a.send({ type: 'speed', speed: 'instant' });
    a.send({ type: 'apply', user: 'alice', file: pod });
    a.frames(2);
    a.send({ type: 'apply', user: 'kubernetes-admin', file: pod });
    a.frames(2);
    a.send({ type: 'stepBack' });
    const { cursor, known, actions } = a.snap();
    const b = harness();
    b.send({ type: 'load', scenario: defaultScenario, replay: { actions: actions.map(replayAction), cursor, known } });
    b.frames(1);
    expect(b.snap()).toMatchObject({ cursor, known, playing: false });
    expect(b.snap().actions).toEqual(actions);
    // The recipient's terminal shows what kubectl printed, as the sharer's did.
    expect(b.outputs).toEqual(a.outputs);
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace.slice(0, known)));
  });

  it('does not record an apply kubectl could not read, nor start playing', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    h.send({ type: 'apply', user: 'kubernetes-admin', file: { name: 'bad.yaml', content: 'a: b: c' } });
    expect(h.outputs[0]?.parseError).toMatchObject({ line: 1 });
    expect(h.snap()).toMatchObject({ actions: [], playing: false });
  });
});

describe('EngineHost: the terminal and failures', () => {
  it('runs a typed command line as the user, its output appearing when the response reaches the terminal', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    h.send({ type: 'command', user: 'alice', line: 'kubectl get pods', files: [pod] });
    const out = h.outputs.at(-1);
    expect(out).toMatchObject({ source: 'terminal', command: 'kubectl get pods', user: 'alice', prompt: h.snap().prompts.alice });
    expect(out?.lines.map((l) => l.text)).toEqual(['No resources found in default namespace.']);
    // The request travels first: the line shows once the response does.
    expect(out!.lines[0]!.at).toBeGreaterThan(h.snap().cursor);
    expect(h.trace.some((e) => e.type === 'request' && e.from === 'kubectl' && e.path.startsWith('/api/v1/namespaces/default/pods'))).toBe(true);
    expect(h.snap().actions.at(-1)).toMatchObject({ kind: 'command', line: 'kubectl get pods', files: [] });
  });

  it('keeps the files a command names, so a replay applies what was applied then', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    h.send({ type: 'command', user: 'kubernetes-admin', line: 'kubectl apply -f nginx-pod.yaml', files: [pod, { name: 'rbac.yaml', content: RBAC_YAML }] });
    expect(h.snap().actions.at(-1)).toMatchObject({ kind: 'command', files: [pod] });
    expect(h.outputs.at(-1)?.lines.map((l) => l.text)).toEqual(['pod/nginx-pod created']);
  });

  it('changes the prompt with ssh and replays the shell to the same host after stepping back', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    const workstation = h.snap().prompts['kubernetes-admin'];
    h.send({ type: 'command', user: 'kubernetes-admin', line: 'ssh node-1', files: [] });
    const onNode = h.snap().prompts['kubernetes-admin'];
    expect(onNode).not.toBe(workstation);
    expect(onNode).toContain('node-1');
    h.send({ type: 'command', user: 'kubernetes-admin', line: 'kubectl get pods', files: [] });
    h.send({ type: 'speed', speed: 'instant' });
    h.send({ type: 'play' });
    h.frames(2);
    h.send({ type: 'stepBack' });
    expect(h.snap().prompts['kubernetes-admin']).toBe(onNode);
  });

  it('stops a kubelet on purpose: the fault is in the trace and the node goes NotReady after the grace period', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    h.send({ type: 'fault', user: 'kubernetes-admin', fault: { kind: 'kubelet', node: 'node-1', running: false } });
    expect(h.snap().playing).toBe(true);
    const at = h.snap().actions.at(-1)!.traceIndex;
    expect(h.trace[at]).toMatchObject({ type: 'fault', target: 'kubelet/node-1', fault: { kind: 'kubelet', node: 'node-1', running: false } });
    h.send({ type: 'speed', speed: 'instant' });
    h.send({ type: 'play' });
    h.frames(3);
    expect(h.snap().nodes.find((n) => n.name === 'node-1')).toMatchObject({ ready: false });
    expect(h.snap().nodes.find((n) => n.name === 'node-2')).toMatchObject({ ready: true });
  });

  it('reports a fault on a node it does not know as an error in the terminal, and records nothing to replay differently', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    h.send({ type: 'fault', user: 'kubernetes-admin', fault: { kind: 'fill', node: 'node-9', full: true } });
    expect(h.outputs.at(-1)?.lines.map((l) => l.text)).toEqual(['error: no kubelet runs on a node named "node-9"']);
    expect(h.snap().playing).toBe(false);
  });

  it('replays commands and faults from a shared session exactly', () => {
    const a = harness();
    a.send({ type: 'load', scenario: defaultScenario });
    a.send({ type: 'speed', speed: 'instant' });
    a.send({ type: 'fault', user: 'kubernetes-admin', fault: { kind: 'image', image: 'nginx', available: false } });
    a.send({ type: 'command', user: 'kubernetes-admin', line: 'kubectl apply -f nginx-pod.yaml', files: [pod] });
    a.frames(2);
    a.send({ type: 'command', user: 'kubernetes-admin', line: 'kubectl get pods', files: [] });
    a.frames(2);
    const { cursor, known, actions } = a.snap();
    expect(a.outputs.at(-1)?.lines.map((l) => l.text).join('\n')).toMatch(/nginx-pod\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/);
    const b = harness();
    b.send({ type: 'load', scenario: defaultScenario, replay: { actions: actions.map(replayAction), cursor, known } });
    b.frames(1);
    expect(b.snap().actions).toEqual(actions);
    expect(b.outputs).toEqual(a.outputs);
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace.slice(0, known)));
  });

  it('answers Tab with completions and runs nothing', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    const before = h.trace.length;
    h.send({ type: 'complete', user: 'kubernetes-admin', line: 'kubectl ge', files: [] });
    const m = h.received.find((x) => x.type === 'completions');
    expect(m).toMatchObject({ type: 'completions', line: 'kubectl ge' });
    expect(m?.type === 'completions' ? m.items : []).toContain('get');
    expect(h.trace.length).toBe(before);
  });
});

describe('EngineHost: a command that keeps running', () => {
  it('streams kubectl get -w rows as the pod changes, stops on Ctrl+C, and sends nothing twice after a step back', () => {
    const h = harness();
    h.send({ type: 'load', scenario: defaultScenario });
    h.send({ type: 'command', user: 'kubernetes-admin', line: 'kubectl get pods -w', files: [] });
    expect(h.outputs.at(-1)).toMatchObject({ source: 'terminal', running: true });
    h.send({ type: 'speed', speed: 'instant' });
    h.send({ type: 'apply', user: 'kubernetes-admin', file: pod });
    h.frames(3);
    const watch = h.outputs.find((o) => o.command === 'kubectl get pods -w')!;
    const rows = watch.lines.map((l) => l.text).filter((t) => t.startsWith('nginx-pod'));
    expect(rows[0]).toMatch(/^nginx-pod\s+0\/1\s+Pending\s+0\s+/);
    expect(rows.at(-1)).toMatch(/^nginx-pod\s+1\/1\s+Running\s+0\s+/);
    const printed = watch.lines.length;
    h.send({ type: 'stepBack' });
    h.frames(2);
    expect(watch.lines.length).toBe(printed);
    h.send({ type: 'command', user: 'kubernetes-admin', line: INTERRUPT, files: [] });
    expect(watch.running).toBe(false);
    expect(watch.lines.at(-1)?.text).toBe('^C');
    expect(h.trace.some((e) => e.type === 'watchOpen' && e.watcher === 'kubectl' && e.closed === true)).toBe(true);
  });
});
