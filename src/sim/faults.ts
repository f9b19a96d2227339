// Failures a teacher can cause on purpose, to show how the control plane notices and reacts: a kubelet that stops
// (its Lease goes stale, the node lifecycle controller marks the Node NotReady and, later, evicts), a registry that
// stops serving an image (ErrImagePull → ImagePullBackOff), and a node whose resources something outside
// Kubernetes holds (the scheduler still places pods there; the kubelet rejects them with OutOfcpu/OutOfmemory).
import type { Node } from 'kubernetes-types/core/v1';
import type { Actor } from './trace/types.ts';
import type { Engine } from './Engine.ts';
import { lookupResource, type ResourceInfo } from './apiserver/resources.ts';

export type Fault =
  | { kind: 'kubelet'; node: string; running: boolean }
  | { kind: 'image'; image: string; available: boolean }
  | { kind: 'fill'; node: string; full: boolean };

/** Where the fault happens, for the diagram: the node's kubelet, or the image registry (reached by every node's containerd). */
export function faultTarget(f: Fault): Actor {
  return f.kind === 'image' ? 'client' : `kubelet/${f.node}`;
}

/** Causes (or undoes) a fault now and records it in the trace. Returns an error text when it names nothing known. */
export function injectFault(engine: Engine, f: Fault): string | undefined {
  if (f.kind !== 'image' && !engine.nodes.kubelet(f.node)) return `no kubelet runs on a node named "${f.node}"`;
  if (f.kind === 'image' && f.image.trim() === '') return 'an image name is needed';
  // The cause comes first in the trace, then what it sets off (a kubelet's watches closing, ...).
  engine.tracer.emit(engine.tracer.newSpan(), null, { type: 'fault', fault: f, target: faultTarget(f) });
  switch (f.kind) {
    case 'kubelet':
      engine.nodes.setKubeletRunning(f.node, f.running);
      break;
    case 'image':
      engine.nodes.setImageUnavailable(f.image, !f.available);
      break;
    case 'fill': {
      const node = engine.store.peek(lookupResource('', 'v1', 'nodes') as ResourceInfo, '', f.node) as Node | undefined;
      const alloc = node?.status?.allocatable ?? {};
      engine.nodes.fillNode(f.node, f.full ? { ...(alloc.cpu ? { cpu: alloc.cpu } : {}), ...(alloc.memory ? { memory: alloc.memory } : {}) } : undefined);
      break;
    }
  }
  return undefined;
}
