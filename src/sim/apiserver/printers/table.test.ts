import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { Date_UTC, formatRfc3339 } from '../../clock.ts';
import { findNodeRoles, printTable, type Table } from './table.ts';

const NOW = Date_UTC(2026, 0, 15, 9, 0, 0);
const MIN = 60_000;
const ago = (ms: number): string => formatRfc3339(NOW - ms);
const meta = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  namespace: 'default',
  uid: `uid-${name}`,
  resourceVersion: '7',
  creationTimestamp: ago(5 * MIN),
  ...extra,
});

const table = (group: string, resource: string, objects: KubeObject[]): Table =>
  printTable(group, resource, objects, { nowMs: NOW, includeObject: 'Metadata' });
const columns = (t: Table): [string, number][] => (t.columnDefinitions ?? []).map((c) => [c.name, c.priority]);
const rowCells = (group: string, resource: string, obj: KubeObject): unknown[] =>
  table(group, resource, [obj]).rows[0]?.cells ?? [];

const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

describe('printTable: the Table object', () => {
  const nginx: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('nginx-pod', { labels: { app: 'nginx' } }),
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    status: { phase: 'Running', containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} } }] },
  };

  it('serializes with the keys and key order of the Go structs', () => {
    const t = printTable('', 'pods', [nginx], { nowMs: NOW, includeObject: 'Metadata', listMeta: { resourceVersion: '42' } });
    const json = JSON.stringify(t);
    expect(json.startsWith('{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"42"},"columnDefinitions":[')).toBe(true);
    expect(t.columnDefinitions?.[0]).toEqual({ name: 'Name', type: 'string', format: 'name', description: NAME_DESCRIPTION, priority: 0 });
    expect(JSON.stringify(t.columnDefinitions?.[1])).toBe(
      '{"name":"Ready","type":"string","format":"","description":"The aggregate readiness state of this pod for accepting traffic.","priority":0}',
    );
    expect(Object.keys(t.rows[0] ?? {})).toEqual(['cells', 'object']);
  });

  it('has the v1.32 pod columns; priority 1 marks the -o wide ones', () => {
    expect(columns(table('', 'pods', [nginx]))).toEqual([
      ['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0],
      ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1],
    ]);
    const restarts = table('', 'pods', [nginx]).columnDefinitions?.[3];
    expect(restarts?.type).toBe('string');
    expect(restarts?.description).toBe(
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    );
    expect(table('', 'pods', [nginx]).columnDefinitions?.[4]?.description).toMatch(/^CreationTimestamp is a timestamp .* in UTC\.\n\nPopulated by the system\./);
  });

  it('always prints the wide row; the client hides priority-1 cells', () => {
    expect(rowCells('', 'pods', nginx)).toEqual(['nginx-pod', '1/1', 'Running', '0', '5m', '<none>', '<none>', '<none>', '<none>']);
  });

  it('puts PartialObjectMetadata in rows by default (includeObject=Metadata)', () => {
    const t = table('', 'pods', [nginx]);
    expect(t.rows[0]?.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: nginx.metadata });
    expect(Object.keys(t.rows[0]?.object as object)).toEqual(['kind', 'apiVersion', 'metadata']);
    expect((t.rows[0]?.object as { metadata: unknown }).metadata).not.toBe(nginx.metadata);
  });

  it('puts the whole object in rows for includeObject=Object and null for None', () => {
    const full = printTable('', 'pods', [nginx], { nowMs: NOW, includeObject: 'Object' });
    expect(full.rows[0]?.object).toEqual(nginx);
    expect(full.rows[0]?.object).not.toBe(nginx);
    const none = printTable('', 'pods', [nginx], { nowMs: NOW, includeObject: 'None' });
    expect(JSON.stringify(none.rows[0])).toBe('{"cells":["nginx-pod","1/1","Running","0","5m","<none>","<none>","<none>","<none>"],"object":null}');
  });

  it('adds row conditions between cells and object for finished pods', () => {
    const done = { ...nginx, status: { phase: 'Succeeded' } };
    expect(Object.keys(table('', 'pods', [done]).rows[0] ?? {})).toEqual(['cells', 'conditions', 'object']);
  });

  it('copies continue and remainingItemCount, and sends null column definitions for noHeaders', () => {
    const t = printTable('', 'pods', [], {
      nowMs: NOW,
      includeObject: 'Metadata',
      listMeta: { resourceVersion: '9', continue: 'abc', remainingItemCount: 3 },
      noHeaders: true,
    });
    expect(JSON.stringify(t)).toBe(
      '{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"9","continue":"abc","remainingItemCount":3},"columnDefinitions":null,"rows":[]}',
    );
  });
});

