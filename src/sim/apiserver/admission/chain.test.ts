import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { defaultAdmissionChain, defaultMutatingPlugins, defaultValidatingPlugins } from './chain.ts';
import { MemoryReader, RecordingContext, attrsFor, caughtApiError, namespace, nginxPod } from './testing.ts';

const deps = { nameSuffix: () => 'abcde' };

describe('default admission chain', () => {
  it('keeps AllOrderedPlugins order per phase (PodSecurity before Priority; ResourceQuota last)', () => {
    // plugins.go: ... NamespaceLifecycle, ..., LimitRanger, ServiceAccount, NodeRestriction, ..., PodSecurity, ...,
    // Priority, DefaultTolerationSeconds, ..., ResourceQuota
    expect(defaultMutatingPlugins(deps).map((p) => p.name))
      .toEqual(['NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'NodeRestriction', 'Priority', 'DefaultTolerationSeconds']);
    expect(defaultValidatingPlugins(deps).map((p) => p.name))
      .toEqual(['LimitRanger', 'ServiceAccount', 'PodSecurity', 'Priority', 'ResourceQuota']);
  });

  it('shares one instance per plugin across both phases', () => {
    const { mutating, validating } = defaultAdmissionChain(deps);
    expect(mutating.find((p) => p.name === 'LimitRanger')).toBe(validating.find((p) => p.name === 'LimitRanger'));
  });

  it('turns the nginx pod into what kube-apiserver stores after admission', () => {
    const store = new MemoryReader()
      .add('', 'namespaces', namespace('default'))
      .add('', 'serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
    const ctx = new RecordingContext(store);
    const attrs = attrsFor('pods', 'CREATE', nginxPod());
    const { mutating, validating } = defaultAdmissionChain(deps);
    for (const p of mutating) if (p.handles(attrs)) p.admit(attrs, ctx);
    for (const p of validating) if (p.handles(attrs)) p.validate(attrs, ctx);
    const spec = (attrs.object as Pod).spec!;
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.volumes?.[0]?.name).toBe('kube-api-access-abcde');
    expect(spec.priority).toBe(0);
    expect(spec.tolerations).toHaveLength(2);
    expect(ctx.warnings).toEqual([]);
  });

  it('stops at NamespaceLifecycle for a missing namespace', () => {
    const ctx = new RecordingContext(new MemoryReader());
    const attrs = attrsFor('pods', 'CREATE', nginxPod('x', 'nope'));
    const [first] = defaultMutatingPlugins(deps);
    expect(caughtApiError(() => first?.admit(attrs, ctx)).status.message).toBe('namespaces "nope" not found');
  });
});
