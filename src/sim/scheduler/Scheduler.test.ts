import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { RES } from '../client/paths.ts';
import { Engine } from '../Engine.ts';
import { defaultScenario } from '../scenario/defaultScenario.ts';
import type { ScenarioNode } from '../scenario/types.ts';
import type { SchedulingAttemptBody, TraceEvent } from '../trace/types.ts';
import { Scheduler } from './Scheduler.ts';

function setup(nodes?: ScenarioNode[]) {
  const scenario = nodes ? { ...defaultScenario, cluster: { ...defaultScenario.cluster, nodes } } : defaultScenario;
  // etcd + apiserver only, so these tests see the scheduler's writes alone.
  const engine = new Engine(scenario, { record: true, components: false });
  const admin = engine.componentClient('kubectl', 'kubernetes-admin', ['system:masters']);
  const scheduler = new Scheduler({
    clock: engine.clock, rng: engine.rng, tracer: engine.tracer,
    client: engine.componentClient('kube-scheduler', 'system:kube-scheduler'),
  });
  scheduler.start();
  const create = (pod: KubeObject): void => {
    admin.create(RES.pods, pod.metadata?.namespace ?? 'default', pod);
  };
  const get = (name: string): Pod => admin.get(RES.pods, 'default', name) as unknown as Pod;
  const events = (name: string): { reason: string; type: string; message: string; source: { component: string }; count: number }[] =>
    (admin.list(RES.events, 'default').items as unknown as { involvedObject: { name: string }; reason: string; type: string; message: string; source: { component: string }; count: number }[])
      .filter((e) => e.involvedObject.name === name);
  const attempts = (name: string): SchedulingAttemptBody[] =>
    engine.tracer.events.filter((e: TraceEvent): e is TraceEvent & SchedulingAttemptBody => e.type === 'scheduling' && e.pod === name);
  return { engine, admin, scheduler, create, get, events, attempts };
}

const pod = (name: string, spec: Record<string, unknown> = {}, requests?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { containers: [{ name: 'nginx', image: 'nginx', ...(requests ? { resources: { requests } } : {}) }], ...spec },
});

const CP_TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

