// models cmd/kube-controller-manager as kubeadm runs it (--use-service-account-credentials): the manager
// authenticates as CN=system:kube-controller-manager, makes sure each controller's ServiceAccount exists in
// kube-system (SAControllerClientBuilder), shares one set of informers made with its own credentials, and gives
// every controller a client with that controller's ServiceAccount token.
import type { KubeObject } from '../api/types.ts';
import type { Clock } from '../clock.ts';
import { isNotFound, type Client } from '../client/Client.ts';
import { EventRecorder } from '../client/EventRecorder.ts';
import { RES } from '../client/paths.ts';
import type { Tracer } from '../trace/types.ts';
import { ClusterRoleAggregationController } from './ClusterRoleAggregationController.ts';
import { Decisions } from './decisions.ts';
import { DeploymentController } from './DeploymentController.ts';
import { GarbageCollector } from './GarbageCollector.ts';
import { NamespaceController } from './NamespaceController.ts';
import { NodeLifecycleController, type NodeLifecycleOptions } from './NodeLifecycleController.ts';
import { ReplicaSetController } from './ReplicaSetController.ts';
import { RootCaCertPublisher } from './RootCaCertPublisher.ts';
import { ServiceAccountController } from './ServiceAccountController.ts';
import { SharedInformers } from './SharedInformers.ts';
import { TaintEvictionController } from './TaintEvictionController.ts';

/** The controllers this manager can run, by their kube-controller-manager --controllers names. */
export const CONTROLLER_NAMES = [
  'deployment-controller', 'replicaset-controller', 'serviceaccount-controller', 'root-ca-certificate-publisher-controller',
  'namespace-controller', 'garbage-collector-controller', 'node-lifecycle-controller', 'taint-eviction-controller',
  'clusterrole-aggregation-controller',
] as const;
export type ControllerName = (typeof CONTROLLER_NAMES)[number];

/** The ServiceAccounts the manager ensures in kube-system, one per controller identity (names as upstream). */
export const CONTROLLER_SERVICE_ACCOUNTS = [
  'deployment-controller', 'replicaset-controller', 'namespace-controller', 'service-account-controller',
  'generic-garbage-collector', 'node-controller', 'clusterrole-aggregation-controller', 'root-ca-cert-publisher',
] as const;

export interface ControllerManagerDeps {
  clock: Clock;
  tracer: Tracer;
  /** Authenticated as CN=system:kube-controller-manager. */
  rootClient: Client;
  /** A client with the token of kube-system/<serviceAccount>; called after the ServiceAccount exists. */
  serviceAccountClient: (serviceAccount: string) => Client;
}

export interface ControllerManagerOptions {
  /** Which controllers run (default: all). */
  controllers?: readonly ControllerName[];
  nodeLifecycle?: NodeLifecycleOptions;
  burstReplicas?: number;
}

interface Runnable {
  start(): void;
  stop(): void;
}

/** The engine surface needed to build a ControllerManager (see forEngine). */
export interface EngineLike {
  clock: Clock;
  tracer: Tracer;
  componentClient(actor: 'kube-controller-manager', commonName: string, organizations?: string[]): Client;
  serviceAccountClient(actor: 'kube-controller-manager', namespace: string, name: string): Client;
}

export class ControllerManager {
  readonly informers: SharedInformers;
  private readonly running = new Map<ControllerName, Runnable>();
  private started = false;

  constructor(private readonly d: ControllerManagerDeps, private readonly opts: ControllerManagerOptions = {}) {
    this.informers = new SharedInformers(d.rootClient, d.clock);
  }

  static forEngine(engine: EngineLike, opts: ControllerManagerOptions = {}): ControllerManager {
    return new ControllerManager({
      clock: engine.clock,
      tracer: engine.tracer,
      rootClient: engine.componentClient('kube-controller-manager', 'system:kube-controller-manager'),
      serviceAccountClient: (sa) => engine.serviceAccountClient('kube-controller-manager', 'kube-system', sa),
    }, opts);
  }

