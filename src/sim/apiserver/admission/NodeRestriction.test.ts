import { describe, expect, it } from 'vitest';
import { NodeRestriction } from './NodeRestriction.ts';
import { MemoryReader, RecordingContext, attrsFor, caughtApiError } from './testing.ts';

const node1 = { name: 'system:node:node-1', groups: ['system:nodes', 'system:authenticated'] };
const pod = (name: string, nodeName: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: 'web' } }, spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }] } });

describe('NodeRestriction (plugin/pkg/admission/noderestriction)', () => {
  const plugin = new NodeRestriction();
  const ctx = new RecordingContext(new MemoryReader().add('', 'pods', pod('mine', 'node-1')).add('', 'pods', pod('theirs', 'node-2')));
  const message = (a: ReturnType<typeof attrsFor>): string => caughtApiError(() => plugin.admit(a, ctx)).status.message ?? '';

  it('ignores users that are not nodes', () => {
    expect(plugin.handles(attrsFor('pods', 'DELETE', undefined, { name: 'theirs' }))).toBe(false);
    expect(plugin.handles(attrsFor('pods', 'DELETE', undefined, { name: 'theirs', userInfo: node1 }))).toBe(true);
  });

  it('lets a node update the status of its own pods only, without relabelling them', () => {
    const mine = pod('mine', 'node-1');
    expect(() => plugin.admit(attrsFor('pods', 'UPDATE', mine, { subresource: 'status', oldObject: mine, userInfo: node1 }), ctx)).not.toThrow();
    const theirs = pod('theirs', 'node-2');
    expect(message(attrsFor('pods', 'UPDATE', theirs, { subresource: 'status', oldObject: theirs, userInfo: node1 })))
      .toBe('pods "theirs" is forbidden: node "node-1" can only update pod status for pods with spec.nodeName set to itself');
    const relabelled = { ...mine, metadata: { ...mine.metadata, labels: { app: 'evil' } } };
    expect(message(attrsFor('pods', 'UPDATE', relabelled, { subresource: 'status', oldObject: mine, userInfo: node1 })))
      .toBe('pods "mine" is forbidden: node "node-1" cannot update labels through pod status');
  });

  it('lets a node delete only pods bound to it, and create only mirror pods', () => {
    expect(() => plugin.admit(attrsFor('pods', 'DELETE', undefined, { name: 'mine', userInfo: node1 }), ctx)).not.toThrow();
    expect(message(attrsFor('pods', 'DELETE', undefined, { name: 'theirs', userInfo: node1 })))
      .toBe('pods "theirs" is forbidden: node "node-1" can only delete pods with spec.nodeName set to itself');
    expect(message(attrsFor('pods', 'CREATE', pod('new', 'node-1'), { userInfo: node1 })))
      .toBe('pods "new" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "node-1" can only create mirror pods');
  });

  it('lets a node modify only its own Node, never its taints', () => {
    const n = (name: string, taints?: object[]) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: taints ? { taints } : {} });
    expect(message(attrsFor('nodes', 'UPDATE', n('node-2'), { oldObject: n('node-2'), userInfo: node1 })))
      .toBe('nodes "node-2" is forbidden: node "node-1" is not allowed to modify node "node-2"');
    expect(message(attrsFor('nodes', 'UPDATE', n('node-1'), { oldObject: n('node-1', [{ key: 'k', effect: 'NoSchedule' }]), userInfo: node1 })))
      .toBe('nodes "node-1" is forbidden: node "node-1" is not allowed to modify taints');
    expect(() => plugin.admit(attrsFor('nodes', 'UPDATE', n('node-1'), { oldObject: n('node-1'), userInfo: node1 }), ctx)).not.toThrow();
  });
});
