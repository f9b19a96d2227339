// models pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go: a ClusterRole with an
// aggregationRule holds the rules of the ClusterRoles its selectors match. The rules are computed with
// aggregateClusterRoles (all roles to a fixed point) and written with an update, not server-side apply.
import type { ClusterRole } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../api/types.ts';
import { aggregateClusterRoles, rulesEqual } from '../apiserver/authz/clusterRoleAggregation.ts';
import type { Clock } from '../clock.ts';
import { isNotFound, type Client } from '../client/Client.ts';
import { RES } from '../client/paths.ts';
import type { Decisions } from './decisions.ts';
import { errorText } from './ReplicaSetController.ts';
import type { SharedInformers, TypedInformer } from './SharedInformers.ts';
import { WorkQueue } from './WorkQueue.ts';

export class ClusterRoleAggregationController {
  private readonly informer: TypedInformer<ClusterRole>;
  private readonly queue: WorkQueue;

  constructor(clock: Clock, private readonly client: Client, informers: SharedInformers, private readonly decisions: Decisions) {
    this.informer = informers.informer<ClusterRole>(RES.clusterroles);
    this.queue = new WorkQueue(clock, 'clusterrole-aggregation', (name) => this.sync(name), (k, e) => this.decisions.decide(`clusterrole ${k}`, 'error', errorText(e)));
    // Any role change may change what an aggregated role should hold: requeue every aggregated role.
    const changed = (): void => this.enqueueAll();
    this.informer.addHandlers({ onAdd: changed, onUpdate: changed, onDelete: changed });
  }

  start(): void {
    this.enqueueAll();
  }

  stop(): void {
    this.queue.stop();
  }

  private enqueueAll(): void {
    for (const r of this.informer.list()) if (r.aggregationRule) this.queue.add(r.metadata?.name ?? '');
  }

  private sync(name: string): void {
    const role = this.informer.get('', name);
    if (!role?.aggregationRule) return;
    const settled = aggregateClusterRoles(this.informer.list()).find((r) => r.metadata?.name === name);
    const rules = settled?.rules ?? [];
    const have = role.rules ?? [];
    if (rules.length === have.length && rules.every((r, i) => { const h = have[i]; return h !== undefined && rulesEqual(r, h); })) return;
    this.decisions.run(`clusterrole ${name}`, [this.client], () => {
      try {
        this.client.update(RES.clusterroles, '', { ...(role as KubeObject), rules });
        this.decisions.decide(`clusterrole ${name}`, 'aggregate', () => `wrote ${rules.length} aggregated rules`);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    });
  }
}
