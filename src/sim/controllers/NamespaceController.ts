// models pkg/controller/namespace/namespace_controller.go and deletion/namespaced_resources_deleter.go: a namespace
// with a deletionTimestamp has all its namespaced content deleted (deletecollection where served, else item by
// item), the deletion conditions written to its status, and, once nothing is left, the `kubernetes` finalizer
// removed through PUT /api/v1/namespaces/<ns>/finalize so that the apiserver removes the namespace.
// Discovery is the static resource table (src/sim/apiserver/resources.ts) rather than the discovery API.
import type { KubeObject } from '../api/types.ts';
import { RESOURCES, type ResourceInfo } from '../apiserver/resources.ts';
import type { Clock } from '../clock.ts';
import { isConflict, isNotFound, type Client } from '../client/Client.ts';
import { resourcePath, RES } from '../client/paths.ts';
import type { Decisions } from './decisions.ts';
import { errorText } from './ReplicaSetController.ts';
import type { SharedInformers, TypedInformer } from './SharedInformers.ts';
import { WorkQueue } from './WorkQueue.ts';

const FINALIZER = 'kubernetes';

interface NamespaceCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason: string;
  message: string;
}

/** conditionTypes with their "ok" reasons and messages, in the order upstream writes them. */
const CONDITIONS: [string, string, string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

/** Namespaced kinds that are stored (and so can be listed and deleted). */
export function namespacedContent(): ResourceInfo[] {
  const seen = new Set<string>();
  return RESOURCES.filter((r) => {
    if (!r.namespaced || r.createOnly || !r.verbs.includes('delete') || !r.verbs.includes('list')) return false;
    // events.k8s.io/v1 events are the core events under another group: one storage, deleted once.
    if (seen.has(r.etcdPrefix)) return false;
    seen.add(r.etcdPrefix);
    return true;
  });
}

export class NamespaceController {
  private readonly informer: TypedInformer<KubeObject>;
  private readonly queue: WorkQueue;

  constructor(private readonly clock: Clock, private readonly client: Client, informers: SharedInformers, private readonly decisions: Decisions) {
    this.informer = informers.informer(RES.namespaces);
    this.queue = new WorkQueue(clock, 'namespace', (ns) => this.sync(ns), (k, e) => this.decisions.decide(`namespace ${k}`, 'error', errorText(e)));
    const changed = (ns: KubeObject): void => {
      if (ns.metadata?.deletionTimestamp !== undefined) this.queue.add(ns.metadata.name ?? '');
    };
    this.informer.addHandlers({ onAdd: changed, onUpdate: (_a, b) => changed(b) });
  }

  start(): void {
    for (const ns of this.informer.list()) if (ns.metadata?.deletionTimestamp !== undefined) this.queue.add(ns.metadata.name ?? '');
  }

  stop(): void {
    this.queue.stop();
  }

  private sync(name: string): void {
    this.decisions.run(`namespace ${name}`, [this.client], () => this.syncNamespace(name));
  }

  private syncNamespace(name: string): void {
    let ns: KubeObject;
    try {
      ns = this.client.get(RES.namespaces, '', name);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
    if (ns.metadata?.deletionTimestamp === undefined) return;
    const finalizers = (ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    if (!finalizers.includes(FINALIZER)) return;

    const obj = `namespace ${name}`;
    const errors: string[] = [];
    let estimateSeconds = 0;
    const remaining = new Map<string, number>();
    const finalizersLeft = new Map<string, number>();
    for (const info of namespacedContent()) {
      const ref = { group: info.group, version: info.version, resource: info.resource };
      const label = info.group === '' ? `${info.resource}.` : `${info.resource}.${info.group}`;
      try {
        if (info.verbs.includes('deletecollection')) {
          this.client.call('DELETE', resourcePath(ref, name), { body: { kind: 'DeleteOptions', apiVersion: 'v1' } });
        } else {
          for (const item of this.client.list(ref, name).items) this.client.delete(ref, name, item.metadata?.name ?? '');
        }
        const left = this.client.list<KubeObject>(ref, name);
        if (left.items.length === 0) continue;
        remaining.set(label, left.items.length);
        for (const item of left.items) {
          for (const f of item.metadata?.finalizers ?? []) finalizersLeft.set(f, (finalizersLeft.get(f) ?? 0) + 1);
          // estimateGracefulTermination: pods still terminating bound the wait.
          if (info.resource === 'pods') {
            const grace = item.metadata?.deletionGracePeriodSeconds ?? (item.spec as { terminationGracePeriodSeconds?: number } | undefined)?.terminationGracePeriodSeconds ?? 30;
            estimateSeconds = Math.max(estimateSeconds, grace);
          }
        }
      } catch (e) {
        if (isNotFound(e)) continue;
        errors.push(errorText(e));
      }
    }
    const detail = [...remaining].map(([r, n]) => `${r} ${n}`).join(', ');
    this.decisions.decide(obj, 'delete-content', () => (remaining.size === 0 ? 'all content deleted' : `remaining: ${detail}`));
    this.updateConditions(name, ns, errors, remaining, finalizersLeft);

    if (errors.length > 0) throw new Error(`failed to delete content of namespace ${name}`);
    if (remaining.size > 0) {
      // ResourcesRemainingError: come back after estimate/2 + 1 seconds; without an estimate, rate-limited.
      if (estimateSeconds > 0) this.queue.addAfter(name, (Math.floor(estimateSeconds / 2) + 1) * 1000);
      else this.queue.addRateLimited(name);
      return;
    }
    this.finalize(name);
  }

  private updateConditions(name: string, ns: KubeObject, errors: string[], remaining: Map<string, number>, finalizersLeft: Map<string, number>): void {
    const now = this.clock.timestamp();
    const fresh: NamespaceCondition[] = [];
    if (errors.length > 0) {
      fresh.push({ type: 'NamespaceDeletionContentFailure', status: 'True', lastTransitionTime: now, reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${errors.length} remaining: ${[...errors].sort().join(', ')}` });
    }
    if (remaining.size > 0) {
      const parts = [...remaining].map(([r, n]) => `${r} has ${n} resource instances`).sort();
      fresh.push({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${parts.join(', ')}` });
    }
    if (finalizersLeft.size > 0) {
      const parts = [...finalizersLeft].map(([f, n]) => `${f} in ${n} resource instances`).sort();
      fresh.push({ type: 'NamespaceFinalizersRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${parts.join(', ')}` });
    }
    const status = { ...((ns.status ?? {}) as { conditions?: NamespaceCondition[]; phase?: string }) };
    const conditions = [...(status.conditions ?? [])].map((c) => ({ ...c }));
    let changed = false;
    for (const [type, reason, message] of CONDITIONS) {
      const want = fresh.find((c) => c.type === type) ?? { type, status: 'False', lastTransitionTime: now, reason, message };
      const have = conditions.find((c) => c.type === type);
      if (!have) {
        conditions.push(want);
        changed = true;
      } else if (have.status !== want.status || have.message !== want.message || have.reason !== want.reason) {
        if (have.status !== want.status) have.lastTransitionTime = now;
        have.status = want.status;
        have.reason = want.reason;
        have.message = want.message;
        changed = true;
      }
    }
    if (!changed) return;
    try {
      this.client.update(RES.namespaces, '', { ...ns, status: { ...status, conditions } }, 'status');
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) throw e;
    }
  }

  /** finalizeNamespace: drop our finalizer through the finalize subresource. */
  private finalize(name: string): void {
    const ns = this.client.get<KubeObject>(RES.namespaces, '', name);
    const spec = (ns.spec ?? {}) as { finalizers?: string[] };
    const next = { ...ns, spec: { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== FINALIZER) } } as KubeObject;
    try {
      this.client.update(RES.namespaces, '', next, 'finalize');
      this.decisions.decide(`namespace ${name}`, 'finalize', `removed finalizer "${FINALIZER}"`);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
  }
}
