import { describe, expect, it } from 'vitest';
import type { Json } from '../api/types.ts';
import { applyStrategicMergePatch } from '../apiserver/patch/strategicMergePatch.ts';
import { StrategicPatchError, threeWayJsonMergePatch, threeWayMergePatch } from './threeWayMerge.ts';

const POD = { group: '', kind: 'Pod' };
const DEPLOYMENT = { group: 'apps', kind: 'Deployment' };
type Obj = { [k: string]: Json };

/** A Pod as the apiserver stores it after defaulting and the ServiceAccount admission plugin. */
function livePod(image: string): Obj {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'u', resourceVersion: '7', labels: { app: 'web' } },
    spec: {
      containers: [{
        name: 'nginx', image, imagePullPolicy: 'Always', resources: {}, terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File', volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access-x', readOnly: true }],
      }],
      restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', volumes: [{ name: 'kube-api-access-x', projected: { sources: [] } }],
    },
    status: { phase: 'Pending' },
  };
}
const filePod = (image: string): Obj => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] },
});

describe('threeWayMergePatch (strategic, CreateThreeWayMergePatch)', () => {
  it('ignores what the server defaulted or added (merge lists diffed by key, deletions only from last-applied)', () => {
    expect(threeWayMergePatch(filePod('nginx'), filePod('nginx'), livePod('nginx'), POD))
      .toEqual({ contentType: 'application/strategic-merge-patch+json', patch: {} });
  });

  it('sends the changed member under the element\'s merge key, with $setElementOrder of the file\'s list', () => {
    const { patch } = threeWayMergePatch(filePod('nginx'), filePod('nginx:1.27'), livePod('nginx'), POD);
    expect(JSON.stringify(patch)).toBe('{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.27","name":"nginx"}]}}');
  });

  it('sends only $setElementOrder when the file reorders a merge list', () => {
    const two = (a: string, b: string): Obj => ({ spec: { containers: [{ name: a, image: a }, { name: b, image: b }] } });
    expect(threeWayMergePatch(two('a', 'b'), two('b', 'a'), two('a', 'b'), POD).patch)
      .toEqual({ spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } });
  });

  it('deletes an element the file dropped only if it was last applied (a server-added one stays)', () => {
    const original = { spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] } };
    const modified = { spec: { containers: [{ name: 'a', image: 'a' }] } };
    const current = { spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }, { name: 'injected', image: 'i' }] } };
    expect(threeWayMergePatch(original, modified, current, POD).patch).toEqual({
      spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ $patch: 'delete', name: 'b' }] },
    });
  });

  it('emits $retainKeys for DeploymentSpec.strategy (patchStrategy:"retainKeys" in apps/v1 since kubernetes#70436)', () => {
    const dep = (strategy: Obj): Obj => ({ spec: { replicas: 1, strategy } });
    const original = dep({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } });
    const current = dep({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } });
    const { patch } = threeWayMergePatch(original, dep({ type: 'Recreate' }), current, DEPLOYMENT);
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } });
    // The apiserver then drops the defaulted maxUnavailable along with rollingUpdate.
    expect(applyStrategicMergePatch(current, patch, { group: 'apps', version: 'v1', kind: 'Deployment' })).toEqual(dep({ type: 'Recreate' }));
  });

  it('emits $retainKeys per element of PodSpec.volumes (patchStrategy:"merge,retainKeys")', () => {
    const pod = (volume: Obj): Obj => ({ spec: { volumes: [{ name: 'v', ...volume }] } });
    const current = pod({ emptyDir: {} });
    const { patch } = threeWayMergePatch(current, pod({ hostPath: { path: '/x' } }), current, POD);
    expect(patch).toEqual({
      spec: {
        '$setElementOrder/volumes': [{ name: 'v' }],
        volumes: [{ $retainKeys: ['hostPath', 'name'], emptyDir: null, hostPath: { path: '/x' }, name: 'v' }],
      },
    });
    expect(applyStrategicMergePatch(current, patch, { group: '', version: 'v1', kind: 'Pod' })).toEqual(pod({ hostPath: { path: '/x' } }));
  });

  it('diffs merged lists of strings into additions and a $deleteFromPrimitiveList list', () => {
    const meta = (finalizers: string[]): Obj => ({ metadata: { finalizers } });
    expect(threeWayMergePatch(meta(['a', 'b']), meta(['b', 'c']), meta(['a', 'b', 'z']), POD).patch).toEqual({
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], '$setElementOrder/finalizers': ['b', 'c'], finalizers: ['c'] },
    });
  });

  it('replaces lists without patch metadata (Role rules) whole', () => {
    const role = (verbs: string[]): Obj => ({ rules: [{ apiGroups: [''], resources: ['pods'], verbs }] });
    expect(threeWayMergePatch(role(['get']), role(['get', 'list']), role(['get']), { group: 'rbac.authorization.k8s.io', kind: 'Role' }).patch)
      .toEqual(role(['get', 'list']));
  });

  it('writes keys in Go\'s map order, so the bytes match json.Marshal', () => {
    const { patch } = threeWayMergePatch({}, { spec: { z: 1, a: 2, $x: 3 } }, {}, POD);
    expect(JSON.stringify(patch)).toBe('{"spec":{"$x":3,"a":2,"z":1}}');
  });

  it('fails like the library when a merge-list element lacks its merge key', () => {
    const withKeyless = { spec: { containers: [{ image: 'busybox' }, { name: 'c', image: 'nginx' }] } };
    const live = { spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    expect(() => threeWayMergePatch(live, withKeyless, live, POD)).toThrow(new StrategicPatchError('map: map[image:busybox] does not contain declared merge key: name'));
  });

  it('with overwrite false, refuses a change the server made since the last apply (mergepatch.ErrConflict)', () => {
    const labels = (app: string): Obj => ({ metadata: { labels: { app } } });
    expect(() => threeWayMergePatch(labels('a'), labels('c'), labels('b'), POD, { overwrite: false })).toThrow(
      'patch:\nmetadata:\n  labels:\n    app: c\n\nconflicts with changes made from original to current:\nmetadata:\n  labels:\n    app: b\n\n',
    );
    expect(threeWayMergePatch(labels('a'), labels('c'), labels('b'), POD).patch).toEqual(labels('c'));
    expect(threeWayMergePatch(labels('a'), labels('c'), labels('a'), POD, { overwrite: false }).patch).toEqual(labels('c'));
  });

  it('sends a JSON merge patch for kinds outside kubectl\'s scheme (custom resources)', () => {
    expect(threeWayMergePatch({ l: [1] }, { l: [1, 2] }, { l: [1] }, { group: 'example.com', kind: 'Widget' }))
      .toEqual({ contentType: 'application/merge-patch+json', patch: { l: [1, 2] } });
  });
});

describe('threeWayJsonMergePatch (CreateThreeWayJSONMergePatch)', () => {
  it('deletes what the file dropped, keeps what the server added, and sets what changed', () => {
    const original = { metadata: { labels: { a: '1', b: '2' } }, spec: { replicas: 1 } };
    const modified = { metadata: { labels: { a: '1' } }, spec: { replicas: 3 } };
    const live = { metadata: { labels: { a: '1', b: '2' }, uid: 'u' }, spec: { replicas: 1, paused: false } };
    expect(threeWayJsonMergePatch(original, modified, live)).toEqual({ metadata: { labels: { b: null } }, spec: { replicas: 3 } });
  });
  it('is empty when the live object already matches the file', () => {
    expect(threeWayJsonMergePatch({ a: 1 }, { a: 1 }, { a: 1, status: {} })).toEqual({});
  });
});
