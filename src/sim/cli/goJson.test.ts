import { describe, expect, it } from 'vitest';
import { goJson } from './goJson.ts';

describe('goJson', () => {
  it('indents like json.MarshalIndent, sorts map keys, keeps {} and [] on one line', () => {
    expect(goJson({ b: 1, a: { y: [], x: {} }, c: [true, null] }, { indent: '    ', sortKeys: true }))
      .toBe('{\n    "a": {\n        "x": {},\n        "y": []\n    },\n    "b": 1,\n    "c": [\n        true,\n        null\n    ]\n}');
    expect(goJson({ b: 1, a: 2 }, { indent: '', sortKeys: false })).toBe('{"b":1,"a":2}');
  });

  it("escapes <, > and & as Go's HTML-safe encoder does", () => {
    expect(goJson({ m: 'a<b>&c\u2028' }, { indent: '', sortKeys: true })).toBe('{"m":"a\\u003cb\\u003e\\u0026c\\u2028"}');
  });
});
