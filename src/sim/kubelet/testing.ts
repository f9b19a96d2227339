// Scenario helpers for kubelet tests: an Engine with a NodeManager, an admin client, and pod binding as the
// scheduler would do it.
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import { Engine } from '../Engine.ts';
import type { Client } from '../client/Client.ts';
import { RES } from '../client/paths.ts';
import { NodeManager } from './NodeManager.ts';

export interface Harness {
  engine: Engine;
  nodes: NodeManager;
  admin: Client;
  /** Creates a pod in default and binds it to the node. */
  run(pod: Pod, node?: string): void;
  pod(name: string): Pod;
  events(name: string): string[];
}

export function harness(): Harness {
  const engine = new Engine(undefined, { components: false });
  const admin = engine.componentClient('kubectl', 'kubernetes-admin', ['system:masters', 'kubeadm:cluster-admins']);
  const nodes = new NodeManager({
    clock: engine.clock, rng: engine.rng, tracer: engine.tracer,
    client: engine.componentClient('client', 'kwok-controller', ['system:masters']),
    kubeletClient: (n) => engine.componentClient(`kubelet/${n}`, `system:node:${n}`, ['system:nodes']),
  });
  nodes.start();
  engine.clock.advanceBy(100);
  return {
    engine, nodes, admin,
    run(pod, node = 'node-1') {
      const ns = pod.metadata?.namespace ?? 'default';
      admin.create(RES.pods, ns, pod as KubeObject);
      admin.create(RES.pods, ns, { apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata?.name ?? '' }, target: { apiVersion: 'v1', kind: 'Node', name: node } }, 'binding', pod.metadata?.name ?? '');
    },
    pod(name) {
      return admin.get<Pod & KubeObject>(RES.pods, 'default', name);
    },
    events(name) {
      const list = admin.list<KubeObject>(RES.events, 'default').items
        .filter((e) => (e.involvedObject as { name?: string }).name === name)
        .sort((a, b) => String(a.firstTimestamp).localeCompare(String(b.firstTimestamp)) || String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
      return list.map((e) => `${String(e.reason)}: ${String(e.message)}`);
    },
  };
}

export function simplePod(name: string, container: Partial<NonNullable<Pod['spec']>['containers'][number]>, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'main', image: 'busybox', ...container }], ...spec } };
}
