import { describe, expect, it } from 'vitest';
import { cycle, makeNodeInfo, makePodInfo } from '../testing.ts';
import { NodeResourcesBalancedAllocation } from './NodeResourcesBalancedAllocation.ts';

describe('NodeResourcesBalancedAllocation', () => {
  const pl = new NodeResourcesBalancedAllocation();
  const pod = makePodInfo('p', { containers: [
    { name: 'a', image: 'x', resources: { requests: { cpu: '1000m', memory: '2000' } } },
    { name: 'b', image: 'x', resources: { requests: { cpu: '2000m', memory: '3000' } } },
  ] });

  // balanced_allocation_test.go: node1 fractions cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5, std 0.125 → 87;
  // node2 cpu 3000/6000 = 0.5, memory 0.5 → 100.
  it('scores (1 - |cpu fraction - memory fraction| / 2) × 100', () => {
    expect(pl.score(cycle(), pod, makeNodeInfo('node1', { cpu: '4000m', memory: '10000' }))).toBe(87);
    expect(pl.score(cycle(), pod, makeNodeInfo('node2', { cpu: '6000m', memory: '10000' }))).toBe(100);
  });

  it('uses requested totals (a pod without requests adds nothing) and caps fractions at 1', () => {
    const full = makeNodeInfo('n', { cpu: '1', memory: '10000' }, [makePodInfo('a', { requests: { cpu: '2', memory: '5000' } })]);
    // cpu fraction min(1, 2) = 1, memory 0.5 → (1 - 0.25) × 100.
    expect(pl.score(cycle(), makePodInfo('b'), full)).toBe(75);
    expect(pl.weight).toBe(1);
  });
});
