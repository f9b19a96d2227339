// The Share button's link: the scenario (by name when it is a gallery one), the learner's files and user, every
// action they took with its engine position, and the step they are at. Opening it replays all of that exactly.
import { builtinScenarios, encodeSession, SESSION_PARAM, type SharedSession } from '../../sim/scenario/scenarioCodec.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import { replayAction, type FileRef, type Snapshot } from '../../worker/protocol.ts';

export function sharedSession(scenario: Scenario, snapshot: Snapshot | null, files: FileRef[], user: string): SharedSession {
  const builtin = builtinScenarios[scenario.name];
  return {
    version: 1,
    scenario: builtin && JSON.stringify(builtin) === JSON.stringify(scenario) ? scenario.name : scenario,
    files: files.map((f) => ({ name: f.name, content: f.content })),
    user,
    actions: (snapshot?.actions ?? []).map(replayAction),
    cursor: snapshot?.cursor ?? 0,
    known: snapshot?.known ?? snapshot?.cursor ?? 0,
  };
}

/** The page's own address with the session in the fragment (which never reaches a server). */
export function shareLink(location: { origin: string; pathname: string }, session: SharedSession): string {
  return `${location.origin}${location.pathname}#${SESSION_PARAM}=${encodeSession(session)}`;
}

/** A short, stable key for a shared session's saved edits (FNV-1a of its encoding). */
export function sessionKey(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}
