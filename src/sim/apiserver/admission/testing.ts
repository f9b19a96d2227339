// Test doubles for admission plugins: an in-memory ObjectReader and a context that records what plugins report.
import type { KubeObject, UserInfo } from '../../api/types.ts';
import { deepClone } from '../../api/types.ts';
import { isApiError, type ApiError } from '../../api/status.ts';
import type { AdmissionAttributes, AdmissionContext, ObjectReader, Operation } from './types.ts';

/** Objects keyed by group/resource/namespace/name; list with namespace "" lists every namespace. */
export class MemoryReader implements ObjectReader {
  private readonly objects = new Map<string, KubeObject>();

  add(group: string, resource: string, obj: KubeObject): this {
    const ns = obj.metadata?.namespace ?? '';
    this.objects.set(`${group}/${resource}/${ns}/${obj.metadata?.name ?? ''}`, deepClone(obj));
    return this;
  }

  get(group: string, resource: string, namespace: string, name: string): KubeObject | undefined {
    const obj = this.objects.get(`${group}/${resource}/${namespace}/${name}`);
    return obj && deepClone(obj);
  }

  list(group: string, resource: string, namespace: string): KubeObject[] {
    const prefix = namespace === '' ? `${group}/${resource}/` : `${group}/${resource}/${namespace}/`;
    return [...this.objects.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => deepClone(v));
  }
}

export class RecordingContext implements AdmissionContext {
  readonly warnings: string[] = [];
  readonly audit: Record<string, string> = {};
  constructor(readonly store: ObjectReader = new MemoryReader(), private readonly time = '2025-01-01T00:00:00Z') {}
  warn(text: string): void {
    this.warnings.push(text);
  }
  annotateAudit(key: string, value: string): void {
    this.audit[key] = value;
  }
  now(): string {
    return this.time;
  }
}

export const testUser: UserInfo = { name: 'alice', groups: ['system:authenticated'] };

const kinds: Record<string, { group: string; version: string; kind: string }> = {
  pods: { group: '', version: 'v1', kind: 'Pod' },
  namespaces: { group: '', version: 'v1', kind: 'Namespace' },
  configmaps: { group: '', version: 'v1', kind: 'ConfigMap' },
  persistentvolumeclaims: { group: '', version: 'v1', kind: 'PersistentVolumeClaim' },
  deployments: { group: 'apps', version: 'v1', kind: 'Deployment' },
  replicasets: { group: 'apps', version: 'v1', kind: 'ReplicaSet' },
  priorityclasses: { group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass' },
  nodes: { group: '', version: 'v1', kind: 'Node' },
};

/** Attributes for a request on `resource` (one of the kinds above); namespace and name come from the object,
 *  which may be any typed object (kubernetes-types interfaces have no index signature). */
export function attrsFor(
  resource: string,
  operation: Operation,
  obj: object | undefined,
  more: Partial<AdmissionAttributes> = {},
): AdmissionAttributes {
  const object = obj as KubeObject | undefined;
  const kind = kinds[resource];
  if (!kind) throw new Error(`testing: unknown resource ${resource}`);
  const meta = object?.metadata ?? more.oldObject?.metadata;
  return {
    operation,
    kind,
    resource: { group: kind.group, version: kind.version, resource },
    subresource: '',
    namespace: resource === 'namespaces' || resource === 'nodes' || resource === 'priorityclasses' ? '' : (meta?.namespace ?? 'default'),
    name: meta?.name ?? '',
    object,
    oldObject: undefined,
    userInfo: testUser,
    dryRun: false,
    ...more,
  };
}

export function namespace(name: string, labels: Record<string, string> = {}, phase = 'Active'): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels }, spec: { finalizers: ['kubernetes'] }, status: { phase } };
}

/** The usual nginx pod of this project's scenarios. */
export function nginxPod(name = 'nginx', ns = 'default'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
  };
}

/** Runs fn and returns the ApiError it throws; fails when it throws nothing or something else. */
export function caughtApiError(fn: () => void): ApiError {
  try {
    fn();
  } catch (e) {
    if (isApiError(e)) return e;
    throw e;
  }
  throw new Error('expected an ApiError, but nothing was thrown');
}
