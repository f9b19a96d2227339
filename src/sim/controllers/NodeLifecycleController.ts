// models pkg/controller/nodelifecycle/node_lifecycle_controller.go (v1.32): every nodeMonitorPeriod (5s) each
// node's health is probed from its Ready condition's heartbeat and its Lease in kube-node-lease; a node silent for
// longer than nodeMonitorGracePeriod (50s since v1.32; nodeStartupGracePeriod 60s for a node that never posted)
// has Ready, MemoryPressure, DiskPressure and PIDPressure set to Unknown ("Kubelet stopped posting node status."),
// a NodeNotReady event, its pods marked not ready, and — through the rate-limited per-zone tainter (0.1 node/s,
// stopped when every zone is fully disrupted) — the node.kubernetes.io/unreachable (or not-ready):NoExecute taint.
// Conditions and spec.unschedulable map to NoSchedule taints as soon as the node changes (TaintNodesByCondition).
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition, Pod, Taint } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import type { Clock, ScheduledTask } from '../clock.ts';
import { isNotFound, type Client } from '../client/Client.ts';
import type { EventRecorder } from '../client/EventRecorder.ts';
import { RES } from '../client/paths.ts';
import { isPodReady, timeMs } from './controllerUtils.ts';
import type { Decisions } from './decisions.ts';
import { errorText } from './ReplicaSetController.ts';
import type { PodIndex, SharedInformers, TypedInformer } from './SharedInformers.ts';
import { NOT_READY, UNREACHABLE, UNSCHEDULABLE, swapNodeTaints, taintExists } from './taints.ts';
import { WorkQueue } from './WorkQueue.ts';

export interface NodeLifecycleOptions {
  nodeMonitorPeriodMs?: number;
  nodeMonitorGracePeriodMs?: number;
  nodeStartupGracePeriodMs?: number;
  nodeEvictionRate?: number;
  secondaryNodeEvictionRate?: number;
  largeClusterSizeThreshold?: number;
  unhealthyZoneThreshold?: number;
}

const UNREACHABLE_NOEXEC: Taint = { key: UNREACHABLE, effect: 'NoExecute' };
const NOT_READY_NOEXEC: Taint = { key: NOT_READY, effect: 'NoExecute' };
/** nodeEvictionPeriod: how often the NoExecute tainter runs. */
const TAINTER_PERIOD_MS = 100;

/** nodeConditionToTaintKeyStatusMap. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: NOT_READY, Unknown: UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

interface Health {
  probeMs: number;
  readyTransitionMs: number;
  /** The Ready condition as last seen (nodeHealthData.status). */
  saved: NodeCondition | undefined;
  leaseRenew: number | undefined;
}

