// decodeTyped models the apiserver decoding JSON into the typed Go struct (encoding/json via sigs.k8s.io/json):
// its UnmarshalTypeError texts, and the zero values Go leaves for nulls and absent non-omitempty fields.
import { describe, expect, it } from 'vitest';
import { decodeTyped } from './decode.ts';

describe('decodeTyped', () => {
  it('reports the first value that does not fit, in the Go decoder wording', () => {
    // kubectl apply of a Pod with `labels: {a: 5}` answers exactly this (json.UnmarshalTypeError.Error()).
    expect(decodeTyped('', 'v1', 'Pod', { metadata: { labels: { a: 5 } } }))
      .toBe('json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
    expect(decodeTyped('', 'v1', 'Pod', { spec: { containers: 'x' } }))
      .toBe('json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container');
    expect(decodeTyped('', 'v1', 'Pod', { spec: [] }))
      .toBe('json: cannot unmarshal array into Go struct field Pod.spec of type v1.PodSpec');
    expect(decodeTyped('', 'v1', 'Pod', { spec: { containers: [{ name: 'c', ports: [{ containerPort: 1.5 }] }] } }))
      .toBe('json: cannot unmarshal number 1.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32');
    expect(decodeTyped('rbac.authorization.k8s.io', 'v1', 'ClusterRole', { rules: {} }))
      .toBe('json: cannot unmarshal object into Go struct field ClusterRole.rules of type []v1.PolicyRule');
    // resource.Quantity's own UnmarshalJSON rejects anything but a string or a number.
    expect(decodeTyped('', 'v1', 'Pod', { spec: { containers: [{ name: 'c', resources: { limits: { cpu: true } } }] } }))
      .toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it('accepts what fits, including IntOrString as either form and unknown fields', () => {
    const pod = { spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80 }], livenessProbe: { httpGet: { port: 'http' } }, imagee: 5 }] } };
    expect(decodeTyped('', 'v1', 'Pod', pod)).toBeUndefined();
    expect(decodeTyped('', 'v1', 'Pod', { spec: { containers: [{ name: 'c', livenessProbe: { httpGet: { port: 8080 } } }] } })).toBeUndefined();
  });

  it('leaves Go zero values: nulls dropped or zeroed, absent required scalars filled', () => {
    const crb = { metadata: { name: null, labels: { a: null }, finalizers: [null] }, subjects: [null], roleRef: null };
    expect(decodeTyped('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', crb)).toBeUndefined();
    expect(crb).toEqual({ metadata: { labels: { a: '' }, finalizers: [''] }, subjects: [{ kind: '', name: '' }] });
    const node = { spec: { taints: [{ value: 'v' }] } };
    decodeTyped('', 'v1', 'Node', node);
    expect(node).toEqual({ spec: { taints: [{ value: 'v', key: '', effect: '' }] } });
  });

  it('knows nothing of kinds without a published schema', () => {
    expect(decodeTyped('autoscaling', 'v1', 'Scale', { spec: 5 })).toBeUndefined();
  });
});
