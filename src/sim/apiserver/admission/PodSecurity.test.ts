import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { PodSecurity } from './PodSecurity.ts';
import { MemoryReader, RecordingContext, attrsFor, caughtApiError, namespace, nginxPod } from './testing.ts';

const RESTRICTED_NGINX = 'allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), '
  + 'unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), '
  + 'runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), '
  + 'seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';

function setup(labels: Record<string, string>, ...pods: KubeObject[]): { ctx: RecordingContext; plugin: PodSecurity } {
  const store = new MemoryReader().add('', 'namespaces', namespace('team', labels));
  for (const p of pods) store.add('', 'pods', p);
  return { ctx: new RecordingContext(store), plugin: new PodSecurity() };
}

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'team' },
  spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
});

describe('PodSecurity on pods', () => {
  it('enforce rejects with the upstream aggregate message (Forbidden, 403)', () => {
    const { ctx, plugin } = setup({ 'pod-security.kubernetes.io/enforce': 'restricted' });
    const attrs = attrsFor('pods', 'CREATE', nginxPod('x', 'team'));
    expect(plugin.handles(attrs)).toBe(true);
    const err = caughtApiError(() => plugin.validate(attrs, ctx));
    expect(err.status.message).toBe(`pods "x" is forbidden: violates PodSecurity "restricted:latest": ${RESTRICTED_NGINX}`);
    expect(err.status.code).toBe(403);
    expect(err.status.reason).toBe('Forbidden');
    expect(ctx.audit['pod-security.kubernetes.io/enforce-policy']).toBe('restricted:latest');
    expect(ctx.warnings).toEqual([]); // no warnings on a request that is rejected
  });

  it('warn adds a warning and admits', () => {
    const { ctx, plugin } = setup({ 'pod-security.kubernetes.io/warn': 'restricted' });
    plugin.validate(attrsFor('pods', 'CREATE', nginxPod('x', 'team')), ctx);
    expect(ctx.warnings).toEqual([`would violate PodSecurity "restricted:latest": ${RESTRICTED_NGINX}`]);
    expect(ctx.audit['pod-security.kubernetes.io/enforce-policy']).toBe('privileged:latest');
  });

  it('audit records the audit-violations annotation', () => {
    const { ctx, plugin } = setup({ 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/audit-version': 'v1.32' });
    plugin.validate(attrsFor('pods', 'CREATE', nginxPod('x', 'team')), ctx);
    expect(ctx.audit['pod-security.kubernetes.io/audit-violations']).toBe(`would violate PodSecurity "restricted:v1.32": ${RESTRICTED_NGINX}`);
    expect(ctx.warnings).toEqual([]);
  });

  it('does nothing in a fully privileged namespace', () => {
    const { ctx, plugin } = setup({});
    plugin.validate(attrsFor('pods', 'CREATE', nginxPod('x', 'team')), ctx);
    expect(ctx.audit).toEqual({});
  });

  it('ignores status and binding subresources, and updates that change no image', () => {
    const { ctx, plugin } = setup({ 'pod-security.kubernetes.io/enforce': 'restricted' });
    const pod = nginxPod('x', 'team');
    expect(() => plugin.validate(attrsFor('pods', 'UPDATE', pod, { subresource: 'status', oldObject: pod }), ctx)).not.toThrow();
    expect(() => plugin.validate(attrsFor('pods', 'UPDATE', pod, { oldObject: pod }), ctx)).not.toThrow();
    const newImage = { ...pod, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } };
    expect(() => plugin.validate(attrsFor('pods', 'UPDATE', newImage, { oldObject: pod }), ctx)).toThrow(/violates PodSecurity/);
  });

  it('enforces restricted when the enforce label is invalid (fail closed) and notes the parse error', () => {
    const { ctx, plugin } = setup({ 'pod-security.kubernetes.io/enforce': 'strict' });
    expect(() => plugin.validate(attrsFor('pods', 'CREATE', nginxPod('x', 'team')), ctx)).toThrow(/violates PodSecurity "restricted:latest"/);
    expect(ctx.audit['pod-security.kubernetes.io/error']).toBe(
      'Failed to parse policy: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted');
  });
});

describe('PodSecurity on workload templates', () => {
  it('warns for a Deployment but never enforces', () => {
    const { ctx, plugin } = setup({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' });
    const attrs = attrsFor('deployments', 'CREATE', deployment());
    expect(plugin.handles(attrs)).toBe(true);
    expect(() => plugin.validate(attrs, ctx)).not.toThrow();
    expect(ctx.warnings).toEqual([`would violate PodSecurity "restricted:latest": ${RESTRICTED_NGINX}`]);
    expect(ctx.audit['pod-security.kubernetes.io/enforce-policy']).toBeUndefined();
  });

  it('is silent when only enforce is set', () => {
    const { ctx, plugin } = setup({ 'pod-security.kubernetes.io/enforce': 'restricted' });
    plugin.validate(attrsFor('deployments', 'CREATE', deployment()), ctx);
    expect(ctx.warnings).toEqual([]);
  });
});

describe('PodSecurity on namespaces', () => {
  it('rejects an invalid level label as Invalid (422)', () => {
    const { ctx, plugin } = setup({});
    const err = caughtApiError(() => plugin.validate(attrsFor('namespaces', 'CREATE', namespace('bad', { 'pod-security.kubernetes.io/enforce': 'strict' })), ctx));
    expect(err.status.message).toBe('Namespace "bad" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted');
    expect(err.status.code).toBe(422);
    expect(err.status.reason).toBe('Invalid');
  });

  it('warns about existing pods when enforce is tightened, grouping pods with the same reasons', () => {
    const priv = (name: string): KubeObject => ({ ...nginxPod(name, 'team'), spec: { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] } });
    const { ctx, plugin } = setup({}, nginxPod('web-1', 'team'), nginxPod('web-0', 'team'), nginxPod('web-2', 'team'), priv('debug'));
    const old = namespace('team');
    const labelled = namespace('team', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    plugin.validate(attrsFor('namespaces', 'UPDATE', labelled, { oldObject: old }), ctx);
    expect(ctx.warnings).toEqual([
      'existing pods in namespace "team" violate the new PodSecurity enforce level "restricted:latest"',
      'debug: privileged, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
      'web-0 (and 2 other pods): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
    ]);
  });

  it('does not check pods when enforce is unchanged or relaxed', () => {
    const { ctx, plugin } = setup({}, nginxPod('web', 'team'));
    const restricted = namespace('team', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    const relaxed = namespace('team', { 'pod-security.kubernetes.io/enforce': 'baseline' });
    plugin.validate(attrsFor('namespaces', 'UPDATE', relaxed, { oldObject: restricted }), ctx);
    plugin.validate(attrsFor('namespaces', 'UPDATE', restricted, { oldObject: restricted }), ctx);
    expect(ctx.warnings).toEqual([]);
  });
});
