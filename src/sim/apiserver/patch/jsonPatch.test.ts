import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Json } from '../../api/types.ts';
import { applyJsonPatch, decodeJsonPatch } from './jsonPatch.ts';
import type { PatchError } from './patchErrors.ts';
import { thrown } from './testing.ts';
import type { JsonObject } from './jsonValue.ts';

const deploy: JsonObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'example.com/owner': 'team-a' } },
  spec: {
    replicas: 2,
    template: { spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'busybox' }] } },
  },
};

// handlers/patch.go: json patch Apply errors become NewGenericServerResponse(422, …), which drops the library's text.
const generic422 = {
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
  message: 'the server rejected our request due to an error in our request', reason: 'Invalid', details: {}, code: 422,
};

function failure(patch: Json): PatchError {
  return thrown(() => applyJsonPatch(deploy, patch));
}

describe('applyJsonPatch (RFC 6902, evanphx/json-patch v4)', () => {
  it('adds, replaces and removes members, unescaping ~1 and ~0', () => {
    const out = applyJsonPatch(deploy, [
      { op: 'add', path: '/metadata/labels/tier', value: 'frontend' },
      { op: 'replace', path: '/spec/replicas', value: 5 },
      { op: 'remove', path: '/metadata/annotations/example.com~1owner' },
      { op: 'add', path: '/metadata/annotations/a~0b', value: 'tilde' },
    ]) as JsonObject;
    expect(out.metadata).toEqual({ name: 'web', labels: { app: 'web', tier: 'frontend' }, annotations: { 'a~b': 'tilde' } });
    expect((out.spec as JsonObject).replicas).toBe(5);
  });

  it('inserts into arrays at an index, at "-" (the end) and at a negative index (from the end)', () => {
    const out = applyJsonPatch({ l: ['x', 'y'] }, [
      { op: 'add', path: '/l/1', value: 'i' },
      { op: 'add', path: '/l/-', value: 'end' },
      // With SupportNegativeIndices, -k counts over the grown array: -1 appends, -2 goes before the last.
      { op: 'add', path: '/l/-2', value: 'neg' },
    ]);
    expect(out).toEqual({ l: ['x', 'i', 'y', 'neg', 'end'] });
  });

  it('moves and copies', () => {
    const out = applyJsonPatch({ a: { b: 1 }, l: [1, 2] }, [
      { op: 'copy', from: '/a', path: '/c' },
      { op: 'move', from: '/l/0', path: '/l/-' },
    ]);
    expect(out).toEqual({ a: { b: 1 }, c: { b: 1 }, l: [2, 1] });
  });

  it('"replace" of a missing object member adds it, and "copy" from a missing member copies null (v4 quirks)', () => {
    expect(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '/b', value: 2 }])).toEqual({ a: 1, b: 2 });
    expect(applyJsonPatch({ a: 1 }, [{ op: 'copy', from: '/nope', path: '/b' }])).toEqual({ a: 1, b: null });
  });

  it('passes a test of an equal value and of a superset object (lazyNode.equal only walks the live side)', () => {
    expect(applyJsonPatch(deploy, [{ op: 'test', path: '/spec/replicas', value: 2 }])).toEqual(deploy);
    expect(applyJsonPatch({ a: { x: 1 } }, [{ op: 'test', path: '/a', value: { x: 1, y: 2 } }])).toEqual({ a: { x: 1 } });
  });

  it('answers every application failure with the generic 422 and keeps the library text as detail', () => {
    const cases: [Json, string][] = [
      [[{ op: 'remove', path: '/metadata/labels/missing' }],
        "error in remove for path: '/metadata/labels/missing': Unable to remove nonexistent key: missing: missing value"],
      [[{ op: 'add', path: '/spec/foo/bar', value: 1 }], 'add operation does not apply: doc is missing path: "/spec/foo/bar": missing value'],
      [[{ op: 'replace', path: '/spec/template/spec/containers/5', value: {} }],
        'replace operation does not apply: doc is missing key: /spec/template/spec/containers/5: missing value'],
      [[{ op: 'add', path: '/spec/template/spec/containers/9', value: {} }],
        "error in add for path: '/spec/template/spec/containers/9': Unable to access invalid index: 9: invalid index referenced"],
      [[{ op: 'add', path: '/spec/template/spec/containers/x', value: {} }],
        "error in add for path: '/spec/template/spec/containers/x': value was not a proper array index: 'x': strconv.Atoi: parsing \"x\": invalid syntax"],
      [[{ op: 'test', path: '/spec/replicas', value: 3 }], 'testing value /spec/replicas failed: test failed'],
      [[{ op: 'move', from: '/spec/nope', path: '/spec/x' }], "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value"],
      [[{ op: 'frobnicate', path: '/a' }], 'Unexpected kind: frobnicate'],
      [[{ path: '/a' }], 'Unexpected kind: unknown'],
      [[{ op: 'add', path: '', value: {} }], 'add operation does not apply: doc is missing path: "": missing value'],
    ];
    for (const [patch, detail] of cases) {
      const e = failure(patch);
      expect(e.status).toEqual(generic422);
      expect(e.detail).toBe(detail);
    }
  });

  it('applies nothing when one operation fails', () => {
    const before = JSON.stringify(deploy);
    failure([{ op: 'add', path: '/metadata/labels/x', value: 'y' }, { op: 'remove', path: '/nope' }]);
    expect(JSON.stringify(deploy)).toBe(before);
  });

  it('rejects a body that is not a list of objects with 400 and encoding/json\'s text (DecodePatch)', () => {
    expect(failure({ op: 'add' }).status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' });
    expect(failure([1]).status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal number into Go value of type jsonpatch.Operation' });
  });

  it('rejects more than 10000 operations with 413 (maxJSONPatchOperations)', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Deployment' }));
    expect(thrown(() => decodeJsonPatch(ops)).status).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 413, reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    });
  });

  it('treats a null body as no operations', () => {
    expect(applyJsonPatch(deploy, null)).toEqual(deploy);
  });

  it('add then remove of a new member is the identity', () => {
    const value = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
    const doc = fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }).filter((k) => k !== '__proto__'), value, { maxKeys: 4 });
    // A value holding a "__proto__" key (fast-check generates them) must survive the copies as data.
    expect(applyJsonPatch({}, [{ op: 'add', path: '/a', value: JSON.parse('{"__proto__":{"x":1}}') as Json }])).toEqual(JSON.parse('{"a":{"__proto__":{"x":1}}}'));
    fc.assert(fc.property(doc, value, (x, v) => {
      const path = '/new~1key';
      expect(applyJsonPatch(x, [{ op: 'add', path, value: v }, { op: 'remove', path }])).toEqual(x);
    }), { numRuns: 200 });
  });
});
