// The inspectors' views, through the host as the UI asks for them.
import { describe, expect, it } from 'vitest';
import { NGINX_POD_YAML, defaultScenario } from '../sim/scenario/defaultScenario.ts';
import { bigPodScenario } from '../sim/scenario/gallery.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import { EngineHost } from './EngineHost.ts';
import type { Command, HostMessage, Snapshot } from './protocol.ts';

function settled(scenario: Scenario, file: { name: string; content: string }) {
  const received: HostMessage[] = [];
  let snapshot: Snapshot | undefined;
  const host = new EngineHost((m) => {
    received.push(m);
    if (m.type === 'snapshot') snapshot = m.snapshot;
  });
  const send = (cmd: Command): void => { host.handle(cmd); host.flush(); };
  send({ type: 'load', scenario });
  send({ type: 'speed', speed: 'instant' });
  send({ type: 'apply', user: 'kubernetes-admin', file });
  for (let i = 0; i < 20 && snapshot?.playing !== false; i++) { host.tick(16); host.flush(); }
  const ask = <T extends HostMessage['type']>(cmd: Command, type: T): Extract<HostMessage, { type: T }> => {
    send(cmd);
    const m = received.filter((x) => x.type === type).pop();
    if (!m) throw new Error(`no ${type}`);
    return m as Extract<HostMessage, { type: T }>;
  };
  return { ask, received };
}

describe('inspections', () => {
  it('prints kubectl get events for the default namespace as kubectl v1.32 does', () => {
    const h = settled(defaultScenario, { name: 'nginx-pod.yaml', content: NGINX_POD_YAML });
    const { text } = h.ask({ type: 'events', allNamespaces: false }, 'events');
    const lines = text.trimEnd().split('\n');
    // Columns of pkg/printers/internalversion/printers.go eventColumnDefinitions without -o wide.
    expect(lines[0]?.split(/ {3,}/)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(lines.some((l) => /^\S+\s+Normal\s+Scheduled\s+pod\/nginx-pod\s+Successfully assigned default\/nginx-pod to node-\d$/.test(l))).toBe(true);
    expect(lines.filter((l) => l.includes('pod/nginx-pod')).map((l) => l.split(/\s{2,}/)[2])).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(h.ask({ type: 'events', allNamespaces: true }, 'events').text.split('\n')[0]).toMatch(/^NAMESPACE {3}LAST SEEN/);
  });

  it('shows a stored object as kubectl get -o yaml does, resourceVersion from etcd', () => {
    const h = settled(defaultScenario, { name: 'nginx-pod.yaml', content: NGINX_POD_YAML });
    const { yaml } = h.ask({ type: 'object', key: '/registry/pods/default/nginx-pod' }, 'object');
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n {2}annotations:\n {4}kubectl\.kubernetes\.io\/last-applied-configuration: \|\n {6}\{"apiVersion":"v1","kind":"Pod",/);
    expect(yaml).toMatch(/\n {2}resourceVersion: "\d+"\n/);
    expect(yaml).toContain('\nspec:\n  containers:\n  - image: nginx\n    imagePullPolicy: Always\n    name: nginx\n');
    expect(h.ask({ type: 'object', key: '/registry/pods/default/none' }, 'object').yaml).toBeNull();
  });

  it('rebuilds the object before and after each admission plugin of the pod create', () => {
    const h = settled(defaultScenario, { name: 'nginx-pod.yaml', content: NGINX_POD_YAML });
    const trace = h.received.flatMap((m) => (m.type === 'trace' ? m.events : []));
    const post = trace.find((e) => e.type === 'request' && e.method === 'POST' && e.path.startsWith('/api/v1/namespaces/default/pods'));
    const { steps } = h.ask({ type: 'admission', span: post!.span }, 'admission');
    const sa = steps.find((s) => s.plugin === 'ServiceAccount');
    expect(sa?.before).toContain('  containers:\n  - image: nginx\n');
    expect(sa?.before).not.toContain('serviceAccountName');
    expect(sa?.after).toContain('  serviceAccountName: default\n');
    expect(sa?.after).toContain('kube-api-access-');
    // Validating plugins may not change the object: before and after are the same text.
    for (const s of steps.filter((x) => x.phase === 'validating')) expect(s.after).toBe(s.before);
  });

  it('finds the scheduling attempt that failed for a pod asking 100 CPUs', () => {
    const h = settled(bigPodScenario, { name: 'big-pod.yaml', content: bigPodScenario.files[0]!.content });
    const trace = h.received.flatMap((m) => (m.type === 'trace' ? m.events : []));
    const attempt = trace.find((e) => e.type === 'scheduling');
    expect(attempt?.type === 'scheduling' && attempt.fitError).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.');
    expect(h.ask({ type: 'events', allNamespaces: false }, 'events').text).toMatch(/\n\S+ +Warning {3}FailedScheduling {3}pod\/big-pod {10}0\/3 nodes are available: /);
  });
});
