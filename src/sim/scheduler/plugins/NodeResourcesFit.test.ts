import { describe, expect, it } from 'vitest';
import { cycle, makeNodeInfo, makePodInfo } from '../testing.ts';
import { insufficientResources, leastRequestedScore, NodeResourcesFit } from './NodeResourcesFit.ts';

describe('NodeResourcesFit Filter', () => {
  const pl = new NodeResourcesFit();

  it('reports every unmet request in fitsRequest order: pods, cpu, memory, ephemeral-storage, extended', () => {
    const node = makeNodeInfo('n', { cpu: '4', memory: '8Gi', pods: '1', extra: { 'ephemeral-storage': '1Gi', 'example.com/foo': '1' } }, [makePodInfo('running')]);
    const pod = makePodInfo('p', { requests: { cpu: '5', memory: '9Gi', 'ephemeral-storage': '2Gi', 'example.com/foo': '2' } });
    expect(pl.filter(cycle(), pod, node)).toMatchObject({
      code: 'Unschedulable',
      reasons: ['Too many pods', 'Insufficient cpu', 'Insufficient memory', 'Insufficient ephemeral-storage', 'Insufficient example.com/foo'],
    });
    const [cpu] = insufficientResources(makePodInfo('q', { requests: { cpu: '5' } }), makeNodeInfo('m'));
    expect(cpu).toEqual({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: 5000, used: 0, capacity: 4000 });
  });

  it('counts what is already requested on the node, and ignores requests of zero', () => {
    const node = makeNodeInfo('n', { cpu: '4' }, [makePodInfo('a', { requests: { cpu: '3' } })]);
    expect(pl.filter(cycle(), makePodInfo('p', { requests: { cpu: '1' } }), node)).toBeNull();
    expect(pl.filter(cycle(), makePodInfo('p', { requests: { cpu: '1001m' } }), node)?.reasons).toEqual(['Insufficient cpu']);
    const over = makeNodeInfo('o', { cpu: '1' }, [makePodInfo('a', { requests: { cpu: '2' } })]);
    expect(pl.filter(cycle(), makePodInfo('p', { requests: { memory: '1Mi' } }), over)).toBeNull();
  });

  it('takes the largest init container against the sum of containers, plus overhead', () => {
    const node = makeNodeInfo('n', { cpu: '4' }, [makePodInfo('a', { requests: { cpu: '1' } })]);
    const pod = makePodInfo('p', {
      containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '1' } } }, { name: 'b', image: 'x', resources: { requests: { cpu: '500m' } } }],
      initContainers: [{ name: 'i', image: 'x', resources: { requests: { cpu: '3' } } }],
    });
    expect(pod.requests.milliCpu).toBe(3000);
    expect(pl.filter(cycle(), pod, node)).toBeNull();
    const withOverhead = makePodInfo('q', { requests: { cpu: '3' }, overhead: { cpu: '250m' } });
    expect(withOverhead.requests.milliCpu).toBe(3250);
    expect(pl.filter(cycle(), withOverhead, node)?.reasons).toEqual(['Insufficient cpu']);
  });
});

describe('NodeResourcesFit Score (LeastAllocated)', () => {
  const pl = new NodeResourcesFit();

  // least_allocated_test.go "nothing scheduled, resources requested, differently sized nodes":
  // node1 cpu (4000-3000)*100/4000 = 25, memory (10000-5000)*100/10000 = 50 → 37; node2 (6000 cpu) → 50.
  it('scores the free fraction of cpu and memory after placing the pod, averaged', () => {
    const pod = makePodInfo('p', { containers: [
      { name: 'a', image: 'x', resources: { requests: { cpu: '1000m', memory: '2000' } } },
      { name: 'b', image: 'x', resources: { requests: { cpu: '2000m', memory: '3000' } } },
    ] });
    expect(pl.score(cycle(), pod, makeNodeInfo('node1', { cpu: '4000m', memory: '10000' }))).toBe(37);
    expect(pl.score(cycle(), pod, makeNodeInfo('node2', { cpu: '6000m', memory: '10000' }))).toBe(50);
  });

  it('counts containers without requests as 100m cpu / 200MB memory (non-zero requests)', () => {
    const pod = makePodInfo('p');
    expect([pod.nonZeroMilliCpu, pod.nonZeroMemory]).toEqual([100, 200 * 1024 * 1024]);
    expect(pod.requests.milliCpu).toBe(0);
    // cpu (4000-100)*100/4000 = 97; memory (8Gi-200Mi)*100/8Gi = 97.
    expect(pl.score(cycle(), pod, makeNodeInfo('n'))).toBe(97);
    expect(leastRequestedScore(5, 4)).toBe(0);
    expect(leastRequestedScore(1, 0)).toBe(0);
  });
});
