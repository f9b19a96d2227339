// The default-scheduler profile: its plugins per extension point in upstream order, their weights, and how a
// cycle runs them (first failing filter decides, Skip from PreFilter/PreScore turns a plugin off for the cycle).
// models pkg/scheduler/framework/runtime/framework.go and pkg/scheduler/apis/config/v1/default_plugins.go (v1.32
// MultiPoint order: PrioritySort, NodeUnschedulable, NodeName, TaintToleration(3), NodeAffinity(2), NodePorts,
// NodeResourcesFit(1), DefaultPreemption, NodeResourcesBalancedAllocation(1), ImageLocality(1), DefaultBinder).
// Volume plugins, PodTopologySpread and InterPodAffinity are not modelled.
import type { SchedulingFilterResult } from '../trace/types.ts';
import type { NodeInfo } from './NodeInfo.ts';
import type { PodInfo } from './PodInfo.ts';
import { ImageLocality } from './plugins/ImageLocality.ts';
import { NodeAffinity } from './plugins/NodeAffinity.ts';
import { NodeName } from './plugins/NodeName.ts';
import { NodePorts } from './plugins/NodePorts.ts';
import { NodeResourcesBalancedAllocation } from './plugins/NodeResourcesBalancedAllocation.ts';
import { NodeResourcesFit } from './plugins/NodeResourcesFit.ts';
import { NodeUnschedulable } from './plugins/NodeUnschedulable.ts';
import { TaintToleration } from './plugins/TaintToleration.ts';
import type { ClusterEvent, CycleState, EnqueuePlugin, FilterPlugin, FrameworkHandle, PreFilterPlugin, ScorePlugin, Status } from './types.ts';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** Where the framework finds pods nominated to a node (the queue's nominator). */
export interface Nominator {
  nominatedPodsForNode(nodeName: string): PodInfo[];
  hasNominatedPods(): boolean;
}

export class Framework {
  readonly profileName = DEFAULT_SCHEDULER_NAME;
  readonly preFilterPlugins: PreFilterPlugin[];
  readonly filterPlugins: FilterPlugin[];
  readonly scorePlugins: ScorePlugin[];
  private readonly eventPlugins = new Map<ClusterEvent, Set<string>>();

  constructor(readonly handle: FrameworkHandle, private readonly nominator: Nominator) {
    const nodeUnschedulable = new NodeUnschedulable();
    const nodeName = new NodeName();
    const taints = new TaintToleration();
    const affinity = new NodeAffinity();
    const ports = new NodePorts();
    const fit = new NodeResourcesFit();
    const balanced = new NodeResourcesBalancedAllocation();
    const images = new ImageLocality(handle);
    this.preFilterPlugins = [affinity, ports];
    this.filterPlugins = [nodeUnschedulable, nodeName, taints, affinity, ports, fit];
    this.scorePlugins = [taints, affinity, fit, balanced, images];
    const enqueue: EnqueuePlugin[] = [nodeUnschedulable, nodeName, taints, affinity, ports, fit];
    for (const p of enqueue) {
      for (const e of p.events) {
        let s = this.eventPlugins.get(e);
        if (!s) this.eventPlugins.set(e, (s = new Set()));
        s.add(p.name);
      }
    }
  }

  /** Plugins registered for a cluster event. */
  pluginsFor(e: ClusterEvent): ReadonlySet<string> {
    return this.eventPlugins.get(e) ?? EMPTY_SET;
  }

  /** RunPreFilterPlugins: the first rejection wins; Skip switches the plugin's Filter off for this cycle. */
  runPreFilter(state: CycleState, pod: PodInfo, trace?: SchedulingFilterResult[]): Status | null {
    let rejected: Status | null = null;
    for (const p of this.preFilterPlugins) {
      const s = p.preFilter(state, pod);
      trace?.push({ plugin: p.name, status: s === null ? 'Success' : s.code, reasons: s ? [...s.reasons] : [] });
      if (s === null) continue;
      if (s.code === 'Skip') {
        state.skipFilter.add(p.name);
        continue;
      }
      rejected = s;
      break;
    }
    const skip = state.skipFilter;
    // Untraced cycles also leave out filters that cannot fail for this pod: same outcome, fewer calls per node.
    state.filters = this.filterPlugins.filter((p) => !skip.has(p.name) && (trace !== undefined || !p.alwaysPasses?.(pod)));
    state.nominatedPods = this.nominator.hasNominatedPods();
    return rejected;
  }

  /** RunFilterPlugins: stops at the first plugin that does not answer Success. */
  runFilter(state: CycleState, pod: PodInfo, node: NodeInfo, trace?: SchedulingFilterResult[]): Status | null {
    if (trace) return this.runFilterTraced(state, pod, node, trace);
    const plugins = state.filters;
    for (let i = 0; i < plugins.length; i++) {
      const s = (plugins[i] as FilterPlugin).filter(state, pod, node);
      if (s !== null) return s;
    }
    return null;
  }

  private runFilterTraced(state: CycleState, pod: PodInfo, node: NodeInfo, trace: SchedulingFilterResult[]): Status | null {
    for (const p of this.filterPlugins) {
      if (state.skipFilter.has(p.name)) {
        trace.push({ plugin: p.name, status: 'Skip', reasons: [] });
        continue;
      }
      const s = p.filter(state, pod, node);
      trace.push({ plugin: p.name, status: s === null ? 'Success' : s.code, reasons: s ? [...s.reasons] : [] });
      if (s !== null) return s;
    }
    return null;
  }

  /**
   * RunFilterPluginsWithNominatedPods: if pods of equal or higher priority are nominated to the node, the filters
   * must pass both with them counted as running and without them.
   */
  runFilterWithNominated(state: CycleState, pod: PodInfo, node: NodeInfo, trace?: SchedulingFilterResult[]): Status | null {
    if (state.nominatedPods) {
      const nominated = this.nominator.nominatedPodsForNode(node.name).filter((p) => p.uid !== pod.uid && p.priority >= pod.priority);
      if (nominated.length > 0) {
        const withNominated = node.clone();
        for (const p of nominated) withNominated.addPod(p);
        const s = this.runFilter(state, pod, withNominated, trace);
        if (s !== null) return s;
        if (trace) trace.length = 0;
      }
    }
    return this.runFilter(state, pod, node, trace);
  }
}

const EMPTY_SET: ReadonlySet<string> = new Set();