describe('nodes', () => {
  const node = (labels: Record<string, string>, conditions: { type: string; status: string }[], unschedulable?: boolean): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'control-plane', labels, creationTimestamp: ago(10 * MIN) },
    spec: unschedulable ? { unschedulable: true } : {},
    status: {
      conditions,
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'control-plane' }],
      nodeInfo: { kubeletVersion: 'v1.32.4', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-31-amd64', containerRuntimeVersion: 'containerd://1.7.24' },
    },
  });
  const ready = [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }];

  it('has NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME', () => {
    expect(columns(table('', 'nodes', []))).toEqual([
      ['Name', 0], ['Status', 0], ['Roles', 0], ['Age', 0], ['Version', 0],
      ['Internal-IP', 1], ['External-IP', 1], ['OS-Image', 1], ['Kernel-Version', 1], ['Container-Runtime', 1],
    ]);
  });

  it('prints a ready control-plane node', () => {
    expect(rowCells('', 'nodes', node({ 'node-role.kubernetes.io/control-plane': '' }, ready))).toEqual([
      'control-plane', 'Ready', 'control-plane', '10m', 'v1.32.4',
      '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.1.0-31-amd64', 'containerd://1.7.24',
    ]);
  });

  it('summarises only the Ready condition, adding SchedulingDisabled for cordoned nodes', () => {
    const status = (o: KubeObject): unknown => rowCells('', 'nodes', o)[1];
    expect(status(node({}, ready, true))).toBe('Ready,SchedulingDisabled');
    expect(status(node({}, [{ type: 'Ready', status: 'False' }]))).toBe('NotReady');
    expect(status(node({}, [{ type: 'Ready', status: 'Unknown' }]))).toBe('NotReady');
    expect(status(node({}, [{ type: 'MemoryPressure', status: 'True' }]))).toBe('Unknown');
    expect(status(node({}, [], true))).toBe('Unknown,SchedulingDisabled');
  });

  it('finds roles from node-role.kubernetes.io/* keys and kubernetes.io/role values, sorted; <none> otherwise', () => {
    const roles = (labels: Record<string, string>): unknown => rowCells('', 'nodes', node(labels, ready))[2];
    expect(roles({ 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '' })).toBe('control-plane,worker');
    expect(roles({ 'kubernetes.io/role': 'master', 'node-role.kubernetes.io/': '' })).toBe('master');
    expect(roles({ 'kubernetes.io/hostname': 'node-1' })).toBe('<none>');
    expect(findNodeRoles({ metadata: { labels: { 'node-role.kubernetes.io/master': '', 'kubernetes.io/role': 'master' } } })).toEqual(['master']);
  });

  it('prints <unknown> for missing node info in wide cells', () => {
    const bare: KubeObject = { metadata: { name: 'n', creationTimestamp: ago(MIN) }, status: {} };
    expect(rowCells('', 'nodes', bare)).toEqual(['n', 'Unknown', '<none>', '60s', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});

describe('events', () => {
  it('has LAST SEEN TYPE REASON OBJECT MESSAGE, with SUBOBJECT SOURCE FIRST SEEN COUNT NAME for -o wide', () => {
    expect(columns(table('', 'events', []))).toEqual([
      ['Last Seen', 0], ['Type', 0], ['Reason', 0], ['Object', 0], ['Subobject', 1], ['Source', 1],
      ['Message', 0], ['First Seen', 1], ['Count', 1], ['Name', 1],
    ]);
  });

  it('prints a core/v1 event', () => {
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta('nginx-pod.181a5d3b1c2d3e4f'),
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'nginx-pod', fieldPath: 'spec.containers{nginx}' },
      reason: 'Pulling',
      message: 'Pulling image "nginx:1.27"\n',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: ago(3 * MIN),
      lastTimestamp: ago(2 * MIN),
      count: 2,
      type: 'Normal',
    };
    expect(rowCells('', 'events', event)).toEqual([
      '2m', 'Normal', 'Pulling', 'pod/nginx-pod', 'spec.containers{nginx}', 'kubelet, node-1',
      'Pulling image "nginx:1.27"', '3m', 2, 'nginx-pod.181a5d3b1c2d3e4f',
    ]);
  });

  it('prints an events.k8s.io/v1 event (scheduler style): eventTime, reportingController, count 1', () => {
    const event: KubeObject = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: meta('nginx-pod.181a5d3b00000000'),
      eventTime: '2026-01-15T08:59:50.123456Z',
      reportingController: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane',
      action: 'Binding',
      reason: 'Scheduled',
      regarding: { kind: 'Pod', namespace: 'default', name: 'nginx-pod' },
      note: 'Successfully assigned default/nginx-pod to node-1',
      type: 'Normal',
    };
    const want = [
      '9s', 'Normal', 'Scheduled', 'pod/nginx-pod', '', 'default-scheduler, default-scheduler-control-plane',
      'Successfully assigned default/nginx-pod to node-1', '9s', 1, 'nginx-pod.181a5d3b00000000',
    ];
    expect(rowCells('events.k8s.io', 'events', event)).toEqual(want);
    expect(rowCells('', 'events', event)).toEqual(want);
  });

  it('uses the series for last seen and count, and <unknown> without any time', () => {
    const event: KubeObject = {
      metadata: meta('e'),
      involvedObject: { kind: 'Node' },
      eventTime: ago(10 * MIN),
      series: { count: 4, lastObservedTime: ago(30_000) },
    };
    const cells = rowCells('', 'events', event);
    expect([cells[0], cells[3], cells[7], cells[8]]).toEqual(['30s', 'node', '10m', 4]);
    const timeless = rowCells('', 'events', { metadata: meta('x'), involvedObject: {} });
    expect([timeless[0], timeless[7], timeless[8]]).toEqual(['<unknown>', '<unknown>', 1]);
  });
});

