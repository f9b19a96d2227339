// Test helpers: an Engine with the controller-manager running, an admin client, and a stand-in for kubelets
// (binding pods and patching their status as admin), since these tests run each controller without the others.
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import { Client } from '../client/Client.ts';
import { RES } from '../client/paths.ts';
import { Engine } from '../Engine.ts';
import { ControllerManager, type ControllerManagerOptions } from './ControllerManager.ts';

export interface Cluster {
  engine: Engine;
  km: ControllerManager;
  admin: Client;
}

/** An Engine with the chosen controllers; `before` runs first (e.g. kubelets already posting Leases). */
export function newCluster(opts: ControllerManagerOptions = {}, before?: (c: Cluster) => void): Cluster {
  // etcd + apiserver only: these tests play the kubelets themselves.
  const engine = new Engine(undefined, { components: false });
  const km = ControllerManager.forEngine(engine, opts);
  const admin = new Client(engine.apiserver, { actor: 'kubectl', headers: { authorization: 'Bearer admin-token' } });
  const c = { engine, km, admin };
  before?.(c);
  km.start();
  return c;
}

export function pods(c: Cluster, ns = 'default', labelSelector?: string): Pod[] {
  return c.admin.list<KubeObject>(RES.pods, ns, labelSelector ? { labelSelector } : {}).items as Pod[];
}

/** Binds every unbound pod (round-robin over the worker nodes) and marks it Running and Ready, as kubelets would. */
export function runPods(c: Cluster, ns = 'default', nodes = ['node-1', 'node-2']): number {
  let i = 0;
  let n = 0;
  for (const p of pods(c, ns)) {
    if (p.metadata?.deletionTimestamp) continue;
    const name = p.metadata?.name ?? '';
    if (!p.spec?.nodeName) {
      c.admin.create(RES.pods, ns, { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: nodes[i++ % nodes.length] } }, 'binding', name);
    }
    if (p.status?.phase === 'Running') continue;
    setPodReady(c, ns, name, true);
    n++;
  }
  return n;
}

export function setPodReady(c: Cluster, ns: string, name: string, ready: boolean): void {
  const ts = c.engine.clock.timestamp();
  c.admin.patch(RES.pods, ns, name, 'merge', {
    status: {
      phase: 'Running', podIP: '10.244.1.10', startTime: ts,
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: ts },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: ts },
        { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: ts },
        { type: 'ContainersReady', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: ts },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ts },
      ],
    },
  }, 'status');
}

/** Finishes graceful deletions, as the pods' kubelets would once their containers stop. */
export function finishTerminating(c: Cluster, ns = 'default'): number {
  let n = 0;
  for (const p of pods(c, ns)) {
    if (!p.metadata?.deletionTimestamp) continue;
    c.admin.delete(RES.pods, ns, p.metadata.name ?? '', { gracePeriodSeconds: 0 });
    n++;
  }
  return n;
}

/** Messages of the Events about one object, oldest first, as `reason: message`. */
export function eventsFor(c: Cluster, ns: string, kind: string, name: string): string[] {
  const items = c.admin.list<KubeObject>(RES.events, ns).items as { involvedObject?: { kind?: string; name?: string }; reason?: string; message?: string; firstTimestamp?: string; metadata?: { name?: string } }[];
  return items
    .filter((e) => e.involvedObject?.kind === kind && e.involvedObject.name === name)
    .map((e) => `${e.reason ?? ''}: ${e.message ?? ''}`);
}

/** Advances virtual time in small steps, letting watches and queues run. */
export function settle(c: Cluster, ms = 1000): void {
  c.engine.clock.advanceBy(ms);
}
