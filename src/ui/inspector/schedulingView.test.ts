import { describe, expect, it } from 'vitest';
import type { SchedulingAttemptBody } from '../../sim/trace/types.ts';
import { filterTable, scoreTable } from './schedulingView.ts';

const attempt: SchedulingAttemptBody = {
  type: 'scheduling', pod: 'nginx-pod', namespace: 'default', uid: 'u', attempt: 1, profile: 'default-scheduler',
  numAllNodes: 3, numNodesToFind: 3, startIndex: 0, preFilter: [],
  scorePlugins: [{ plugin: 'NodeResourcesFit', weight: 1, skipped: false }, { plugin: 'ImageLocality', weight: 1, skipped: true }],
  nodes: [
    { node: 'control-plane', filters: [{ plugin: 'NodeUnschedulable', status: 'Success', reasons: [] }, { plugin: 'TaintToleration', status: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] }] },
    { node: 'node-1', filters: [{ plugin: 'NodeUnschedulable', status: 'Success', reasons: [] }, { plugin: 'TaintToleration', status: 'Success', reasons: [] }, { plugin: 'NodeResourcesFit', status: 'Success', reasons: [] }], scores: [{ plugin: 'NodeResourcesFit', raw: 97, normalized: 97, weighted: 97 }], total: 97 },
  ],
  chosen: 'node-1',
};

describe('scheduling tables', () => {
  it('lays filters out as plugin rows × node columns, a node stopping at its first failure', () => {
    const t = filterTable(attempt);
    expect(t.plugins).toEqual(['NodeUnschedulable', 'TaintToleration', 'NodeResourcesFit']);
    expect(t.nodes).toEqual(['control-plane', 'node-1']);
    expect(t.cells[2]?.[0]).toEqual({ status: 'notRun', reasons: [] });
    expect(t.cells[1]?.[0]?.reasons).toEqual(['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']);
    expect(t.feasible).toEqual([false, true]);
  });
  it('scores only feasible nodes, with totals', () => {
    expect(scoreTable(attempt)).toEqual({
      plugins: attempt.scorePlugins, nodes: ['node-1'],
      cells: [[{ plugin: 'NodeResourcesFit', raw: 97, normalized: 97, weighted: 97 }], [undefined]], totals: [97],
    });
  });
});
