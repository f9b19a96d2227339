import { describe, expect, it } from 'vitest';
import {
  decodeKubernetesProtobuf,
  kubernetesMessageType,
  kubernetesProtobufRoot,
  supportedProtobufKinds,
} from './decodeKubernetesProtobuf.ts';
import fixtures from './fixtures/kubectl-v1.32.json' with { type: 'json' };

interface Capture {
  command: string;
  method: string;
  path: string;
  contentType: string;
  bodyBase64: string;
  dryRunJson?: unknown;
}
const captures = fixtures.captures as Capture[];

function capture(prefix: string): Capture {
  const found = captures.find((c) => c.command.startsWith(prefix));
  if (!found) throw new Error(`no capture for ${prefix}`);
  return found;
}

function decodeCapture(prefix: string): Record<string, unknown> {
  return decodeKubernetesProtobuf(Buffer.from(capture(prefix).bodyBase64, 'base64')).object;
}

/** Builds an envelope the way the apiserver's protobuf serializer does: "k8s\0" + runtime.Unknown. */
function envelope(apiVersion: string, kind: string, raw: Uint8Array, contentEncoding = ''): Uint8Array {
  const unknown = kubernetesProtobufRoot().lookupType('k8s.io.apimachinery.pkg.runtime.Unknown');
  const bytes = unknown
    .encode(unknown.fromObject({ typeMeta: { apiVersion, kind }, raw, contentEncoding, contentType: '' }))
    .finish();
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...bytes]);
}

function encodeObject(apiVersion: string, kind: string, value: Record<string, unknown>): Uint8Array {
  const type = kubernetesMessageType(apiVersion, kind);
  if (!type) throw new Error(`no type for ${kind}`);
  return envelope(apiVersion, kind, type.encode(type.fromObject(value)).finish());
}

describe('bodies captured from the real kubectl v1.32', () => {
  const generated = captures.filter((c) => c.dryRunJson !== undefined);

  it('captured every generator as protobuf with the k8s\\0 prefix', () => {
    expect(generated.map((c) => c.command.split(' ').slice(0, 3).join(' '))).toEqual([
      'kubectl create namespace',
      'kubectl create deployment',
      'kubectl create configmap',
      'kubectl create secret',
      'kubectl create serviceaccount',
      'kubectl create role',
      'kubectl create rolebinding',
      'kubectl create clusterrole',
      'kubectl create clusterrolebinding',
      'kubectl create priorityclass',
    ]);
    for (const c of generated) {
      expect(c.contentType).toBe('application/vnd.kubernetes.protobuf');
      expect(Buffer.from(c.bodyBase64, 'base64').subarray(0, 4)).toEqual(Buffer.from('k8s\0', 'latin1'));
    }
  });

  // kubectl's own --dry-run=client -o json rendering is the JSON form of the object it sends.
  it.each(generated.map((c) => [c.command, c] as const))('%s decodes to what -o json prints', (_, c) => {
    const decoded = decodeKubernetesProtobuf(Buffer.from(c.bodyBase64, 'base64'));
    expect(decoded.object).toEqual(c.dryRunJson);
    const dry = c.dryRunJson as { apiVersion: string; kind: string };
    expect([decoded.apiVersion, decoded.kind]).toEqual([dry.apiVersion, dry.kind]);
  });

  it('decodes Secret data bytes as the base64 strings JSON carries', () => {
    expect(decodeCapture('kubectl create secret')).toMatchObject({ data: { password: 'aHVudGVyMg==' } });
  });

  it('decodes kubectl auth can-i create pods -n default', () => {
    expect(decodeCapture('kubectl auth can-i create pods')).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } },
      status: { allowed: false },
    });
  });

  it('decodes a subresource and a non-resource can-i', () => {
    expect(decodeCapture('kubectl auth can-i get pods --subresource=log')).toMatchObject({
      spec: { resourceAttributes: { namespace: 'kube-system', verb: 'get', resource: 'pods', subresource: 'log' } },
    });
    expect(decodeCapture('kubectl auth can-i get /healthz')).toMatchObject({
      spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } },
    });
  });

  it('decodes kubectl auth can-i --list (SelfSubjectRulesReview; nil rule lists are null in JSON)', () => {
    expect(decodeCapture('kubectl auth can-i --list')).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      metadata: { creationTimestamp: null },
      spec: { namespace: 'default' },
      status: { resourceRules: null, nonResourceRules: null, incomplete: false },
    });
  });

  it('decodes kubectl auth whoami (SelfSubjectReview)', () => {
    expect(decodeCapture('kubectl auth whoami')).toEqual({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      metadata: { creationTimestamp: null },
      status: { userInfo: {} },
    });
  });

  it('kubectl run sends JSON, not protobuf', () => {
    expect(capture('kubectl run').contentType).toBe('application/json');
  });
});