describe('kube-scheduler against the engine', () => {
  it('binds nginx-pod to node-1 or node-2, never the tainted control-plane, and records Scheduled', () => {
    const { engine, create, get, events, attempts } = setup();
    create(pod('nginx-pod'));
    engine.clock.advanceBy(100);
    const p = get('nginx-pod');
    expect(['node-1', 'node-2']).toContain(p.spec?.nodeName);
    expect(p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    expect(events('nginx-pod').map((e) => [e.type, e.reason, e.message, e.source.component]))
      .toEqual([['Normal', 'Scheduled', `Successfully assigned default/nginx-pod to ${p.spec?.nodeName ?? ''}`, 'default-scheduler']]);
    const [a] = attempts('nginx-pod');
    expect(a?.chosen).toBe(p.spec?.nodeName);
    expect(a?.nodes.find((n) => n.node === 'control-plane')?.filters.at(-1)).toEqual({ plugin: 'TaintToleration', status: 'UnschedulableAndUnresolvable', reasons: [CP_TAINT] });
    expect(a?.nodes.filter((n) => n.total !== undefined).map((n) => n.node).sort()).toEqual(['node-1', 'node-2']);
    // The binding request nests under the scheduling attempt's span.
    const bind = engine.tracer.events.find((e) => e.type === 'request' && e.path === '/api/v1/namespaces/default/pods/nginx-pod/binding');
    expect(bind?.parent).toBe(engine.tracer.events.find((e) => e.type === 'scheduling')?.span);
  });

  it('leaves a 100-CPU pod Pending with the FitError as PodScheduled=False and a FailedScheduling event', () => {
    const { engine, create, get, events } = setup();
    create(pod('big', {}, { cpu: '100' }));
    engine.clock.advanceBy(100);
    const fit = `0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`;
    const p = get('big');
    expect(p.spec?.nodeName).toBeUndefined();
    expect(p.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'False', lastTransitionTime: '2026-01-15T09:00:00Z', reason: 'Unschedulable', message: fit }]);
    expect(events('big').map((e) => [e.type, e.reason, e.message, e.source.component])).toEqual([['Warning', 'FailedScheduling', fit, 'default-scheduler']]);
    // Retried after 5 minutes in unschedulablePods: the same event is counted, the condition left alone.
    engine.clock.advanceBy(331_000);
    expect(events('big')[0]?.count).toBe(2);
  });

  it('counts cordoned, tainted and full nodes apart, and only full ones as worth preempting on', () => {
    const { engine, create, get } = setup([
      { name: 'control-plane', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }], capacity: { cpu: '8' } },
      { name: 'node-1', unschedulable: true, capacity: { cpu: '8' } },
      { name: 'node-2', capacity: { cpu: '2' } },
    ]);
    create(pod('p', {}, { cpu: '3' }));
    engine.clock.advanceBy(100);
    // NodeUnschedulable and TaintToleration reject as UnschedulableAndUnresolvable: preemption skips those nodes.
    expect(get('p').status?.conditions?.[0]?.message).toBe(`0/3 nodes are available: 1 Insufficient cpu, 1 ${CP_TAINT}, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.`);
  });

  it('places by nodeSelector, by tolerations, and by preferred affinity', () => {
    const { engine, admin, create, get } = setup();
    admin.patch(RES.nodes, '', 'node-2', 'merge', { metadata: { labels: { disktype: 'ssd' } } });
    engine.clock.advanceBy(10);
    create(pod('ssd', { nodeSelector: { disktype: 'ssd' } }));
    create(pod('on-cp', {
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    }));
    create(pod('prefers-ssd', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } }] } } }));
    create(pod('nowhere', { nodeSelector: { disktype: 'nvme' } }));
    engine.clock.advanceBy(100);
    expect(get('ssd').spec?.nodeName).toBe('node-2');
    expect(get('on-cp').spec?.nodeName).toBe('control-plane');
    expect(get('prefers-ssd').spec?.nodeName).toBe('node-2');
    expect(get('nowhere').status?.conditions?.[0]?.message).toBe(`0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`);
  });

  it('schedules a waiting pod when a node that fits joins', () => {
    const { engine, admin, create, get } = setup();
    create(pod('big', {}, { cpu: '6' }));
    engine.clock.advanceBy(100);
    expect(get('big').spec?.nodeName).toBeUndefined();
    admin.create(RES.nodes, '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-3' }, status: { capacity: { cpu: '8', memory: '16Gi', pods: '110' } } });
    engine.clock.advanceBy(2000);
    expect(get('big').spec?.nodeName).toBe('node-3');
  });

  it('leaves pods of another scheduler alone', () => {
    const { engine, create, get, events } = setup();
    create(pod('other', { schedulerName: 'my-scheduler' }));
    engine.clock.advanceBy(100);
    expect(get('other').spec?.nodeName).toBeUndefined();
    expect(events('other')).toEqual([]);
  });

  it('preempts a lower-priority pod: DisruptionTarget, graceful delete, Preempted event, nominated node, then binds there', () => {
    const { engine, admin, create, get, events } = setup();
    admin.create(RES.priorityclasses, '', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
    create(pod('low-1', {}, { cpu: '3' }));
    create(pod('low-2', {}, { cpu: '3' }));
    engine.clock.advanceBy(100);
    create(pod('vip', { priorityClassName: 'high' }, { cpu: '2' }));
    engine.clock.advanceBy(100);
    const vip = get('vip');
    const node = vip.status?.nominatedNodeName ?? '';
    expect(['node-1', 'node-2']).toContain(node);
    expect(vip.status?.conditions?.[0]?.message).toBe(`0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu.`);
    const victimName = get('low-1').spec?.nodeName === node ? 'low-1' : 'low-2';
    const victim = get(victimName);
    expect(victim.metadata?.deletionTimestamp).toBeDefined();
    expect(victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    expect(events(victimName).find((e) => e.reason === 'Preempted')?.message).toBe(`Preempted by pod ${vip.metadata?.uid ?? ''} on node ${node}`);
    // The kubelet would finish the graceful deletion; here the admin does.
    admin.delete(RES.pods, 'default', victimName, { gracePeriodSeconds: 0 });
    engine.clock.advanceBy(3000);
    expect(get('vip').spec?.nodeName).toBe(node);
  });
});
