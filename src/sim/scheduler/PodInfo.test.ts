import { describe, expect, it } from 'vitest';
import { isScalarResourceName } from './PodInfo.ts';
import { makePodInfo } from './testing.ts';

describe('PodInfo requests (component-helpers PodRequests)', () => {
  it('adds containers, takes the largest init container (sidecars add up), then adds overhead', () => {
    const p = makePodInfo('p', {
      containers: [
        { name: 'a', image: 'x', resources: { requests: { cpu: '500m', memory: '100Mi' } } },
        { name: 'b', image: 'x', resources: { requests: { cpu: '250m' } } },
      ],
      initContainers: [
        { name: 'sidecar', image: 'x', restartPolicy: 'Always', resources: { requests: { cpu: '100m', memory: '50Mi' } } },
        { name: 'init', image: 'x', resources: { requests: { cpu: '2', memory: '10Mi' } } },
      ],
      overhead: { cpu: '10m', memory: '1Mi' },
    });
    // containers 750m + sidecar 100m = 850m; init phase 2 + 100m sidecar = 2100m wins; + 10m overhead.
    expect(p.requests.milliCpu).toBe(2110);
    // containers 100Mi + sidecar 50Mi = 150Mi beats init 10Mi + 50Mi; + 1Mi overhead.
    expect(p.requests.memory).toBe(151 * 1024 * 1024);
  });

  it('counts missing cpu/memory requests as 100m / 200MB per container for scoring only', () => {
    const p = makePodInfo('p', { containers: [
      { name: 'a', image: 'x', resources: { requests: { cpu: '1' } } },
      { name: 'b', image: 'x' },
    ] });
    expect([p.requests.milliCpu, p.requests.memory]).toEqual([1000, 0]);
    expect([p.nonZeroMilliCpu, p.nonZeroMemory]).toEqual([1100, 2 * 200 * 1024 * 1024]);
  });

  it('keeps extended resources and hugepages as scalar resources', () => {
    expect(isScalarResourceName('nvidia.com/gpu')).toBe(true);
    expect(isScalarResourceName('hugepages-2Mi')).toBe(true);
    expect(isScalarResourceName('cpu')).toBe(false);
    expect(makePodInfo('p', { requests: { 'nvidia.com/gpu': '2' } }).requests.scalar?.get('nvidia.com/gpu')).toBe(2);
  });
});
