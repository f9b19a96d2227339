// models plugin/pkg/admission/priority/admission.go: resolves a pod's priorityClassName into spec.priority and
// spec.preemptionPolicy, and keeps at most one globalDefault PriorityClass.
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { isCoreResource, newForbidden, sortedByName } from './admissionErrors.ts';
import type { AdmissionAttributes, AdmissionContext, MutatingPlugin, ObjectReader, ValidatingPlugin } from './types.ts';

export const SCHEDULING_GROUP = 'scheduling.k8s.io';

interface PriorityClassFields {
  value: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}
type PriorityClass = KubeObject & PriorityClassFields;

/** The classes kube-apiserver creates at start-up (pkg/apis/scheduling: SystemPriorityClasses). They are used
 *  when the store does not hold them, so a bare simulation still resolves them. */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClass[] = [
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' }, value: 2000001000, preemptionPolicy: 'PreemptLowerPriority', description: 'Used for system critical pods that must not be moved from their current node.' },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' }, value: 2000000000, preemptionPolicy: 'PreemptLowerPriority', description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
];

function getClass(store: ObjectReader, name: string): PriorityClass | undefined {
  const stored = store.get(SCHEDULING_GROUP, 'priorityclasses', '', name) as PriorityClass | undefined;
  return stored ?? SYSTEM_PRIORITY_CLASSES.find((pc) => pc.metadata?.name === name);
}

/** With several globalDefault classes (a race upstream tolerates), the lowest value wins. */
function defaultClass(store: ObjectReader): PriorityClass | undefined {
  let chosen: PriorityClass | undefined;
  for (const pc of sortedByName(store.list(SCHEDULING_GROUP, 'priorityclasses', '') as PriorityClass[])) {
    if (pc.globalDefault && (!chosen || chosen.value > pc.value)) chosen = pc;
  }
  return chosen;
}

export class Priority implements MutatingPlugin, ValidatingPlugin {
  readonly name = 'Priority';

  handles(attrs: AdmissionAttributes): boolean {
    if (attrs.subresource !== '' || (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE')) return false;
    return isCoreResource(attrs, 'pods')
      || (attrs.resource.group === SCHEDULING_GROUP && attrs.resource.resource === 'priorityclasses');
  }

  admit(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    if (!isCoreResource(attrs, 'pods') || !attrs.object) return;
    const pod = attrs.object as Pod;
    const spec = (pod.spec ??= { containers: [] });

    if (attrs.operation === 'UPDATE') {
      // The values set on create survive an update that omits them (validation forbids changing them).
      const old = (attrs.oldObject as Pod | undefined)?.spec;
      if (spec.priority === undefined && old?.priority !== undefined) spec.priority = old.priority;
      if (spec.preemptionPolicy === undefined && old?.preemptionPolicy !== undefined) spec.preemptionPolicy = old.preemptionPolicy;
      return;
    }

    let priority: number;
    let preemptionPolicy: string | undefined;
    if (!spec.priorityClassName) {
      const dpc = defaultClass(ctx.store);
      if (dpc) {
        spec.priorityClassName = dpc.metadata?.name ?? '';
        priority = dpc.value;
        preemptionPolicy = dpc.preemptionPolicy;
      } else {
        // DefaultPriorityWhenNoDefaultClassExists
        priority = 0;
        preemptionPolicy = 'PreemptLowerPriority';
      }
    } else {
      const pc = getClass(ctx.store, spec.priorityClassName);
      if (!pc) throw newForbidden(attrs, `no PriorityClass with name ${spec.priorityClassName} was found`);
      priority = pc.value;
      preemptionPolicy = pc.preemptionPolicy;
    }

    if (spec.priority !== undefined && spec.priority !== priority) {
      throw newForbidden(attrs, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
    }
    spec.priority = priority;
    if (preemptionPolicy !== undefined) {
      if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== preemptionPolicy) {
        throw newForbidden(attrs, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${preemptionPolicy} from the given PriorityClass name`);
      }
      spec.preemptionPolicy = preemptionPolicy;
    }
  }

  validate(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    if (attrs.resource.group !== SCHEDULING_GROUP || attrs.resource.resource !== 'priorityclasses' || !attrs.object) return;
    const pc = attrs.object as PriorityClass;
    if (!pc.globalDefault) return;
    const dpc = defaultClass(ctx.store);
    if (!dpc) return;
    const other = dpc.metadata?.name ?? '';
    if (attrs.operation === 'CREATE' || (attrs.operation === 'UPDATE' && other !== pc.metadata?.name)) {
      throw newForbidden(attrs, `PriorityClass ${other} is already marked as default. Only one default can exist`);
    }
  }
}
