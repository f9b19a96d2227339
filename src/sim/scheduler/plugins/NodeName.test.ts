import { describe, expect, it } from 'vitest';
import { cycle, makeNodeInfo, makePodInfo } from '../testing.ts';
import { NodeName } from './NodeName.ts';

describe('NodeName', () => {
  const pl = new NodeName();

  it('rejects other nodes with "node(s) didn\'t match the requested node name", UnschedulableAndUnresolvable', () => {
    const s = pl.filter(cycle(), makePodInfo('p', { nodeName: 'node-1' }), makeNodeInfo('node-2'));
    expect(s).toMatchObject({ code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"] });
  });

  it('passes the named node and any node when no name is given', () => {
    expect(pl.filter(cycle(), makePodInfo('p', { nodeName: 'node-1' }), makeNodeInfo('node-1'))).toBeNull();
    expect(pl.filter(cycle(), makePodInfo('p'), makeNodeInfo('node-2'))).toBeNull();
    expect(pl.alwaysPasses(makePodInfo('p'))).toBe(true);
  });
});
