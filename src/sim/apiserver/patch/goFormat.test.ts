import { describe, expect, it } from 'vitest';
import { goJsonKind, goTypeName, goValue } from './goFormat.ts';

describe('Go formatting of decoded JSON', () => {
  it('prints %v of maps with sorted keys, slices space-separated, nil as <nil>', () => {
    expect(goValue({ name: 'b', image: 'x', ports: [80, 443], env: null })).toBe('map[env:<nil> image:x name:b ports:[80 443]]');
    expect(goValue([{ a: true }, 'x'])).toBe('[map[a:true] x]');
  });

  it('prints floats as strconv shortest %g: exponent from 1e6 and below 1e-4', () => {
    expect(goValue(1.5)).toBe('1.5');
    expect(goValue(1234567.5)).toBe('1.2345675e+06');
    expect(goValue(0.00001)).toBe('1e-05');
    expect(goValue(0.5)).toBe('0.5');
  });

  it('names reflect types and JSON kinds as encoding/json does', () => {
    expect([goTypeName('s'), goTypeName(1), goTypeName(1.5), goTypeName([]), goTypeName({}), goTypeName(null)])
      .toEqual(['string', 'int64', 'float64', '[]interface {}', 'map[string]interface {}', '%!s(<nil>)']);
    expect([goJsonKind([]), goJsonKind({}), goJsonKind(1), goJsonKind(true), goJsonKind('x'), goJsonKind(null)])
      .toEqual(['array', 'object', 'number', 'bool', 'string', 'null']);
  });
});
