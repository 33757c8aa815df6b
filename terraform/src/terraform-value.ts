// Values of the static evaluator: what Terraform would know at plan time.

/** A reference to a resource or data source in one module instance. */
export interface ResourceAddress {
  /** Module instance address, '' for the root, e.g. `module.trigger`. */
  readonly module: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
}

/** A value only known after apply (e.g. an ARN); remembers which resource attribute it is. */
export class Unknown {
  public constructor(
    public readonly origin: ResourceAddress | undefined,
    public readonly attribute: string
  ) {}

  public describe(): string {
    if (!this.origin) return `(known after apply: ${this.attribute})`;
    const { module, mode, type, name } = this.origin;
    const address = `${mode === 'data' ? 'data.' : ''}${type}.${name}.${this.attribute}`;
    return `(known after apply: ${module ? `${module}.` : ''}${address})`;
  }
}

/** Result of jsonencode() over a value holding unknowns: the structure, not yet a string. */
export class Encoded {
  public constructor(public readonly value: Value) {}
}

export type Value = null | boolean | number | string | Unknown | Encoded | Value[] | { [key: string]: Value };

/** A Terraform evaluation error (what `can()` and `try()` catch). */
export class TerraformError extends Error {}

/** A construct the static evaluator does not implement: never caught by `can()`/`try()`. */
export class UnsupportedExpressionError extends Error {}

/** Thrown when an operation meets an unknown operand: the whole result is unknown. */
export class UnknownOperandError extends Error {
  public constructor(public readonly unknown: Unknown) {
    super(unknown.describe());
  }
}

function known(value: Value): Value {
  if (value instanceof Unknown) throw new UnknownOperandError(value);
  if (value instanceof Encoded) throw new UnknownOperandError(new Unknown(undefined, 'jsonencode()'));
  return value;
}

export function isObject(value: Value): value is { [key: string]: Value } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Unknown) &&
    !(value instanceof Encoded)
  );
}

export function containsUnknown(value: Value): boolean {
  if (value instanceof Unknown) return true;
  if (value instanceof Encoded) return containsUnknown(value.value);
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Unknown || value instanceof Encoded) return 'unknown';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** Terraform's automatic conversion to number (numeric strings convert). */
export function toNumber(value: Value): number {
  known(value);
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  throw new TerraformError(`a number is required, got ${typeName(value)} ${JSON.stringify(value)}`);
}

/** Terraform's automatic conversion to string (numbers and bools convert). */
export function toText(value: Value): string {
  known(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TerraformError(`a string is required, got ${typeName(value)}`);
}

export function toBool(value: Value): boolean {
  known(value);
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new TerraformError(`a bool is required, got ${typeName(value)} ${JSON.stringify(value)}`);
}

export function deepEqual(a: Value, b: Value): boolean {
  known(a);
  known(b);
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return a === b;
}
