import { describe, expect, it } from 'vitest';
import { cycle, makeNodeInfo, makePodInfo } from '../testing.ts';
import { NodeAffinity } from './NodeAffinity.ts';

const REASON = "node(s) didn't match Pod's node affinity/selector";

describe('NodeAffinity', () => {
  const pl = new NodeAffinity();
  const ssd = makeNodeInfo('ssd', { labels: { disktype: 'ssd', cores: '8' } });
  const hdd = makeNodeInfo('hdd', { labels: { disktype: 'hdd', cores: '2' } });

  it('PreFilter skips pods without nodeSelector or required affinity', () => {
    expect(pl.preFilter(cycle(), makePodInfo('p'))?.code).toBe('Skip');
    expect(pl.preFilter(cycle(), makePodInfo('p', { nodeSelector: { disktype: 'ssd' } }))).toBeNull();
  });

  it('nodeSelector: every label must be equal', () => {
    const pod = makePodInfo('p', { nodeSelector: { disktype: 'ssd' } });
    expect(pl.filter(cycle(), pod, ssd)).toBeNull();
    expect(pl.filter(cycle(), pod, hdd)).toMatchObject({ code: 'UnschedulableAndUnresolvable', reasons: [REASON] });
  });

  it('required affinity: terms ORed, expressions ANDed, In/NotIn/Exists/DoesNotExist/Gt/Lt, matchFields metadata.name', () => {
    const req = (terms: object[]): ReturnType<typeof makePodInfo> =>
      makePodInfo('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
    const f = (terms: object[], n = ssd): boolean => pl.filter(cycle(), req(terms), n) === null;
    expect(f([{ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd', 'nvme'] }] }])).toBe(true);
    expect(f([{ matchExpressions: [{ key: 'disktype', operator: 'NotIn', values: ['ssd'] }] }])).toBe(false);
    expect(f([{ matchExpressions: [{ key: 'gpu', operator: 'NotIn', values: ['x'] }] }])).toBe(true);
    expect(f([{ matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }])).toBe(true);
    expect(f([{ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }])).toBe(false);
    expect(f([{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }])).toBe(true);
    expect(f([{ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['4'] }] }])).toBe(false);
    expect(f([{ matchExpressions: [{ key: 'disktype', operator: 'Gt', values: ['4'] }] }])).toBe(false);
    expect(f([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['ssd'] }] }])).toBe(true);
    expect(f([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['ssd'] }] }], hdd)).toBe(false);
    // ORed terms; an empty term matches nothing.
    expect(f([{ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }, { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] }])).toBe(true);
    expect(f([{}])).toBe(false);
    // ANDed expressions.
    expect(f([{ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }, { key: 'cores', operator: 'Lt', values: ['4'] }] }])).toBe(false);
  });

  it('scores the weights of matching preferred terms, normalized by the highest; skips pods without them', () => {
    const pod = makePodInfo('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 20, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } },
      { weight: 60, preference: { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['1'] }] } },
    ] } } });
    expect(pl.preScore(cycle(), makePodInfo('q'))?.code).toBe('Skip');
    expect(pl.preScore(cycle(), pod)).toBeNull();
    const scores = [pl.score(cycle(), pod, ssd), pl.score(cycle(), pod, hdd), pl.score(cycle(), pod, makeNodeInfo('bare'))];
    expect(scores).toEqual([80, 60, 0]);
    pl.normalizeScore(cycle(), pod, scores);
    expect(scores).toEqual([100, 75, 0]);
    expect(pl.weight).toBe(2);
  });
});
