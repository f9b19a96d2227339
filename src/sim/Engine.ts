// The whole simulated control plane in one object: clock, RNG, trace, etcd and kube-apiserver, bootstrapped from
// a scenario. Runs unchanged in a Web Worker, in Node (tests, the HTTP adapter) and on the main thread.
import { parseAllDocuments } from 'yaml';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { KubeObject, UserInfo } from './api/types.ts';
import { Clock } from './clock.ts';
import { Rng } from './rng.ts';
import { Tracer, type Actor } from './trace/types.ts';
import { Client } from './client/Client.ts';
import { NodeManager } from './kubelet/NodeManager.ts';
import { Scheduler } from './scheduler/Scheduler.ts';
import { ControllerManager } from './controllers/ControllerManager.ts';
import { Etcd } from './etcd/Etcd.ts';
import { ApiServer, type ApiRequest, type ApiResponse } from './apiserver/ApiServer.ts';
import { Authenticator, ServiceAccountTokens, type TokenUser } from './apiserver/authn/authenticators.ts';
import { PrivilegedGroupsAuthorizer } from './apiserver/authz/PrivilegedGroupsAuthorizer.ts';
import { NodeAuthorizer } from './apiserver/authz/NodeAuthorizer.ts';
import { RbacAuthorizer, RuleResolver, type RbacSource } from './apiserver/authz/RbacAuthorizer.ts';
import { checkBindingWrite, checkRoleWrite } from './apiserver/authz/escalation.ts';
import { forbiddenError } from './apiserver/authz/forbiddenMessage.ts';
import { UnionAuthorizer } from './apiserver/authz/unionAuthorizer.ts';
import { allBootstrapClusterRoles, bootstrapClusterRoleBindings, bootstrapNamespaceRoleBindings, bootstrapNamespaceRoles } from './apiserver/authz/bootstrapPolicy.ts';
import { defaultMutatingPlugins, defaultValidatingPlugins } from './apiserver/admission/chain.ts';
import { Store } from './apiserver/registry/Store.ts';
import { Reviews } from './apiserver/reviews.ts';
import type { TablePrinter } from './apiserver/rest.ts';
import { kindStrategy } from './apiserver/kindStrategy.ts';
import { printTable } from './apiserver/printers/table.ts';
import { applyJsonPatch } from './apiserver/patch/jsonPatch.ts';
import { applyMergePatch } from './apiserver/patch/jsonMergePatch.ts';
import { applyStrategicMergePatch } from './apiserver/patch/strategicMergePatch.ts';
import { openApiDocument, openApiIndex } from './openapi/schema.ts';
import { lookupKind, lookupResource, type ResourceInfo } from './apiserver/resources.ts';
import { defaultScenario } from './scenario/defaultScenario.ts';
import type { Scenario, ScenarioNode, ScenarioUser } from './scenario/types.ts';
import { parseApiVersion } from './api/types.ts';
import { quantityOf } from './api/quantity.ts';

export interface EngineOptions {
  /** Start the node agents and control-plane components (default true); false gives etcd + apiserver alone. */
  components?: boolean;
  /**
   * Virtual wall time at t=0, ms since the Unix epoch. The default is a fixed date (determinism); the HTTP
   * adapter passes the real time so that clients computing ages from their own clock (kubectl describe) agree.
   */
  epochMs?: number;
  /** Keep every trace event in memory (the UI and tests do; benchmarks do not). */
  record?: boolean;
  /** Virtual ms for a watch event to reach its watcher. */
  watchLatencyMs?: number;
}

/** The identity the engine's own bootstrap writes as (kube-apiserver's loopback client). */
const LOOPBACK_TOKEN = 'loopback-token';

export class Engine {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly tracer: Tracer;
  readonly etcd: Etcd;
  readonly store: Store;
  readonly apiserver: ApiServer;
  readonly saTokens: ServiceAccountTokens;
  readonly scenario: Scenario;
  /** A kubelet (with its container runtime) for every Node, as kwok runs them. */
  readonly nodes: NodeManager;
  readonly scheduler: Scheduler;
  readonly controllers: ControllerManager;
  private readonly userTokens = new Map<string, string>();
  /** Errors thrown by scheduled component work (bugs): tests assert there are none. */
  readonly taskErrors: { time: number; label: string; error: string }[] = [];

