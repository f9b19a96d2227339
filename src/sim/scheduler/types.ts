// The scheduling framework's vocabulary: statuses, plugin extension points and the per-cycle state.
// models pkg/scheduler/framework/interface.go (Status codes, plugin interfaces) without the parts no default
// plugin of our profile uses (PreEnqueue, QueueSort as a plugin, Permit waiting, extenders).
import type { NodeInfo } from './NodeInfo.ts';
import type { PodInfo } from './PodInfo.ts';

/** framework.Code. Success is represented by `null` on the hot path (no allocation per node). */
export type StatusCode = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

export interface Status {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
  /** The plugin that returned it (set by the framework). */
  readonly plugin: string;
}

export function newStatus(code: StatusCode, plugin: string, ...reasons: string[]): Status {
  return { code, reasons, plugin };
}

/** Status.Message(): the reasons joined by ", ". */
export function statusMessage(s: Status | null): string {
  return s === null ? '' : s.reasons.join(', ');
}

/** Status.IsRejected(): Unschedulable, UnschedulableAndUnresolvable or Pending. */
export function isRejected(s: Status | null): boolean {
  return s !== null && (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable' || s.code === 'Pending');
}

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

/** Per-cycle scratch space that plugins fill in PreFilter/PreScore and read in Filter/Score (framework.CycleState). */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins that answered Skip in PreFilter: their Filter is not run this cycle. */
  readonly skipFilter = new Set<string>();
  /** The Filter plugins to run this cycle (the profile's minus the skipped), set by the framework's PreFilter. */
  filters: readonly FilterPlugin[] = [];
  /** Whether any pod is nominated to a node this cycle (decided once, not per node). */
  nominatedPods = false;
  /** Plugins that answered Skip in PreScore: their Score is not run this cycle. */
  readonly skipScore = new Set<string>();

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
}

/** What a plugin may ask of the scheduler (framework.Handle, reduced to what the default plugins use). */
export interface FrameworkHandle {
  /** Every node of the snapshot, in the scheduler's iteration order. */
  nodes(): readonly NodeInfo[];
  /** Number of nodes holding an image, for ImageLocality's spread. */
  imageNodeCount(image: string): number;
}

export interface Plugin {
  readonly name: string;
}

export interface PreFilterPlugin extends Plugin {
  /** null = Success; a Skip status means Filter is not run for this pod. */
  preFilter(state: CycleState, pod: PodInfo): Status | null;
}

export interface FilterPlugin extends Plugin {
  /** null = Success. Must not mutate the NodeInfo. */
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
  /**
   * True when Filter cannot reject this pod on any node (e.g. NodeName for a pod naming no node). The framework
   * then leaves it out of untraced cycles; the outcome is the same, the trace still shows it run.
   */
  alwaysPasses?(pod: PodInfo): boolean;
}

export interface ScorePlugin extends Plugin {
  /** Weight in the default profile (multiplies the normalized score). */
  readonly weight: number;
  /** null = Success; a Skip status means Score is not run for this pod. */
  preScore?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null;
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  /** ScoreExtensions.NormalizeScore: rewrites `scores` (one per node, same order) into [0, MaxNodeScore]. */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: number[]): void;
}

/** Cluster events that can make an unschedulable pod schedulable (framework.ClusterEvent, reduced). */
export type ClusterEvent =
  | 'NodeAdd'
  | 'NodeUpdateAllocatable'
  | 'NodeUpdateLabel'
  | 'NodeUpdateTaint'
  | 'NodeUpdateOther'
  | 'AssignedPodDelete'
  | 'UnscheduledPodUpdate';

/** EnqueueExtensions.EventsToRegister: the events after which a pod this plugin rejected is worth retrying. */
export interface EnqueuePlugin extends Plugin {
  readonly events: readonly ClusterEvent[];
}
