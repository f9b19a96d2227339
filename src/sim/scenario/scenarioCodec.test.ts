import { describe, expect, it } from 'vitest';
import { defaultScenario } from './defaultScenario.ts';
import { aliceDeniedScenario, gallery } from './gallery.ts';
import { decodeScenario, decodeSession, encodeScenario, encodeSession, scenarioFromLocation, sessionFromLocation, type SharedSession } from './scenarioCodec.ts';

describe('scenario URL codec', () => {
  it('round-trips a scenario through a versioned, URL-safe value', () => {
    const value = encodeScenario({ ...defaultScenario, title: 'ünïcode – ok' });
    expect(value).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(decodeScenario(value)).toEqual({ ok: true, scenario: { ...defaultScenario, title: 'ünïcode – ok' } });
  });
  it('reads the query parameter before the fragment, and names built-in scenarios', () => {
    expect(scenarioFromLocation('', '')).toEqual({ ok: true, scenario: defaultScenario });
    expect(scenarioFromLocation('?scenario=nginx-pod', '#scenario=v9.x')).toEqual({ ok: true, scenario: defaultScenario });
    expect(scenarioFromLocation('', '#scenario=v9.abc')).toEqual({ ok: false, error: 'scenario format v9 is not supported (this build reads v1)' });
  });
  it('rejects malformed values with a reason', () => {
    expect(decodeScenario('v1.e30')).toEqual({ ok: false, error: 'the scenario\'s "version" does not match its link prefix' });
    expect(decodeScenario('nope')).toEqual({ ok: false, error: 'unknown scenario "nope"' });
  });
});

describe('shared session links', () => {
  const session: SharedSession = {
    version: 1, scenario: 'alice-denied', user: 'alice', cursor: 42,
    files: [{ name: 'nginx-pod.yaml', content: 'kind: Pod\n' }],
    actions: [{ kind: 'apply', user: 'alice', file: { name: 'nginx-pod.yaml', content: 'kind: Pod\n' }, tasksRun: 17 }],
  };
  it('round-trips a session naming a gallery scenario, from the fragment', () => {
    const value = encodeSession(session);
    expect(value).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sessionFromLocation('', `#session=${value}`)).toEqual({ ok: true, session, scenario: aliceDeniedScenario });
    expect(sessionFromLocation('?scenario=crashloop', '')).toBeUndefined();
  });
  it('carries a whole scenario when it is not a built-in one', () => {
    const custom = { ...defaultScenario, name: 'mine', title: 'my cluster' };
    expect(decodeSession(encodeSession({ ...session, scenario: custom }))).toEqual({ ok: true, session: { ...session, scenario: custom }, scenario: custom });
  });
  it('refuses what it cannot replay exactly', () => {
    expect(decodeSession('v2.e30')).toEqual({ ok: false, error: 'session format v2 is not supported (this build reads v1)' });
    expect(decodeSession(encodeSession({ ...session, actions: [{ ...session.actions[0]!, tasksRun: -1 }] }))).toEqual({ ok: false, error: 'the shared session\'s "actions" are malformed' });
    expect(decodeSession(encodeSession({ ...session, scenario: 'nope' }))).toEqual({ ok: false, error: 'unknown scenario "nope"' });
  });
  it('names every gallery scenario as a built-in one', () => {
    expect(gallery.map((s) => s.name)).toEqual(['nginx-pod', 'alice-denied', 'pod-100-cpu', 'err-image-pull', 'crashloop', 'deployment']);
    for (const s of gallery) expect(scenarioFromLocation(`?scenario=${s.name}`, '')).toEqual({ ok: true, scenario: s });
  });
});