  constructor(scenario: Scenario = defaultScenario, opts: EngineOptions = {}) {
    this.scenario = scenario;
    this.clock = opts.epochMs === undefined ? new Clock() : new Clock(opts.epochMs);
    this.clock.onTaskError = (error, label) => {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.taskErrors.push({ time: this.clock.now(), label, error: text });
      this.tracer.emit(this.tracer.newSpan(), null, { type: 'note', actor: 'client', text: `task "${label}" failed: ${text}` });
    };
    this.rng = new Rng(scenario.seed);
    this.tracer = new Tracer(() => this.clock.now(), false);
    this.etcd = new Etcd();
    this.store = new Store(this.etcd);
    this.saTokens = new ServiceAccountTokens(`sa-key-${scenario.seed}`);

    const staticTokens: TokenUser[] = [{ token: LOOPBACK_TOKEN, user: { name: 'system:apiserver', uid: 'loopback', groups: ['system:masters'] } }];
    for (const u of scenario.cluster.users) {
      if (u.kind === 'token') {
        staticTokens.push({ token: u.token, user: { name: u.name, groups: u.groups ?? [] } });
        this.userTokens.set(u.name, u.token);
      }
    }

    const rbacInfo = (resource: string): ResourceInfo => lookupResource('rbac.authorization.k8s.io', 'v1', resource) as ResourceInfo;
    const rbacResources = ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].map(rbacInfo);
    const rbacSource: RbacSource = {
      getRole: (ns, name) => this.store.peek(rbacInfo('roles'), ns, name) as unknown as Role | undefined,
      listRoleBindings: (ns) => this.store.peekList(rbacInfo('rolebindings'), ns) as unknown as RoleBinding[],
      getClusterRole: (name) => this.store.peek(rbacInfo('clusterroles'), '', name) as unknown as ClusterRole | undefined,
      listClusterRoleBindings: () => this.store.peekList(rbacInfo('clusterrolebindings'), '') as unknown as ClusterRoleBinding[],
      listClusterRoles: () => this.store.peekList(rbacInfo('clusterroles'), '') as unknown as ClusterRole[],
      changeRevision: () => Math.max(...rbacResources.map((r) => this.store.changeRevision(r))),
    };
    const rbac = new RbacAuthorizer(rbacSource);
    const registryResolver = new RuleResolver(rbacSource, { notFound: 'registry' });
    // --authorization-mode=Node,RBAC, after the system:masters authorizer; the Node authorizer reads the store.
    const nodeAuthorizer = new NodeAuthorizer({
      get: (group, resource, namespace, name) => this.apiserver.reader.get(group, resource, namespace, name),
      list: (group, resource, namespace) => this.apiserver.reader.list(group, resource, namespace),
    });
    const authorizers = [new PrivilegedGroupsAuthorizer(), nodeAuthorizer, rbac];