describe('other core resources', () => {
  it('namespaces: NAME STATUS AGE', () => {
    const t = table('', 'namespaces', [{ metadata: meta('kube-system'), status: { phase: 'Active' } }]);
    expect(columns(t)).toEqual([['Name', 0], ['Status', 0], ['Age', 0]]);
    expect(t.rows[0]?.cells).toEqual(['kube-system', 'Active', '5m']);
  });

  it('serviceaccounts: NAME SECRETS AGE', () => {
    const t = table('', 'serviceaccounts', [{ metadata: meta('default') }]);
    expect(columns(t)).toEqual([['Name', 0], ['Secrets', 0], ['Age', 0]]);
    expect(t.rows[0]?.cells).toEqual(['default', 0, '5m']);
  });

  it('configmaps: NAME DATA AGE, counting data and binaryData', () => {
    const t = table('', 'configmaps', [{ metadata: meta('kube-root-ca.crt'), data: { 'ca.crt': 'x' }, binaryData: { b: 'eA==' } }]);
    expect(columns(t)).toEqual([['Name', 0], ['Data', 0], ['Age', 0]]);
    expect(t.rows[0]?.cells).toEqual(['kube-root-ca.crt', 2, '5m']);
  });

  it('secrets: NAME TYPE DATA AGE', () => {
    const t = table('', 'secrets', [{ metadata: meta('db'), type: 'Opaque', data: { user: 'YQ==', pass: 'Yg==' } }]);
    expect(columns(t)).toEqual([['Name', 0], ['Type', 0], ['Data', 0], ['Age', 0]]);
    expect(t.rows[0]?.cells).toEqual(['db', 'Opaque', 2, '5m']);
  });

  it('resourcequotas: NAME AGE REQUEST LIMIT (v1.32 order), resources sorted, limits.* in LIMIT, canonical quantities', () => {
    const quota: KubeObject = {
      metadata: meta('compute'),
      status: {
        hard: { 'limits.cpu': '2', pods: '10', 'requests.cpu': '1000m', 'limits.memory': '2048Mi' },
        used: { 'limits.cpu': '500m', pods: '1', 'requests.cpu': '250m' },
      },
    };
    const t = table('', 'resourcequotas', [quota]);
    expect(columns(t)).toEqual([['Name', 0], ['Age', 0], ['Request', 0], ['Limit', 0]]);
    expect(t.rows[0]?.cells).toEqual(['compute', '5m', 'pods: 1/10, requests.cpu: 250m/1', 'limits.cpu: 500m/2, limits.memory: 0/2Gi']);
  });

  it('limitranges use the default convertor: NAME CREATED AT', () => {
    const t = table('', 'limitranges', [{ metadata: meta('limits') }]);
    expect(t.columnDefinitions?.map((c) => [c.name, c.type, c.format])).toEqual([['Name', 'string', 'name'], ['Created At', 'date', '']]);
    expect(t.rows[0]?.cells).toEqual(['limits', '2026-01-15T08:55:00Z']);
  });
});

