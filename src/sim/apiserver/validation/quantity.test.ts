import { describe, expect, it } from 'vitest';
import { canonicalQuantity, cmpQuantity, parseQuantity } from './quantity.ts';

describe('quantity', () => {
  it('canonicalizes as Quantity.String() does (resource/quantity_test.go: "1000m"→"1", "0.5"→"500m", "1000"→"1k")', () => {
    expect(canonicalQuantity('1000m')).toBe('1');
    expect(canonicalQuantity('0.5')).toBe('500m');
    expect(canonicalQuantity('1000')).toBe('1k');
    expect(canonicalQuantity('1500m')).toBe('1500m');
    expect(canonicalQuantity('1024Mi')).toBe('1Gi');
    expect(canonicalQuantity('1536Mi')).toBe('1536Mi');
    // BinarySI below 1024 falls back to DecimalSI.
    expect(canonicalQuantity('0.5Ki')).toBe('512');
    expect(canonicalQuantity('2')).toBe('2');
    expect(canonicalQuantity('1e3')).toBe('1e3');
  });

  it('rounds sub-nano amounts up and rejects garbage', () => {
    expect(canonicalQuantity('0.0000000001')).toBe('1n');
    expect(parseQuantity('abc')).toBeUndefined();
    expect(parseQuantity('1.2.3')).toBeUndefined();
    expect(parseQuantity('')).toBeUndefined();
  });

  it('compares across suffixes', () => {
    expect(cmpQuantity(parseQuantity('1')!, parseQuantity('1000m')!)).toBe(0);
    expect(cmpQuantity(parseQuantity('1Gi')!, parseQuantity('1G')!)).toBe(1);
  });
});