describe('hand-assembled bytes', () => {
  it('decodes a Namespace written byte by byte', () => {
    // runtime.Unknown{typeMeta{apiVersion:"v1", kind:"Namespace"}, raw: Namespace{metadata{name:"demo",
    // labels{team:"a"}, creationTimestamp: <empty Time>}}, contentEncoding:"", contentType:""}
    const meta = [0x0a, 0x04, ...Buffer.from('demo'), 0x42, 0x00, 0x5a, 0x09, 0x0a, 0x04, ...Buffer.from('team'), 0x12, 0x01, 0x61];
    const raw = [0x0a, meta.length, ...meta, 0x12, 0x00];
    const typeMeta = [0x0a, 0x02, ...Buffer.from('v1'), 0x12, 0x09, ...Buffer.from('Namespace')];
    const body = Uint8Array.from([
      0x6b, 0x38, 0x73, 0x00,
      0x0a, typeMeta.length, ...typeMeta,
      0x12, raw.length, ...raw,
      0x1a, 0x00,
      0x22, 0x00,
    ]);
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      object: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'demo', creationTimestamp: null, labels: { team: 'a' } },
        spec: {},
      },
    });
  });
});

describe('bodies encoded with the same descriptors', () => {
  it('decodes a Deployment with its whole pod template', () => {
    const body = encodeObject('apps/v1', 'Deployment', {
      metadata: { name: 'web', namespace: 'prod', labels: { app: 'web' }, creationTimestamp: { seconds: 1_700_000_000, nanos: 5 } },
      spec: {
        replicas: 0,
        selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: { type: 0, intVal: 1 }, maxSurge: { type: 1, strVal: '25%' } } },
        revisionHistoryLimit: 10,
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            terminationGracePeriodSeconds: 0,
            hostNetwork: false,
            containers: [{
              name: 'nginx',
              image: 'nginx:1.27',
              ports: [{ containerPort: 80, protocol: 'TCP', hostPort: 0 }],
              env: [{ name: 'MODE', value: 'prod' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
              envFrom: [{ configMapRef: { localObjectReference: { name: 'cfg' }, optional: false } }],
              resources: { requests: { cpu: { string: '250m' } }, limits: { memory: { string: '128Mi' } } },
              readinessProbe: { handler: { httpGet: { path: '/', port: { type: 1, strVal: 'http' } } }, periodSeconds: 5 },
              securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'data', mountPath: '/data' }],
            }],
            volumes: [
              { name: 'data', volumeSource: { emptyDir: { sizeLimit: { string: '1Gi' } } } },
              { name: 'cfg', volumeSource: { configMap: { localObjectReference: { name: 'cfg' }, defaultMode: 420 } } },
            ],
            tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }],
          },
        },
      },
    });
    expect(decodeKubernetesProtobuf(body).object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      // metav1.Time keeps whole seconds only.
      metadata: { name: 'web', namespace: 'prod', creationTimestamp: '2023-11-14T22:13:20Z', labels: { app: 'web' } },
      spec: {
        replicas: 0,
        selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            volumes: [
              { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
              { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
            ],
            containers: [{
              name: 'nginx',
              image: 'nginx:1.27',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              env: [{ name: 'MODE', value: 'prod' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
              resources: { limits: { memory: '128Mi' }, requests: { cpu: '250m' } },
              readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
              securityContext: { capabilities: { drop: ['ALL'] }, runAsNonRoot: true, allowPrivilegeEscalation: false },
              envFrom: [{ configMapRef: { name: 'cfg', optional: false } }],
              volumeMounts: [{ name: 'data', mountPath: '/data' }],
            }],
            terminationGracePeriodSeconds: 0,
            tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }],
          },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
        revisionHistoryLimit: 10,
      },
    });
  });

  it('decodes SubjectAccessReview extra values as string lists', () => {
    const body = encodeObject('authorization.k8s.io/v1', 'SubjectAccessReview', {
      spec: {
        user: 'alice',
        groups: ['devs'],
        extra: { scopes: { items: ['a', 'b'] } },
        resourceAttributes: { verb: 'list', resource: 'pods', namespace: 'default' },
      },
    });
    expect(decodeKubernetesProtobuf(body).object).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' },
        user: 'alice',
        groups: ['devs'],
        extra: { scopes: ['a', 'b'] },
      },
    });
  });

  it('uses JSON names where Go and protobuf names differ (TokenRequest boundObjectRef)', () => {
    const body = encodeObject('authentication.k8s.io/v1', 'TokenRequest', {
      spec: { expirationSeconds: 3600, boundObjectRef: { kind: 'Pod', aPIVersion: 'v1', name: 'p', uID: 'u-1' } },
    });
    expect(decodeKubernetesProtobuf(body).object).toEqual({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { audiences: null, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'p', uid: 'u-1' }, expirationSeconds: 3600 },
    });
  });

  it('keeps a zero pointer (DeleteOptions gracePeriodSeconds=0) in any group version', () => {
    const type = kubernetesMessageType('apps/v1', 'DeleteOptions');
    if (!type) throw new Error('DeleteOptions missing');
    const raw = type.encode(type.fromObject({ gracePeriodSeconds: 0, propagationPolicy: 'Foreground', dryRun: ['All'] })).finish();
    expect(decodeKubernetesProtobuf(envelope('apps/v1', 'DeleteOptions', raw)).object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 0,
      propagationPolicy: 'Foreground',
      dryRun: ['All'],
    });
  });

  it('decodes ConfigMap binaryData as base64', () => {
    const body = encodeObject('v1', 'ConfigMap', { metadata: { name: 'b' }, binaryData: { blob: Uint8Array.from([0, 255, 1]) } });
    expect(decodeKubernetesProtobuf(body).object).toEqual({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' }, binaryData: { blob: 'AP8B' },
    });
  });

  it('every supported kind has a message type', () => {
    for (const { apiVersion, kind } of supportedProtobufKinds()) {
      expect(kubernetesMessageType(apiVersion, kind)?.name).toBe(kind);
    }
  });
});

