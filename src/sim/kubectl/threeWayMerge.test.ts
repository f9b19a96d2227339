import { describe, expect, it } from 'vitest';
import { threeWayMergePatch } from './threeWayMerge.ts';

describe('threeWayMergePatch', () => {
  it('deletes what the file dropped, keeps what the server added, and sets what changed', () => {
    const original = { metadata: { labels: { a: '1', b: '2' } }, spec: { replicas: 1 } };
    const modified = { metadata: { labels: { a: '1' } }, spec: { replicas: 3 } };
    const live = { metadata: { labels: { a: '1', b: '2' }, uid: 'u' }, spec: { replicas: 1, paused: false } };
    expect(threeWayMergePatch(original, modified, live)).toEqual({ metadata: { labels: { b: null } }, spec: { replicas: 3 } });
  });
  it('is empty when the live object already matches the file', () => {
    expect(threeWayMergePatch({ a: 1 }, { a: 1 }, { a: 1, status: {} })).toEqual({});
  });
  it('replaces lists whole (the documented simplification of strategic merge)', () => {
    expect(threeWayMergePatch({ l: [1] }, { l: [1, 2] }, { l: [1] })).toEqual({ l: [1, 2] });
  });
});
