// Equality of values as canonical JSON: whether JSON.stringify would write them the same once every object's keys
// are sorted. The same answer as comparing those strings, without building them: hot paths compare whole pod specs
// (validation of updates, the kubelet deciding whether an update concerns it).

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function absent(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** The value JSON.stringify writes in place of v: toJSON's result, boxed primitives unboxed, non-finite numbers as null. */
function prep(value: unknown): unknown {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(): unknown }).toJSON();
  if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}

/** a and b already prepared (see prep) and not absent. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const arrA = Array.isArray(a);
  if (arrA !== Array.isArray(b)) return false;
  if (arrA) {
    const aa = a as unknown[];
    const bb = b as unknown[];
    if (aa.length !== bb.length) return false;
    for (let i = 0; i < aa.length; i++) {
      const ea = prep(aa[i]);
      const eb = prep(bb[i]);
      if (!equal(absent(ea) ? null : ea, absent(eb) ? null : eb)) return false;
    }
    return true;
  }
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  let n = 0;
  for (const k of Object.keys(oa)) {
    const va = prep(oa[k]);
    if (absent(va)) continue;
    n++;
    if (!Object.hasOwn(ob, k)) return false;
    const vb = prep(ob[k]);
    if (absent(vb) || !equal(va, vb)) return false;
  }
  for (const k of Object.keys(ob)) if (!absent(prep(ob[k]))) n--;
  return n === 0;
}

/**
 * Whether `a` and `b` serialize to the same canonical JSON (objects with sorted keys; undefined members left out,
 * undefined array elements and non-finite numbers as null). A top-level undefined counts as null.
 */
export function canonicalJsonEqual(a: unknown, b: unknown): boolean {
  const pa = prep(a);
  const pb = prep(b);
  return equal(absent(pa) ? null : pa, absent(pb) ? null : pb);
}

/**
 * Whether two values have the same structure exactly: the same keys in the same order (undefined members count),
 * the same array lengths, and identical primitives (Object.is). A value computed from one by a deterministic
 * function of its structure is then the value the other gives.
 */
export function sameStructure(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameStructure(a[i], bb[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i] as string;
    if (k !== kb[i] || !sameStructure(oa[k], ob[k])) return false;
  }
  return true;
}
