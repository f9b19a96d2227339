// The scene the diagram draws, derived once per cursor move from the session (nodes select from it narrowly).
import { create } from 'zustand';
import { deriveScene, type Scene } from '../diagram/scene.ts';
import { useSession } from './sessionStore.ts';

export interface DiagramState {
  scene: Scene;
}

export const useDiagram = create<DiagramState>()(() => ({ scene: deriveScene([], 0) }));

useSession.subscribe((s, prev) => {
  const cursor = s.snapshot?.cursor ?? 0;
  const origin = s.snapshot?.origin ?? 0;
  if (s.trace === prev.trace && cursor === (prev.snapshot?.cursor ?? 0) && origin === (prev.snapshot?.origin ?? 0)) return;
  useDiagram.setState({ scene: deriveScene(s.trace, cursor, origin) });
});
