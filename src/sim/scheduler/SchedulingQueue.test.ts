import { describe, expect, it } from 'vitest';
import { Clock } from '../clock.ts';
import { SchedulingQueue } from './SchedulingQueue.ts';
import { makePodInfo } from './testing.ts';
import type { ClusterEvent } from './types.ts';

const PLUGINS: Record<ClusterEvent, string[]> = {
  NodeAdd: ['NodeResourcesFit', 'TaintToleration'],
  NodeUpdateAllocatable: ['NodeResourcesFit'],
  NodeUpdateLabel: ['NodeAffinity'],
  NodeUpdateTaint: ['TaintToleration'],
  NodeUpdateOther: [],
  AssignedPodDelete: ['NodeResourcesFit'],
  UnscheduledPodUpdate: [],
};

function setup(): { clock: Clock; q: SchedulingQueue; moves: string[] } {
  const clock = new Clock();
  const moves: string[] = [];
  const q = new SchedulingQueue(clock, () => undefined, (e) => new Set(PLUGINS[e]), {}, (p, to, reason) => moves.push(`${p.podInfo.name} → ${to} (${reason})`));
  return { clock, q, moves };
}

describe('SchedulingQueue', () => {
  it('pops by priority, then by the time the pod was queued (PrioritySort)', () => {
    const { clock, q } = setup();
    q.add(makePodInfo('low-early', { priority: 0 }));
    clock.advanceBy(10);
    q.add(makePodInfo('high', { priority: 1000 }));
    q.add(makePodInfo('low-late', { priority: 0 }));
    expect([q.pop(), q.pop(), q.pop()].map((x) => x?.podInfo.name)).toEqual(['high', 'low-early', 'low-late']);
    expect(q.pop()).toBeUndefined();
  });

  it('backs off 1s, 2s, 4s, 8s, then 10s (podInitialBackoffSeconds 1, podMaxBackoffSeconds 10)', () => {
    const { q } = setup();
    expect([1, 2, 3, 4, 5, 6].map((a) => q.backoffDuration(a))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('parks an unschedulable pod until an event one of its rejecting plugins registered for', () => {
    const { clock, q, moves } = setup();
    const pod = makePodInfo('big');
    q.add(pod);
    const qp = q.pop();
    if (!qp) throw new Error('no pod');
    q.addUnschedulable(qp, new Set(['NodeResourcesFit']));
    expect(q.whereIs(pod.uid)).toBe('unschedulablePods');
    q.moveOnEvent('NodeUpdateLabel');
    expect(q.whereIs(pod.uid)).toBe('unschedulablePods');
    // Still within its 1 s back-off: the event sends it to backoffQ, and the expiry to activeQ.
    clock.advanceBy(500);
    q.moveOnEvent('NodeAdd');
    expect(q.whereIs(pod.uid)).toBe('backoffQ');
    clock.advanceBy(499);
    expect(q.whereIs(pod.uid)).toBe('backoffQ');
    clock.advanceBy(1);
    expect(q.whereIs(pod.uid)).toBe('activeQ');
    expect(moves).toEqual(['big → activeQ (PodAdd)', 'big → unschedulablePods (ScheduleAttemptFailure)', 'big → backoffQ (NodeAdd)', 'big → activeQ (BackoffComplete)']);
  });

  it('an event during the attempt sends the failed pod to backoffQ instead of parking it', () => {
    const { q } = setup();
    const pod = makePodInfo('p');
    q.add(pod);
    const qp = q.pop();
    if (!qp) throw new Error('no pod');
    q.moveOnEvent('AssignedPodDelete');
    q.addUnschedulable(qp, new Set(['NodeResourcesFit']));
    expect(q.whereIs(pod.uid)).toBe('backoffQ');
  });

  it('after an error (no rejecting plugin) the pod goes straight to backoffQ', () => {
    const { q } = setup();
    const pod = makePodInfo('p');
    q.add(pod);
    const qp = q.pop();
    if (!qp) throw new Error('no pod');
    q.addUnschedulable(qp, new Set());
    expect(q.whereIs(pod.uid)).toBe('backoffQ');
  });

  it('flushes pods parked longer than 5 minutes (checked every 30 s)', () => {
    const { clock, q } = setup();
    const pod = makePodInfo('p');
    q.add(pod);
    const qp = q.pop();
    if (!qp) throw new Error('no pod');
    q.addUnschedulable(qp, new Set(['TaintToleration']));
    clock.advanceBy(300_000);
    expect(q.whereIs(pod.uid)).toBe('unschedulablePods');
    clock.advanceBy(30_000);
    expect(q.whereIs(pod.uid)).toBe('activeQ');
  });

  it('retries a parked pod whose spec changed, not one whose status changed', () => {
    const { clock, q } = setup();
    const pod = makePodInfo('p');
    q.add(pod);
    const qp = q.pop();
    if (!qp) throw new Error('no pod');
    q.addUnschedulable(qp, new Set(['TaintToleration']));
    q.update(pod, false);
    expect(q.whereIs(pod.uid)).toBe('unschedulablePods');
    clock.advanceBy(2000);
    q.update(pod, true);
    expect(q.whereIs(pod.uid)).toBe('activeQ');
  });

  it('remembers nominated pods per node', () => {
    const { q } = setup();
    const pod = makePodInfo('p');
    q.add(pod);
    q.addNominated(pod, 'node-1');
    expect(q.nominatedPodsForNode('node-1').map((p) => p.name)).toEqual(['p']);
    q.delete(pod.uid);
    expect(q.nominatedPodsForNode('node-1')).toEqual([]);
    expect(q.hasNominatedPods()).toBe(false);
  });
});