describe('rbac', () => {
  const subjects = [
    { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' },
    { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob' },
    { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
    { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' },
  ];

  it('rolebindings: NAME ROLE AGE | USERS GROUPS SERVICEACCOUNTS', () => {
    const rb: KubeObject = { metadata: meta('read-pods'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects };
    const t = table('rbac.authorization.k8s.io', 'rolebindings', [rb]);
    expect(columns(t)).toEqual([['Name', 0], ['Role', 0], ['Age', 0], ['Users', 1], ['Groups', 1], ['ServiceAccounts', 1]]);
    expect(t.columnDefinitions?.[3]?.description).toBe('Users in the roleBinding');
    expect(t.rows[0]?.cells).toEqual(['read-pods', 'Role/pod-reader', '5m', 'jane, bob', 'devs', 'ci/builder']);
  });

  it('clusterrolebindings describe their subjects as the clusterRoleBinding', () => {
    const crb: KubeObject = { metadata: meta('admins'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' } };
    const t = table('rbac.authorization.k8s.io', 'clusterrolebindings', [crb]);
    expect(t.columnDefinitions?.[5]?.description).toBe('ServiceAccounts in the clusterRoleBinding');
    expect(t.rows[0]?.cells).toEqual(['admins', 'ClusterRole/cluster-admin', '5m', '', '', '']);
  });

  it('roles and clusterroles have no printer upstream: NAME CREATED AT', () => {
    expect(rowCells('rbac.authorization.k8s.io', 'roles', { metadata: meta('pod-reader') })).toEqual(['pod-reader', '2026-01-15T08:55:00Z']);
    expect(columns(table('rbac.authorization.k8s.io', 'clusterroles', []))).toEqual([['Name', 0], ['Created At', 0]]);
    expect(rowCells('rbac.authorization.k8s.io', 'clusterroles', { metadata: { name: 'x' } })).toEqual(['x', '0001-01-01T00:00:00Z']);
  });
});

describe('apps', () => {
  const template = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } };

  it('deployments: NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR', () => {
    const d: KubeObject = {
      metadata: meta('nginx'),
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] }, template },
      status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    const t = table('apps', 'deployments', [d]);
    expect(columns(t)).toEqual([['Name', 0], ['Ready', 0], ['Up-to-date', 0], ['Available', 0], ['Age', 0], ['Containers', 1], ['Images', 1], ['Selector', 1]]);
    expect(t.rows[0]?.cells).toEqual(['nginx', '2/3', 3, 2, '5m', 'nginx,log', 'nginx:1.27,busybox', 'app=nginx,tier in (api,web)']);
    expect(rowCells('apps', 'deployments', { metadata: meta('empty'), spec: { template: { spec: { containers: [] } } } })).toEqual([
      'empty', '0/1', 0, 0, '5m', '', '', '',
    ]);
  });

  it('replicasets: NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR', () => {
    const rs: KubeObject = {
      metadata: meta('nginx-7c5ddbdf54'),
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '7c5ddbdf54' } }, template },
      status: { replicas: 3, readyReplicas: 1 },
    };
    const t = table('apps', 'replicasets', [rs]);
    expect(t.columnDefinitions?.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0], ['Desired', 'integer', 0], ['Current', 'integer', 0], ['Ready', 'integer', 0], ['Age', 'string', 0],
      ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1],
    ]);
    expect(t.rows[0]?.cells).toEqual(['nginx-7c5ddbdf54', 3, 3, 1, '5m', 'nginx,log', 'nginx:1.27,busybox', 'app=nginx,pod-template-hash=7c5ddbdf54']);
    expect(rowCells('apps', 'replicasets', { metadata: meta('x'), spec: { selector: {} } })[7]).toBe('<none>');
  });
});

describe('leases and the default convertor', () => {
  it('leases: NAME HOLDER AGE', () => {
    const t = table('coordination.k8s.io', 'leases', [{ metadata: meta('node-1'), spec: { holderIdentity: 'node-1' } }]);
    expect(columns(t)).toEqual([['Name', 0], ['Holder', 0], ['Age', 0]]);
    expect(t.rows[0]?.cells).toEqual(['node-1', 'node-1', '5m']);
  });

  it('prints anything else as Name and Created At (RFC 3339 UTC, whole seconds)', () => {
    const obj: KubeObject = { metadata: { name: 'thing', creationTimestamp: '2026-01-15T10:00:00.5+01:00' } };
    expect(rowCells('example.com', 'widgets', obj)).toEqual(['thing', '2026-01-15T09:00:00Z']);
  });
});
