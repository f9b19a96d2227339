import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GroupVersionKind, Json } from '../../api/types.ts';
import { applyStrategicMergePatch } from './strategicMergePatch.ts';
import { applyMergePatch } from './jsonMergePatch.ts';
import { thrown } from './testing.ts';
import type { JsonObject } from './jsonValue.ts';

const POD: GroupVersionKind = { group: '', version: 'v1', kind: 'Pod' };
const NODE: GroupVersionKind = { group: '', version: 'v1', kind: 'Node' };
const DEPLOYMENT: GroupVersionKind = { group: 'apps', version: 'v1', kind: 'Deployment' };
const CONFIGMAP: GroupVersionKind = { group: '', version: 'v1', kind: 'ConfigMap' };

function obj(v: Json | undefined): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
  return v;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** nginx-pod.yaml as stored after `kubectl apply`: server defaults and the last-applied annotation. */
function nginxPod(): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'nginx-pod', namespace: 'default', uid: '6f1c6a0e-0d7a-4a53-9a39-3c9c7b1f2a10', resourceVersion: '812',
      creationTimestamp: '2025-01-01T00:00:00Z', labels: { app: 'nginx' },
      annotations: {
        [LAST_APPLIED]: '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"nginx"},"name":"nginx-pod","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx","ports":[{"containerPort":80}]}]}}\n',
      },
    },
    spec: {
      containers: [{
        name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {},
        terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent',
        volumeMounts: [{ name: 'kube-api-access-x7k2p', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
      }],
      restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', serviceAccountName: 'default',
      serviceAccount: 'default', nodeName: 'node-1', securityContext: {}, schedulerName: 'default-scheduler',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      volumes: [{ name: 'kube-api-access-x7k2p', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }], defaultMode: 420 } }],
      priority: 0, enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:01Z' },
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:05Z' },
      ],
      qosClass: 'BestEffort',
    },
  };
}

function nginxDeployment(): JsonObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', generation: 1 },
    spec: {
      replicas: 2, selector: { matchLabels: { app: 'web' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'nginx', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }], imagePullPolicy: 'IfNotPresent' },
            { name: 'sidecar', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent' },
          ],
          restartPolicy: 'Always', dnsPolicy: 'ClusterFirst',
        },
      },
    },
  };
}

