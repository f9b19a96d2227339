// Wall time for a 1,000-replica Deployment to have all its pods Running on 100 nodes, in instant mode: the virtual
// clock is stepped as fast as it goes, no playback pacing. Everything runs as in the engine: the
// controller-manager (Deployment → ReplicaSet → Pods), kube-scheduler binding each pod, and a kubelet per node
// pulling the image and starting the container, all through the apiserver. Trace recording is off.
import { Engine } from '../src/sim/Engine.ts';
import type { KubeObject } from '../src/sim/api/types.ts';
import { Informer } from '../src/sim/client/Informer.ts';
import { RES } from '../src/sim/client/paths.ts';
import { ControllerManager } from '../src/sim/controllers/ControllerManager.ts';
import { NodeManager } from '../src/sim/kubelet/NodeManager.ts';
import { defaultScenario } from '../src/sim/scenario/defaultScenario.ts';
import type { Scenario } from '../src/sim/scenario/types.ts';
import { Scheduler } from '../src/sim/scheduler/Scheduler.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NODES = 100;
const REPLICAS = 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

interface Run {
  seconds: number;
  virtualSeconds: number;
  rssDeltaMb: number;
  heapUsedMb: number;
}

function runOnce(): Run {
  const nodes = Array.from({ length: NODES }, (_, i) => ({ name: `node-${i + 1}`, capacity: { cpu: '32', memory: '64Gi', pods: '110' } }));
  const scenario: Scenario = { ...defaultScenario, cluster: { ...defaultScenario.cluster, nodes } };
  const rss0 = process.memoryUsage().rss;
  // The components are started here, explicitly, whatever the Engine would start by default.
  const engine = new Engine(scenario, { record: false, components: false });
  const km = ControllerManager.forEngine(engine);
  const scheduler = new Scheduler({
    clock: engine.clock, rng: engine.rng, tracer: engine.tracer,
    client: engine.componentClient('kube-scheduler', 'system:kube-scheduler'),
  });
  const kubelets = new NodeManager({
    clock: engine.clock, rng: engine.rng, tracer: engine.tracer,
    client: engine.componentClient('kube-controller-manager', 'system:kube-controller-manager'),
    kubeletClient: (n) => engine.componentClient(`kubelet/${n}`, `system:node:${n}`, ['system:nodes']),
  });
  km.start();
  scheduler.start();
  kubelets.start();
  const admin = engine.componentClient('kubectl', 'kubernetes-admin', ['system:masters']);

  // Counts Running pods from a watch, as `kubectl get pods -w` would see them.
  let running = 0;
  const watcher = new Informer<KubeObject>(admin, engine.clock, RES.pods, { namespace: 'default' });
  const isRunning = (p: KubeObject): boolean => (p.status as { phase?: string } | undefined)?.phase === 'Running' && p.metadata?.deletionTimestamp === undefined;
  watcher.addHandlers({
    onAdd: (p) => { if (isRunning(p)) running++; },
    onUpdate: (a, b) => { running += Number(isRunning(b)) - Number(isRunning(a)); },
    onDelete: (p) => { if (isRunning(p)) running--; },
  });
  watcher.start();
  engine.clock.advanceBy(1000);

  const t0 = performance.now();
  const v0 = engine.clock.now();
  admin.create(RES.deployments, 'default', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas: REPLICAS, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
  });
  while (running < REPLICAS) {
    if (!engine.clock.step()) throw new Error(`clock idle with ${running}/${REPLICAS} pods Running`);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (process.env.BENCH_DEBUG) console.error("rs syncs", km.controller<{ stats: { syncs: number } }>("replicaset-controller")?.stats.syncs);
  const mem = process.memoryUsage();
  const virtualSeconds = (engine.clock.now() - v0) / 1000;
  watcher.stop();
  kubelets.stop();
  scheduler.stop();
  km.stop();
  return { seconds, virtualSeconds, rssDeltaMb: (mem.rss - rss0) / 2 ** 20, heapUsedMb: mem.heapUsed / 2 ** 20 };
}

export function benchDeployment(): BenchResult[] {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(runOnce());
  return [
    { name: `deployment of ${REPLICAS} replicas to all Running on ${NODES} nodes (instant mode), median of ${RUNS}`, value: Number(median(runs.map((r) => r.seconds)).toFixed(3)), unit: 's' },
    { name: `deployment of ${REPLICAS} replicas: virtual time to all Running`, value: Number(median(runs.map((r) => r.virtualSeconds)).toFixed(1)), unit: 'virtual s' },
    { name: 'deployment bench peak RSS growth over a run', value: Math.round(Math.max(...runs.map((r) => r.rssDeltaMb))), unit: 'MB' },
    { name: 'deployment bench peak heap used at the end of a run', value: Math.round(Math.max(...runs.map((r) => r.heapUsedMb))), unit: 'MB' },
  ];
}
