import { describe, expect, it } from 'vitest';
import { applyPatch, isPatchType, PATCH_TYPES } from './applyPatch.ts';

const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['a'] }, data: { k: 'v' } };
const gvk = { group: '', version: 'v1', kind: 'ConfigMap' };

describe('applyPatch', () => {
  it('dispatches on the Content-Type, the three mechanisms differing on a merge list', () => {
    const body = { metadata: { finalizers: ['b'] } };
    expect(applyPatch(PATCH_TYPES.merge, cm, body, gvk)).toMatchObject({ metadata: { finalizers: ['b'] } });
    // Strategic: a set union; the new item goes first since the live-only 'a' cannot be ranked against it.
    expect(applyPatch(PATCH_TYPES.strategic, cm, body, gvk)).toMatchObject({ metadata: { finalizers: ['b', 'a'] } });
    expect(applyPatch(PATCH_TYPES.json, cm, [{ op: 'add', path: '/metadata/finalizers/-', value: 'c' }], gvk))
      .toMatchObject({ metadata: { finalizers: ['a', 'c'] } });
  });

  it('knows the patch media types and not server-side apply', () => {
    expect(isPatchType('application/strategic-merge-patch+json')).toBe(true);
    expect(isPatchType('application/apply-patch+yaml')).toBe(false);
  });
});
