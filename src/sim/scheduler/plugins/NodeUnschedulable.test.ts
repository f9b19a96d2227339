import { describe, expect, it } from 'vitest';
import { cycle, makeNodeInfo, makePodInfo } from '../testing.ts';
import { NodeUnschedulable } from './NodeUnschedulable.ts';

describe('NodeUnschedulable', () => {
  const pl = new NodeUnschedulable();

  it('rejects a cordoned node with ErrReasonUnschedulable, UnschedulableAndUnresolvable', () => {
    const s = pl.filter(cycle(), makePodInfo('p'), makeNodeInfo('n', { unschedulable: true }));
    expect(s).toMatchObject({ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] });
  });

  it('passes a schedulable node, and a cordoned one for a pod tolerating node.kubernetes.io/unschedulable:NoSchedule', () => {
    expect(pl.filter(cycle(), makePodInfo('p'), makeNodeInfo('n'))).toBeNull();
    const tolerant = makePodInfo('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(pl.filter(cycle(), tolerant, makeNodeInfo('n', { unschedulable: true }))).toBeNull();
  });
});
