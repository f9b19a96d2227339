// models plugin/pkg/admission/noderestriction/admission.go: a kubelet may only change its own Node (not its taints
// nor restricted labels), the status of pods bound to it, delete pods bound to it, create mirror pods bound to it,
// and its own Lease. Simplified: no PVC status, CSINode or ResourceSlice cases.
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { nodeIdentity } from '../authz/NodeAuthorizer.ts';
import { isCoreResource, newForbidden } from './admissionErrors.ts';
import type { AdmissionAttributes, AdmissionContext, MutatingPlugin } from './types.ts';
import { errors } from '../../api/status.ts';

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** kubeletapis.IsKubeletLabel: the kubernetes.io / k8s.io labels a kubelet may set on its Node. */
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region', 'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type', 'kubernetes.io/os', 'kubernetes.io/arch', 'beta.kubernetes.io/os', 'beta.kubernetes.io/arch',
]);
const KUBELET_LABEL_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

function labelNamespace(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? '' : key.slice(0, i);
}

function isKubeletLabel(key: string): boolean {
  if (KUBELET_LABELS.has(key)) return true;
  const ns = labelNamespace(key);
  return KUBELET_LABEL_NAMESPACES.some((n) => ns === n || ns.endsWith(`.${n}`));
}

function isKubernetesLabel(key: string): boolean {
  const ns = labelNamespace(key);
  return ns === 'kubernetes.io' || ns.endsWith('.kubernetes.io') || ns === 'k8s.io' || ns.endsWith('.k8s.io');
}

function modifiedLabels(a: Record<string, string> = {}, b: Record<string, string> = {}): string[] {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(a)) if (b[k] !== v) out.add(k);
  for (const [k, v] of Object.entries(b)) if (a[k] !== v) out.add(k);
  return [...out];
}

