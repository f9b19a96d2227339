import { describe, expect, it } from 'vitest';
import { goJson, goStringCompare } from './goJson.ts';

describe('goJson (json.Marshal of decoded JSON)', () => {
  it('escapes &, <, > and U+2028/U+2029 as encoding/json does by default, in values and keys', () => {
    expect(goJson({ 'a<b': 'a&b<c>', s: 'x\u2028y\u2029z' })).toBe('{"a\\u003cb":"a\\u0026b\\u003cc\\u003e","s":"x\\u2028y\\u2029z"}');
  });

  it('writes control characters as Go 1.22+ does: \\b \\f \\n \\r \\t short, the rest \\u00xx in lower case', () => {
    expect(goJson('\b\f\n\r\t\u0001\u001f"\\')).toBe('"\\b\\f\\n\\r\\t\\u0001\\u001f\\"\\\\"');
  });

  it('sorts keys at every level by their UTF-8 bytes (U+E000 before U+1F600, unlike UTF-16 order)', () => {
    expect(goJson({ b: [{ z: 1, a: null }], a: true, '\u{1F600}': 1, '\uE000': 2 })).toBe('{"a":true,"b":[{"a":null,"z":1}],"\uE000":2,"\u{1F600}":1}');
    expect(goStringCompare('\uE000', '\u{1F600}')).toBe(-1);
  });
});

describe('goJson with MarshalIndent layout', () => {
  it('indents like json.MarshalIndent, sorts map keys, keeps {} and [] on one line', () => {
    expect(goJson({ b: 1, a: { y: [], x: {} }, c: [true, null] }, { indent: '    ', sortKeys: true }))
      .toBe('{\n    "a": {\n        "x": {},\n        "y": []\n    },\n    "b": 1,\n    "c": [\n        true,\n        null\n    ]\n}');
    expect(goJson({ b: 1, a: 2 }, { indent: '', sortKeys: false })).toBe('{"b":1,"a":2}');
  });

  it("escapes <, > and & as Go's HTML-safe encoder does", () => {
    expect(goJson({ m: 'a<b>&c\u2028' }, { indent: '', sortKeys: true })).toBe('{"m":"a\\u003cb\\u003e\\u0026c\\u2028"}');
  });
});
