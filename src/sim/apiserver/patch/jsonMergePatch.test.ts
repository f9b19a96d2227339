import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Json } from '../../api/types.ts';
import { applyMergePatch, createMergePatch } from './jsonMergePatch.ts';
import { thrown } from './testing.ts';
import type { JsonObject } from './jsonValue.ts';

const pod: JsonObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx-pod', namespace: 'default', labels: { app: 'nginx', tier: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }], tolerations: [{ key: 'a', operator: 'Exists' }] },
};

describe('applyMergePatch (RFC 7386, evanphx/json-patch v4)', () => {
  it('adds a label as `kubectl label pod nginx-pod env=prod` sends it', () => {
    const out = applyMergePatch(pod, { metadata: { labels: { env: 'prod' } } }) as JsonObject;
    expect(out.metadata).toEqual({ name: 'nginx-pod', namespace: 'default', labels: { app: 'nginx', tier: 'web', env: 'prod' } });
  });

  it('deletes a label with null, as `kubectl label pod nginx-pod tier-` sends it', () => {
    const out = applyMergePatch(pod, { metadata: { labels: { tier: null } } }) as JsonObject;
    expect(out.metadata).toEqual({ name: 'nginx-pod', namespace: 'default', labels: { app: 'nginx' } });
  });

  it('ignores null for a member that does not exist', () => {
    expect(applyMergePatch(pod, { metadata: { annotations: null } })).toEqual(pod);
  });

  it('sets spec.replicas on a Scale as `kubectl scale --replicas=3` sends it', () => {
    const scale = { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'web' }, spec: { replicas: 1 }, status: { replicas: 1 } };
    expect(applyMergePatch(scale, { spec: { replicas: 3 } })).toEqual({ ...scale, spec: { replicas: 3 } });
  });

  it('replaces lists whole: merge patch knows nothing of merge keys', () => {
    const out = applyMergePatch(pod, { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }) as JsonObject;
    expect(out.spec).toEqual({ containers: [{ name: 'nginx', image: 'nginx:1.27' }], tolerations: [{ key: 'a', operator: 'Exists' }] });
  });

  it('prunes nulls inside a value it inserts, including array elements (pruneNulls)', () => {
    const out = applyMergePatch({ a: 1 }, { b: { c: null, d: [1, null, { e: null, f: 2 }] } });
    expect(out).toEqual({ a: 1, b: { d: [1, { f: 2 }] } });
  });

  it('keeps nulls in a non-object value that replaces an object (v4 merge() returns the patch as is)', () => {
    expect(applyMergePatch({ a: { x: 1 } }, { a: [null, 1] })).toEqual({ a: [null, 1] });
  });

  it('rejects a patch that is null or a scalar like ErrBadJSONPatch: 400 "Invalid JSON Patch"', () => {
    for (const patch of [null, 1, 'x', true] as Json[]) {
      const e = thrown(() => applyMergePatch(pod, patch));
      expect(e.status).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Invalid JSON Patch', reason: 'BadRequest', code: 400 });
    }
  });

  it('turns the document into an array patch (pruned)', () => {
    expect(applyMergePatch(pod, [1, null, 2])).toEqual([1, 2]);
  });

  it('does not modify its arguments', () => {
    const before = JSON.stringify(pod);
    const patch = { metadata: { labels: { tier: null, env: 'x' } } };
    applyMergePatch(pod, patch);
    expect(JSON.stringify(pod)).toBe(before);
    expect(patch).toEqual({ metadata: { labels: { tier: null, env: 'x' } } });
  });
});

describe('createMergePatch (jsonpatch.CreateMergePatch)', () => {
  it('computes the body `kubectl label --overwrite` sends: changed and removed labels only', () => {
    const modified = { ...pod, metadata: { name: 'nginx-pod', namespace: 'default', labels: { app: 'web', env: 'prod' } } };
    expect(createMergePatch(pod, modified)).toEqual({ metadata: { labels: { app: 'web', env: 'prod', tier: null } } });
  });

  it('is empty for equal documents', () => {
    expect(createMergePatch(pod, JSON.parse(JSON.stringify(pod)) as JsonObject)).toEqual({});
  });

  // Merge patches cannot express "set to null", so the property holds for null-free documents.
  const leaf = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean());
  const doc = fc.dictionary(
    fc.constantFrom('a', 'b', 'c', 'd'),
    fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.constantFrom('x', 'y', 'z'), fc.oneof(leaf, fc.array(leaf, { maxLength: 2 })), { maxKeys: 3 })),
    { maxKeys: 4 },
  ) as fc.Arbitrary<JsonObject>;

  it('applyMergePatch(x, createMergePatch(x, y)) equals y', () => {
    fc.assert(fc.property(doc, doc, (x, y) => {
      expect(applyMergePatch(x, createMergePatch(x, y))).toEqual(y);
    }), { numRuns: 300 });
  });
});
