import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../api/types.ts';
import { deepClone } from '../../api/types.ts';
import { aggregateFieldErrors, type FieldError } from '../../api/field.ts';
import { errors } from '../../api/status.ts';
import { applyDefaults } from '../defaults/defaults.ts';
import { validateCreate, validateStatusUpdate, validateUpdate } from './validate.ts';

const subdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function msgs(errs: FieldError[]): string[] {
  return errs.map((e) => e.toString());
}

/** A pod as it reaches validation: decoded with v1 defaults applied. */
function pod(mutate: (p: Pod) => void = () => undefined): KubeObject {
  const p: Pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'nginx-pod', namespace: 'default' },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
  };
  mutate(p);
  const obj = p as KubeObject;
  applyDefaults('', 'v1', 'Pod', obj);
  return obj;
}

describe('Pod create', () => {
  it('accepts a defaulted nginx pod', () => {
    expect(msgs(validateCreate('Pod', pod(), true))).toEqual([]);
  });

  it('requires an image (ARCHITECTURE.md: `Pod "nginx-pod" is invalid: spec.containers[0].image: Required value`)', () => {
    const errs = validateCreate('Pod', pod((p) => { delete p.spec!.containers[0]!.image; }), true);
    expect(errors.invalid('', 'Pod', 'nginx-pod', errs).message).toBe('Pod "nginx-pod" is invalid: spec.containers[0].image: Required value');
  });

  it('names a grouped kind as GroupKind.String() does: "Deployment.apps", while details.kind stays "Deployment"', () => {
    const err = errors.invalid('apps', 'Deployment', 'web', validateCreate('Pod', pod((p) => { delete p.spec!.containers[0]!.image; }), true));
    expect(err.message).toBe('Deployment.apps "web" is invalid: spec.containers[0].image: Required value');
    expect(err.status.details).toMatchObject({ kind: 'Deployment', group: 'apps', name: 'web' });
  });

  it('rejects a name that is not a DNS-1123 subdomain (validation.IsDNS1123Subdomain text)', () => {
    const errs = validateCreate('Pod', pod((p) => { p.metadata!.name = 'Nginx_Pod'; }), true);
    expect(msgs(errs)).toEqual([`metadata.name: Invalid value: "Nginx_Pod": ${subdomainMsg}`]);
  });

  it('requires at least one container (validateContainers: field.Required(fldPath, ""))', () => {
    expect(msgs(validateCreate('Pod', pod((p) => { p.spec!.containers = []; }), true))).toEqual(['spec.containers: Required value']);
  });

  it('reports duplicate container names at the second one', () => {
    const errs = validateCreate('Pod', pod((p) => { p.spec!.containers.push({ name: 'nginx', image: 'nginx' }); }), true);
    expect(msgs(errs)).toEqual(['spec.containers[1].name: Duplicate value: "nginx"']);
  });

  it('lists the supported restart policies in upstream order: Always, OnFailure, Never', () => {
    const errs = validateCreate('Pod', pod((p) => { p.spec!.restartPolicy = 'Sometimes'; }), true);
    expect(msgs(errs)).toEqual(['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']);
  });

  it('checks requests against limits at the requests path, quantities printed as strings', () => {
    const errs = validateCreate('Pod', pod((p) => { p.spec!.containers[0]!.resources = { requests: { cpu: '2' }, limits: { cpu: '1' } }; }), true);
    expect(msgs(errs)).toEqual(['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1']);
  });

  it('canonicalizes quantities in the message ("1000m" is printed as "1")', () => {
    const errs = validateCreate('Pod', pod((p) => { p.spec!.containers[0]!.resources = { requests: { memory: '2Gi' }, limits: { memory: '1024Mi' } }; }), true);
    expect(msgs(errs)).toEqual(['spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi']);
  });

  it('rejects negative quantities with the quantity string quoted', () => {
    const errs = validateCreate('Pod', pod((p) => { p.spec!.containers[0]!.resources = { requests: { cpu: '-1' } }; }), true);
    expect(msgs(errs)).toEqual(['spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0']);
  });

  it('validates container ports (Required, port range, protocol)', () => {
    const errs = validateCreate('Pod', pod((p) => {
      p.spec!.containers[0]!.ports = [{ containerPort: 0 }, { containerPort: 70000 }, { containerPort: 80, protocol: 'HTTP' }];
    }), true);
    expect(msgs(errs)).toEqual([
      'spec.containers[0].ports[0].containerPort: Required value',
      'spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[2].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('validates label keys and values (IsQualifiedName text has a doubled space after each example)', () => {
    const errs = validateCreate('Pod', pod((p) => { p.metadata!.labels = { 'app/x/y': 'ok', tier: '-bad' }; }), true);
    expect(msgs(errs)).toEqual([
      "metadata.labels: Invalid value: \"app/x/y\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      "metadata.labels: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });

  it('rejects a volume mount of an unknown volume (field.NotFound)', () => {
    const errs = validateCreate('Pod', pod((p) => { p.spec!.containers[0]!.volumeMounts = [{ name: 'data', mountPath: '/data' }]; }), true);
    expect(msgs(errs)).toEqual(['spec.containers[0].volumeMounts[0].name: Not found: "data"']);
  });

  it('requires a namespace for namespaced kinds', () => {
    expect(msgs(validateCreate('Pod', pod((p) => { delete p.metadata!.namespace; }), true))).toEqual(['metadata.namespace: Required value']);
  });

  it('rejects tolerations with a value under Exists', () => {
    const errs = validateCreate('Pod', pod((p) => { p.spec!.tolerations = [{ key: 'k', operator: 'Exists', value: 'v' }]; }), true);
    expect(msgs(errs)).toEqual(['spec.tolerations[0].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\'']);
  });
});

describe('Pod update', () => {
  function stored(): KubeObject {
    const p = pod();
    p.metadata = { ...p.metadata, uid: 'u1', resourceVersion: '5', creationTimestamp: '2025-01-01T00:00:00Z' };
    return p;
  }

  it('allows changing a container image', () => {
    const old = stored();
    const next = deepClone(old) as Pod;
    next.spec!.containers[0]!.image = 'nginx:1.28';
    expect(msgs(validateUpdate('Pod', next as KubeObject, old, true))).toEqual([]);
  });

  it('forbids other spec changes with the v1.32 list of updatable fields', () => {
    const old = stored();
    const next = deepClone(old) as Pod;
    next.spec!.restartPolicy = 'Never';
    const errs = validateUpdate('Pod', next as KubeObject, old, true);
    expect(errs).toHaveLength(1);
    const text = errs[0]!.toString();
    expect(text.startsWith('spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n')).toBe(true);
    expect(text).toContain('- \tRestartPolicy: "Always",\n+ \tRestartPolicy: "Never",');
  });

  it('renders map fields of the diff with quoted keys, as cmp prints Go maps', () => {
    const old = stored();
    const next = deepClone(old) as Pod;
    next.spec!.nodeSelector = { disktype: 'ssd' };
    expect(validateUpdate('Pod', next as KubeObject, old, true)[0]!.toString()).toContain('- \tNodeSelector: nil,\n+ \tNodeSelector: {"disktype": "ssd"},');
  });

  it('forbids adding containers', () => {
    const old = stored();
    const next = deepClone(old) as Pod;
    next.spec!.containers.push({ name: 'b', image: 'busybox', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' });
    expect(msgs(validateUpdate('Pod', next as KubeObject, old, true))).toContain('spec.containers: Forbidden: pod updates may not add or remove containers');
  });

  it('keeps metadata.name immutable (ValidateImmutableField: `field is immutable`)', () => {
    const old = stored();
    const next = deepClone(old);
    next.metadata!.name = 'other';
    expect(msgs(validateUpdate('Pod', next, old, true))).toContain('metadata.name: Invalid value: "other": field is immutable');
  });

  it('requires a resourceVersion on update', () => {
    const old = stored();
    const next = deepClone(old);
    delete next.metadata!.resourceVersion;
    expect(aggregateFieldErrors(validateUpdate('Pod', next, old, true))).toBe('metadata.resourceVersion: Invalid value: "": must be specified for an update');
  });

  it('keeps qosClass immutable through pods/status', () => {
    const old = stored();
    old.status = { phase: 'Pending', qosClass: 'BestEffort' };
    const next = deepClone(old);
    next.status = { phase: 'Running', qosClass: 'Guaranteed' };
    expect(msgs(validateStatusUpdate('Pod', next, old, true))).toEqual(['status.qosClass: Invalid value: "Guaranteed": field is immutable']);
  });
});

describe('other core kinds', () => {
  it('validates namespace names as DNS-1123 labels', () => {
    const ns: KubeObject = { metadata: { name: 'my.ns' } };
    expect(msgs(validateCreate('Namespace', ns, false))).toEqual(['metadata.name: Invalid value: "my.ns": must not contain dots']);
    const ns2: KubeObject = { metadata: { name: 'My_NS' } };
    expect(msgs(validateCreate('Namespace', ns2, false))).toEqual([`metadata.name: Invalid value: "My_NS": ${labelMsg}`]);
  });

  it('forbids a namespace on cluster-scoped kinds', () => {
    expect(msgs(validateCreate('Node', { metadata: { name: 'node-1', namespace: 'default' } }, false))).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
  });

  it('validates ConfigMap keys', () => {
    const cm: KubeObject = { metadata: { name: 'c', namespace: 'default' }, data: { 'a b': 'x' } };
    expect(msgs(validateCreate('ConfigMap', cm, true))).toEqual([
      "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });

  it('keeps the Secret type immutable', () => {
    const old: KubeObject = { metadata: { name: 's', namespace: 'default', resourceVersion: '1' }, type: 'Opaque' };
    const next: KubeObject = { ...deepClone(old), type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } };
    expect(msgs(validateUpdate('Secret', next, old, true))).toEqual(['type: Invalid value: "kubernetes.io/tls": field is immutable']);
  });

  it('prints duplicate node taints as a Go struct', () => {
    const node: KubeObject = { metadata: { name: 'n1' }, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoSchedule' }] } };
    expect(msgs(validateCreate('Node', node, false))).toEqual([
      'metadata.taints[1]: Duplicate value: core.Taint{Key:"k", Value:"v", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
    ]);
  });

  it('checks ResourceQuota resource names', () => {
    const rq: KubeObject = { metadata: { name: 'q', namespace: 'default' }, spec: { hard: { gpus: '1' } } };
    expect(msgs(validateCreate('ResourceQuota', rq, true))).toEqual(['spec.hard[gpus]: Invalid value: "gpus": must be a standard resource type or fully qualified', 'spec.hard[gpus]: Invalid value: "gpus": must be a standard resource for quota']);
  });

  it('checks Lease durations', () => {
    const lease: KubeObject = { metadata: { name: 'node-1', namespace: 'kube-node-lease' }, spec: { leaseDurationSeconds: 0 } };
    expect(msgs(validateCreate('Lease', lease, true))).toEqual(['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']);
  });
});

describe('RBAC', () => {
  const binding = (name: string): KubeObject => ({
    metadata: { name: 'b', namespace: 'default', resourceVersion: '1' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
  });

  it('refuses a roleRef change, printing the internal rbac.RoleRef with %#v', () => {
    expect(msgs(validateUpdate('RoleBinding', binding('edit'), binding('view'), true))).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    ]);
  });

  it('requires verbs and resources on rules; names only need to be path segments', () => {
    const role: KubeObject = { metadata: { name: 'Any:Name', namespace: 'default' }, rules: [{ apiGroups: [''] }] };
    expect(msgs(validateCreate('Role', role, true))).toEqual([
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].resources: Required value: resource rules must supply at least one resource',
    ]);
  });

  it('allows only ClusterRole in a ClusterRoleBinding', () => {
    const crb: KubeObject = { metadata: { name: 'x' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' } };
    expect(msgs(validateCreate('ClusterRoleBinding', crb, false))).toEqual(['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"']);
  });
});

describe('apps', () => {
  type Spec = Omit<NonNullable<Deployment['spec']>, 'selector'> & { selector?: NonNullable<Deployment['spec']>['selector'] };
  function deployment(mutate: (d: { spec: Spec }) => void = () => undefined): KubeObject {
    const d: KubeObject & { spec: Spec } = {
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    };
    mutate(d);
    applyDefaults('apps', 'v1', 'Deployment', d);
    return d;
  }

  it('accepts a defaulted deployment', () => {
    expect(msgs(validateCreate('Deployment', deployment(), true))).toEqual([]);
  });

  it('requires a selector, and a nil selector never matches the template labels (Go %#v map)', () => {
    const errs = validateCreate('Deployment', deployment((d) => { delete d.spec.selector; d.spec.template.metadata = { labels: { app: 'nginx' } }; }), true);
    expect(aggregateFieldErrors(errs)).toBe('[spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`]');
  });

  it('rejects a selector that does not match the template', () => {
    const errs = validateCreate('Deployment', deployment((d) => { d.spec.template.metadata = { labels: { app: 'x', tier: 'a' } }; }), true);
    expect(msgs(errs)).toEqual(['spec.template.metadata.labels: Invalid value: map[string]string{"app":"x", "tier":"a"}: `selector` does not match template `labels`']);
  });

  it('requires restartPolicy Always in a ReplicaSet template', () => {
    const rs: KubeObject = { metadata: { name: 'rs', namespace: 'default' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } } };
    applyDefaults('apps', 'v1', 'ReplicaSet', rs);
    expect(msgs(validateCreate('ReplicaSet', rs, true))).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });

  it('rejects maxUnavailable above 100%, printing the IntOrString through String()', () => {
    const errs = validateCreate('Deployment', deployment((d) => { d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%' } }; }), true);
    expect(msgs(errs)).toEqual(['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 150%: must not be greater than 100%']);
  });
});

describe('generic checks', () => {
  it('runs the path-segment name check only after the kind validation passes (BeforeCreate)', () => {
    const cm: KubeObject = { metadata: { name: 'a%b', namespace: 'default' } };
    // ConfigMap names are DNS subdomains, so the kind's own message wins.
    expect(msgs(validateCreate('ConfigMap', cm, true))).toEqual([`metadata.name: Invalid value: "a%b": ${subdomainMsg}`]);
    const role: KubeObject = { metadata: { name: 'a%b', namespace: 'default' } };
    expect(msgs(validateCreate('Role', role, true))).toEqual(['metadata.name: Invalid value: "a%b": may not contain \'%\'']);
  });
});