function forbiddenLabels(keys: string[]): string[] {
  return keys.filter((k) => {
    const ns = labelNamespace(k);
    if (ns === 'node-restriction.kubernetes.io' || ns.endsWith('.node-restriction.kubernetes.io')) return true;
    return isKubernetesLabel(k) && !isKubeletLabel(k);
  }).sort();
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export class NodeRestriction implements MutatingPlugin {
  readonly name = 'NodeRestriction';

  handles(attrs: AdmissionAttributes): boolean {
    return attrs.operation !== 'CONNECT' && nodeIdentity(attrs.userInfo) !== undefined;
  }

  admit(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    const nodeName = nodeIdentity(attrs.userInfo)?.nodeName ?? '';
    if (nodeName === '') throw newForbidden(attrs, `could not determine node from user "${attrs.userInfo.name}"`);
    if (isCoreResource(attrs, 'pods')) {
      switch (attrs.subresource) {
        case '': return this.pod(nodeName, attrs, ctx);
        case 'status': return this.podStatus(nodeName, attrs);
        case 'eviction': return this.eviction(nodeName, attrs, ctx);
        default: throw newForbidden(attrs, `unexpected pod subresource "${attrs.subresource}", only 'status' and 'eviction' are allowed`);
      }
    }
    if (isCoreResource(attrs, 'nodes')) return this.node(nodeName, attrs);
    if (isCoreResource(attrs, 'serviceaccounts')) return this.serviceAccount(nodeName, attrs, ctx);
    if (attrs.resource.group === 'coordination.k8s.io' && attrs.resource.resource === 'leases') return this.lease(nodeName, attrs);
  }

  private pod(nodeName: string, attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    if (attrs.operation === 'CREATE') {
      const pod = attrs.object as Pod;
      if (!Object.hasOwn(pod.metadata?.annotations ?? {}, MIRROR_POD_ANNOTATION)) {
        throw newForbidden(attrs, `pod does not have "${MIRROR_POD_ANNOTATION}" annotation, node "${nodeName}" can only create mirror pods`);
      }
      if (pod.spec?.nodeName !== nodeName) throw newForbidden(attrs, `node "${nodeName}" can only create pods with spec.nodeName set to itself`);
      const owners = pod.metadata?.ownerReferences ?? [];
      if (owners.length > 1) throw newForbidden(attrs, `node "${nodeName}" can only create pods with a single owner reference set to itself`);
      const owner = owners[0];
      if (!owner || owner.apiVersion !== 'v1' || owner.kind !== 'Node' || owner.name !== nodeName) {
        throw newForbidden(attrs, `node "${nodeName}" can only create pods with an owner reference set to itself`);
      }
      if (!owner.controller) throw newForbidden(attrs, `node "${nodeName}" can only create pods with a controller owner reference set to itself`);
      if (owner.blockOwnerDeletion) throw newForbidden(attrs, `node "${nodeName}" must not set blockOwnerDeletion on an owner reference`);
      const node = ctx.store.get('', 'nodes', '', nodeName);
      if (!node) throw errors.notFound({ group: '', resource: 'nodes' }, nodeName);
      if (owner.uid !== node.metadata?.uid) throw newForbidden(attrs, `node ${nodeName} UID mismatch: expected ${owner.uid} got ${node.metadata?.uid ?? ''}`);
      if (pod.spec.serviceAccountName) throw newForbidden(attrs, `node "${nodeName}" can not create pods that reference a service account`);
      return;
    }
    if (attrs.operation === 'DELETE') {
      const existing = ctx.store.get('', 'pods', attrs.namespace, attrs.name) as Pod | undefined;
      if (!existing) throw errors.notFound({ group: '', resource: 'pods' }, attrs.name);
      if (existing.spec?.nodeName !== nodeName) throw newForbidden(attrs, `node "${nodeName}" can only delete pods with spec.nodeName set to itself`);
      return;
    }
    throw newForbidden(attrs, `unexpected operation "${attrs.operation}", node "${nodeName}" can only create and delete mirror pods`);
  }

  private podStatus(nodeName: string, attrs: AdmissionAttributes): void {
    if (attrs.operation !== 'UPDATE') throw newForbidden(attrs, `unexpected operation "${attrs.operation}"`);
    const oldPod = attrs.oldObject as Pod | undefined;
    if (oldPod?.spec?.nodeName !== nodeName) throw newForbidden(attrs, `node "${nodeName}" can only update pod status for pods with spec.nodeName set to itself`);
    const newPod = attrs.object as Pod | undefined;
    if (!sameJson(oldPod.metadata?.labels ?? {}, newPod?.metadata?.labels ?? {})) throw newForbidden(attrs, `node "${nodeName}" cannot update labels through pod status`);
  }

  private eviction(nodeName: string, attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    if (attrs.operation !== 'CREATE') throw newForbidden(attrs, `unexpected operation ${attrs.operation}`);
    const podName = attrs.name !== '' ? attrs.name : (attrs.object?.metadata?.name ?? '');
    if (podName === '') throw newForbidden(attrs, 'could not determine pod from request data');
    const existing = ctx.store.get('', 'pods', attrs.namespace, podName) as Pod | undefined;
    if (!existing) throw errors.notFound({ group: '', resource: 'pods' }, podName);
    if (existing.spec?.nodeName !== nodeName) throw newForbidden(attrs, `node ${nodeName} can only evict pods with spec.nodeName set to itself`);
  }

  private node(nodeName: string, attrs: AdmissionAttributes): void {
    const requested = attrs.name !== '' ? attrs.name : (attrs.object?.metadata?.name ?? '');
    if (requested !== nodeName) throw newForbidden(attrs, `node "${nodeName}" is not allowed to modify node "${requested}"`);
    const node = attrs.object as Node | undefined;
    if (attrs.operation === 'CREATE' && node) {
      const bad = forbiddenLabels(modifiedLabels(node.metadata?.labels, undefined));
      if (bad.length > 0) throw newForbidden(attrs, `node "${nodeName}" is not allowed to set the following labels: ${bad.join(', ')}`);
    }
    if (attrs.operation === 'UPDATE' && node) {
      const old = attrs.oldObject as Node | undefined;
      if (!sameJson(node.spec?.taints, old?.spec?.taints)) throw newForbidden(attrs, `node "${nodeName}" is not allowed to modify taints`);
      const bad = forbiddenLabels(modifiedLabels(node.metadata?.labels, old?.metadata?.labels));
      if (bad.length > 0) throw newForbidden(attrs, `is not allowed to modify labels: ${bad.join(', ')}`);
    }
  }

  private serviceAccount(nodeName: string, attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    if (attrs.operation !== 'CREATE' || attrs.subresource !== 'token') return;
    const ref = (attrs.object?.spec as { boundObjectRef?: { apiVersion?: string; kind?: string; name?: string; uid?: string } } | undefined)?.boundObjectRef;
    if (!ref || ref.apiVersion !== 'v1' || ref.kind !== 'Pod' || !ref.name) throw newForbidden(attrs, 'node requested token not bound to a pod');
    if (!ref.uid) throw newForbidden(attrs, 'node requested token with a pod binding without a uid');
    const pod = ctx.store.get('', 'pods', attrs.namespace, ref.name) as Pod | undefined;
    if (!pod) throw errors.notFound({ group: '', resource: 'pods' }, ref.name);
    if (ref.uid !== pod.metadata?.uid) throw newForbidden(attrs, `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
    if (pod.spec?.nodeName !== nodeName) throw newForbidden(attrs, 'node requested token bound to a pod scheduled on a different node');
  }

  private lease(nodeName: string, attrs: AdmissionAttributes): void {
    if (attrs.namespace !== 'kube-node-lease') throw newForbidden(attrs, 'can only access leases in the "kube-node-lease" system namespace');
    const name = attrs.operation === 'CREATE' ? (attrs.object?.metadata?.name ?? '') : attrs.name;
    if (name !== nodeName) throw newForbidden(attrs, 'can only access node lease with the same name as the requesting node');
  }
}