describe('applyStrategicMergePatch: what kubectl v1.32 sends', () => {
  it('re-apply of nginx-pod.yaml with a new image changes the image and the annotation, nothing else', () => {
    const live = nginxPod();
    const lastApplied = '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"nginx"},"name":"nginx-pod","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.27","name":"nginx","ports":[{"containerPort":80}]}]}}\n';
    // The body kubectl apply sends (CreateThreeWayMergePatch of last-applied, the file, and the live object).
    const patch = {
      metadata: { annotations: { [LAST_APPLIED]: lastApplied } },
      spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'nginx:1.27', name: 'nginx' }] },
    };
    const out = obj(applyStrategicMergePatch(live, patch, POD));
    const expected = nginxPod();
    obj(obj(expected.metadata).annotations)[LAST_APPLIED] = lastApplied;
    const c = obj((obj(expected.spec).containers as Json[])[0]);
    c.image = 'nginx:1.27';
    expect(out).toEqual(expected);
  });

  it('`kubectl set image deployment/web nginx=nginx:1.27` keeps the other container and the container order', () => {
    const patch = { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }], containers: [{ image: 'nginx:1.27', name: 'nginx' }] } } } };
    const out = obj(applyStrategicMergePatch(nginxDeployment(), patch, DEPLOYMENT));
    const containers = obj(obj(obj(out.spec).template).spec).containers as JsonObject[];
    expect(containers.map((c) => [c.name, c.image])).toEqual([['nginx', 'nginx:1.27'], ['sidecar', 'busybox:1.36']]);
    expect(containers[0]?.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }]);
  });

  it('merges env by name: changes B, adds D, keeps A and C (Container.env patchMergeKey "name")', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'nginx', env: [{ name: 'B', value: 'two' }, { name: 'D', value: '4' }] }] } } } };
    const out = obj(applyStrategicMergePatch(nginxDeployment(), patch, DEPLOYMENT));
    const nginx = (obj(obj(obj(out.spec).template).spec).containers as JsonObject[])[0];
    // mergeSortedSlice: a live-only item goes before a patch item only if both are live and it comes first there,
    // so the new D lands right after B, ahead of the live-only C.
    expect(nginx?.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: 'two' }, { name: 'D', value: '4' }, { name: 'C', value: '3' }]);
  });

  it('deletes a container with `$patch: delete` and an env var the same way', () => {
    const patch = { spec: { template: { spec: { containers: [
      { name: 'sidecar', $patch: 'delete' },
      { name: 'nginx', env: [{ name: 'A', $patch: 'delete' }] },
    ] } } } };
    const out = obj(applyStrategicMergePatch(nginxDeployment(), patch, DEPLOYMENT));
    const containers = obj(obj(obj(out.spec).template).spec).containers as JsonObject[];
    expect(containers.map((c) => c.name)).toEqual(['nginx']);
    expect(containers[0]?.env).toEqual([{ name: 'B', value: '2' }, { name: 'C', value: '3' }]);
  });

  it('replaces a merge list with `$patch: replace`', () => {
    const patch = { spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'redis' }] } } } };
    const out = obj(applyStrategicMergePatch(nginxDeployment(), patch, DEPLOYMENT));
    expect(obj(obj(obj(out.spec).template).spec).containers).toEqual([{ name: 'only', image: 'redis' }]);
  });

  it('replaces a whole map with `$patch: replace` and empties it with `$patch: delete`', () => {
    const live = nginxDeployment();
    const out = obj(applyStrategicMergePatch(live, { spec: { selector: { $patch: 'replace', matchLabels: { x: 'y' } } } }, DEPLOYMENT));
    expect(obj(out.spec).selector).toEqual({ matchLabels: { x: 'y' } });
    const emptied = obj(applyStrategicMergePatch(live, { spec: { strategy: { $patch: 'delete' } } }, DEPLOYMENT));
    expect(obj(emptied.spec).strategy).toEqual({});
  });

  it('switches a Deployment from RollingUpdate to Recreate with `$retainKeys`, dropping rollingUpdate (DeploymentSpec.strategy retainKeys)', () => {
    const patch = { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } };
    const out = obj(applyStrategicMergePatch(nginxDeployment(), patch, DEPLOYMENT));
    expect(obj(out.spec).strategy).toEqual({ type: 'Recreate' });
    // Without the directive the stale rollingUpdate would stay (and validation would reject it).
    const merged = obj(applyStrategicMergePatch(nginxDeployment(), { spec: { strategy: { type: 'Recreate' } } }, DEPLOYMENT));
    expect(obj(merged.spec).strategy).toEqual({ type: 'Recreate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  });

  it('retainKeys on a volume source switches emptyDir to hostPath (PodSpec.volumes "merge,retainKeys")', () => {
    const live = nginxPod();
    obj(live.spec).volumes = [{ name: 'data', emptyDir: {} }];
    const patch = { spec: { volumes: [{ $retainKeys: ['hostPath', 'name'], name: 'data', hostPath: { path: '/data' } }] } };
    expect(obj(obj(applyStrategicMergePatch(live, patch, POD)).spec).volumes).toEqual([{ name: 'data', hostPath: { path: '/data' } }]);
  });

  it('rejects a patch member missing from `$retainKeys` with 400 "invalid patch format of retainKeys"', () => {
    const e = thrown(() => applyStrategicMergePatch(nginxDeployment(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: {} } } }, DEPLOYMENT));
    expect(e.status).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'BadRequest', message: 'invalid patch format of retainKeys', code: 400 });
  });

  it('deletes a label with null and adds one (maps merge key by key)', () => {
    const patch = { metadata: { labels: { app: null, tier: 'web' } } };
    expect(obj(applyStrategicMergePatch(nginxPod(), patch, POD)).metadata).toMatchObject({ labels: { tier: 'web' } });
  });

  it('replaces untagged lists whole: tolerations (PodSpec.tolerations has no patchStrategy)', () => {
    const patch = { spec: { tolerations: [{ key: 'gpu', operator: 'Exists' }] } };
    expect(obj(obj(applyStrategicMergePatch(nginxPod(), patch, POD)).spec).tolerations).toEqual([{ key: 'gpu', operator: 'Exists' }]);
  });

  it('`kubectl cordon` sets spec.unschedulable; node taints are replaced whole (NodeSpec.taints has no patchStrategy)', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'a', effect: 'NoSchedule' }] } };
    const out = obj(applyStrategicMergePatch(node, { spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] } }, NODE));
    expect(out.spec).toEqual({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] });
  });

  it('merges finalizers as a set and deletes with `$deleteFromPrimitiveList/finalizers` (ObjectMeta.finalizers patchStrategy merge)', () => {
    const live = { metadata: { name: 'x', finalizers: ['a', 'b'] } };
    expect(obj(applyStrategicMergePatch(live, { metadata: { finalizers: ['b', 'c'] } }, CONFIGMAP)).metadata).toEqual({ name: 'x', finalizers: ['a', 'b', 'c'] });
    const patch = { metadata: { '$setElementOrder/finalizers': ['a', 'c'], '$deleteFromPrimitiveList/finalizers': ['b'], finalizers: ['c'] } };
    expect(obj(applyStrategicMergePatch(live, patch, CONFIGMAP)).metadata).toEqual({ name: 'x', finalizers: ['a', 'c'] });
  });

  it('merges ownerReferences by uid', () => {
    const live = { metadata: { name: 'x', ownerReferences: [{ uid: '1', kind: 'ReplicaSet', name: 'a' }] } };
    const out = obj(applyStrategicMergePatch(live, { metadata: { ownerReferences: [{ uid: '2', kind: 'ReplicaSet', name: 'b' }, { uid: '1', controller: true }] } }, POD));
    // Every item is in the patch, so the patch's order wins.
    expect(obj(out.metadata).ownerReferences).toEqual([
      { uid: '2', kind: 'ReplicaSet', name: 'b' },
      { uid: '1', kind: 'ReplicaSet', name: 'a', controller: true },
    ]);
  });

  it('orders a list by `$setElementOrder`, interleaving server-only items by their live position', () => {
    const live = { spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] } };
    const patch = { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }], containers: [{ name: 'c', image: 'new' }] } };
    const out = obj(applyStrategicMergePatch(live, patch, POD));
    // c, a as ordered; the server-only b sorts before c because b precedes c in the live list.
    expect(obj(out.spec).containers).toEqual([{ name: 'b' }, { name: 'c', image: 'new' }, { name: 'a' }]);
  });

  it('merges pod status conditions by type, as the kubelet\'s status patch does', () => {
    const patch = { status: { '$setElementOrder/conditions': [{ type: 'Initialized' }, { type: 'Ready' }], conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }] } };
    const out = obj(applyStrategicMergePatch(nginxPod(), patch, POD));
    expect(obj(out.status).conditions).toEqual([
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:01Z' },
      { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:05Z', reason: 'ContainersNotReady' },
    ]);
  });

  it('drops directive keys left in values it copies verbatim, as the typed decode does', () => {
    const live = { metadata: { name: 'x' }, spec: { containers: [{ name: 'a' }] } };
    const out = obj(applyStrategicMergePatch(live, { spec: { initContainers: [{ name: 'i', $patch: 'delete' }] } }, POD));
    expect(obj(out.spec).initContainers).toEqual([{ name: 'i' }]);
  });

  it('treats a null patch as no change and does not modify its arguments', () => {
    const live = nginxDeployment();
    const before = JSON.stringify(live);
    expect(applyStrategicMergePatch(live, null, DEPLOYMENT)).toEqual(live);
    const patch = { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } };
    applyStrategicMergePatch(live, patch, DEPLOYMENT);
    expect(JSON.stringify(live)).toBe(before);
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
  });
});

