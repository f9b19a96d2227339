// models pkg/controller/serviceaccount/serviceaccounts_controller.go: every active namespace gets the
// ServiceAccounts in serviceAccountsToEnsure (just `default`), recreated if deleted.
import type { KubeObject } from '../api/types.ts';
import type { Clock } from '../clock.ts';
import { isAlreadyExists, type Client } from '../client/Client.ts';
import { RES } from '../client/paths.ts';
import type { Decisions } from './decisions.ts';
import { errorText } from './ReplicaSetController.ts';
import type { SharedInformers, TypedInformer } from './SharedInformers.ts';
import { WorkQueue } from './WorkQueue.ts';

const ENSURE = ['default'];

export class ServiceAccountController {
  private readonly nsInformer: TypedInformer<KubeObject>;
  private readonly saInformer: TypedInformer<KubeObject>;
  private readonly queue: WorkQueue;

  constructor(clock: Clock, private readonly client: Client, informers: SharedInformers, private readonly decisions: Decisions) {
    this.nsInformer = informers.informer(RES.namespaces);
    this.saInformer = informers.informer(RES.serviceaccounts);
    this.queue = new WorkQueue(clock, 'serviceaccount', (ns) => this.sync(ns), (k, e) => this.decisions.decide(`namespace ${k}`, 'error', errorText(e)));
    this.nsInformer.addHandlers({ onAdd: (ns) => this.queue.add(ns.metadata?.name ?? ''), onUpdate: (_a, b) => this.queue.add(b.metadata?.name ?? '') });
    this.saInformer.addHandlers({
      onDelete: (sa) => {
        if (ENSURE.includes(sa.metadata?.name ?? '')) this.queue.add(sa.metadata?.namespace ?? '');
      },
    });
  }

  start(): void {
    for (const ns of this.nsInformer.list()) this.queue.add(ns.metadata?.name ?? '');
  }

  stop(): void {
    this.queue.stop();
  }

  private sync(namespace: string): void {
    const ns = this.nsInformer.get('', namespace);
    if (!ns || (ns.status as { phase?: string } | undefined)?.phase !== 'Active') return;
    for (const name of ENSURE) {
      if (this.saInformer.get(namespace, name)) continue;
      this.decisions.run(`namespace ${namespace}`, [this.client], () => {
        try {
          this.client.create(RES.serviceaccounts, namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
          this.decisions.decide(`namespace ${namespace}`, 'create-serviceaccount', `created ServiceAccount ${namespace}/${name}`);
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
      });
    }
  }
}
