import { describe, expect, it } from 'vitest';
import { defaultScenario } from './defaultScenario.ts';
import { decodeScenario, encodeScenario, scenarioFromLocation } from './scenarioCodec.ts';

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
