import { describe, expect, it } from 'vitest';
import { FitError, newDiagnosis } from './FitError.ts';
import { newStatus } from './types.ts';

describe('FitError.Error()', () => {
  it('counts reasons across nodes, sorts "<n> <reason>" as strings and joins them with ", "', () => {
    const d = newDiagnosis();
    d.nodeToStatus.set('control-plane', newStatus('UnschedulableAndUnresolvable', 'TaintToleration', 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'));
    d.nodeToStatus.set('node-1', newStatus('Unschedulable', 'NodeResourcesFit', 'Insufficient cpu'));
    d.nodeToStatus.set('node-2', newStatus('Unschedulable', 'NodeResourcesFit', 'Insufficient cpu', 'Insufficient memory'));
    expect(new FitError(3, d).message()).toBe('0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.');
  });

  it('sorts counts as strings ("10 …" before "2 …")', () => {
    const d = newDiagnosis();
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`a${i}`, newStatus('Unschedulable', 'NodeResourcesFit', 'Insufficient cpu'));
    for (let i = 0; i < 2; i++) d.nodeToStatus.set(`b${i}`, newStatus('UnschedulableAndUnresolvable', 'NodeUnschedulable', 'node(s) were unschedulable'));
    expect(new FitError(12, d).message()).toBe('0/12 nodes are available: 10 Insufficient cpu, 2 node(s) were unschedulable.');
  });

  it('appends the PostFilter message after the filter reasons, and counts absent nodes with the absent status', () => {
    const pre = newDiagnosis();
    pre.nodeToStatus.set('node-1', newStatus('UnschedulableAndUnresolvable', 'DefaultPreemption', 'No preemption victims found for incoming pod'));
    pre.absentStatus = newStatus('UnschedulableAndUnresolvable', 'DefaultPreemption', 'Preemption is not helpful for scheduling');
    const preemption = new FitError(3, pre).message();
    expect(preemption).toBe('0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.');
    const d = newDiagnosis();
    d.nodeToStatus.set('node-1', newStatus('Unschedulable', 'NodeResourcesFit', 'Insufficient cpu'));
    d.postFilterMsg = `preemption: ${preemption}`;
    expect(new FitError(1, d).message()).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.');
  });

  it('uses the PreFilter message instead of per-node reasons when PreFilter rejected the pod', () => {
    const d = newDiagnosis();
    d.preFilterMsg = 'node(s) had volume node affinity conflict';
    d.absentStatus = newStatus('UnschedulableAndUnresolvable', 'X', 'node(s) had volume node affinity conflict');
    expect(new FitError(2, d).message()).toBe('0/2 nodes are available: node(s) had volume node affinity conflict.');
  });
});