  /** A running controller, for tests and the UI's failure injection. */
  controller<T>(name: ControllerName): T | undefined {
    return this.running.get(name) as T | undefined;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.ensureServiceAccounts();
    const { clock, tracer } = this.d;
    const enabled = new Set<ControllerName>(this.opts.controllers ?? CONTROLLER_NAMES);
    const client = (sa: string): Client => this.d.serviceAccountClient(sa);
    const recorder = (c: Client, component: string): EventRecorder => new EventRecorder(c, clock, { component });
    const decisions = (name: string): Decisions => new Decisions(tracer, name);
    const inf = this.informers;
    const add = (name: ControllerName, make: () => Runnable): void => {
      if (enabled.has(name)) this.running.set(name, make());
    };
    add('replicaset-controller', () => {
      const c = client('replicaset-controller');
      return new ReplicaSetController(clock, c, inf, recorder(c, 'replicaset-controller'), decisions('replicaset-controller'),
        this.opts.burstReplicas !== undefined ? { burstReplicas: this.opts.burstReplicas } : {});
    });
    add('deployment-controller', () => {
      const c = client('deployment-controller');
      return new DeploymentController(clock, c, inf, recorder(c, 'deployment-controller'), decisions('deployment-controller'));
    });
    add('serviceaccount-controller', () => new ServiceAccountController(clock, client('service-account-controller'), inf, decisions('serviceaccount-controller')));
    add('root-ca-certificate-publisher-controller', () => new RootCaCertPublisher(clock, client('root-ca-cert-publisher'), inf, decisions('root-ca-cert-publisher'), this.rootCaBundle()));
    add('namespace-controller', () => new NamespaceController(clock, client('namespace-controller'), inf, decisions('namespace-controller')));
    add('garbage-collector-controller', () => {
      const c = client('generic-garbage-collector');
      return new GarbageCollector(clock, c, inf, decisions('garbage-collector-controller'));
    });
    add('node-lifecycle-controller', () => {
      const c = client('node-controller');
      return new NodeLifecycleController(clock, c, inf, recorder(c, 'node-controller'), decisions('node-lifecycle-controller'), this.opts.nodeLifecycle ?? {});
    });
    add('taint-eviction-controller', () => {
      // As upstream: the taint-eviction controller uses node-controller's ServiceAccount.
      const c = client('node-controller');
      return new TaintEvictionController(clock, c, inf, recorder(c, 'taint-eviction-controller'), decisions('taint-eviction-controller'));
    });
    add('clusterrole-aggregation-controller', () => new ClusterRoleAggregationController(clock, client('clusterrole-aggregation-controller'), inf, decisions('clusterrole-aggregation-controller')));
    inf.start();
    for (const c of this.running.values()) c.start();
  }

  stop(): void {
    for (const c of this.running.values()) c.stop();
    this.informers.stop();
    this.running.clear();
    this.started = false;
  }

  /** SAControllerClientBuilder: get-or-create each controller's ServiceAccount as the manager itself. */
  private ensureServiceAccounts(): void {
    const root = this.d.rootClient;
    for (const name of CONTROLLER_SERVICE_ACCOUNTS) {
      try {
        root.get(RES.serviceaccounts, 'kube-system', name);
      } catch (e) {
        if (!isNotFound(e)) throw e;
        root.create(RES.serviceaccounts, 'kube-system', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'kube-system' } });
      }
    }
  }

  /** The CA bundle the root-ca publisher spreads: kube-system's copy, as the apiserver's bootstrap wrote it. */
  private rootCaBundle(): string {
    try {
      const cm = this.d.rootClient.get<KubeObject>(RES.configmaps, 'kube-system', 'kube-root-ca.crt');
      return (cm.data as Record<string, string> | undefined)?.['ca.crt'] ?? '';
    } catch {
      return '';
    }
  }
}
