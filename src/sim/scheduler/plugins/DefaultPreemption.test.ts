import { describe, expect, it } from 'vitest';
import { newDiagnosis } from '../FitError.ts';
import { Framework } from '../Framework.ts';
import type { NodeInfo } from '../NodeInfo.ts';
import type { PodInfo } from '../PodInfo.ts';
import { cycle, makeNodeInfo, makePod, makePodInfo } from '../testing.ts';
import { newStatus, type CycleState } from '../types.ts';
import { DefaultPreemption, terminatingByPreemption } from './DefaultPreemption.ts';

function setup(nodes: NodeInfo[], nominated: PodInfo[] = []): { pl: DefaultPreemption; state: CycleState } {
  const nominator = { nominatedPodsForNode: (n: string) => nominated.filter((p) => p.nominatedNodeName === n), hasNominatedPods: () => nominated.length > 0 };
  const fw = new Framework({ nodes: () => nodes, imageNodeCount: () => 0 }, nominator);
  const pl = new DefaultPreemption({ framework: fw, nodes: () => nodes, node: (n) => nodes.find((x) => x.name === n), nominator, randomInt: () => 0, nowWallMs: () => 0 });
  const state = cycle();
  fw.runPreFilter(state, makePodInfo('x'));
  return { pl, state };
}

function diagnosisFor(entries: [string, string, string][]): ReturnType<typeof newDiagnosis> {
  const d = newDiagnosis();
  for (const [node, code, reason] of entries) d.nodeToStatus.set(node, newStatus(code as 'Unschedulable', 'X', reason));
  return d;
}

describe('DefaultPreemption', () => {
  const taint = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const }];

  it('explains why preemption cannot help: no lower-priority pods, or an unresolvable filter', () => {
    const nodes = [makeNodeInfo('control-plane', { taints: taint }), makeNodeInfo('node-1', { cpu: '4' }), makeNodeInfo('node-2', { cpu: '4' })];
    const { pl, state } = setup(nodes);
    const d = diagnosisFor([
      ['control-plane', 'UnschedulableAndUnresolvable', 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
      ['node-1', 'Unschedulable', 'Insufficient cpu'],
      ['node-2', 'Unschedulable', 'Insufficient cpu'],
    ]);
    const r = pl.postFilter(state, makePodInfo('big', { requests: { cpu: '100' } }), d);
    expect(r.message).toBe('preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.');
    expect(r.status?.code).toBe('Unschedulable');
    expect(r.nominatedNode).toBe('');
  });

  it('reports the filter reason when even removing every lower-priority pod does not help', () => {
    const nodes = [makeNodeInfo('node-1', { cpu: '4' }, [makePodInfo('low', { requests: { cpu: '1' } })])];
    const { pl, state } = setup(nodes);
    const r = pl.postFilter(state, makePodInfo('big', { requests: { cpu: '100' }, priority: 10 }), diagnosisFor([['node-1', 'Unschedulable', 'Insufficient cpu']]));
    expect(r.message).toBe('preemption: 0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('is not eligible with preemptionPolicy Never', () => {
    const { pl, state } = setup([makeNodeInfo('node-1')]);
    const pod = makePodInfo('p');
    const never = { ...pod, preemptionPolicy: 'Never' };
    const r = pl.postFilter(state, never, diagnosisFor([['node-1', 'Unschedulable', 'Insufficient cpu']]));
    expect(r.message).toBe('preemption: not eligible due to preemptionPolicy=Never.');
    expect(r.nominatedNode).toBeUndefined();
  });

  it('waits while a victim on the nominated node is still terminating', () => {
    const base = makePod('victim', { requests: { cpu: '3' } });
    const victim = {
      ...base, metadata: { ...base.metadata, deletionTimestamp: '2026-01-15T09:00:30Z' },
      status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] },
    };
    expect(terminatingByPreemption(victim)).toBe(true);
    const nodes = [makeNodeInfo('node-1', { cpu: '4' })];
    const n = nodes[0] as NodeInfo;
    n.addPod({ ...makePodInfo('v'), pod: victim, uid: 'v', priority: 0 });
    const { pl, state } = setup(nodes);
    const pod = { ...makePodInfo('p', { requests: { cpu: '2' }, priority: 10 }), nominatedNodeName: 'node-1' };
    const r = pl.postFilter(state, pod, diagnosisFor([['node-1', 'Unschedulable', 'Insufficient cpu']]));
    expect(r.message).toBe('preemption: not eligible due to a terminating pod on the nominated node.');
  });

  it('keeps only the victims whose return would not fit, reprieving the most important first', () => {
    const node = makeNodeInfo('node-1', { cpu: '4' }, [
      makePodInfo('a', { requests: { cpu: '1' }, priority: 5 }),
      makePodInfo('b', { requests: { cpu: '1' }, priority: 1 }),
      makePodInfo('c', { requests: { cpu: '1' }, priority: 3 }),
      makePodInfo('keep', { requests: { cpu: '1' }, priority: 100 }),
    ]);
    const { pl, state } = setup([node]);
    const { victims, status } = pl.selectVictimsOnNode(state, makePodInfo('p', { requests: { cpu: '2' }, priority: 10 }), node.clone());
    expect(status).toBeNull();
    // Removing a, b, c frees 3 cpu; a (5) fits back, then c (3) does not, then b (1) does not.
    expect(victims.map((v) => v.name)).toEqual(['c', 'b']);
    expect(node.pods.size).toBe(4);
  });

  it('picks the node whose most important victim has the lowest priority, then the fewest victims', () => {
    const { pl } = setup([]);
    const v = (name: string, priority: number): PodInfo => makePodInfo(name, { priority });
    expect(pl.pickOneNodeForPreemption([
      { node: 'n1', victims: [v('a', 5)] },
      { node: 'n2', victims: [v('b', 2), v('c', 1)] },
    ]).node).toBe('n2');
    expect(pl.pickOneNodeForPreemption([
      { node: 'n1', victims: [v('a', 2), v('b', 2)] },
      { node: 'n2', victims: [v('c', 2), v('d', 2)] },
      { node: 'n3', victims: [v('e', 2)] },
    ]).node).toBe('n3');
    // calculateNumCandidates: 10% of the nodes, at least 100, at most all.
    expect([pl.numCandidates(50), pl.numCandidates(5000)]).toEqual([50, 500]);
  });
});
