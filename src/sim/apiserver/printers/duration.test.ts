import { describe, expect, it } from 'vitest';
import { parseRfc3339 } from '../../clock.ts';
import { humanDuration, shortHumanDuration, translateTimestampSince } from './duration.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (apimachinery util/duration.HumanDuration)', () => {
  // Cases from staging/src/k8s.io/apimachinery/pkg/util/duration/duration_test.go plus the AGE forms kubectl shows.
  it.each([
    [1 * s, '1s'],
    [45 * s, '45s'],
    [70 * s, '70s'],
    [119 * s + 999, '119s'],
    [2 * m, '2m'],
    [2 * m + 30 * s, '2m30s'],
    [190 * s, '3m10s'],
    [10 * m, '10m'],
    [70 * m, '70m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [47 * h, '47h'],
    [49 * h, '2d1h'],
    [2 * d + 3 * h, '2d3h'],
    [8 * d + 2 * h, '8d'],
    [367 * d, '367d'],
    [2 * 365 * d + 25 * h, '2y1d'],
    [3 * 365 * d, '3y'],
    [8 * 365 * d + 2 * h, '8y'],
  ])('%i ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('tolerates up to two seconds of clock skew, then says <invalid>', () => {
    expect(humanDuration(-1 * s)).toBe('0s');
    expect(humanDuration(-1999)).toBe('0s');
    expect(humanDuration(-2 * s)).toBe('<invalid>');
    expect(humanDuration(0)).toBe('0s');
  });
});

describe('shortHumanDuration (apimachinery util/duration.ShortHumanDuration)', () => {
  it.each([
    [1 * s, '1s'],
    [70 * s, '1m'],
    [190 * s, '3m'],
    [70 * m, '1h'],
    [47 * h, '1d'],
    [49 * h, '2d'],
    [8 * d + 2 * h, '8d'],
    [367 * d, '1y'],
    [-1 * s, '0s'],
    [-2 * s, '<invalid>'],
  ])('%i ms → %s', (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe('translateTimestampSince', () => {
  it('measures from an RFC 3339 timestamp to now, and prints <unknown> for a zero time', () => {
    const now = parseRfc3339('2026-01-15T09:05:00Z') ?? NaN;
    expect(translateTimestampSince('2026-01-15T09:00:00Z', now)).toBe('5m');
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince('', now)).toBe('<unknown>');
  });
});
