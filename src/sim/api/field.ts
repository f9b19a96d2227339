// models k8s.io/apimachinery/pkg/util/validation/field: errors that name the field path, in Kubernetes' wording.

export type FieldErrorType =
  | 'FieldValueNotFound' | 'FieldValueRequired' | 'FieldValueDuplicate' | 'FieldValueInvalid'
  | 'FieldValueNotSupported' | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueTooMany'
  | 'InternalError' | 'FieldValueTypeInvalid';

const typeText: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Values as field.Error prints them: strings quoted, numbers and booleans bare, objects as JSON. */
export function formatFieldValue(value: unknown): string {
  if (value instanceof GoValue) return value.text;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(value);
}

const omitValue = Symbol('omitValue');

export class FieldError {
  constructor(
    readonly reason: FieldErrorType,
    readonly field: string,
    readonly badValue: unknown,
    readonly detail: string,
  ) {}

  /** The part after "<field>: ", e.g. "Required value" or `Invalid value: "x": must be ...`. */
  errorBody(): string {
    let s = typeText[this.reason];
    const hasValue = this.badValue !== omitValue
      && this.reason !== 'FieldValueRequired' && this.reason !== 'FieldValueForbidden'
      && this.reason !== 'FieldValueTooLong' && this.reason !== 'InternalError';
    if (hasValue) s += `: ${formatFieldValue(this.badValue)}`;
    if (this.detail !== '') s += `: ${this.detail}`;
    return s;
  }

  toString(): string {
    return this.field === '' ? this.errorBody() : `${this.field}: ${this.errorBody()}`;
  }
}

/** A field path built the way field.NewPath(...).Child(...).Index(...) builds it. */
export class FieldPath {
  private constructor(private readonly text: string) {}
  static root(name: string, ...more: string[]): FieldPath {
    return more.reduce((p, m) => p.child(m), new FieldPath(name));
  }
  child(name: string, ...more: string[]): FieldPath {
    const first = new FieldPath(this.text === '' ? name : `${this.text}.${name}`);
    return more.length === 0 ? first : more.reduce((p, m) => p.child(m), first);
  }
  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }
  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }
  toString(): string {
    return this.text;
  }
}

type PathLike = FieldPath | string;
const p = (path: PathLike): string => String(path);

export const field = {
  required: (path: PathLike, detail = '') => new FieldError('FieldValueRequired', p(path), '', detail),
  invalid: (path: PathLike, value: unknown, detail: string) => new FieldError('FieldValueInvalid', p(path), value, detail),
  /** Invalid value whose value is not worth printing, e.g. `Invalid value: "null"` is avoided. */
  invalidOmitValue: (path: PathLike, detail: string) => new FieldError('FieldValueInvalid', p(path), omitValue, detail),
  notSupported: (path: PathLike, value: unknown, supported: string[]) =>
    new FieldError('FieldValueNotSupported', p(path), value,
      supported.length === 0 ? '' : `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`),
  forbidden: (path: PathLike, detail: string) => new FieldError('FieldValueForbidden', p(path), '', detail),
  duplicate: (path: PathLike, value: unknown) => new FieldError('FieldValueDuplicate', p(path), value, ''),
  notFound: (path: PathLike, value: unknown) => new FieldError('FieldValueNotFound', p(path), value, ''),
  tooLong: (path: PathLike, _value: unknown, max: number) =>
    new FieldError('FieldValueTooLong', p(path), '', `may not be more than ${max} bytes`),
  tooMany: (path: PathLike, actual: number, max: number) =>
    new FieldError('FieldValueTooMany', p(path), actual, `must have at most ${max} items`),
  internal: (path: PathLike, detail: string) => new FieldError('InternalError', p(path), '', detail),
};

/** utilerrors.NewAggregate(...).Error(): one error alone, several as "[a, b]" (duplicates removed). */
export function aggregateFieldErrors(errs: FieldError[]): string {
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const e of errs) {
    const s = e.toString();
    if (!seen.has(s)) {
      seen.add(s);
      msgs.push(s);
    }
  }
  return msgs.length === 1 ? (msgs[0] ?? '') : `[${msgs.join(', ')}]`;
}

/**
 * A bad value as Go's fmt prints it. field.Error prints maps, slices and structs with %#v
 * (`map[string]string{"app":"x"}`, `rbac.RoleRef{APIGroup:"…", Kind:"Role", Name:"x"}`) and values with a String()
 * method (quantities, IntOrString) unquoted. Plain JavaScript values carry no Go type, so the caller supplies the text.
 */
export class GoValue {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}
