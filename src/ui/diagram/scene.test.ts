import { describe, expect, it } from 'vitest';
import { Engine } from '../../sim/Engine.ts';
import { kubectlApply } from '../../sim/kubectl/kubectl.ts';
import { NGINX_POD_YAML } from '../../sim/scenario/defaultScenario.ts';
import type { TraceEvent } from '../../sim/trace/types.ts';
import { deriveScene, edgeBetween, nodeOf } from './scene.ts';

function applyAs(user: string): TraceEvent[] {
  const engine = new Engine();
  kubectlApply({ send: (r) => engine.request(r), credentials: engine.credentialsFor(user), namespace: 'default' }, 'nginx-pod.yaml', NGINX_POD_YAML);
  return engine.tracer.events;
}

const at = (trace: TraceEvent[], pred: (e: TraceEvent) => boolean): number => trace.findIndex(pred) + 1;

describe('deriveScene', () => {
  it('sends the POST as a packet from the terminal to kube-apiserver, labelled with method and path', () => {
    const trace = applyAs('kubernetes-admin');
    const scene = deriveScene(trace, at(trace, (e) => e.type === 'request' && e.from === 'kubectl' && e.method === 'POST'));
    expect(scene.packet).toMatchObject({ edge: 'e:user', forward: true, label: 'POST /api/v1/namespaces/default/pods', tone: 'request' });
    expect(scene.requestLine).toBe('POST /api/v1/namespaces/default/pods');
  });

  it('marks earlier stages done and the working one active, then writes to etcd', () => {
    const trace = applyAs('kubernetes-admin');
    const post = trace.findIndex((e) => e.type === 'request' && e.from === 'kubectl' && e.method === 'POST');
    const mutating = trace.findIndex((e, i) => i > post && e.type === 'admission' && e.plugin === 'ServiceAccount') + 1;
    expect(deriveScene(trace, mutating).stages).toEqual({
      authentication: 'done', authorization: 'done', mutatingAdmission: 'active', validation: 'idle', validatingAdmission: 'idle', storage: 'idle',
    });
    const write = at(trace, (e) => e.type === 'etcd' && e.op === 'txn' && e.key === '/registry/pods/default/nginx-pod');
    expect(deriveScene(trace, write).packet).toMatchObject({ edge: 'e:etcd', label: 'txn put /registry/pods/default/nginx-pod', tone: 'storage' });
    const end = deriveScene(trace, trace.length);
    expect(end.packet).toMatchObject({ edge: 'e:user', forward: false, label: '201 Pod nginx-pod', tone: 'response' });
    expect(Object.values(end.stages).every((s) => s === 'done')).toBe(true);
  });

  it('stops a refused request at Authorization with the exact Status message, and sends the 403 back red', () => {
    const trace = applyAs('alice');
    const end = deriveScene(trace, trace.length);
    expect(end.stages.authorization).toBe('denied');
    expect(end.stages.mutatingAdmission).toBe('idle');
    expect(end.denial).toEqual({ stage: 'authorization', message: 'pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"' });
    expect(end.packet).toMatchObject({ edge: 'e:user', forward: false, label: '403 Forbidden', tone: 'error' });
  });

  it('treats the 404 of kubectl apply\'s first GET as an answer, not a refusal', () => {
    const trace = applyAs('kubernetes-admin');
    const scene = deriveScene(trace, at(trace, (e) => e.type === 'response' && e.to === 'kubectl' && e.code === 404));
    expect(scene.denial).toBeUndefined();
    expect(scene.packet).toMatchObject({ label: '404 NotFound', tone: 'neutral' });
  });

  it('shows the hops of the scheduler, kubelets and runtime, and standing watches', () => {
    const base = { seq: 0, time: 0, span: 1, parent: null };
    const trace: TraceEvent[] = [
      { ...base, seq: 1, type: 'watchOpen', watcher: 'kube-scheduler', resource: 'pods', namespace: '', resourceVersion: '1' },
      { ...base, seq: 2, type: 'watchOpen', watcher: 'kubelet/node-1', resource: 'pods', namespace: '', resourceVersion: '1' },
      { ...base, seq: 3, type: 'watch', event: 'ADDED', resource: 'pods', namespace: 'default', name: 'nginx-pod', to: 'kube-scheduler', resourceVersion: '2' },
      { ...base, seq: 4, type: 'request', from: 'kube-scheduler', to: 'kube-apiserver', method: 'POST', path: '/api/v1/namespaces/default/pods/nginx-pod/binding' },
      { ...base, seq: 5, type: 'cri', from: 'kubelet/node-1', to: 'containerd/node-1', call: 'RunPodSandbox', request: {}, response: {} },
      { ...base, seq: 6, type: 'kubelet', node: 'node-1', pod: 'default/nginx-pod', step: 'start', detail: 'Started container nginx' },
    ];
    expect(deriveScene(trace, 2).watches).toEqual({ 'e:scheduler': ['pods'], 'e:kubelet:node-1': ['pods'] });
    expect(deriveScene(trace, 3).packet).toMatchObject({ edge: 'e:scheduler', forward: true, label: 'watch ADDED pod/nginx-pod', tone: 'watch' });
    expect(deriveScene(trace, 4).packet).toMatchObject({ edge: 'e:scheduler', forward: false, label: 'POST /api/v1/namespaces/default/pods/nginx-pod/binding' });
    expect(deriveScene(trace, 5).packet).toMatchObject({ edge: 'e:containerd:node-1', forward: true, label: 'CRI RunPodSandbox' });
    expect(deriveScene(trace, 6).active).toEqual(['kubelet:node-1']);
  });

  it('draws trace members it does not know from their from/to fields, and ignores the rest', () => {
    const odd = { type: 'future', from: 'kubelet/node-2', to: 'kube-apiserver', seq: 1, time: 0, span: 1, parent: null } as unknown as TraceEvent;
    expect(deriveScene([odd], 1).packet).toMatchObject({ edge: 'e:kubelet:node-2', forward: false, label: 'future' });
    const silent = { type: 'future2', seq: 1, time: 0, span: 1, parent: null } as unknown as TraceEvent;
    expect(deriveScene([silent], 1).packet).toBeUndefined();
  });

  it('gives the same scene read on from an earlier cursor as read afresh, as the trace grows and is rewound', () => {
    const full = applyAs('alice').concat(applyAs('kubernetes-admin'));
    const fresh = (trace: readonly TraceEvent[], cursor: number): ReturnType<typeof deriveScene> => {
      deriveScene([], 0);
      return deriveScene(trace, cursor, 3);
    };
    let trace: TraceEvent[] = [];
    for (let n = 0; n < full.length; n += 7) {
      // Like the session store: a new array sharing the events it keeps.
      trace = trace.concat(full.slice(trace.length, n + 7));
      for (let c = Math.max(0, n - 2); c <= trace.length; c++) {
        const resumed = deriveScene(trace, c, 3);
        expect(resumed).toEqual(fresh(trace, c));
      }
    }
    // A rewind: the events after it are new objects.
    const cut = Math.floor(full.length / 2);
    const rewound = full.slice(0, cut).concat(full.slice(cut).map((e) => ({ ...e })));
    deriveScene(full, full.length);
    expect(deriveScene(rewound, cut + 5, 3)).toEqual(fresh(rewound, cut + 5));
  });

  it('maps actors to diagram nodes and edges', () => {
    expect(nodeOf('containerd/node-2')).toBe('containerd:node-2');
    expect(edgeBetween('kubelet:node-2', 'apiserver')).toEqual({ edge: 'e:kubelet:node-2', forward: false });
    expect(edgeBetween('scheduler', 'etcd')).toBeUndefined();
  });
});
