import { describe, expect, it } from 'vitest';
import { Engine } from '../Engine.ts';
import { Informer } from './Informer.ts';
import { EventRecorder } from './EventRecorder.ts';
import { RES } from './paths.ts';
import type { KubeObject } from '../api/types.ts';

function setup() {
  const engine = new Engine(undefined, { record: true, components: false });
  const admin = engine.componentClient('kube-controller-manager', 'admin', ['system:masters']);
  return { engine, admin };
}

const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

describe('Informer', () => {
  it('lists, then hears adds, updates and deletes through a real watch, in order', () => {
    const { engine, admin } = setup();
    admin.create(RES.pods, 'default', pod('a'));
    const log: string[] = [];
    const inf = new Informer(admin, engine.clock, RES.pods, { namespace: 'default' });
    inf.addHandlers({
      onAdd: (o) => log.push(`add ${o.metadata?.name ?? ''}`),
      onUpdate: (_o, n) => log.push(`update ${n.metadata?.name ?? ''} ${Object.keys(n.metadata?.labels ?? {}).join(',')}`),
      onDelete: (o) => log.push(`delete ${o.metadata?.name ?? ''}`),
    });
    inf.start();
    expect(log).toEqual(['add a']);
    admin.create(RES.pods, 'default', pod('b'));
    admin.patch(RES.pods, 'default', 'a', 'merge', { metadata: { labels: { x: 'y' } } });
    admin.delete(RES.pods, 'default', 'b');
    expect(log).toEqual(['add a']); // watch events travel on the virtual clock
    engine.clock.runUntilIdle();
    expect(log).toEqual(['add a', 'add b', 'update a x', 'delete b']);
    expect(inf.list().map((o) => o.metadata?.name)).toEqual(['a']);
    // The watch deliveries are in the trace, addressed to the watcher.
    expect(engine.tracer.events.filter((e) => e.type === 'watch').map((e) => e.type === 'watch' && `${e.event} ${e.name} → ${e.to}`))
      .toEqual(['ADDED b → kube-controller-manager', 'MODIFIED a → kube-controller-manager', 'DELETED b → kube-controller-manager']);
  });

  it('relists after the watch expires (410) and reconciles the cache', () => {
    const { engine, admin } = setup();
    const inf = new Informer(admin, engine.clock, RES.pods, { namespace: 'default' });
    const deleted: string[] = [];
    inf.addHandlers({ onDelete: (o) => deleted.push(o.metadata?.name ?? '') });
    admin.create(RES.pods, 'default', pod('a'));
    inf.start();
    inf.stop();
    admin.delete(RES.pods, 'default', 'a');
    admin.create(RES.pods, 'default', pod('c'));
    engine.etcd.compact(engine.etcd.revision);
    inf.start();
    engine.clock.runUntilIdle();
    expect(inf.list().map((o) => o.metadata?.name)).toEqual(['c']);
    expect(deleted).toEqual(['a']);
  });
});

describe('EventRecorder', () => {
  it('creates core/v1 Events and counts repeats on the same Event', () => {
    const { engine, admin } = setup();
    const p = admin.create(RES.pods, 'default', pod('web'));
    const rec = new EventRecorder(admin, engine.clock, { component: 'kubelet', host: 'node-1' });
    rec.event(p, 'Normal', 'Pulling', 'Pulling image "nginx"', 'spec.containers{c}');
    engine.clock.advanceBy(5000);
    rec.event(p, 'Normal', 'Pulling', 'Pulling image "nginx"', 'spec.containers{c}');
    const events = admin.list(RES.events, 'default').items as { metadata: { name: string }; count: number; reason: string; involvedObject: { fieldPath: string }; source: { host: string } }[];
    expect(events).toHaveLength(1);
    expect(events[0]?.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
    expect(events[0]?.count).toBe(2);
    expect(events[0]?.involvedObject.fieldPath).toBe('spec.containers{c}');
    expect(events[0]?.source.host).toBe('node-1');
  });
});
