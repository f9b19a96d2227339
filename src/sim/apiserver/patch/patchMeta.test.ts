import { describe, expect, it } from 'vitest';
import { lookupField, patchMetaOfKind, rootTypeOf } from './patchMeta.ts';

describe('patch metadata (patchStrategy / patchMergeKey struct tags)', () => {
  it('gives a Deployment the PodSpec tags under spec.template.spec and retainKeys on spec.strategy', () => {
    const meta = patchMetaOfKind({ group: 'apps', kind: 'Deployment' });
    expect(meta['spec.strategy']).toEqual({ strategy: 'retainKeys' });
    expect(meta['spec.template.spec.containers']).toEqual({ strategy: 'merge', mergeKey: 'name' });
    expect(meta['spec.template.spec.containers.ports']).toEqual({ strategy: 'merge', mergeKey: 'containerPort' });
    expect(meta['spec.template.spec.containers.volumeMounts']).toEqual({ strategy: 'merge', mergeKey: 'mountPath' });
    expect(meta['spec.template.spec.volumes']).toEqual({ strategy: 'merge,retainKeys', mergeKey: 'name' });
    expect(meta['spec.template.metadata.ownerReferences']).toEqual({ strategy: 'merge', mergeKey: 'uid' });
    expect(meta['status.conditions']).toEqual({ strategy: 'merge', mergeKey: 'type' });
    expect(meta['spec.template.spec.tolerations']).toBeUndefined();
  });

  it('lists the Pod fields kubelet and kubectl patch', () => {
    const meta = patchMetaOfKind({ group: '', kind: 'Pod' });
    expect(meta).toMatchObject({
      'metadata.finalizers': { strategy: 'merge' },
      'spec.containers.env': { strategy: 'merge', mergeKey: 'name' },
      'spec.initContainers': { strategy: 'merge', mergeKey: 'name' },
      'spec.ephemeralContainers': { strategy: 'merge', mergeKey: 'name' },
      'spec.imagePullSecrets': { strategy: 'merge', mergeKey: 'name' },
      'spec.hostAliases': { strategy: 'merge', mergeKey: 'ip' },
      'spec.topologySpreadConstraints': { strategy: 'merge', mergeKey: 'topologyKey' },
      'spec.schedulingGates': { strategy: 'merge', mergeKey: 'name' },
      'status.conditions': { strategy: 'merge', mergeKey: 'type' },
      'status.podIPs': { strategy: 'merge', mergeKey: 'ip' },
    });
  });

  it('has Node addresses and conditions by type, podCIDRs as a set, and no strategy for taints', () => {
    const meta = patchMetaOfKind({ group: '', kind: 'Node' });
    expect(meta['status.addresses']).toEqual({ strategy: 'merge', mergeKey: 'type' });
    expect(meta['spec.podCIDRs']).toEqual({ strategy: 'merge' });
    expect(meta['spec.taints']).toBeUndefined();
  });

  it('gives untagged kinds only the ObjectMeta tags', () => {
    expect(rootTypeOf({ group: 'rbac.authorization.k8s.io', kind: 'Role' })).toBe('PlainObject');
    expect(patchMetaOfKind({ group: '', kind: 'ConfigMap' })).toEqual({
      'metadata.ownerReferences': { strategy: 'merge', mergeKey: 'uid' },
      'metadata.finalizers': { strategy: 'merge' },
    });
    expect(lookupField('PodSpec', 'nodeSelector')).toEqual({});
    expect(lookupField(undefined, 'anything')).toEqual({});
  });

  it('keeps ServiceAccount.secrets merged by name but imagePullSecrets untagged there', () => {
    const meta = patchMetaOfKind({ group: '', kind: 'ServiceAccount' });
    expect(meta.secrets).toEqual({ strategy: 'merge', mergeKey: 'name' });
    expect(meta.imagePullSecrets).toBeUndefined();
  });
});