describe('applyStrategicMergePatch: errors as handlers/patch.go answers them', () => {
  const status500 = (message: string): JsonObject => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 });

  it('a container without its merge key is a 500 without reason: "map: map[image:nginx:1.27] does not contain declared merge key: name"', () => {
    const e = thrown(() => applyStrategicMergePatch(nginxPod(), { spec: { containers: [{ image: 'nginx:1.27' }] } }, POD));
    expect(e.status).toEqual(status500('map: map[image:nginx:1.27] does not contain declared merge key: name'));
  });

  it('`$patch: merge` in a list is a 500: "merging lists cannot yet be specified in the patch"', () => {
    const e = thrown(() => applyStrategicMergePatch(nginxPod(), { spec: { containers: [{ $patch: 'merge' }] } }, POD));
    expect(e.status).toEqual(status500('merging lists cannot yet be specified in the patch'));
  });

  it('an unknown `$patch` in a map is a 500 naming the map in Go syntax', () => {
    const e = thrown(() => applyStrategicMergePatch(nginxPod(), { spec: { securityContext: { $patch: 'frob', runAsUser: 1000 } } }, POD));
    expect(e.status).toEqual(status500('unknown patch type: frob in map: map[$patch:frob runAsUser:1000]'));
  });

  it('lists of lists in a merge list are a 422 with the generic message (ErrNoListOfLists)', () => {
    const e = thrown(() => applyStrategicMergePatch({ metadata: { finalizers: [] } }, { metadata: { finalizers: [['b']] } }, CONFIGMAP));
    expect(e.status).toMatchObject({ code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' });
    expect(e.detail).toBe('lists of lists are not supported');
  });

  it('malformed directive keys are a 400', () => {
    expect(thrown(() => applyStrategicMergePatch(nginxPod(), { spec: { $setElementOrder: [] } }, POD)).status)
      .toMatchObject({ code: 400, reason: 'BadRequest', message: 'invalid patch format of setElementOrder list' });
    expect(thrown(() => applyStrategicMergePatch(nginxPod(), { metadata: { $deleteFromPrimitiveList: ['a'] } }, POD)).status)
      .toMatchObject({ code: 400, reason: 'BadRequest', message: 'invalid patch format of primitive list' });
  });

  it('a patch that is not an object is a 400 with encoding/json\'s text', () => {
    expect(thrown(() => applyStrategicMergePatch(nginxPod(), [1], POD)).status)
      .toMatchObject({ code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' });
  });

  it('mixed element types in a merge list are a 500 (sliceElementType)', () => {
    const e = thrown(() => applyStrategicMergePatch({ metadata: { finalizers: ['a'] } }, { metadata: { finalizers: [['b']] } }, CONFIGMAP));
    expect(e.status).toEqual(status500('list element types are not identical: [[a] [[b]]]'));
  });

  it('a `$setElementOrder` list that the patch list contradicts is a 500', () => {
    const live = { spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
    const patch = { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'b', image: 'x' }] } };
    expect(thrown(() => applyStrategicMergePatch(live, patch, POD)).status).toEqual(
      status500('The order in patch list:\n[map[image:x name:b]]\n doesn\'t match $setElementOrder list:\n[map[name:a]]\n'),
    );
  });
});

