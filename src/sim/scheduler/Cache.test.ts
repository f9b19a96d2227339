import { describe, expect, it } from 'vitest';
import { nodeUpdateEvents, SchedulerCache } from './Cache.ts';
import { makeNode, makePodInfo } from './testing.ts';

describe('SchedulerCache', () => {
  it('counts an assumed pod at once, confirms it when seen bound, and forgets it if binding fails', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n1'));
    const p = makePodInfo('p', { requests: { cpu: '1' } });
    c.assumePod(p, 'n1');
    expect(c.getNode('n1')?.requested.milliCpu).toBe(1000);
    expect(c.isAssumed(p.uid)).toBe(true);
    c.addPod({ ...p, nodeName: 'n1' });
    expect(c.isAssumed(p.uid)).toBe(false);
    expect(c.getNode('n1')?.requested.milliCpu).toBe(1000);
    const q = makePodInfo('q', { requests: { cpu: '2' } });
    c.assumePod(q, 'n1');
    c.forgetPod(q.uid);
    expect(c.getNode('n1')?.requested.milliCpu).toBe(1000);
    c.removePod(p.uid);
    expect(c.getNode('n1')?.pods.size).toBe(0);
  });

  it('keeps nodes in the order they joined and counts nodes per image', () => {
    const c = new SchedulerCache();
    const img = [{ names: ['docker.io/library/nginx:latest'], sizeBytes: 1 }];
    c.addNode(makeNode('b', { images: img }));
    c.addNode(makeNode('a', { images: img }));
    expect(c.nodeList.map((n) => n.name)).toEqual(['b', 'a']);
    expect(c.imageNodeCount('docker.io/library/nginx:latest')).toBe(2);
    c.removeNode('b');
    expect(c.nodeList.map((n) => n.name)).toEqual(['a']);
    expect(c.imageNodeCount('docker.io/library/nginx:latest')).toBe(1);
  });

  it('names what a node update changed', () => {
    const a = makeNode('n');
    expect(nodeUpdateEvents(a, makeNode('n', { labels: { x: 'y' } }))).toEqual(['NodeUpdateLabel']);
    expect(nodeUpdateEvents(a, makeNode('n', { unschedulable: true }))).toEqual(['NodeUpdateTaint']);
    expect(nodeUpdateEvents(a, makeNode('n', { cpu: '8' }))).toEqual(['NodeUpdateAllocatable']);
  });
});
