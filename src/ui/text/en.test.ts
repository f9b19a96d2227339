import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/trace/types.ts';
import { en } from './en.ts';

const base = { seq: 1, time: 0, span: 1, parent: null };

describe('narration', () => {
  it('explains a refusal with the Status message as Kubernetes wrote it', () => {
    const e: TraceEvent = { ...base, type: 'response', from: 'kube-apiserver', to: 'kubectl', code: 403, summary: '', status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"', reason: 'Forbidden', code: 403 } };
    expect(en.narration.describe(e)).toBe('The API server answers kubectl with 403 Forbidden: pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"');
  });
  it('has a line for every member, including ones added after this build', () => {
    const future = { ...base, type: 'future', actor: 'kube-scheduler', detail: 'did a thing' } as unknown as TraceEvent;
    expect(en.narration.describe(future)).toBe('kube-scheduler: future — did a thing');
    const kubelet: TraceEvent = { ...base, type: 'kubelet', node: 'node-1', pod: 'default/nginx-pod', step: 'pull', detail: 'Pulling image "nginx"' };
    expect(en.narration.describe(kubelet)).toBe('The kubelet on node-1 pulls the image for default/nginx-pod: Pulling image "nginx"');
  });
});
