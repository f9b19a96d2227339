// kube-scheduler throughput in the shape of scheduler_perf's SchedulingBasic/5000Nodes_10000Pods: 5,000 nodes
// (node-default.yaml: 4 cpu, 32Gi, 110 pods), 1,000 pods scheduled first, then 10,000 measured pods
// (pod-default.yaml: pause, requests 100m / 500Mi). The measured window covers the watch events reaching the
// scheduler, every scheduling cycle, each Binding POST and Scheduled event through the apiserver, and the bound
// pods' watch events; the pods are created beforehand. Trace recording is off.
import { Engine } from '../src/sim/Engine.ts';
import type { KubeObject } from '../src/sim/api/types.ts';
import { RES } from '../src/sim/client/paths.ts';
import { defaultScenario } from '../src/sim/scenario/defaultScenario.ts';
import type { Scenario } from '../src/sim/scenario/types.ts';
import { Scheduler } from '../src/sim/scheduler/Scheduler.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const RUNS = 3;
const NODES = 5000;
const INIT_PODS = 1000;
const MEASURE_PODS = 10_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

const node = (i: number): KubeObject => ({
  apiVersion: 'v1', kind: 'Node',
  metadata: { name: `scheduler-perf-${i}`, labels: { 'kubernetes.io/hostname': `scheduler-perf-${i}` } },
  spec: {},
  status: { capacity: { pods: '110', cpu: '4', memory: '32Gi' }, conditions: [{ status: 'True', type: 'Ready' }], phase: 'Running' },
});

const pod = (name: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: {
    containers: [{
      image: 'registry.k8s.io/pause:3.10', name: 'pause', ports: [{ containerPort: 80 }],
      resources: { limits: { cpu: '100m', memory: '500Mi' }, requests: { cpu: '100m', memory: '500Mi' } },
    }],
  },
});

interface Run {
  podsPerSecond: number;
  /** Pods per second of this process's CPU time: steadier than wall time when the machine is shared. */
  podsPerCpuSecond: number;
  rssDeltaMb: number;
  heapUsedMb: number;
}

function runOnce(): Run {
  const scenario: Scenario = { ...defaultScenario, cluster: { ...defaultScenario.cluster, nodes: [] } };
  const rss0 = process.memoryUsage().rss;
  // etcd + apiserver only: the nodes' kubelets would measure something else.
  const engine = new Engine(scenario, { record: false, components: false });
  const admin = engine.componentClient('kubectl', 'bench', ['system:masters']);
  for (let i = 0; i < NODES; i++) admin.create(RES.nodes, '', node(i));
  const scheduler = new Scheduler({
    clock: engine.clock, rng: engine.rng, tracer: engine.tracer,
    client: engine.componentClient('kube-scheduler', 'system:kube-scheduler'),
  });
  scheduler.start();
  const runUntilBound = (n: number): void => {
    while (scheduler.stats.bound < n) if (!engine.clock.step()) throw new Error(`clock idle with ${scheduler.stats.bound}/${n} pods bound`);
  };
  for (let i = 0; i < INIT_PODS; i++) admin.create(RES.pods, 'default', pod(`init-pod-${i}`));
  runUntilBound(INIT_PODS);
  for (let i = 0; i < MEASURE_PODS; i++) admin.create(RES.pods, 'default', pod(`pod-${i}`));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  runUntilBound(INIT_PODS + MEASURE_PODS);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (scheduler.stats.unschedulable > 0) throw new Error(`${scheduler.stats.unschedulable} pods found no node`);
  const mem = process.memoryUsage();
  scheduler.stop();
  return { podsPerSecond: MEASURE_PODS / seconds, podsPerCpuSecond: MEASURE_PODS / cpuSeconds, rssDeltaMb: (mem.rss - rss0) / 2 ** 20, heapUsedMb: mem.heapUsed / 2 ** 20 };
}

export function benchScheduler(): BenchResult[] {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(runOnce());
  return [
    { name: `scheduler throughput, ${NODES} nodes, ${MEASURE_PODS} pods (SchedulingBasic shape), median of ${RUNS}`, value: Math.round(median(runs.map((r) => r.podsPerSecond))), unit: 'pods/s' },
    { name: `scheduler throughput per CPU-second (same runs), median of ${RUNS}`, value: Math.round(median(runs.map((r) => r.podsPerCpuSecond))), unit: 'pods/cpu-s' },
    { name: 'scheduler bench peak RSS growth over a run', value: Math.round(Math.max(...runs.map((r) => r.rssDeltaMb))), unit: 'MB' },
    { name: 'scheduler bench peak heap used at the end of a run', value: Math.round(Math.max(...runs.map((r) => r.heapUsedMb))), unit: 'MB' },
  ];
}