    // The authenticator reads ServiceAccounts through the apiserver it is part of.
    const reader = {
      get: (group: string, resource: string, namespace: string, name: string) => this.apiserver.reader.get(group, resource, namespace, name),
      list: (group: string, resource: string, namespace: string) => this.apiserver.reader.list(group, resource, namespace),
    };
    const authenticator = new Authenticator(staticTokens, this.saTokens, reader);
    const union = new UnionAuthorizer(authorizers);
    this.apiserver = new ApiServer({
      clock: this.clock,
      rng: this.rng,
      tracer: this.tracer,
      store: this.store,
      authenticator,
      authorizers,
      forbidden: forbiddenError,
      mutating: defaultMutatingPlugins({ nameSuffix: () => this.rng.nameSuffix() }),
      validating: defaultValidatingPlugins({ nameSuffix: () => this.rng.nameSuffix() }),
      podLogs: (pod, container, o) => this.nodes.podLogs(pod, container, o),
      writeGuard: (info, obj, old, user, namespace, requestName) => {
        if (info.group !== 'rbac.authorization.k8s.io') return undefined;
        const req = { user, namespace, requestName, authorizer: union, resolver: registryResolver };
        if (info.kind === 'Role' || info.kind === 'ClusterRole') return checkRoleWrite(req, info.kind, obj as unknown as Role, old as unknown as Role | undefined);
        return checkBindingWrite(req, info.kind as 'RoleBinding', obj as unknown as RoleBinding, old as unknown as RoleBinding | undefined);
      },
      strategy: kindStrategy,
      printTable: (group, resource, objects, o) => printTable(group, resource, objects, o) as unknown as ReturnType<TablePrinter>,
      patch: { json: applyJsonPatch, merge: applyMergePatch, strategic: applyStrategicMergePatch },
      reviews: new Reviews(union, rbac, authenticator),
      nonResource: {
        openapi: (path) => (path === '/openapi/v3' ? openApiIndex() : openApiDocument(path.replace(/^\/openapi\/v3\//, ''))),
      },
      ...(opts.watchLatencyMs !== undefined ? { watchLatencyMs: opts.watchLatencyMs } : {}),
    });
    this.bootstrap();
    this.tracer.record = opts.record ?? true;
    this.nodes = new NodeManager({
      clock: this.clock, rng: this.rng, tracer: this.tracer,
      client: this.componentClient('client', 'system:kwok-controller', ['system:masters']),
      kubeletClient: (n) => this.componentClient(`kubelet/${n}`, `system:node:${n}`, ['system:nodes']),
    });
    this.scheduler = new Scheduler({
      clock: this.clock, rng: this.rng, tracer: this.tracer,
      client: this.componentClient('kube-scheduler', 'system:kube-scheduler'),
    });
    this.controllers = ControllerManager.forEngine(this);
    if (opts.components ?? true) {
      this.nodes.start();
      this.scheduler.start();
      this.controllers.start();
    }
  }

  /** Sends one request through the apiserver. */
  request(req: ApiRequest): ApiResponse {
    return this.apiserver.handle(req);
  }

  /**
   * A client for a control-plane component, authenticated by a client certificate as kubeadm sets them up
   * (e.g. CN=system:kube-scheduler; kubelets CN=system:node:<node>, O=system:nodes).
   */
  componentClient(actor: Actor, commonName: string, organizations: string[] = []): Client {
    return new Client(this.apiserver, { actor, clientCert: { commonName, organizations } });
  }

  /** A client authenticated with a ServiceAccount token (how the controller-manager runs each controller). */
  serviceAccountClient(actor: Actor, namespace: string, name: string): Client {
    return new Client(this.apiserver, { actor, headers: { authorization: `Bearer ${this.serviceAccountToken(namespace, name)}` } });
  }

  /** The credentials a kubeconfig user presents, as request fields. */
  credentialsFor(userName: string): Pick<ApiRequest, 'headers' | 'clientCert'> {
    const u = this.scenario.cluster.users.find((x) => x.name === userName);
    if (!u) throw new Error(`no user "${userName}" in the scenario's kubeconfig`);
    return credentialsOf(u, (ns, name) => this.serviceAccountToken(ns, name), this.userTokens);
  }

  /** A token for a ServiceAccount that exists, signed as the TokenRequest API would. */
  serviceAccountToken(namespace: string, name: string): string {
    const sa = this.store.peek(lookupResource('', 'v1', 'serviceaccounts') as ResourceInfo, namespace, name);
    return this.saTokens.issue(namespace, name, sa?.metadata?.uid ?? '', Math.floor(this.clock.wallMs() / 1000));
  }

  /** Who a kubeconfig user is, for display. */
  describeUser(userName: string): UserInfo | undefined {
    const u = this.scenario.cluster.users.find((x) => x.name === userName);
    if (!u) return undefined;
    switch (u.kind) {
      case 'token': return { name: u.name, groups: [...(u.groups ?? []), 'system:authenticated'] };
      case 'cert': return { name: u.commonName, groups: [...(u.organizations ?? []), 'system:authenticated'] };
      case 'serviceaccount': return { name: `system:serviceaccount:${u.namespace}:${u.serviceAccount}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${u.namespace}`, 'system:authenticated'] };
      case 'anonymous': return { name: 'system:anonymous', groups: ['system:unauthenticated'] };
    }
  }

  private loopback(method: string, path: string, body?: unknown): ApiResponse {
    const req: ApiRequest = { method, path, headers: { authorization: `Bearer ${LOOPBACK_TOKEN}`, 'content-type': 'application/json' }, from: 'kube-apiserver' };
    if (body !== undefined) req.body = JSON.stringify(body);
    const res = this.apiserver.handle(req);
    if (res.code >= 300) throw new Error(`bootstrap ${method} ${path}: ${JSON.stringify(res.body)}`);
    return res;
  }

  /** Creates an object as the apiserver's loopback client, at its collection path. */
  createObject(obj: KubeObject): ApiResponse {
    const { group, version } = parseApiVersion(obj.apiVersion ?? 'v1');
    const info = lookupKind(group, obj.kind ?? '');
    if (!info) throw new Error(`unknown kind ${obj.apiVersion ?? ''}/${obj.kind ?? ''}`);
    const base = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
    const ns = obj.metadata?.namespace ?? 'default';
    const path = info.namespaced ? `${base}/namespaces/${ns}/${info.resource}` : `${base}/${info.resource}`;
    return this.loopback('POST', path, obj);
  }

  private bootstrap(): void {
    const c = this.scenario.cluster;
    for (const ns of c.namespaces) this.createObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const policy: KubeObject[] = [
      ...allBootstrapClusterRoles(), ...bootstrapClusterRoleBindings(),
      ...bootstrapNamespaceRoles(), ...bootstrapNamespaceRoleBindings(),
    ] as KubeObject[];
    for (const obj of policy) this.createObject(obj);
    for (const ns of c.namespaces) {
      this.createObject({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
      this.createObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }, data: { 'ca.crt': SIM_CA_CERT } });
    }
    c.nodes.forEach((n, i) => this.createObject(nodeObject(n, i)));
    const rbacFile = this.scenario.files.find((f) => f.name === 'rbac.yaml');
    const objects = [...c.objects];
    if (rbacFile) for (const d of parseAllDocuments(rbacFile.content)) {
      const o = (Array.isArray(d) ? undefined : d.toJS()) as KubeObject | null | undefined;
      if (o && typeof o === 'object') objects.push(o);
    }
    for (const o of objects) this.createObject(o);
  }
}

