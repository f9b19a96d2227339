import { describe, expect, it } from 'vitest';
import { cycle, makeNodeInfo, makePodInfo } from '../testing.ts';
import { TaintToleration } from './TaintToleration.ts';

describe('TaintToleration', () => {
  const pl = new TaintToleration();

  it('Filter names the first untolerated NoSchedule/NoExecute taint as {key: value}', () => {
    const cp = makeNodeInfo('control-plane', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
    expect(pl.filter(cycle(), makePodInfo('p'), cp)).toMatchObject({
      code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    });
    const gpu = makeNodeInfo('g', { taints: [{ key: 'soft', value: 'x', effect: 'PreferNoSchedule' }, { key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] });
    expect(pl.filter(cycle(), makePodInfo('p'), gpu)?.reasons).toEqual(['node(s) had untolerated taint {dedicated: gpu}']);
  });

  it('Filter honours Equal (value must match), Exists, empty key with Exists, and the effect', () => {
    const n = makeNodeInfo('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    const tol = (t: object): ReturnType<typeof makePodInfo> => makePodInfo('p', { tolerations: [t] });
    expect(pl.filter(cycle(), tol({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }), n)).toBeNull();
    expect(pl.filter(cycle(), tol({ key: 'dedicated', value: 'gpu' }), n)).toBeNull();
    expect(pl.filter(cycle(), tol({ key: 'dedicated', operator: 'Equal', value: 'cpu' }), n)).not.toBeNull();
    expect(pl.filter(cycle(), tol({ key: 'dedicated', operator: 'Exists' }), n)).toBeNull();
    expect(pl.filter(cycle(), tol({ operator: 'Exists' }), n)).toBeNull();
    expect(pl.filter(cycle(), tol({ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }), n)).not.toBeNull();
  });

  it('Score counts intolerable PreferNoSchedule taints; NormalizeScore reverses (fewest → 100)', () => {
    const pod = makePodInfo('p', { tolerations: [{ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }] });
    const nodes = [
      makeNodeInfo('n0'),
      makeNodeInfo('n1', { taints: [{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' }] }),
      makeNodeInfo('n2', { taints: [{ key: 'b', effect: 'PreferNoSchedule' }, { key: 'c', effect: 'PreferNoSchedule' }] }),
    ];
    const state = cycle();
    pl.preScore(state, pod);
    const scores = nodes.map((n) => pl.score(state, pod, n));
    expect(scores).toEqual([0, 1, 2]);
    pl.normalizeScore(state, pod, scores);
    expect(scores).toEqual([100, 50, 0]);
    const none = [0, 0];
    pl.normalizeScore(state, pod, none);
    expect(none).toEqual([100, 100]);
    expect(pl.weight).toBe(3);
  });
});