/** A token bucket (flowcontrol.NewTokenBucketRateLimiter with burst 1) on the virtual clock; qps 0 rejects all. */
class TokenBucket {
  private tokens = 1;
  private last: number;
  constructor(private readonly clock: Clock, readonly qps: number) {
    this.last = clock.now();
  }
  tryAccept(): boolean {
    if (this.qps <= 0) return false;
    const now = this.clock.now();
    this.tokens = Math.min(1, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface ZoneTainter {
  queue: string[];
  limiter: TokenBucket;
}

export class NodeLifecycleController {
  private readonly nodes: TypedInformer<Node>;
  private readonly leases: TypedInformer<Lease>;
  private readonly pods: PodIndex;
  private readonly noScheduleQueue: WorkQueue;
  private readonly health = new Map<string, Health>();
  private readonly zones = new Map<string, ZoneState>();
  private readonly tainters = new Map<string, ZoneTainter>();
  private readonly o: Required<NodeLifecycleOptions>;
  private monitorTask: ScheduledTask | undefined;
  private tainterTask: ScheduledTask | undefined;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly client: Client,
    informers: SharedInformers,
    private readonly recorder: EventRecorder,
    private readonly decisions: Decisions,
    opts: NodeLifecycleOptions = {},
  ) {
    this.o = {
      nodeMonitorPeriodMs: opts.nodeMonitorPeriodMs ?? 5000,
      nodeMonitorGracePeriodMs: opts.nodeMonitorGracePeriodMs ?? 50_000,
      nodeStartupGracePeriodMs: opts.nodeStartupGracePeriodMs ?? 60_000,
      nodeEvictionRate: opts.nodeEvictionRate ?? 0.1,
      secondaryNodeEvictionRate: opts.secondaryNodeEvictionRate ?? 0.01,
      largeClusterSizeThreshold: opts.largeClusterSizeThreshold ?? 50,
      unhealthyZoneThreshold: opts.unhealthyZoneThreshold ?? 0.55,
    };
    this.pods = informers.pods();
    this.nodes = informers.informer<Node>(RES.nodes);
    this.leases = informers.informer<Lease>(RES.leases, 'kube-node-lease');
    this.noScheduleQueue = new WorkQueue(clock, 'node-lifecycle noSchedule', (n) => this.doNoScheduleTaintingPass(n), (k, e) => this.decisions.decide(`node ${k}`, 'error', errorText(e)));
    this.nodes.addHandlers({
      onAdd: (n) => {
        const name = n.metadata?.name ?? '';
        this.zoneTainter(zoneKey(n));
        this.recorder.event(nodeRef(n), 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
        this.noScheduleQueue.add(name);
      },
      onUpdate: (_a, b) => this.noScheduleQueue.add(b.metadata?.name ?? ''),
      onDelete: (n) => {
        const name = n.metadata?.name ?? '';
        this.health.delete(name);
        for (const t of this.tainters.values()) t.queue = t.queue.filter((x) => x !== name);
      },
    });
  }

  start(): void {
    this.stopped = false;
    this.monitor();
  }

  stop(): void {
    this.stopped = true;
    if (this.monitorTask) this.clock.cancel(this.monitorTask);
    if (this.tainterTask) this.clock.cancel(this.tainterTask);
    this.noScheduleQueue.stop();
  }

  private zoneTainter(zone: string): ZoneTainter {
    let t = this.tainters.get(zone);
    if (!t) this.tainters.set(zone, (t = { queue: [], limiter: new TokenBucket(this.clock, this.o.nodeEvictionRate) }));
    return t;
  }

  // ---- monitorNodeHealth ---------------------------------------------------------------------------------------

  private monitor(): void {
    if (this.stopped) return;
    try {
      this.monitorNodeHealth();
    } finally {
      if (!this.stopped) this.monitorTask = this.clock.schedule(this.o.nodeMonitorPeriodMs, 'node-lifecycle monitorNodeHealth', () => this.monitor());
    }
  }

  private monitorNodeHealth(): void {
    const zoneConditions = new Map<string, (NodeCondition | undefined)[]>();
    const nodes = this.nodes.list();
    for (const cached of nodes) {
      const node = JSON.parse(JSON.stringify(cached)) as Node;
      const name = node.metadata?.name ?? '';
      let observed: NodeCondition;
      let current: NodeCondition | undefined;
      try {
        [observed, current] = this.tryUpdateNodeHealth(node);
      } catch (e) {
        this.decisions.decide(`node ${name}`, 'error', errorText(e));
        continue;
      }
      if (node.metadata?.labels?.['node.kubernetes.io/exclude-disruption'] === undefined) {
        const z = zoneKey(node);
        const list = zoneConditions.get(z) ?? [];
        list.push(current);
        zoneConditions.set(z, list);
      }
      if (!current) continue;
      this.processTaintBaseEviction(node, observed);
      if (current.status !== 'True' && observed.status === 'True') {
        this.decisions.run(`node ${name}`, [this.client], () => {
          this.decisions.decide(`node ${name}`, 'not-ready', `Ready is now ${current.status ?? ''}: ${current.message ?? ''}`);
          this.recorder.event(nodeRef(node), 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
          this.markPodsNotReady(name);
        });
      }
    }
    this.handleDisruption(zoneConditions, nodes);
  }

  /** tryUpdateNodeHealth: returns the Ready condition as observed and as it is after this pass. */
  private tryUpdateNodeHealth(node: Node): [NodeCondition, NodeCondition | undefined] {
    const name = node.metadata?.name ?? '';
    const now = this.clock.now();
    const conditions = (node.status?.conditions ?? []);
    let current = conditions.find((c) => c.type === 'Ready');
    let observed: NodeCondition;
    let grace: number;
    let h = this.health.get(name);
    if (!current) {
      const created = node.metadata?.creationTimestamp;
      observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: created, lastTransitionTime: created } as NodeCondition;
      grace = this.o.nodeStartupGracePeriodMs;
      if (!h) {
        const c = this.virtualMs(created);
        h = { probeMs: c, readyTransitionMs: c, saved: undefined, leaseRenew: undefined };
      }
    } else {
      observed = { ...current };
      grace = this.o.nodeMonitorGracePeriodMs;
    }
    if (!h) {
      h = { probeMs: now, readyTransitionMs: now, saved: current, leaseRenew: undefined };
    } else if (!h.saved && current) {
      h = { ...h, probeMs: now, readyTransitionMs: now, saved: current };
    } else if (h.saved && !current) {
      h = { ...h, probeMs: now, readyTransitionMs: now, saved: undefined };
    } else if (h.saved && current && h.saved.lastHeartbeatTime !== current.lastHeartbeatTime) {
      const transitioned = h.saved.lastTransitionTime !== current.lastTransitionTime;
      h = { ...h, probeMs: now, readyTransitionMs: transitioned ? now : h.readyTransitionMs, saved: current };
    }
    // A renewed Lease counts as a heartbeat.
    const lease = this.leases.get('kube-node-lease', name);
    const renew = timeMs(lease?.spec?.renewTime ?? undefined);
    if (renew !== undefined && (h.leaseRenew === undefined || h.leaseRenew < renew)) h = { ...h, leaseRenew: renew, probeMs: now };
    this.health.set(name, h);

    if (now > h.probeMs + grace) {
      const ts = this.clock.timestamp();
      const status = ((node as { status?: object }).status ??= {}) as { conditions?: NodeCondition[] };
      const list = (status.conditions ??= []);
      for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
        const c = list.find((x) => x.type === type);
        if (!c) {
          list.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata?.creationTimestamp, lastTransitionTime: ts } as NodeCondition);
        } else if (c.status !== 'Unknown') {
          Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: ts });
        }
      }
      current = list.find((x) => x.type === 'Ready');
      if (JSON.stringify(current) !== JSON.stringify(observed)) {
        this.decisions.run(`node ${name}`, [this.client], () => {
          this.decisions.decide(`node ${name}`, 'unknown', () => `no heartbeat for ${Math.round((now - h.probeMs) / 1000)}s (grace ${grace / 1000}s): conditions set to Unknown`);
          this.client.update(RES.nodes, '', node as KubeObject, 'status');
        });
        this.health.set(name, { ...h, readyTransitionMs: now, saved: current ? { ...current } : undefined });
      }
    }
    return [observed, current];
  }

  private virtualMs(ts: string | undefined): number {
    const wall = timeMs(ts);
    return wall === undefined ? this.clock.now() : wall - this.clock.epochMs;
  }

  /** MarkPodsNotReady: the Ready condition of the node's pods goes False, with a NodeNotReady event each. */
  private markPodsNotReady(nodeName: string): void {
    for (const p of this.pods.onNode(nodeName)) {
      if (!isPodReady(p)) continue;
      const pod = JSON.parse(JSON.stringify(p)) as Pod;
      const conds = pod.status?.conditions ?? [];
      const c = conds.find((x) => x.type === 'Ready');
      if (!c) continue;
      Object.assign(c, { status: 'False', lastTransitionTime: this.clock.timestamp() });
      try {
        this.client.update(RES.pods, pod.metadata?.namespace ?? '', pod as KubeObject, 'status');
      } catch (e) {
        if (isNotFound(e)) continue;
        throw e;
      }
      this.recorder.event(pod as KubeObject, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }

  // ---- NoExecute taints (taint-based eviction) -----------------------------------------------------------------

  private processTaintBaseEviction(node: Node, observed: NodeCondition): void {
    const name = node.metadata?.name ?? '';
    const taints = node.spec?.taints ?? [];
    const tainter = this.zoneTainter(zoneKey(node));
    const queue = (): void => {
      if (!tainter.queue.includes(name)) {
        tainter.queue.push(name);
        this.scheduleTainter();
      }
    };
    switch (observed.status) {
      case 'False':
        if (taintExists(taints, UNREACHABLE_NOEXEC)) this.swap(name, [NOT_READY_NOEXEC], [UNREACHABLE_NOEXEC]);
        else {
          if (!taintExists(taints, NOT_READY_NOEXEC)) tainter.queue = tainter.queue.filter((x) => x !== name);
          queue();
        }
        break;
      case 'Unknown':
        if (taintExists(taints, NOT_READY_NOEXEC)) this.swap(name, [UNREACHABLE_NOEXEC], [NOT_READY_NOEXEC]);
        else {
          if (!taintExists(taints, UNREACHABLE_NOEXEC)) tainter.queue = tainter.queue.filter((x) => x !== name);
          queue();
        }
        break;
      case 'True':
        this.markNodeAsReachable(node);
        break;
      default:
        break;
    }
  }

  private markNodeAsReachable(node: Node): void {
    const name = node.metadata?.name ?? '';
    const taints = node.spec?.taints ?? [];
    if (taintExists(taints, UNREACHABLE_NOEXEC) || taintExists(taints, NOT_READY_NOEXEC)) {
      this.decisions.decide(`node ${name}`, 'reachable', 'node is ready again: removing NoExecute taints');
      this.swap(name, [], [UNREACHABLE_NOEXEC, NOT_READY_NOEXEC]);
    }
    for (const t of this.tainters.values()) t.queue = t.queue.filter((x) => x !== name);
  }

  private swap(name: string, add: Taint[], remove: Taint[]): void {
    this.decisions.run(`node ${name}`, [this.client], () => {
      try {
        if (swapNodeTaints(this.client, this.clock, name, add, remove)) {
          this.decisions.decide(`node ${name}`, 'taint', () => [...add.map((t) => `+${t.key}:${t.effect}`), ...remove.map((t) => `-${t.key}:${t.effect}`)].join(' '));
        }
      } catch (e) {
        if (!isNotFound(e)) this.decisions.decide(`node ${name}`, 'error', errorText(e));
      }
    });
  }

  private scheduleTainter(): void {
    if (this.tainterTask || this.stopped) return;
    this.tainterTask = this.clock.schedule(TAINTER_PERIOD_MS, 'node-lifecycle doNoExecuteTaintingPass', () => {
      this.tainterTask = undefined;
      this.doNoExecuteTaintingPass();
      if ([...this.tainters.values()].some((t) => t.queue.length > 0)) this.scheduleTainter();
    });
  }

  private doNoExecuteTaintingPass(): void {
    for (const t of this.tainters.values()) {
      while (t.queue.length > 0) {
        const name = t.queue[0] as string;
        if (!t.limiter.tryAccept()) break;
        t.queue.shift();
        const node = this.nodes.get('', name);
        const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
        if (!node || !ready) continue;
        if (ready.status === 'False') this.swap(name, [NOT_READY_NOEXEC], [UNREACHABLE_NOEXEC]);
        else if (ready.status === 'Unknown') this.swap(name, [UNREACHABLE_NOEXEC], [NOT_READY_NOEXEC]);
      }
    }
  }

  /** handleDisruption: zone states set the tainters' rates; all zones fully disrupted stops NoExecute tainting. */
  private handleDisruption(zoneConditions: Map<string, (NodeCondition | undefined)[]>, nodes: Node[]): void {
    const newStates = new Map<string, ZoneState>();
    let allAre = true;
    for (const [zone, conds] of zoneConditions) {
      const ready = conds.filter((c) => c?.status === 'True').length;
      const notReady = conds.length - ready;
      let s: ZoneState = 'Normal';
      if (ready === 0 && notReady > 0) s = 'FullDisruption';
      else if (notReady > 2 && notReady / (notReady + ready) >= this.o.unhealthyZoneThreshold) s = 'PartialDisruption';
      newStates.set(zone, s);
      if (s !== 'FullDisruption') allAre = false;
      if (!this.zones.has(zone)) this.zones.set(zone, 'Initial');
    }
    let allWas = true;
    for (const [zone, s] of [...this.zones]) {
      if (!zoneConditions.has(zone)) {
        this.zones.delete(zone);
        continue;
      }
      if (s !== 'FullDisruption') {
        allWas = false;
        break;
      }
    }
    if (allAre && allWas) return;
    if (allAre) {
      this.decisions.decide('zones', 'master-disruption', 'Controller detected that all Nodes are not-Ready. Entering master disruption mode');
      for (const n of nodes) this.markNodeAsReachable(n);
      for (const zone of this.zones.keys()) {
        this.setRate(zone, 0);
        this.zones.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWas) {
      this.decisions.decide('zones', 'master-disruption', 'Controller detected that some Nodes are Ready. Exiting master disruption mode');
      const now = this.clock.now();
      for (const n of nodes) {
        const h = this.health.get(n.metadata?.name ?? '');
        if (h) this.health.set(n.metadata?.name ?? '', { ...h, probeMs: now, readyTransitionMs: now });
      }
      for (const zone of this.zones.keys()) {
        const s = newStates.get(zone) ?? 'Normal';
        this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, s);
        this.zones.set(zone, s);
      }
      return;
    }
    for (const [zone, s] of [...this.zones]) {
      const next = newStates.get(zone) ?? 'Normal';
      if (s === next) continue;
      this.decisions.decide(`zone ${zone}`, 'zone-state', `zone is now in state ${next}`);
      this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, next);
      this.zones.set(zone, next);
    }
  }

  private setLimiterInZone(zone: string, size: number, state: ZoneState): void {
    if (state === 'PartialDisruption') this.setRate(zone, size > this.o.largeClusterSizeThreshold ? this.o.secondaryNodeEvictionRate : 0);
    else this.setRate(zone, this.o.nodeEvictionRate);
  }

  private setRate(zone: string, qps: number): void {
    const t = this.zoneTainter(zone);
    if (t.limiter.qps !== qps) t.limiter = new TokenBucket(this.clock, qps);
  }

  // ---- NoSchedule taints (TaintNodesByCondition) ---------------------------------------------------------------

  private doNoScheduleTaintingPass(name: string): void {
    const node = this.nodes.get('', name);
    if (!node) return;
    const want: Taint[] = [];
    for (const c of node.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) want.push({ key, effect: 'NoSchedule' });
    }
    if (node.spec?.unschedulable) want.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
    const have = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)));
    const add = want.filter((w) => !have.some((h) => h.key === w.key));
    const del = have.filter((h) => !want.some((w) => w.key === h.key));
    if (add.length === 0 && del.length === 0) return;
    this.swap(name, add, del);
  }
}

/** nodetopology.GetZoneKey: region and zone labels (GA, then beta), "" when neither is set. */
function zoneKey(node: Node): string {
  const l = node.metadata?.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

function nodeRef(n: Node): KubeObject {
  // RecordNodeEvent's reference: kind Node, the node's name and uid, no namespace (events go to "default").
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: n.metadata?.name ?? '', uid: n.metadata?.uid ?? '' } };
}
