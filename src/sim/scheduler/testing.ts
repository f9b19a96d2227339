// Builders for the scheduler's unit tests: Nodes and Pods as the API returns them, and their scheduler views.
import type { Container, Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { NodeInfo } from './NodeInfo.ts';
import { podInfoOf, type PodInfo } from './PodInfo.ts';
import { CycleState } from './types.ts';

export interface NodeSpec {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
  extra?: Record<string, string>;
}

export function makeNode(name: string, s: NodeSpec = {}): Node {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...s.labels } },
    spec: { ...(s.taints ? { taints: s.taints } : {}), ...(s.unschedulable ? { unschedulable: true } : {}) },
    status: {
      allocatable: { cpu: s.cpu ?? '4', memory: s.memory ?? '8Gi', pods: s.pods ?? '110', ...s.extra },
      capacity: { cpu: s.cpu ?? '4', memory: s.memory ?? '8Gi', pods: s.pods ?? '110', ...s.extra },
      ...(s.images ? { images: s.images } : {}),
    },
  };
}

export function makeNodeInfo(name: string, s: NodeSpec = {}, pods: PodInfo[] = []): NodeInfo {
  const n = new NodeInfo(name, makeNode(name, s));
  for (const p of pods) n.addPod({ ...p, nodeName: name });
  return n;
}

export interface PodSpecLite {
  uid?: string;
  namespace?: string;
  requests?: Record<string, string>;
  containers?: Container[];
  initContainers?: Container[];
  overhead?: Record<string, string>;
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: NonNullable<Pod['spec']>['affinity'];
  priority?: number;
  hostPorts?: { hostPort: number; hostIP?: string; protocol?: string }[];
  image?: string;
  startTime?: string;
}

let uidSeq = 0;

export function makePod(name: string, s: PodSpecLite = {}): Pod {
  const container: Container = {
    name: 'c', image: s.image ?? 'nginx',
    ...(s.requests ? { resources: { requests: s.requests } } : {}),
    ...(s.hostPorts ? { ports: s.hostPorts.map((p) => ({ containerPort: p.hostPort, ...p })) } : {}),
  };
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: s.namespace ?? 'default', uid: s.uid ?? `uid-${name}-${++uidSeq}` },
    spec: {
      containers: s.containers ?? [container],
      ...(s.initContainers ? { initContainers: s.initContainers } : {}),
      ...(s.overhead ? { overhead: s.overhead } : {}),
      ...(s.nodeName ? { nodeName: s.nodeName } : {}),
      ...(s.nodeSelector ? { nodeSelector: s.nodeSelector } : {}),
      ...(s.tolerations ? { tolerations: s.tolerations } : {}),
      ...(s.affinity ? { affinity: s.affinity } : {}),
      ...(s.priority !== undefined ? { priority: s.priority } : {}),
      schedulerName: 'default-scheduler',
    },
    status: { phase: 'Pending', ...(s.startTime ? { startTime: s.startTime } : {}) },
  };
}

export function makePodInfo(name: string, s: PodSpecLite = {}): PodInfo {
  return podInfoOf(makePod(name, s));
}

export function cycle(): CycleState {
  return new CycleState();
}
