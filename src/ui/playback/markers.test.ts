import { describe, expect, it } from 'vitest';
import { bucketMarkers } from './markers.ts';

describe('bucketMarkers', () => {
  it('keeps one marker per bucket, the most severe, and none before the origin', () => {
    const out = bucketMarkers([
      { index: 1, kind: 'error' }, { index: 10, kind: 'request' }, { index: 11, kind: 'error' }, { index: 12, kind: 'decision' }, { index: 90, kind: 'action' },
    ], 10, 100, 10);
    expect(out).toEqual([{ kind: 'error', index: 11, left: 1.5 }, { kind: 'action', index: 90, left: 80.5 }]);
  });
});
