import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { DefaultTolerationSeconds } from './DefaultTolerationSeconds.ts';
import { RecordingContext, attrsFor, nginxPod } from './testing.ts';

function admitted(pod: Pod, plugin = new DefaultTolerationSeconds()): Pod {
  const attrs = attrsFor('pods', 'CREATE', pod);
  expect(plugin.handles(attrs)).toBe(true);
  plugin.admit(attrs, new RecordingContext());
  return attrs.object as Pod;
}

describe('DefaultTolerationSeconds', () => {
  it('adds not-ready and unreachable NoExecute tolerations for 300s, in that order', () => {
    // upstream: key node.kubernetes.io/not-ready / unreachable, operator Exists, effect NoExecute, tolerationSeconds 300
    expect(admitted(nginxPod() as Pod).spec?.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('leaves a toleration the pod already has and appends after existing ones', () => {
    const pod = nginxPod() as Pod;
    pod.spec!.tolerations = [
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
    ];
    expect(admitted(pod).spec?.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('treats an empty key or empty effect as tolerating both taints', () => {
    const pod = nginxPod() as Pod;
    pod.spec!.tolerations = [{ operator: 'Exists' }];
    expect(admitted(pod).spec?.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('honours the flag values', () => {
    const tolerations = admitted(nginxPod() as Pod, new DefaultTolerationSeconds({ notReadySeconds: 30, unreachableSeconds: 45 })).spec?.tolerations;
    expect(tolerations?.map((t) => t.tolerationSeconds)).toEqual([30, 45]);
  });

  it('ignores subresources and other resources', () => {
    const plugin = new DefaultTolerationSeconds();
    expect(plugin.handles(attrsFor('pods', 'CREATE', nginxPod(), { subresource: 'binding' }))).toBe(false);
    expect(plugin.handles(attrsFor('configmaps', 'CREATE', { metadata: { name: 'c' } }))).toBe(false);
  });
});
