import { describe, expect, it } from 'vitest';
import { Framework } from './Framework.ts';
import type { NodeInfo } from './NodeInfo.ts';
import { numFeasibleNodesToFind, ScheduleAlgorithm } from './ScheduleAlgorithm.ts';
import { cycle, makeNodeInfo, makePodInfo } from './testing.ts';

function setup(nodes: NodeInfo[], picks: number[] = []): ScheduleAlgorithm {
  const fw = new Framework({ nodes: () => nodes, imageNodeCount: () => 0 }, { nominatedPodsForNode: () => [], hasNominatedPods: () => false });
  return new ScheduleAlgorithm({ framework: fw, nodes: () => nodes, node: (n) => nodes.find((x) => x.name === n), randomInt: () => picks.shift() ?? 0 });
}

describe('numFeasibleNodesToFind', () => {
  // schedule_one_test.go TestNumFeasibleNodesToFind and the adaptive formula 50 - nodes/125, min 5%, min 100 nodes.
  it.each([
    [0, 10, 10],
    [0, 99, 99],
    [0, 150, 100],
    [0, 1000, 420],
    [40, 1000, 400],
    [0, 5000, 500],
    [0, 6000, 300],
    [0, 30000, 1500],
    [100, 1000, 1000],
  ])('percentage %i of %i nodes → %i', (pct, nodes, want) => {
    expect(numFeasibleNodesToFind(pct, nodes)).toBe(want);
  });
});

describe('ScheduleAlgorithm', () => {
  it('stops after enough feasible nodes and starts the next cycle where this one stopped', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => makeNodeInfo(`n${i}`));
    const alg = setup(nodes);
    const pod = makePodInfo('p');
    // 200 nodes: 50 - 1 = 49% → 98, below the minimum → 100 nodes to find.
    const first = alg.schedulePod(cycle(), pod, true);
    expect(first.evaluatedNodes).toBe(100);
    expect(first.trace?.numNodesToFind).toBe(100);
    expect(alg.nextStartNodeIndex).toBe(100);
    const second = alg.schedulePod(cycle(), pod, true);
    expect(second.trace?.startIndex).toBe(100);
    expect(second.trace?.nodes[0]?.node).toBe('n100');
    expect(alg.nextStartNodeIndex).toBe(0);
  });

  it('counts rejected nodes towards the rotation and reports them in the FitError', () => {
    const nodes = [makeNodeInfo('a', { cpu: '1' }), makeNodeInfo('b', { unschedulable: true })];
    const alg = setup(nodes);
    const out = alg.schedulePod(cycle(), makePodInfo('p', { requests: { cpu: '2' } }), false);
    expect(out.host).toBeUndefined();
    expect(out.fitError?.message()).toBe('0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.');
    expect([...(out.fitError?.diagnosis.unschedulablePlugins ?? [])].sort()).toEqual(['NodeResourcesFit', 'NodeUnschedulable']);
  });

  it('takes a single feasible node without scoring, and breaks score ties at random', () => {
    const alg = setup([makeNodeInfo('a', { cpu: '1' }), makeNodeInfo('b')]);
    const one = alg.schedulePod(cycle(), makePodInfo('p', { requests: { cpu: '2' } }), true);
    expect(one.host).toBe('b');
    expect(one.trace?.nodes.find((n) => n.node === 'b')?.scores).toBeUndefined();
    // Three equal nodes: reservoir sampling replaces the pick when randomInt(count) answers 0.
    const tie = setup([makeNodeInfo('x'), makeNodeInfo('y'), makeNodeInfo('z')], [1, 0]);
    expect(tie.schedulePod(cycle(), makePodInfo('p'), false).host).toBe('z');
    const tie2 = setup([makeNodeInfo('x'), makeNodeInfo('y'), makeNodeInfo('z')], [0, 1]);
    expect(tie2.schedulePod(cycle(), makePodInfo('p'), false).host).toBe('y');
  });

  it('records raw, normalized and weighted scores per plugin and the total', () => {
    const alg = setup([makeNodeInfo('busy', {}, [makePodInfo('a', { requests: { cpu: '2', memory: '4Gi' } })]), makeNodeInfo('idle')]);
    const out = alg.schedulePod(cycle(), makePodInfo('p', { requests: { cpu: '1', memory: '1Gi' } }), true);
    expect(out.host).toBe('idle');
    const idle = out.trace?.nodes.find((n) => n.node === 'idle');
    // LeastAllocated: cpu (4000-1000)/4000 = 75, memory (8Gi-1Gi)/8Gi = 87 → 81; balanced: |0.25-0.125|/2 → 93.
    expect(idle?.scores).toEqual([
      { plugin: 'TaintToleration', raw: 0, normalized: 100, weighted: 300 },
      { plugin: 'NodeResourcesFit', raw: 81, normalized: 81, weighted: 81 },
      { plugin: 'NodeResourcesBalancedAllocation', raw: 93, normalized: 93, weighted: 93 },
      { plugin: 'ImageLocality', raw: 0, normalized: 0, weighted: 0 },
    ]);
    expect(idle?.total).toBe(474);
    expect(out.trace?.scorePlugins.find((p) => p.plugin === 'NodeAffinity')).toEqual({ plugin: 'NodeAffinity', weight: 2, skipped: true });
  });
});
