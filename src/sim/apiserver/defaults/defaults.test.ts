import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { applyDefaults, imageTag } from './defaults.ts';

describe('Pod defaults (pkg/apis/core/v1/defaults.go)', () => {
  it('defaults a minimal pod the way `kubectl get pod -o yaml` shows it', () => {
    const pod: KubeObject = { metadata: { name: 'p' }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } };
    applyDefaults('', 'v1', 'Pod', pod);
    expect(pod.spec).toEqual({
      containers: [{
        name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {},
        imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      }],
      enableServiceLinks: true, dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {},
      terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
    });
  });

  it('picks imagePullPolicy from the tag: latest or none → Always, other tag or digest → IfNotPresent', () => {
    expect(imageTag('nginx')).toBe('latest');
    expect(imageTag('nginx:latest')).toBe('latest');
    expect(imageTag('nginx:1.27')).toBe('1.27');
    expect(imageTag('registry.k8s.io/pause:3.10')).toBe('3.10');
    expect(imageTag('localhost:5000/app')).toBe('latest');
    expect(imageTag(`nginx@sha256:${'a'.repeat(64)}`)).toBe('');
    const pod: KubeObject = { spec: { containers: [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', image: `nginx@sha256:${'a'.repeat(64)}` }] } };
    applyDefaults('', 'v1', 'Pod', pod);
    const cs = (pod.spec as { containers: { imagePullPolicy: string }[] }).containers;
    expect(cs.map((c) => c.imagePullPolicy)).toEqual(['IfNotPresent', 'IfNotPresent']);
  });

  it('copies limits into missing requests, per resource (SetDefaults_Pod)', () => {
    const pod: KubeObject = { spec: { containers: [{ name: 'a', image: 'i', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } } }] } };
    applyDefaults('', 'v1', 'Pod', pod);
    expect((pod.spec as { containers: { resources: unknown }[] }).containers[0]!.resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
  });

  it('defaults volumes, probes and downward API field refs', () => {
    const pod: KubeObject = { spec: {
      volumes: [{ name: 'cm', configMap: { name: 'c' } }, { name: 's', secret: { secretName: 's' } }, { name: 'h', hostPath: { path: '/x' } }, { name: 'e' }],
      containers: [{
        name: 'a', image: 'i',
        env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        livenessProbe: { httpGet: { port: 80 } },
      }],
    } };
    applyDefaults('', 'v1', 'Pod', pod);
    const spec = pod.spec as { volumes: unknown[]; containers: { env: unknown[]; livenessProbe: unknown }[] };
    expect(spec.volumes).toEqual([
      { name: 'cm', configMap: { name: 'c', defaultMode: 420 } },
      { name: 's', secret: { secretName: 's', defaultMode: 420 } },
      { name: 'h', hostPath: { path: '/x', type: '' } },
      { name: 'e', emptyDir: {} },
    ]);
    expect(spec.containers[0]!.env).toEqual([{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } } }]);
    expect(spec.containers[0]!.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  });
});

describe('other kinds', () => {
  it('defaults a Deployment (apps/v1/defaults.go) without Pod-only fields in its template', () => {
    const d: KubeObject = { spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'c', image: 'i:1' }] } } } };
    applyDefaults('apps', 'v1', 'Deployment', d);
    const spec = d.spec as Record<string, unknown> & { template: { spec: Record<string, unknown> } };
    expect(spec.replicas).toBe(1);
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(spec.template.spec.restartPolicy).toBe('Always');
    expect(spec.template.spec.enableServiceLinks).toBeUndefined();
  });

  it('defaults RoleBinding subjects: User/Group get the RBAC group, ServiceAccount the core group', () => {
    const rb: KubeObject = { roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'u' }, { kind: 'ServiceAccount', name: 'sa', namespace: 'default' }] };
    applyDefaults('rbac.authorization.k8s.io', 'v1', 'RoleBinding', rb);
    expect(rb.roleRef).toEqual({ kind: 'Role', name: 'r', apiGroup: 'rbac.authorization.k8s.io' });
    expect(rb.subjects).toEqual([{ kind: 'User', name: 'u', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'sa', namespace: 'default', apiGroup: '' }]);
  });

  it('defaults Secret type Opaque, Namespace name label and phase, Node allocatable', () => {
    const s: KubeObject = { metadata: { name: 's' } };
    applyDefaults('', 'v1', 'Secret', s);
    expect(s.type).toBe('Opaque');
    const ns: KubeObject = { metadata: { name: 'team-a' } };
    applyDefaults('', 'v1', 'Namespace', ns);
    expect(ns.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(ns.status).toEqual({ phase: 'Active' });
    const node: KubeObject = { status: { capacity: { cpu: '2' } } };
    applyDefaults('', 'v1', 'Node', node);
    expect(node.status).toEqual({ capacity: { cpu: '2' }, allocatable: { cpu: '2' } });
  });

  it('defaults LimitRange container defaults from max and default requests from default or min', () => {
    const lr: KubeObject = { spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }] } };
    applyDefaults('', 'v1', 'LimitRange', lr);
    expect(lr.spec).toEqual({ limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' }, default: { cpu: '2' }, defaultRequest: { cpu: '2', memory: '64Mi' } }] });
  });
});
