import { describe, expect, it } from 'vitest';
import { goKeyLess, toGoYaml } from './goYaml.ts';

describe('toGoYaml (kubectl get -o yaml)', () => {
  it('sorts keys, leaves sequences unindented under their key and quotes strings that would read back as other types', () => {
    const pod = {
      kind: 'Pod', apiVersion: 'v1',
      metadata: { name: 'nginx-pod', namespace: 'default', resourceVersion: '1234', creationTimestamp: '2026-01-15T09:00:01Z', uid: '34ed9c7a-3b74-420b-9d51-3a8a5527c554', labels: {} },
      spec: { containers: [{ name: 'nginx', image: 'nginx', resources: { requests: { cpu: '100' } }, ports: [] }], enableServiceLinks: true, priority: 0 },
      status: { phase: 'Pending', qosClass: 'Burstable' },
    };
    expect(toGoYaml(pod)).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2026-01-15T09:00:01Z"
  labels: {}
  name: nginx-pod
  namespace: default
  resourceVersion: "1234"
  uid: 34ed9c7a-3b74-420b-9d51-3a8a5527c554
spec:
  containers:
  - image: nginx
    name: nginx
    ports: []
    resources:
      requests:
        cpu: "100"
  enableServiceLinks: true
  priority: 0
status:
  phase: Pending
  qosClass: Burstable
`);
  });

  it('single-quotes what cannot be plain, writes multi-line strings as literal blocks, and quotes empty strings', () => {
    expect(toGoYaml({ a: 'containers with unready status: [nginx]', b: "it's", c: '', d: '{"x":1}\n', e: 'line\nnext', f: ['', 'true', '- x'] })).toBe(`a: 'containers with unready status: [nginx]'
b: it's
c: ""
d: |
  {"x":1}
e: |-
  line
  next
f:
- ""
- "true"
- '- x'
`);
  });

  it('folds long plain and single-quoted scalars at a space past column 80, continuing two columns in', () => {
    const message = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.';
    expect(toGoYaml({ status: { conditions: [{ message, type: 'PodScheduled' }] } })).toBe(`status:
  conditions:
  - message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:
      }, 2 Insufficient cpu.'
    type: PodScheduled
`);
  });

  it('orders keys as go-yaml does: numbers by value, non-letters before letters', () => {
    const keys = ['b', 'a10', 'a2', 'a', 'a-b', 'aB', 'a.b'];
    expect([...keys].sort((x, y) => (goKeyLess(x, y) ? -1 : goKeyLess(y, x) ? 1 : 0))).toEqual(['a', 'a-b', 'a.b', 'a2', 'a10', 'aB', 'b']);
  });
});
