import { describe, expect, it } from 'vitest';
import { NamespaceLifecycle } from './NamespaceLifecycle.ts';
import { MemoryReader, RecordingContext, attrsFor, caughtApiError as caught, namespace, nginxPod } from './testing.ts';

describe('NamespaceLifecycle', () => {
  const store = new MemoryReader()
    .add('', 'namespaces', namespace('default'))
    .add('', 'namespaces', namespace('doomed', {}, 'Terminating'));
  const ctx = new RecordingContext(store);
  const plugin = new NamespaceLifecycle();

  it('rejects a create in a namespace that does not exist with the NotFound of the namespace', () => {
    // upstream returns the client's NotFound: `namespaces "foo" not found`, 404
    const err = caught(() => plugin.admit(attrsFor('pods', 'CREATE', nginxPod('nginx', 'foo')), ctx));
    expect(err.status.message).toBe('namespaces "foo" not found');
    expect(err.status.code).toBe(404);
    expect(err.status.reason).toBe('NotFound');
    expect(err.status.details).toEqual({ name: 'foo', group: '', kind: 'namespaces' });
  });

  it('rejects an update in a namespace that does not exist too', () => {
    const pod = nginxPod('nginx', 'foo');
    const err = caught(() => plugin.admit(attrsFor('pods', 'UPDATE', pod, { oldObject: pod }), ctx));
    expect(err.status.message).toBe('namespaces "foo" not found');
  });

  it('forbids new content in a terminating namespace, with the NamespaceTerminating cause', () => {
    // upstream: admission.NewForbidden(a, "unable to create new content in namespace %s because it is being terminated")
    const err = caught(() => plugin.admit(attrsFor('pods', 'CREATE', nginxPod('web', 'doomed')), ctx));
    expect(err.status.message).toBe('pods "web" is forbidden: unable to create new content in namespace doomed because it is being terminated');
    expect(err.status.code).toBe(403);
    expect(err.status.reason).toBe('Forbidden');
    expect(err.status.details?.causes).toEqual([
      { reason: 'NamespaceTerminating', message: 'namespace doomed is being terminated', field: 'metadata.namespace' },
    ]);
  });

  it('names a generateName object by its prefix, as admission.NewForbidden does', () => {
    const pod = { ...nginxPod('', 'doomed'), metadata: { generateName: 'web-', namespace: 'doomed' } };
    const err = caught(() => plugin.admit(attrsFor('pods', 'CREATE', pod), ctx));
    expect(err.status.message).toMatch(/^pods "web-" is forbidden: /);
  });

  it('allows updates and deletes in a terminating namespace, and creates in an active one', () => {
    const pod = nginxPod('web', 'doomed');
    expect(() => plugin.admit(attrsFor('pods', 'UPDATE', pod, { oldObject: pod }), ctx)).not.toThrow();
    expect(() => plugin.admit(attrsFor('pods', 'DELETE', undefined, { namespace: 'doomed', name: 'web' }), ctx)).not.toThrow();
    expect(() => plugin.admit(attrsFor('pods', 'CREATE', nginxPod()), ctx)).not.toThrow();
  });

  it('always allows cluster-scoped objects and namespace creates', () => {
    expect(() => plugin.admit(attrsFor('nodes', 'CREATE', { metadata: { name: 'node-1' } }), ctx)).not.toThrow();
    expect(() => plugin.admit(attrsFor('namespaces', 'CREATE', namespace('new')), ctx)).not.toThrow();
  });

  it.each(['default', 'kube-system', 'kube-public'])('forbids deleting the immortal namespace %s', (name) => {
    // upstream: errors.NewForbidden(resource, name, "this namespace may not be deleted")
    const err = caught(() => plugin.admit(attrsFor('namespaces', 'DELETE', undefined, { name }), ctx));
    expect(err.status.message).toBe(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
    expect(err.status.code).toBe(403);
  });

  it('allows deleting an ordinary namespace', () => {
    expect(() => plugin.admit(attrsFor('namespaces', 'DELETE', undefined, { name: 'doomed' }), ctx)).not.toThrow();
  });
});