function credentialsOf(u: ScenarioUser, saToken: (ns: string, name: string) => string, tokens: Map<string, string>): Pick<ApiRequest, 'headers' | 'clientCert'> {
  switch (u.kind) {
    case 'token': return { headers: { authorization: `Bearer ${tokens.get(u.name) ?? u.token}` } };
    case 'cert': return { headers: {}, clientCert: { commonName: u.commonName, organizations: u.organizations ?? [] } };
    case 'serviceaccount': return { headers: { authorization: `Bearer ${saToken(u.namespace, u.serviceAccount)}` } };
    case 'anonymous': return { headers: {} };
  }
}

/** A Node as a v1.32 kubelet registers it (kubeadm-style labels, a pod CIDR each, containerd runtime). */
export function nodeObject(n: ScenarioNode, index: number): KubeObject {
  const cap = { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '61202244Ki', ...n.capacity };
  const memKi = memoryKi(cap.memory);
  const allocatable = { ...cap, memory: `${Math.max(0, memKi - 102400)}Ki` };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': n.name, 'kubernetes.io/os': 'linux',
        ...n.labels,
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      ...(n.taints && n.taints.length > 0 ? { taints: n.taints } : {}),
      ...(n.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      capacity: { ...cap, memory: `${memKi}Ki`, 'hugepages-1Gi': '0', 'hugepages-2Mi': '0' },
      allocatable: { ...allocatable, 'hugepages-1Gi': '0', 'hugepages-2Mi': '0' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [
        { type: 'InternalIP', address: `192.168.49.${index + 2}` },
        { type: 'Hostname', address: n.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: `${(index + 1).toString(16).padStart(32, '0')}`,
        systemUUID: `${(index + 1).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
        bootID: `${(index + 11).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
        kernelVersion: '6.8.0-51-generic',
        osImage: 'Ubuntu 24.04.1 LTS',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.32.4',
        kubeProxyVersion: 'v1.32.4',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** A memory quantity in whole KiB, as a kubelet reports capacity. */
function memoryKi(q: string): number {
  const bytes = quantityOf(q)?.value ?? 8n * 1024n * 1024n * 1024n;
  return Number(bytes / 1024n);
}

const SIM_CA_CERT = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIU2ltdWxhdGVkMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV
BAMTCmt1YmVybmV0ZXMwHhcNMjYwMTE1MDkwMDAwWhcNMzYwMTEzMDkwMDAwWjAV
MRMwEQYDVQQDEwprdWJlcm5ldGVzMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIB
-----END CERTIFICATE-----
`;
