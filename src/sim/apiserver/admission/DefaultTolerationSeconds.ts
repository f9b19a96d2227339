// models plugin/pkg/admission/defaulttolerationseconds/admission.go: every pod tolerates the node lifecycle taints
// for a while (the --default-not-ready/unreachable-toleration-seconds flags, 300 by default) before eviction.
import type { Pod, Toleration } from 'kubernetes-types/core/v1';
import { isCoreResource } from './admissionErrors.ts';
import type { AdmissionAttributes, AdmissionContext, MutatingPlugin } from './types.ts';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

export interface DefaultTolerationSecondsOptions {
  notReadySeconds?: number;
  unreachableSeconds?: number;
}

/** A toleration with no key tolerates every taint; one with no effect tolerates every effect. */
function tolerates(t: Toleration, key: string): boolean {
  return (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect);
}

export class DefaultTolerationSeconds implements MutatingPlugin {
  readonly name = 'DefaultTolerationSeconds';
  private readonly notReadySeconds: number;
  private readonly unreachableSeconds: number;

  constructor(opts: DefaultTolerationSecondsOptions = {}) {
    this.notReadySeconds = opts.notReadySeconds ?? 300;
    this.unreachableSeconds = opts.unreachableSeconds ?? 300;
  }

  handles(attrs: AdmissionAttributes): boolean {
    return (attrs.operation === 'CREATE' || attrs.operation === 'UPDATE')
      && isCoreResource(attrs, 'pods') && attrs.subresource === '' && attrs.object !== undefined;
  }

  admit(attrs: AdmissionAttributes, _ctx: AdmissionContext): void {
    const pod = attrs.object as Pod;
    const spec = (pod.spec ??= { containers: [] });
    const existing = spec.tolerations ?? [];
    const add: Toleration[] = [];
    if (!existing.some((t) => tolerates(t, TAINT_NODE_NOT_READY))) {
      add.push({ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: this.notReadySeconds });
    }
    if (!existing.some((t) => tolerates(t, TAINT_NODE_UNREACHABLE))) {
      add.push({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: this.unreachableSeconds });
    }
    if (add.length > 0) spec.tolerations = [...existing, ...add];
  }
}
