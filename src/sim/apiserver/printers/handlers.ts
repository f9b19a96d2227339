// The print handlers kube-apiserver v1.32 registers per resource: column definitions and row printers from
// pkg/printers/internalversion/printers.go, plus the generic registry's rest.DefaultTableConvertor
// (staging/src/k8s.io/apiserver/pkg/registry/rest/table.go) for resources without one (roles, clusterroles,
// limitranges, ...). The server always prints the wide row (pkg/printers/storage: GenerateOptions{Wide: true});
// clients hide priority-1 columns themselves.
import type { ConfigMap, Container, Event, Namespace, Node, Pod, ResourceQuota, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Event as EventsV1Event } from 'kubernetes-types/events/v1';
import type { KubeObject } from '../../api/types.ts';
import { formatRfc3339, parseRfc3339 } from '../../clock.ts';
import { formatQuantity, quantityOf } from '../../api/quantity.ts';
import * as doc from './descriptions.ts';
import { translateTimestampSince } from './duration.ts';
import { formatLabelSelector, labelSelectorString } from './labels.ts';
import { printPod } from './printPod.ts';
import type { PrintedRow, TableColumnDefinition } from './types.ts';

export interface PrintHandler {
  columns: readonly TableColumnDefinition[];
  print(obj: KubeObject, nowMs: number): PrintedRow;
}

function col(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}
const nameColumn = col('Name', 'string', doc.objectMeta.name, 0, 'name');
const ageColumn = col('Age', 'string', doc.objectMeta.creationTimestamp);

const age = (obj: KubeObject, nowMs: number): string => translateTimestampSince(obj.metadata?.creationTimestamp, nowMs);
const nameOf = (obj: KubeObject): string => obj.metadata?.name ?? '';

