// Minimal resource.Quantity for validation and defaulting.
// models staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (parse, Cmp, Add, canonical String());
// amounts are held exactly as nano-units in a bigint, so anything finer than 1n rounds up as upstream does.
// Written here because src/sim/apiserver/admission/quantity.ts did not exist yet when validation needed it.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The amount in nano-units (10^-9). */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const quantityPattern = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** resource.ParseQuantity; returns undefined where upstream returns ErrFormatInvalid and friends. */
export function parseQuantity(input: string): Quantity | undefined {
  const s = input.trim();
  if (s === '') return undefined;
  const m = quantityPattern.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const whole = m[2] ?? '';
  const frac = m[3] ?? '';
  if (whole === '' && frac === '') return undefined;
  const expPart = m[4];
  const suffix = m[5] ?? '';
  // The digits as an integer with `frac.length` implied decimal places.
  const digits = BigInt((whole === '' ? '0' : whole) + frac);
  let format: QuantityFormat = 'DecimalSI';
  let num = digits; // numerator over 10^frac.length, then scaled to nanos
  let den = pow10(frac.length);
  if (expPart !== undefined) {
    format = 'DecimalExponent';
    const e = Number(expPart.slice(1));
    if (e >= 0) num *= pow10(e);
    else den *= pow10(-e);
  } else if (suffix in binarySuffixes) {
    format = 'BinarySI';
    num *= 2n ** BigInt(binarySuffixes[suffix] ?? 0);
  } else {
    const e = decimalSuffixes[suffix] ?? 0;
    if (e >= 0) num *= pow10(e);
    else den *= pow10(-e);
  }
  num *= pow10(9);
  // Round up (away from zero) to whole nanos.
  let nanos = num / den;
  if (num % den !== 0n) nanos += 1n;
  return { nanos: sign * nanos, format };
}

export function cmpQuantity(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

export function isZeroQuantity(q: Quantity): boolean {
  return q.nanos === 0n;
}

/** Value() rounded up to whole units, as Quantity.Value() does. */
export function quantityValue(q: Quantity): bigint {
  const whole = q.nanos / 1_000_000_000n;
  return q.nanos % 1_000_000_000n > 0n ? whole + 1n : whole;
}

/** MilliValue(), rounded up. */
export function quantityMilliValue(q: Quantity): bigint {
  const whole = q.nanos / 1_000_000n;
  return q.nanos % 1_000_000n > 0n ? whole + 1n : whole;
}

const decimalByExp: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const binaryByExp: [number, string][] = [[60, 'Ei'], [50, 'Pi'], [40, 'Ti'], [30, 'Gi'], [20, 'Mi'], [10, 'Ki']];

/** Quantity.String(): the canonical form the apiserver stores and prints, e.g. "1000m" → "1", "1000" → "1k". */
export function formatQuantity(q: Quantity): string {
  const neg = q.nanos < 0n;
  const abs = neg ? -q.nanos : q.nanos;
  const sign = neg ? '-' : '';
  if (abs === 0n) return '0';
  if (q.format === 'BinarySI' && abs >= 1024n * 1_000_000_000n && abs % 1_000_000_000n === 0n) {
    const units = abs / 1_000_000_000n;
    for (const [bits, suffix] of binaryByExp) {
      const d = 2n ** BigInt(bits);
      if (units % d === 0n) return `${sign}${units / d}${suffix}`;
    }
    return `${sign}${units}`;
  }
  // Largest multiple-of-3 exponent whose mantissa is a whole number.
  let exp = -9;
  let mantissa = abs;
  while (exp < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exp += 3;
  }
  if (q.format === 'DecimalExponent') return exp === 0 ? `${sign}${mantissa}` : `${sign}${mantissa}e${exp}`;
  return `${sign}${mantissa}${decimalByExp[exp] ?? ''}`;
}

/** Canonicalizes a quantity string; returns the input unchanged when it does not parse. */
export function canonicalQuantity(s: string): string {
  const q = parseQuantity(s);
  return q ? formatQuantity(q) : s;
}
