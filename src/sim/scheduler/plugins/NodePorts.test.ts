import { describe, expect, it } from 'vitest';
import { cycle, makeNodeInfo, makePodInfo } from '../testing.ts';
import { NodePorts } from './NodePorts.ts';

describe('NodePorts', () => {
  const pl = new NodePorts();
  const REASON = "node(s) didn't have free ports for the requested pod ports";

  it('PreFilter skips pods without host ports', () => {
    expect(pl.preFilter(cycle(), makePodInfo('p'))?.code).toBe('Skip');
    expect(pl.preFilter(cycle(), makePodInfo('p', { hostPorts: [{ hostPort: 80 }] }))).toBeNull();
  });

  it('rejects a used protocol/port; 0.0.0.0 overlaps any IP, distinct IPs and protocols do not', () => {
    const used = makePodInfo('web', { hostPorts: [{ hostPort: 80, hostIP: '10.0.0.1' }] });
    const node = makeNodeInfo('n', {}, [used]);
    const want = (p: { hostPort: number; hostIP?: string; protocol?: string }): ReturnType<NodePorts['filter']> =>
      pl.filter(cycle(), makePodInfo('p', { hostPorts: [p] }), node);
    expect(want({ hostPort: 80 })).toMatchObject({ code: 'Unschedulable', reasons: [REASON] });
    expect(want({ hostPort: 80, hostIP: '10.0.0.1' })).not.toBeNull();
    expect(want({ hostPort: 80, hostIP: '10.0.0.2' })).toBeNull();
    expect(want({ hostPort: 80, protocol: 'UDP' })).toBeNull();
    expect(want({ hostPort: 81 })).toBeNull();
    const wildcard = makeNodeInfo('w', {}, [makePodInfo('any', { hostPorts: [{ hostPort: 80 }] })]);
    expect(pl.filter(cycle(), makePodInfo('p', { hostPorts: [{ hostPort: 80, hostIP: '10.0.0.9' }] }), wildcard)).not.toBeNull();
  });

  it('frees the port when the pod leaves the node', () => {
    const used = makePodInfo('web', { hostPorts: [{ hostPort: 8080 }] });
    const node = makeNodeInfo('n', {}, [used]);
    node.removePod(used.uid);
    expect(pl.filter(cycle(), makePodInfo('p', { hostPorts: [{ hostPort: 8080 }] }), node)).toBeNull();
  });
});
