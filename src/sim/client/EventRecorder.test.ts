// Event names end in the event time in nanoseconds, in hex (record.makeEvent); computed without BigInt.
import { describe, expect, it } from 'vitest';
import { nanosHex } from './EventRecorder.ts';

describe('nanosHex', () => {
  it('is (ms × 10⁶ + extra) in hex, exactly', () => {
    const cases: [number, number][] = [[0, 0], [0, 7], [1, 0], [2 ** 20 - 1, 999_999], [2 ** 20, 0], [1_768_467_600_000, 0], [1_768_467_600_123, 999_999], [2 ** 50 - 1, 5], [2 ** 52, 3]];
    for (const [ms, extra] of cases) expect(nanosHex(ms, extra)).toBe((BigInt(ms) * 1_000_000n + BigInt(extra)).toString(16));
  });
});
