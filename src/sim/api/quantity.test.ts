import { describe, expect, it } from 'vitest';
import { Quantity, QuantityError, canonicalQuantity, parseQuantity, quantityOf, tryParseQuantity } from './quantity.ts';

describe('parseQuantity / formatQuantity', () => {
  // Canonical forms as resource.Quantity.String() prints them (apimachinery quantity_test.go table).
  it.each([
    ['100m', '100m'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['1000m', '1'],
    ['1', '1'],
    ['2', '2'],
    ['1000', '1k'],
    ['1e3', '1e3'],
    ['1E3', '1e3'],
    ['1.5e-3', '1500e-6'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['1536Mi', '1536Mi'],
    ['512Ki', '512Ki'],
    ['0.5Ki', '512'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['129M', '129M'],
    ['123Mi', '123Mi'],
    ['0.1m', '100u'],
    ['0.5n', '1n'],
    ['0.0000000001', '1n'],
    ['-1', '-1'],
    ['-100m', '-100m'],
    ['0', '0'],
    ['0Gi', '0'],
    ['+5', '5'],
    ['.5', '500m'],
  ])('%s → %s', (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it('keeps the format of the suffix', () => {
    expect(parseQuantity('1Gi').format).toBe('BinarySI');
    expect(parseQuantity('1G').format).toBe('DecimalSI');
    expect(parseQuantity('1e9').format).toBe('DecimalExponent');
  });

  it('exposes MilliValue and Value rounded away from zero', () => {
    expect(parseQuantity('100m').milli).toBe(100n);
    expect(parseQuantity('1Gi').milli).toBe(1073741824000n);
    expect(parseQuantity('1Gi').value).toBe(1073741824n);
    expect(parseQuantity('100m').value).toBe(1n);
    expect(parseQuantity('1n').milli).toBe(1n);
  });

  it('rejects malformed text with Kubernetes\u2019 messages', () => {
    // apimachinery: ErrFormatWrong and ErrSuffix
    expect(() => parseQuantity('abc')).toThrow(new QuantityError(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
    expect(() => parseQuantity('')).toThrow(QuantityError);
    expect(() => parseQuantity('1.2.3')).toThrow(QuantityError);
    expect(() => parseQuantity('1Ki2')).toThrow("unable to parse quantity's suffix");
    expect(() => parseQuantity('1Qi')).toThrow(/regular expression/);
    expect(tryParseQuantity('nope')).toBeUndefined();
    expect(tryParseQuantity('1.2.3')).toBeUndefined();
    expect(tryParseQuantity('')).toBeUndefined();
  });

  it('reads JSON numbers as quantities', () => {
    expect(String(quantityOf(1))).toBe('1');
    expect(String(quantityOf(0.25))).toBe('250m');
    expect(quantityOf({})).toBeUndefined();
  });

  it('trims a JSON string as Quantity.UnmarshalJSON does (strings.TrimSpace)', () => {
    expect(String(quantityOf(' 1Gi\n'))).toBe('1Gi');
    expect(quantityOf(' ')).toBeUndefined();
  });
});

describe('Quantity arithmetic', () => {
  it('adds exactly and keeps the receiver\u2019s format', () => {
    expect(String(parseQuantity('512Mi').add(parseQuantity('512Mi')))).toBe('1Gi');
    expect(String(parseQuantity('100m').add(parseQuantity('900m')))).toBe('1');
    expect(String(parseQuantity('1').add(parseQuantity('1Gi')))).toBe('1073741825');
  });

  it('a zero receiver takes the other\u2019s format (Quantity.Add)', () => {
    expect(Quantity.zero().add(parseQuantity('1Gi')).format).toBe('BinarySI');
  });

  it('compares by value, whatever the format', () => {
    expect(parseQuantity('1Gi').cmp(parseQuantity('1024Mi'))).toBe(0);
    expect(parseQuantity('1').cmp(parseQuantity('999m'))).toBe(1);
    expect(parseQuantity('1k').cmp(parseQuantity('1Ki'))).toBe(-1);
    expect(parseQuantity('1Gi').cmp(parseQuantity('1G'))).toBe(1);
    expect(parseQuantity('1').cmp(parseQuantity('1000m'))).toBe(0);
  });

  it('builds from milli and whole values', () => {
    expect(String(Quantity.fromMilli(1500))).toBe('1500m');
    expect(String(Quantity.fromValue(3))).toBe('3');
    expect(String(Quantity.fromValue(2048, 'BinarySI'))).toBe('2Ki');
    expect(String(parseQuantity('2').sub(parseQuantity('500m')))).toBe('1500m');
  });
});
