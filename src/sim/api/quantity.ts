// models k8s.io/apimachinery/pkg/api/resource (Quantity): parsing, arithmetic and the canonical string form.
// The one Quantity of the simulation (admission, validation, defaulting and printers all use it).
// A quantity is held exactly as an integer number of nano-units; like Kubernetes, anything finer than 1n is
// rounded away from zero when parsed.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** The regular expression Kubernetes quotes in ErrFormatWrong. */
export const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

/** ErrFormatWrong's text, which is also what a decoder reports for a resource list value that is not a quantity. */
export const QUANTITY_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_PATTERN}'`;

export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const errFormatWrong = (): QuantityError => new QuantityError(QUANTITY_FORMAT_WRONG);
const errSuffix = (): QuantityError => new QuantityError("unable to parse quantity's suffix");

const NANO_PER_UNIT = 1_000_000_000n;
const NANO_PER_MILLI = 1_000_000n;

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalSuffixByExponent = new Map(Object.entries(decimalSuffixes).map(([s, e]) => [e, s]));
const binarySuffixByPower = new Map(Object.entries(binarySuffixes).map(([s, p]) => [p, s]));

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Integer division that rounds away from zero (inf.RoundUp), as Quantity rounds. */
function divAwayFromZero(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a ? q : a < 0n ? q - 1n : q + 1n;
}

export class Quantity {
  constructor(
    /** The exact amount in nano-units (1 = 1n). */
    readonly nanos: bigint,
    readonly format: QuantityFormat,
  ) {}

  static fromMilli(milli: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(milli) * NANO_PER_MILLI, format);
  }

  static fromValue(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value) * NANO_PER_UNIT, format);
  }

  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, format);
  }

  /** MilliValue(): the amount in thousandths, rounded away from zero. */
  get milli(): bigint {
    return divAwayFromZero(this.nanos, NANO_PER_MILLI);
  }

  /** Value(): the amount in whole units, rounded away from zero. */
  get value(): bigint {
    return divAwayFromZero(this.nanos, NANO_PER_UNIT);
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.nanos === 0n ? 0 : this.nanos < 0n ? -1 : 1;
  }

  /** -1, 0 or 1, as Quantity.Cmp. */
  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nanos === other.nanos ? 0 : this.nanos < other.nanos ? -1 : 1;
  }

  /** Quantity.Add: a zero receiver takes the other's format, otherwise the receiver's format is kept. */
  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.nanos === 0n ? other.format : this.format);
  }

  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.nanos === 0n ? other.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.nanos, this.format);
  }

  /** The canonical form Kubernetes serialises: "500m", "1", "1Gi", "1536Mi", "1k", "1e3". */
  toString(): string {
    return formatQuantity(this);
  }
}

/** resource.ParseQuantity: throws QuantityError with Kubernetes' message when the text is not a quantity. */
export function parseQuantity(text: string): Quantity {
  if (text.length === 0) throw errFormatWrong();
  const match = /^([+-]?)([0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(text);
  if (!match) throw errFormatWrong();
  const [, signText = '', numberText = '', suffix = ''] = match;
  const numberParts = /^([0-9]*)(?:\.([0-9]*))?$/.exec(numberText);
  if (!numberParts) throw errFormatWrong();
  const whole = numberParts[1] ?? '';
  const fraction = numberParts[2] ?? '';
  if (whole === '' && fraction === '') throw errFormatWrong();
  const digits = BigInt(`${whole}${fraction}` || '0');
  const signed = signText === '-' ? -digits : digits;

  let format: QuantityFormat;
  let nanos: bigint;
  const decimalExponent = decimalSuffixes[suffix];
  const binaryPower = binarySuffixes[suffix];
  if (decimalExponent !== undefined) {
    format = 'DecimalSI';
    nanos = scaleBy10(signed, decimalExponent + 9 - fraction.length);
  } else if (binaryPower !== undefined) {
    format = 'BinarySI';
    nanos = scaleBy10(signed * 2n ** BigInt(binaryPower), 9 - fraction.length);
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    nanos = scaleBy10(signed, Number(suffix.slice(1)) + 9 - fraction.length);
  } else {
    throw errSuffix();
  }
  return new Quantity(nanos, format);
}

function scaleBy10(value: bigint, exponent: number): bigint {
  return exponent >= 0 ? value * pow10(exponent) : divAwayFromZero(value, pow10(-exponent));
}

/** parseQuantity that answers undefined instead of throwing. */
export function tryParseQuantity(text: string): Quantity | undefined {
  try {
    return parseQuantity(text);
  } catch (e) {
    if (e instanceof QuantityError) return undefined;
    throw e;
  }
}

/** A quantity as it appears in a JSON object: a string ("500m") or a bare number (JSON `1`). */
export function quantityOf(raw: unknown): Quantity | undefined {
  if (typeof raw === 'string') return tryParseQuantity(raw.trim());
  if (typeof raw === 'number' && Number.isFinite(raw)) return tryParseQuantity(String(raw));
  return undefined;
}

/** Quantity.String(): the canonical text, as Kubernetes serialises any quantity it stores. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const oneKi = 1024n * NANO_PER_UNIT;
    // Small binary quantities print in decimal to avoid rounding ("512", not "0.5Ki").
    if (q.nanos > -oneKi && q.nanos < oneKi) format = 'DecimalSI';
    // A fractional amount cannot be written with a binary suffix exactly.
    else if (q.nanos % NANO_PER_UNIT !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    const negative = q.nanos < 0n;
    let amount = (negative ? -q.nanos : q.nanos) / NANO_PER_UNIT;
    let power = 0;
    while (power < 60 && amount % 1024n === 0n) {
      amount /= 1024n;
      power += 10;
    }
    return `${negative ? '-' : ''}${amount}${binarySuffixByPower.get(power) ?? ''}`;
  }
  // Strip trailing decimal zeros in groups of three, so the exponent stays a multiple of 3.
  let mantissa = q.nanos;
  let exponent = -9;
  while (mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exponent += 3;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = decimalSuffixByExponent.get(exponent);
  return suffix === undefined ? `${mantissa}e${exponent}` : `${mantissa}${suffix}`;
}

/** The canonical form of a quantity text, e.g. "0.5" → "500m", "1024Mi" → "1Gi". Throws QuantityError. */
export function canonicalQuantity(text: string): string {
  return formatQuantity(parseQuantity(text));
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.cmp(b);
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return a.add(b);
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return a.sub(b);
}
