import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { ServiceAccount } from './ServiceAccount.ts';
import { MemoryReader, RecordingContext, attrsFor, caughtApiError, nginxPod } from './testing.ts';

const sa = (name: string, ns = 'default', more: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns }, ...more });

function suffixes(...values: string[]): () => string {
  let i = 0;
  return () => values[i++] ?? 'zzzzz';
}

function run(pod: object, store: MemoryReader, plugin = new ServiceAccount({ nameSuffix: suffixes('x7k2p') })): Pod {
  const attrs = attrsFor('pods', 'CREATE', pod);
  const ctx = new RecordingContext(store);
  expect(plugin.handles(attrs)).toBe(true);
  plugin.admit(attrs, ctx);
  plugin.validate(attrs, ctx);
  return attrs.object as Pod;
}

describe('ServiceAccount', () => {
  const store = new MemoryReader().add('', 'serviceaccounts', sa('default'));

  it('sets the default account and mounts the projected kube-api-access volume', () => {
    const pod = run(nginxPod(), store);
    expect(pod.spec?.serviceAccountName).toBe('default');
    // upstream TokenVolumeSource(): expirationSeconds 3607, kube-root-ca.crt, downward API namespace, defaultMode 420
    expect(pod.spec?.volumes).toEqual([{
      name: 'kube-api-access-x7k2p',
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
        defaultMode: 420,
      },
    }]);
    expect(pod.spec?.containers[0]?.volumeMounts).toEqual([
      { name: 'kube-api-access-x7k2p', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ]);
    expect(pod.spec?.imagePullSecrets).toBeUndefined();
  });

  it('mounts into init containers too, leaving a container that already mounts the path alone', () => {
    const pod = nginxPod() as Pod;
    pod.spec!.initContainers = [{ name: 'init', image: 'busybox' }];
    pod.spec!.containers.push({ name: 'own', image: 'x', volumeMounts: [{ name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] });
    const out = run(pod, store);
    expect(out.spec?.initContainers?.[0]?.volumeMounts?.[0]?.name).toBe('kube-api-access-x7k2p');
    expect(out.spec?.containers[1]?.volumeMounts).toEqual([{ name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
  });

  it('reuses an existing kube-api-access- volume instead of adding another', () => {
    const pod = nginxPod() as Pod;
    pod.spec!.volumes = [{ name: 'kube-api-access-old11', emptyDir: {} }];
    const out = run(pod, store);
    expect(out.spec?.volumes).toHaveLength(1);
    expect(out.spec?.containers[0]?.volumeMounts?.[0]?.name).toBe('kube-api-access-old11');
  });

  it('honours automountServiceAccountToken: the pod wins over the account', () => {
    const optedOut = new MemoryReader().add('', 'serviceaccounts', sa('default', 'default', { automountServiceAccountToken: false }));
    expect(run(nginxPod(), optedOut).spec?.volumes).toBeUndefined();
    const pod = nginxPod() as Pod;
    pod.spec!.automountServiceAccountToken = true;
    expect(run(pod, optedOut).spec?.volumes).toHaveLength(1);
    const podOptOut = nginxPod() as Pod;
    podOptOut.spec!.automountServiceAccountToken = false;
    expect(run(podOptOut, store).spec?.volumes).toBeUndefined();
  });

  it('rejects a pod whose account does not exist', () => {
    // v1.32: errors.NewNotFound(api.Resource("serviceaccount"), name) wrapped by "error looking up service account %s/%s: %w"
    const err = caughtApiError(() => run(nginxPod(), new MemoryReader()));
    expect(err.status.message).toBe('pods "nginx" is forbidden: error looking up service account default/default: serviceaccount "default" not found');
    expect(err.status.code).toBe(403);
  });

  it('copies the account\u2019s imagePullSecrets when the pod has none', () => {
    const withPull = new MemoryReader().add('', 'serviceaccounts', sa('builder', 'default', { imagePullSecrets: [{ name: 'regcred' }] }));
    const pod = nginxPod() as Pod;
    pod.spec!.serviceAccountName = 'builder';
    expect(run(pod, withPull).spec?.imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });

  it('enforces mountable secrets when the account asks for it', () => {
    const strict = new MemoryReader().add('', 'serviceaccounts', sa('default', 'default', {
      metadata: { name: 'default', namespace: 'default', annotations: { 'kubernetes.io/enforce-mountable-secrets': 'true' } },
      secrets: [{ name: 'allowed' }],
    }));
    const pod = nginxPod() as Pod;
    pod.spec!.volumes = [{ name: 'creds', secret: { secretName: 'other' } }];
    const err = caughtApiError(() => run(pod, strict));
    expect(err.status.message).toBe('pods "nginx" is forbidden: volume with secret.secretName="other" is not allowed because service account default does not reference that secret');
  });

  it('forbids mirror pods from naming a service account', () => {
    const pod = nginxPod() as Pod;
    pod.metadata!.annotations = { 'kubernetes.io/config.mirror': 'abc' };
    pod.spec!.serviceAccountName = 'default';
    const err = caughtApiError(() => run(pod, store));
    expect(err.status.message).toBe('pods "nginx" is forbidden: a mirror pod may not reference service accounts');
  });

  it('does not mutate on update, and ignores other subresources', () => {
    const plugin = new ServiceAccount({ nameSuffix: suffixes() });
    const pod = nginxPod();
    const attrs = attrsFor('pods', 'UPDATE', pod, { oldObject: pod });
    plugin.admit(attrs, new RecordingContext(store));
    expect((attrs.object as Pod).spec?.serviceAccountName).toBeUndefined();
    expect(plugin.handles(attrsFor('pods', 'CREATE', pod, { subresource: 'binding' }))).toBe(false);
  });
});