/** layoutContainerCells: container names and images, each joined with ",". */
function containerCells(containers: readonly Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

const pods: PrintHandler = {
  columns: [
    nameColumn,
    col('Ready', 'string', doc.pod.ready),
    col('Status', 'string', doc.pod.status),
    col('Restarts', 'string', doc.pod.restarts),
    ageColumn,
    col('IP', 'string', doc.pod.podIP, 1),
    col('Node', 'string', doc.pod.nodeName, 1),
    col('Nominated Node', 'string', doc.pod.nominatedNodeName, 1),
    col('Readiness Gates', 'string', doc.pod.readinessGates, 1),
  ],
  print: (obj, nowMs) => printPod(obj as Pod, nowMs),
};

const labelNodeRolePrefix = 'node-role.kubernetes.io/';
const nodeLabelRole = 'kubernetes.io/role';

/** findNodeRoles: "node-role.kubernetes.io/<role>" label keys and the "kubernetes.io/role" value, sorted, unique. */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(labelNodeRolePrefix)) {
      const role = key.slice(labelNodeRolePrefix.length);
      if (role.length > 0) roles.add(role);
    } else if (key === nodeLabelRole && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const nodes: PrintHandler = {
  columns: [
    nameColumn,
    col('Status', 'string', doc.node.status),
    col('Roles', 'string', doc.node.roles),
    ageColumn,
    col('Version', 'string', doc.node.kubeletVersion),
    col('Internal-IP', 'string', doc.node.addresses, 1),
    col('External-IP', 'string', doc.node.addresses, 1),
    col('OS-Image', 'string', doc.node.osImage, 1),
    col('Kernel-Version', 'string', doc.node.kernelVersion, 1),
    col('Container-Runtime', 'string', doc.node.containerRuntimeVersion, 1),
  ],
  print(obj, nowMs) {
    const node = obj as Node;
    // Only the Ready condition is summarised; the last entry of a type wins, as in the upstream map.
    const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
    const status: string[] = [];
    if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
    if (status.length === 0) status.push('Unknown');
    if (node.spec?.unschedulable) status.push('SchedulingDisabled');
    const roles = findNodeRoles(node).join(',') || '<none>';
    const info = node.status?.nodeInfo;
    const address = (type: string): string =>
      (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
    return {
      cells: [
        nameOf(obj),
        status.join(','),
        roles,
        age(obj, nowMs),
        info?.kubeletVersion ?? '',
        address('InternalIP'),
        address('ExternalIP'),
        info?.osImage || '<unknown>',
        info?.kernelVersion || '<unknown>',
        info?.containerRuntimeVersion || '<unknown>',
      ],
    };
  },
};

const namespaces: PrintHandler = {
  columns: [nameColumn, col('Status', 'string', doc.namespace.status), ageColumn],
  print: (obj, nowMs) => ({ cells: [nameOf(obj), (obj as Namespace).status?.phase ?? '', age(obj, nowMs)] }),
};

/**
 * events.k8s.io/v1 Events share core Event storage upstream and are printed from the internal (core) type;
 * this maps the events.k8s.io field names onto the core ones (models pkg/apis/events/v1 conversion).
 */
function asCoreEvent(obj: KubeObject): Event {
  if (obj.apiVersion !== 'events.k8s.io/v1' && !('regarding' in obj) && !('note' in obj)) return obj as unknown as Event;
  const e = obj as unknown as EventsV1Event;
  const core: Event = { metadata: e.metadata ?? {}, involvedObject: e.regarding ?? {} };
  if (e.note !== undefined) core.message = e.note;
  if (e.reason !== undefined) core.reason = e.reason;
  if (e.type !== undefined) core.type = e.type;
  if (e.eventTime !== undefined) core.eventTime = e.eventTime;
  if (e.series !== undefined) core.series = { count: e.series.count, lastObservedTime: e.series.lastObservedTime };
  if (e.reportingController !== undefined) core.reportingComponent = e.reportingController;
  if (e.reportingInstance !== undefined) core.reportingInstance = e.reportingInstance;
  if (e.deprecatedSource !== undefined) core.source = e.deprecatedSource;
  if (e.deprecatedFirstTimestamp !== undefined) core.firstTimestamp = e.deprecatedFirstTimestamp;
  if (e.deprecatedLastTimestamp !== undefined) core.lastTimestamp = e.deprecatedLastTimestamp;
  if (e.deprecatedCount !== undefined) core.count = e.deprecatedCount;
  return core;
}

const events: PrintHandler = {
  columns: [
    col('Last Seen', 'string', doc.event.lastTimestamp),
    col('Type', 'string', doc.event.type),
    col('Reason', 'string', doc.event.reason),
    col('Object', 'string', doc.event.involvedObject),
    col('Subobject', 'string', doc.event.fieldPath, 1),
    col('Source', 'string', doc.event.source, 1),
    col('Message', 'string', doc.event.message),
    col('First Seen', 'string', doc.event.firstTimestamp, 1),
    col('Count', 'string', doc.event.count, 1),
    col('Name', 'string', doc.objectMeta.name, 1, 'name'),
  ],
  print(obj, nowMs) {
    const e = asCoreEvent(obj);
    let firstTimestamp = translateTimestampSince(e.firstTimestamp, nowMs);
    if (!e.firstTimestamp) firstTimestamp = translateTimestampSince(e.eventTime, nowMs);
    let lastTimestamp = translateTimestampSince(e.lastTimestamp, nowMs);
    if (!e.lastTimestamp) lastTimestamp = firstTimestamp;
    let count = e.count ?? 0;
    if (e.series) {
      lastTimestamp = translateTimestampSince(e.series.lastObservedTime, nowMs);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      // singleton events of the new API carry no count
      count = 1;
    }
    const kind = (e.involvedObject.kind ?? '').toLowerCase();
    const target = e.involvedObject.name ? `${kind}/${e.involvedObject.name}` : kind;
    const component = e.source?.component || e.reportingComponent || '';
    const instance = e.source?.host || e.reportingInstance || '';
    const source = instance ? `${component}, ${instance}` : component;
    return {
      cells: [
        lastTimestamp,
        e.type ?? '',
        e.reason ?? '',
        target,
        e.involvedObject.fieldPath ?? '',
        source,
        (e.message ?? '').trim(),
        firstTimestamp,
        count,
        nameOf(obj),
      ],
    };
  },
};

const serviceAccounts: PrintHandler = {
  columns: [nameColumn, col('Secrets', 'string', doc.serviceAccount.secrets), ageColumn],
  print: (obj, nowMs) => ({
    cells: [nameOf(obj), (obj as ServiceAccount).secrets?.length ?? 0, age(obj, nowMs)],
  }),
};

const configMaps: PrintHandler = {
  columns: [nameColumn, col('Data', 'string', doc.configMap.data), ageColumn],
  print(obj, nowMs) {
    const cm = obj as ConfigMap;
    const count = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return { cells: [nameOf(obj), count, age(obj, nowMs)] };
  },
};

const secrets: PrintHandler = {
  columns: [nameColumn, col('Type', 'string', doc.secret.type), col('Data', 'string', doc.secret.data), ageColumn],
  print(obj, nowMs) {
    const s = obj as Secret;
    return { cells: [nameOf(obj), s.type ?? '', Object.keys(s.data ?? {}).length, age(obj, nowMs)] };
  },
};

// v1.32 order: NAME AGE REQUEST LIMIT (v1.33 moved AGE last).
const resourceQuotas: PrintHandler = {
  columns: [
    nameColumn,
    ageColumn,
    col('Request', 'string', doc.resourceQuota.request),
    col('Limit', 'string', doc.resourceQuota.limit),
  ],
  print(obj, nowMs) {
    const q = obj as ResourceQuota;
    const hard = q.status?.hard ?? {};
    const used = q.status?.used ?? {};
    const request: string[] = [];
    const limit: string[] = [];
    for (const resource of Object.keys(hard).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const pieces = resource.split('.');
      const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
      target.push(`${resource}: ${quantityText(used[resource])}/${quantityText(hard[resource])}`);
    }
    return { cells: [nameOf(obj), age(obj, nowMs), request.join(', '), limit.join(', ')] };
  },
};

/** Quantity.String(): the canonical form ("1000m" → "1"); a missing quantity is the zero Quantity, "0". */
function quantityText(raw: unknown): string {
  if (raw === undefined || raw === null) return '0';
  const q = quantityOf(raw);
  return q ? formatQuantity(q) : typeof raw === 'string' ? raw : JSON.stringify(raw);
}

/** rbac.SubjectsStrings: users, groups and "namespace/name" service accounts, each joined with ", ". */
function subjectCells(subjects: readonly Subject[] | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function bindingHandler(roleRefDescription: string, scope: string): PrintHandler {
  return {
    columns: [
      nameColumn,
      col('Role', 'string', roleRefDescription),
      ageColumn,
      col('Users', 'string', `Users in the ${scope}`, 1),
      col('Groups', 'string', `Groups in the ${scope}`, 1),
      col('ServiceAccounts', 'string', `ServiceAccounts in the ${scope}`, 1),
    ],
    print(obj, nowMs) {
      const b = obj as unknown as RoleBinding | ClusterRoleBinding;
      return {
        cells: [nameOf(obj), `${b.roleRef.kind}/${b.roleRef.name}`, age(obj, nowMs), ...subjectCells(b.subjects)],
      };
    },
  };
}

const deployments: PrintHandler = {
  columns: [
    nameColumn,
    col('Ready', 'string', doc.deployment.ready),
    col('Up-to-date', 'string', doc.deployment.upToDate),
    col('Available', 'string', doc.deployment.available),
    ageColumn,
    col('Containers', 'string', doc.template.containers, 1),
    col('Images', 'string', doc.template.images, 1),
    col('Selector', 'string', doc.deployment.selector, 1),
  ],
  print(obj, nowMs) {
    const d = obj as Deployment;
    // spec.replicas is defaulted to 1 on the way into the API.
    const desired = d.spec?.replicas ?? 1;
    const [names, images] = containerCells(d.spec?.template.spec?.containers);
    return {
      cells: [
        nameOf(obj),
        `${d.status?.readyReplicas ?? 0}/${desired}`,
        d.status?.updatedReplicas ?? 0,
        d.status?.availableReplicas ?? 0,
        age(obj, nowMs),
        names,
        images,
        labelSelectorString(d.spec?.selector) ?? '<invalid>',
      ],
    };
  },
};

const replicaSets: PrintHandler = {
  columns: [
    nameColumn,
    col('Desired', 'integer', doc.replicaSet.desired),
    col('Current', 'integer', doc.replicaSet.current),
    col('Ready', 'integer', doc.replicaSet.ready),
    ageColumn,
    col('Containers', 'string', doc.template.containers, 1),
    col('Images', 'string', doc.template.images, 1),
    col('Selector', 'string', doc.replicaSet.selector, 1),
  ],
  print(obj, nowMs) {
    const rs = obj as ReplicaSet;
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(obj),
        rs.spec?.replicas ?? 1,
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        age(obj, nowMs),
        names,
        images,
        formatLabelSelector(rs.spec?.selector),
      ],
    };
  },
};

const leases: PrintHandler = {
  columns: [nameColumn, col('Holder', 'string', doc.lease.holderIdentity), ageColumn],
  print: (obj, nowMs) => ({ cells: [nameOf(obj), (obj as Lease).spec?.holderIdentity ?? '', age(obj, nowMs)] }),
};

/** rest.DefaultTableConvertor: Name and "Created At" (RFC 3339, UTC, whole seconds). */
export const defaultHandler: PrintHandler = {
  columns: [nameColumn, col('Created At', 'date', doc.objectMeta.creationTimestamp)],
  print(obj) {
    const created = obj.metadata?.creationTimestamp;
    const at = created ? parseRfc3339(created) : undefined;
    // A missing timestamp is Go's zero time.
    const text = at === undefined ? '0001-01-01T00:00:00Z' : formatRfc3339(Math.floor(at / 1000) * 1000);
    return { cells: [nameOf(obj), text] };
  },
};

const handlers: Readonly<Record<string, PrintHandler>> = {
  'pods': pods,
  'nodes': nodes,
  'namespaces': namespaces,
  'events': events,
  'serviceaccounts': serviceAccounts,
  'configmaps': configMaps,
  'secrets': secrets,
  'resourcequotas': resourceQuotas,
  'apps/deployments': deployments,
  'apps/replicasets': replicaSets,
  'rbac.authorization.k8s.io/rolebindings': bindingHandler(doc.rbac.roleBindingRoleRef, 'roleBinding'),
  'rbac.authorization.k8s.io/clusterrolebindings': bindingHandler(doc.rbac.clusterRoleBindingRoleRef, 'clusterRoleBinding'),
  'coordination.k8s.io/leases': leases,
  'events.k8s.io/events': events,
};

/** The handler kube-apiserver uses for a group/resource; the default convertor for anything not listed. */
export function handlerFor(group: string, resource: string): PrintHandler {
  return handlers[group === '' ? resource : `${group}/${resource}`] ?? defaultHandler;
}