describe('applyStrategicMergePatch: properties', () => {
  // On objects without tagged lists and without nulls, a strategic merge patch is a JSON merge patch.
  const leaf = fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean());
  const value = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.constantFrom('x', 'y'), leaf, { maxKeys: 2 }));
  const doc = fc.dictionary(fc.constantFrom('data', 'a', 'b', 'c'), value, { maxKeys: 4 }) as fc.Arbitrary<JsonObject>;

  it('equals applyMergePatch for a ConfigMap and null-free patches', () => {
    fc.assert(fc.property(doc, doc, (x, p) => {
      expect(applyStrategicMergePatch(x, p, CONFIGMAP)).toEqual(applyMergePatch(x, p));
    }), { numRuns: 300 });
  });

  it('keeps every live container a patch does not delete, whatever it merges', () => {
    const names = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 5 });
    fc.assert(fc.property(names, names, (liveNames, patchNames) => {
      const live = { spec: { containers: liveNames.map((name) => ({ name, image: 'old' })) } };
      const patch = { spec: { containers: patchNames.map((name) => ({ name, image: 'new' })) } };
      const out = obj(obj(applyStrategicMergePatch(live, patch, POD)).spec).containers as JsonObject[];
      expect(new Set(out.map((c) => c.name))).toEqual(new Set([...liveNames, ...patchNames]));
      for (const c of out) expect(c.image).toBe((patchNames as string[]).includes(c.name as string) ? 'new' : 'old');
    }), { numRuns: 200 });
  });
});
