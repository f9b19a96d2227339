import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { UserAction } from '../../worker/protocol.ts';
import { useSession } from '../store/sessionStore.ts';
import { faultsAt, type FaultState } from './faultState.ts';

const NO_ACTIONS: UserAction[] = [];

/** Faults in force at the step on screen (re-renders as the cursor moves: for panels, not diagram nodes). */
export function useFaults(): FaultState {
  const { actions, cursor } = useSession(useShallow((s) => ({ actions: s.snapshot?.actions ?? NO_ACTIONS, cursor: s.snapshot?.cursor ?? 0 })));
  return useMemo(() => faultsAt(actions, cursor), [actions, cursor]);
}

/** One yes/no about the faults at the cursor: re-renders only when the answer changes. */
export function useFault(test: (f: FaultState) => boolean): boolean {
  return useSession((s) => (s.snapshot && s.snapshot.actions.length > 0 ? test(faultsAt(s.snapshot.actions, s.snapshot.cursor)) : false));
}