describe('errors', () => {
  it('rejects a body without the k8s\\0 prefix', () => {
    expect(() => decodeKubernetesProtobuf(Buffer.from('{"kind":"Pod"}'))).toThrow(
      'protobuf body does not start with the Kubernetes prefix "k8s\\x00"',
    );
  });

  it('rejects a kind it does not model', () => {
    expect(() => decodeKubernetesProtobuf(envelope('v1', 'Service', new Uint8Array(0)))).toThrow(
      'no protobuf message is known for kind "Service" in version "v1"',
    );
  });

  it('rejects compressed payloads', () => {
    expect(() => decodeKubernetesProtobuf(envelope('v1', 'Namespace', new Uint8Array(0), 'gzip'))).toThrow(
      'protobuf body with contentEncoding "gzip" is not supported',
    );
  });

  it('rejects a field number it does not know instead of dropping it', () => {
    const podSpec = kubernetesProtobufRoot().lookupType('k8s.io.api.core.v1.PodSpec');
    // field 99 (varint) appended inside PodSpec
    const specBytes = Uint8Array.from([...podSpec.encode({ nodeName: 'n1' }).finish(), 0x98, 0x06, 0x01]);
    const raw = Uint8Array.from([0x12, specBytes.length, ...specBytes]);
    expect(() => decodeKubernetesProtobuf(envelope('v1', 'Pod', raw))).toThrow(
      'protobuf field 99 of k8s.io.api.core.v1.PodSpec (at Pod.spec) is not known to the simulator',
    );
  });
});
