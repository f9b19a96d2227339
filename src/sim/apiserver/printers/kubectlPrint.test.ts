import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { Date_UTC, formatRfc3339 } from '../../clock.ts';
import { renderTable } from './kubectlPrint.ts';
import { printTable } from './table.ts';
import { tabwrite } from './tabwriter.ts';
import type { Table } from './types.ts';

const NOW = Date_UTC(2026, 0, 15, 9, 0, 0);
const ago = (ms: number): string => formatRfc3339(NOW - ms);

const runningPod = (name: string, namespace: string, node: string, ip: string, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, creationTimestamp: ago(5 * 60_000), ...(labels ? { labels } : {}) },
  spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx' }] },
  status: {
    phase: 'Running',
    podIPs: [{ ip }],
    containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: {} } }],
  },
});

const pods = (objects: KubeObject[]): Table => printTable('', 'pods', objects, { nowMs: NOW, includeObject: 'Metadata' });

describe('renderTable (kubectl get human output)', () => {
  it('prints NAME READY STATUS RESTARTS AGE with three-space column gaps', () => {
    expect(renderTable(pods([runningPod('nginx-pod', 'default', 'node-1', '10.244.1.5')]), { wide: false })).toBe(
      'NAME        READY   STATUS    RESTARTS   AGE\n' +
      'nginx-pod   1/1     Running   0          5m\n',
    );
  });

  it('adds IP NODE NOMINATED NODE READINESS GATES with -o wide', () => {
    expect(renderTable(pods([runningPod('nginx-pod', 'default', 'node-1', '10.244.1.5')]), { wide: true })).toBe(
      'NAME        READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
      'nginx-pod   1/1     Running   0          5m    10.244.1.5   node-1   <none>           <none>\n',
    );
  });

  it('prints kubectl get nodes', () => {
    const node = (name: string, roles: Record<string, string>): KubeObject => ({
      metadata: { name, labels: roles, creationTimestamp: ago(10 * 60_000) },
      status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.32.4' } },
    });
    const t = printTable('', 'nodes', [node('control-plane', { 'node-role.kubernetes.io/control-plane': '' }), node('node-1', {})], {
      nowMs: NOW,
      includeObject: 'Metadata',
    });
    expect(renderTable(t, { wide: false })).toBe(
      'NAME            STATUS   ROLES           AGE   VERSION\n' +
      'control-plane   Ready    control-plane   10m   v1.32.4\n' +
      'node-1          Ready    <none>          10m   v1.32.4\n',
    );
  });

  it('leads with NAMESPACE (from row metadata) for --all-namespaces and ends with LABELS for --show-labels', () => {
    const t = pods([
      runningPod('nginx-pod', 'default', 'node-1', '10.244.1.5', { run: 'nginx', app: 'web' }),
      runningPod('coredns-abc', 'kube-system', 'node-1', '10.244.0.2'),
    ]);
    expect(renderTable(t, { wide: false, showNamespace: true, showLabels: true })).toBe(
      'NAMESPACE     NAME          READY   STATUS    RESTARTS   AGE   LABELS\n' +
      'default       nginx-pod     1/1     Running   0          5m    app=web,run=nginx\n' +
      'kube-system   coredns-abc   1/1     Running   0          5m    <none>\n',
    );
  });

  it('omits the header line with noHeaders and prints nothing for an empty table', () => {
    expect(renderTable(pods([runningPod('a', 'default', 'n', '1.1.1.1')]), { wide: false, noHeaders: true })).toBe(
      'a     1/1   Running   0     5m\n',
    );
    expect(renderTable(pods([]), { wide: true })).toBe('');
  });

  it('leaves an empty string cell blank and pads it when it is not the last column', () => {
    const rb: KubeObject = { metadata: { name: 'rb', creationTimestamp: ago(60_000) }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'jane' }] };
    const t = printTable('rbac.authorization.k8s.io', 'rolebindings', [rb], { nowMs: NOW, includeObject: 'Metadata' });
    expect(renderTable(t, { wide: true })).toBe(
      'NAME   ROLE     AGE   USERS   GROUPS   SERVICEACCOUNTS\n' +
      'rb     Role/r   60s   jane             \n',
    );
  });

  it('prints CREATED AT for the default convertor and integers as numbers', () => {
    const t = printTable('rbac.authorization.k8s.io', 'roles', [{ metadata: { name: 'pod-reader', creationTimestamp: '2026-01-15T08:55:00Z' } }], {
      nowMs: NOW,
      includeObject: 'Metadata',
    });
    expect(renderTable(t, { wide: false })).toBe('NAME         CREATED AT\npod-reader   2026-01-15T08:55:00Z\n');
  });

  it('cuts a cell at its first line break and appends "..."', () => {
    const t: Table = {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {},
      columnDefinitions: [
        { name: 'Name', type: 'string', format: 'name', description: '', priority: 0 },
        { name: 'Message', type: 'string', format: '', description: '', priority: 0 },
      ],
      rows: [{ cells: ['e', 'first line\nsecond line', 'extra cell beyond the columns'], object: null }],
    };
    expect(renderTable(t, { wide: false })).toBe('NAME   MESSAGE\ne      first line...\n');
  });
});

describe('tabwrite (Go text/tabwriter, minwidth 6, padding 3)', () => {
  const tw = (lines: string[][]): string => tabwrite(lines, { minWidth: 6, padding: 3 });

  it('pads each column to max(minwidth, widest cell + padding) and never pads the last cell', () => {
    expect(tw([['a', 'b'], ['cc', 'dddddddd']])).toBe('a     b\ncc    dddddddd\n');
    expect(tw([['abcdef', 'x']])).toBe('abcdef   x\n');
  });

  it('counts runes, not UTF-16 units', () => {
    expect(tw([['héllo✓', 'x'], ['a', 'y']])).toBe('héllo✓   x\na        y\n');
  });

  it('sizes columns per block of consecutive lines that have the column', () => {
    expect(tw([['a', 'b', 'c'], ['aaaaaaa', 'b'], ['x'], ['yy', 'z']])).toBe('a         b     c\naaaaaaa   b\nx\nyy    z\n');
  });
});
