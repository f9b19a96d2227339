// models staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go.
// Upstream this plugin only implements Admit (it runs in the mutating phase, changing nothing); the cache-warming
// wait and the forced live lookup after a namespace delete are not needed here, where reads are never stale.
import { errors } from '../../api/status.ts';
import { isCoreKind, newForbidden } from './admissionErrors.ts';
import type { AdmissionAttributes, AdmissionContext, MutatingPlugin } from './types.ts';

/** Namespaces kube-apiserver registers the plugin with (metav1.NamespaceDefault, NamespaceSystem, NamespacePublic). */
export const IMMORTAL_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public'];

/** Requests that must not reveal whether a namespace exists. */
const accessReviewResources = new Set(['authorization.k8s.io/localsubjectaccessreviews']);

export class NamespaceLifecycle implements MutatingPlugin {
  readonly name = 'NamespaceLifecycle';
  private readonly immortal: ReadonlySet<string>;

  constructor(immortalNamespaces: readonly string[] = IMMORTAL_NAMESPACES) {
    this.immortal = new Set(immortalNamespaces);
  }

  handles(attrs: AdmissionAttributes): boolean {
    return attrs.operation === 'CREATE' || attrs.operation === 'UPDATE' || attrs.operation === 'DELETE';
  }

  admit(attrs: AdmissionAttributes, ctx: AdmissionContext): void {
    const isNamespace = isCoreKind(attrs, 'Namespace');
    if (attrs.operation === 'DELETE' && isNamespace && this.immortal.has(attrs.name)) {
      throw errors.forbidden({ group: attrs.resource.group, resource: attrs.resource.resource }, attrs.name, 'this namespace may not be deleted');
    }
    // Cluster-scoped objects and namespaces themselves are always allowed; deletes of anything else too.
    if (isNamespace || attrs.namespace === '' || attrs.operation === 'DELETE') return;
    if (accessReviewResources.has(`${attrs.resource.group}/${attrs.resource.resource}`)) return;

    const ns = ctx.store.get('', 'namespaces', '', attrs.namespace);
    if (!ns) throw errors.notFound({ group: '', resource: 'namespaces' }, attrs.namespace);

    const phase = (ns.status as { phase?: string } | undefined)?.phase;
    if (attrs.operation === 'CREATE' && phase === 'Terminating') {
      const err = newForbidden(attrs, `unable to create new content in namespace ${attrs.namespace} because it is being terminated`);
      const details = err.status.details ?? {};
      details.causes = [...(details.causes ?? []), {
        reason: 'NamespaceTerminating',
        message: `namespace ${attrs.namespace} is being terminated`,
        field: 'metadata.namespace',
      }];
      err.status.details = details;
      throw err;
    }
  }
}
