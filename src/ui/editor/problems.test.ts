import { describe, expect, it } from 'vitest';
import type { Status } from '../../sim/api/status.ts';
import type { KubectlOutput } from '../../worker/protocol.ts';
import { apiProblems, syntaxProblems } from './problems.ts';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-pod\nspec:\n  containers:\n    - name: nginx\n';

function output(text: string, status: Status, at = 10): KubectlOutput {
  return { id: 0, source: 'editor', command: 'kubectl apply -f nginx-pod.yaml', user: 'alice', prompt: 'alice@workstation:~$', file: 'nginx-pod.yaml', ok: false, lines: [{ stream: 'stderr', text, at, docLine: 1, status }] };
}

describe('editor problems', () => {
  it('marks a YAML syntax error where kubectl finds it', () => {
    expect(syntaxProblems(`${POD}     image: nginx\n`)).toMatchObject([{ line: 8, source: 'kubectl' }]);
    expect(syntaxProblems(POD)).toEqual([]);
  });

  it('marks a 403 at the object\'s name, once the response has been shown', () => {
    const message = 'pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"';
    const o = output(`Error from server (Forbidden): error when creating "nginx-pod.yaml": ${message}`, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', code: 403 });
    expect(apiProblems([o], 'nginx-pod.yaml', POD, 9)).toEqual([]);
    expect(apiProblems([o], 'nginx-pod.yaml', POD, 10)).toEqual([{ line: 4, col: 3, endLine: 4, endCol: 18, message: `403 Forbidden: ${message}`, source: 'kube-apiserver' }]);
  });

  it('marks each field of a 422 at its field (a missing one at its parent)', () => {
    const status: Status = {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 422, reason: 'Invalid',
      message: 'Pod "nginx-pod" is invalid: spec.containers[0].image: Required value',
      details: { name: 'nginx-pod', kind: 'Pod', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }] },
    };
    expect(apiProblems([output('The Pod "nginx-pod" is invalid: spec.containers[0].image: Required value', status)], 'nginx-pod.yaml', POD, 99))
      .toMatchObject([{ line: 7, col: 7, message: '422 Invalid: spec.containers[0].image: Required value' }]);
  });
});
