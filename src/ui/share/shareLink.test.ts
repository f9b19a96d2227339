import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../sim/scenario/defaultScenario.ts';
import { sessionFromLocation } from '../../sim/scenario/scenarioCodec.ts';
import type { Snapshot } from '../../worker/protocol.ts';
import { sessionKey, sharedSession, shareLink } from './shareLink.ts';

describe('share links', () => {
  const snapshot = {
    cursor: 120, known: 130, actions: [{ kind: 'apply', user: 'alice', file: { name: 'nginx-pod.yaml', content: 'x' }, tasksRun: 9, time: 1000, traceIndex: 80 }],
  } as unknown as Snapshot;

  it('names a gallery scenario and carries the actions, files, user and step; the link decodes to the same session', () => {
    const session = sharedSession(defaultScenario, snapshot, [{ name: 'nginx-pod.yaml', content: 'x' }], 'alice');
    expect(session).toEqual({
      version: 1, scenario: 'nginx-pod', user: 'alice', cursor: 120, known: 130, files: [{ name: 'nginx-pod.yaml', content: 'x' }],
      actions: [{ kind: 'apply', user: 'alice', file: { name: 'nginx-pod.yaml', content: 'x' }, tasksRun: 9 }],
    });
    const link = shareLink({ origin: 'http://127.0.0.1:4173', pathname: '/explorer/' }, session);
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4173\/explorer\/#session=v1\./);
    expect(sessionFromLocation('', new URL(link).hash)).toEqual({ ok: true, session, scenario: defaultScenario });
  });

  it('carries a changed scenario whole', () => {
    const changed = { ...defaultScenario, seed: 7 };
    expect(sharedSession(changed, null, [], 'alice').scenario).toEqual(changed);
  });

  it('keys saved edits by the link', () => {
    expect(sessionKey('v1.abc')).toBe(sessionKey('v1.abc'));
    expect(sessionKey('v1.abc')).not.toBe(sessionKey('v1.abd'));
  });
});
