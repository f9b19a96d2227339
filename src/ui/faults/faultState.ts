// Which failures are in force at the step on screen: the fault actions the cursor has passed, folded in order.
import type { UserAction } from '../../worker/protocol.ts';

export interface FaultState {
  stoppedKubelets: readonly string[];
  fullNodes: readonly string[];
  unavailableImages: readonly string[];
}

export const NO_FAULTS: FaultState = { stoppedKubelets: [], fullNodes: [], unavailableImages: [] };

function toggle(list: readonly string[], item: string, on: boolean): string[] {
  const rest = list.filter((x) => x !== item);
  return on ? [...rest, item] : rest;
}

export function faultsAt(actions: readonly UserAction[], cursor: number): FaultState {
  let state = NO_FAULTS;
  for (const a of actions) {
    // An action's first event sits at traceIndex: it is on screen once the cursor is past it.
    if (a.kind !== 'fault' || a.traceIndex >= cursor) continue;
    const f = a.fault;
    switch (f.kind) {
      case 'kubelet': state = { ...state, stoppedKubelets: toggle(state.stoppedKubelets, f.node, !f.running) }; break;
      case 'fill': state = { ...state, fullNodes: toggle(state.fullNodes, f.node, f.full) }; break;
      case 'image': state = { ...state, unavailableImages: toggle(state.unavailableImages, f.image, !f.available) }; break;
    }
  }
  return state;
}

/** Images worth offering to break: those the editor's files and the cluster's pods use. */
export function imagesIn(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/^\s*-?\s*image:\s*["']?([^\s"'#]+)/gm)) if (m[1]) found.add(m[1]);
  }
  return [...found].sort();
}
