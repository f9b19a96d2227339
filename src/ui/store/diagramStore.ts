// The scene the diagram draws, derived once per cursor move from the session (nodes select from it narrowly).
import { create } from 'zustand';
import type { TraceEvent } from '../../sim/trace/types.ts';
import { deriveScene, type Scene } from '../diagram/scene.ts';
import { useSession } from './sessionStore.ts';

export interface DiagramState {
  scene: Scene;
}

export const useDiagram = create<DiagramState>()(() => ({ scene: deriveScene([], 0) }));

/**
 * Whether two traces hold the same events up to `cursor`, all the scene reads. The store's traces share the events
 * they keep and a rewind replaces everything after it, so the event before the cursor tells.
 */
function samePrefix(a: readonly TraceEvent[], b: readonly TraceEvent[], cursor: number): boolean {
  return a === b || (a.length >= cursor && b.length >= cursor && (cursor === 0 || a[cursor - 1] === b[cursor - 1]));
}

useSession.subscribe((s, prev) => {
  const cursor = s.snapshot?.cursor ?? 0;
  const origin = s.snapshot?.origin ?? 0;
  if (cursor === (prev.snapshot?.cursor ?? 0) && origin === (prev.snapshot?.origin ?? 0) && samePrefix(s.trace, prev.trace, cursor)) return;
  useDiagram.setState({ scene: deriveScene(s.trace, cursor, origin) });
});
