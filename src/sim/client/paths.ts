// REST paths as client-go builds them: /api/v1/namespaces/<ns>/pods/<name>/<subresource>.
import { lookupResource } from '../apiserver/resources.ts';

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
}

export const RES = {
  pods: { group: '', version: 'v1', resource: 'pods' },
  nodes: { group: '', version: 'v1', resource: 'nodes' },
  namespaces: { group: '', version: 'v1', resource: 'namespaces' },
  events: { group: '', version: 'v1', resource: 'events' },
  serviceaccounts: { group: '', version: 'v1', resource: 'serviceaccounts' },
  configmaps: { group: '', version: 'v1', resource: 'configmaps' },
  secrets: { group: '', version: 'v1', resource: 'secrets' },
  limitranges: { group: '', version: 'v1', resource: 'limitranges' },
  resourcequotas: { group: '', version: 'v1', resource: 'resourcequotas' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  replicasets: { group: 'apps', version: 'v1', resource: 'replicasets' },
  leases: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' },
  roles: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles' },
  rolebindings: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings' },
  clusterroles: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' },
  clusterrolebindings: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' },
  priorityclasses: { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' },
} as const satisfies Record<string, ResourceRef>;

/** The path of a collection (name '') or an object, optionally a subresource. Namespace '' = all namespaces. */
export function resourcePath(ref: ResourceRef, namespace: string, name = '', subresource = ''): string {
  const base = ref.group === '' ? `/api/${ref.version}` : `/apis/${ref.group}/${ref.version}`;
  const namespaced = lookupResource(ref.group, ref.version, ref.resource)?.namespaced ?? true;
  let p = namespaced && namespace !== '' ? `${base}/namespaces/${encodeURIComponent(namespace)}/${ref.resource}` : `${base}/${ref.resource}`;
  if (name !== '') p += `/${encodeURIComponent(name)}`;
  if (subresource !== '') p += `/${subresource}`;
  return p;
}
