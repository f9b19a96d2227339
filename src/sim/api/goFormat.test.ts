import { describe, expect, it } from 'vitest';
import {
  aggregateErrorMessage, goJsonKind, goQuote, goQuoteList, goStringMap, goStringSlice, goStringer, goStruct, goTypeName, goValue,
} from './goFormat.ts';

describe('goQuote (strconv.Quote)', () => {
  it('escapes quotes, backslashes and control characters as Go does: letter escapes where Go has them, else \\xNN', () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\n\t\r\x07\b\f\v')).toBe('"\\n\\t\\r\\a\\b\\f\\v"');
    expect(goQuote('\x01\x7f')).toBe('"\\x01\\x7f"');
    expect(goQuote('héllo')).toBe('"héllo"');
  });

  it('prints %q of a []string space-separated in brackets', () => {
    expect(goQuoteList(['get', 'list'])).toBe('["get" "list"]');
    expect(goQuoteList(undefined)).toBe('[]');
  });
});

describe('%#v of field.Error bad values', () => {
  it('prints maps with sorted keys, slices comma-separated, nil with the type name', () => {
    expect(goStringMap({ b: '2', a: '1' }).text).toBe('map[string]string{"a":"1", "b":"2"}');
    expect(goStringMap(undefined).text).toBe('map[string]string(nil)');
    expect(goStringSlice(['x', 'y']).text).toBe('[]string{"x", "y"}');
    expect(goStringSlice(null, 'rbac.Verbs').text).toBe('rbac.Verbs(nil)');
  });

  it('prints structs from rendered fields and Stringers unquoted', () => {
    expect(goStruct('rbac.RoleRef', [['APIGroup', goQuote('')], ['Kind', goQuote('Role')]]).text).toBe('rbac.RoleRef{APIGroup:"", Kind:"Role"}');
    expect(String(goStringer('500m'))).toBe('500m');
  });
});

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

describe('aggregateErrorMessage (utilerrors.NewAggregate(...).Error())', () => {
  it('prints one message alone and several de-duplicated in brackets', () => {
    expect(aggregateErrorMessage([])).toBe('');
    expect(aggregateErrorMessage(['a'])).toBe('a');
    expect(aggregateErrorMessage(['a', 'a'])).toBe('a');
    expect(aggregateErrorMessage(['a', 'b', 'a'])).toBe('[a, b]');
  });
});
