// models pkg/controller/certificates/rootcacertpublisher/publisher.go: a `kube-root-ca.crt` ConfigMap holding the
// cluster CA in every active namespace, put back when deleted or changed.
import type { KubeObject } from '../api/types.ts';
import type { Clock } from '../clock.ts';
import { isAlreadyExists, isNotFound, type Client } from '../client/Client.ts';
import { RES } from '../client/paths.ts';
import type { Decisions } from './decisions.ts';
import { errorText } from './ReplicaSetController.ts';
import type { SharedInformers, TypedInformer } from './SharedInformers.ts';
import { WorkQueue } from './WorkQueue.ts';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
/** The annotation v1.32's publisher sets (DescriptionAnnotation). */
export const ROOT_CA_DESCRIPTION = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export class RootCaCertPublisher {
  private readonly nsInformer: TypedInformer<KubeObject>;
  private readonly cmInformer: TypedInformer<KubeObject>;
  private readonly queue: WorkQueue;

  constructor(clock: Clock, private readonly client: Client, informers: SharedInformers, private readonly decisions: Decisions, private readonly caBundle: string) {
    this.nsInformer = informers.informer(RES.namespaces);
    this.cmInformer = informers.informer(RES.configmaps);
    this.queue = new WorkQueue(clock, 'root-ca-cert-publisher', (ns) => this.sync(ns), (k, e) => this.decisions.decide(`namespace ${k}`, 'error', errorText(e)));
    this.nsInformer.addHandlers({ onAdd: (ns) => this.queue.add(ns.metadata?.name ?? ''), onUpdate: (_a, b) => this.queue.add(b.metadata?.name ?? '') });
    const cmChanged = (cm: KubeObject): void => {
      if (cm.metadata?.name === ROOT_CA_CONFIGMAP) this.queue.add(cm.metadata.namespace ?? '');
    };
    this.cmInformer.addHandlers({ onUpdate: (_a, b) => cmChanged(b), onDelete: cmChanged });
  }

  start(): void {
    for (const ns of this.nsInformer.list()) this.queue.add(ns.metadata?.name ?? '');
  }

  stop(): void {
    this.queue.stop();
  }

  private sync(namespace: string): void {
    const ns = this.nsInformer.get('', namespace);
    if (!ns || ns.metadata?.deletionTimestamp !== undefined || (ns.status as { phase?: string } | undefined)?.phase !== 'Active') return;
    const data = { 'ca.crt': this.caBundle };
    const annotations = { 'kubernetes.io/description': ROOT_CA_DESCRIPTION };
    const cm = this.cmInformer.get(namespace, ROOT_CA_CONFIGMAP);
    this.decisions.run(`namespace ${namespace}`, [this.client], () => {
      if (!cm) {
        try {
          this.client.create(RES.configmaps, namespace, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations }, data });
          this.decisions.decide(`namespace ${namespace}`, 'create-configmap', `published ${ROOT_CA_CONFIGMAP} in ${namespace}`);
        } catch (e) {
          if (!isAlreadyExists(e) && !isNotFound(e)) throw e;
        }
        return;
      }
      const have = cm.data as Record<string, string> | undefined;
      const haveDesc = cm.metadata?.annotations?.['kubernetes.io/description'];
      if (have?.['ca.crt'] === this.caBundle && Object.keys(have).length === 1 && haveDesc === ROOT_CA_DESCRIPTION) return;
      const next: KubeObject = { ...cm, data, metadata: { ...cm.metadata, annotations: { ...(cm.metadata?.annotations ?? {}), ...annotations } } };
      this.client.update(RES.configmaps, namespace, next);
      this.decisions.decide(`namespace ${namespace}`, 'update-configmap', `restored ${ROOT_CA_CONFIGMAP} in ${namespace}`);
    });
  }
}
