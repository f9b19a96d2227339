// jsonClone must give exactly JSON.parse(JSON.stringify(v)); canonicalJsonEqual exactly the comparison of
// key-sorted JSON texts. Both replace those text round trips on hot paths, so any difference would change behaviour.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonClone, jsonCloneFrozenMembers } from './jsonClone.ts';
import { canonicalJsonEqual, sameStructure } from './jsonEqual.ts';

const canonical = (v: unknown): string => JSON.stringify(v, (_k, val: unknown) => {
  if (val && typeof val === 'object' && !Array.isArray(val)) {
    const o = val as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  }
  return val;
}) ?? 'null';

const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null') as unknown;

describe('jsonClone', () => {
  it('is JSON.parse(JSON.stringify(v)), key order included', () => {
    const odd = { b: 1, a: [undefined, () => 1, NaN, -0, Infinity], u: undefined, f: () => 1, d: { toJSON: (): string => '1970-01-01T00:00:00.000Z' }, n: new Number(3), s: new String('x'), '10': true, '2': null };
    expect(JSON.stringify(jsonClone(odd))).toBe(JSON.stringify(roundTrip(odd)));
    expect(Object.keys(jsonClone(odd))).toEqual(Object.keys(roundTrip(odd) as object));
    expect(Object.is(jsonClone({ z: -0 }).z, 0)).toBe(true);
    const proto = JSON.parse('{"__proto__":{"x":1}}') as unknown as object;
    expect(Object.hasOwn(jsonClone(proto), '__proto__')).toBe(true);
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(JSON.stringify(jsonClone(v))).toBe(JSON.stringify(roundTrip(v)));
    }), { numRuns: 300 });
  });

  it('can freeze every member and leave the top open', () => {
    const c = jsonCloneFrozenMembers({ a: { b: [1, { c: 2 }] }, d: 'x' });
    expect(Object.isFrozen(c)).toBe(false);
    expect(Object.isFrozen(c.a)).toBe(true);
    expect(Object.isFrozen(c.a.b)).toBe(true);
    expect(Object.isFrozen(c.a.b[1])).toBe(true);
  });
});

describe('canonicalJsonEqual', () => {
  it('answers as comparing key-sorted JSON texts', () => {
    const values = [null, undefined, 0, -0, NaN, Infinity, '', 'a', true, [], [undefined], [null], {}, { a: undefined }, { a: null },
      { a: 1, b: 2 }, { b: 2, a: 1 }, { a: [1, { c: { toJSON: (): string => '1970-01-01T00:00:00.000Z' } }] }, { a: [1, { c: '1970-01-01T00:00:00.000Z' }] }, { f: () => 1 }];
    for (const a of values) for (const b of values) expect(canonicalJsonEqual(a, b)).toBe(canonical(a ?? null) === canonical(b ?? null));
  });

  it('sameStructure also requires the same key order', () => {
    expect(sameStructure({ a: 1, b: [1, { c: 2 }] }, { a: 1, b: [1, { c: 2 }] })).toBe(true);
    expect(sameStructure({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameStructure({ a: undefined }, {})).toBe(false);
  });
});
