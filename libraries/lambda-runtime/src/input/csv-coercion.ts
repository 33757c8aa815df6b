import { describeValue } from '@reporting/schemas';
import { parseJson } from './json-text';

/** The part of a property's JSON Schema that decides how a CSV cell becomes its value. */
export interface PropertySchema {
  readonly type?: string | readonly string[];
}

/** The part of a record's JSON Schema (a generated `<name>Schema` export) that CSV input reads. */
export interface RecordSchema {
  readonly title?: string;
  readonly properties?: { readonly [name: string]: PropertySchema };
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | PropertySchema;
}

type CellKind = 'integer' | 'number' | 'boolean' | 'json' | 'string';

/** How the cells of one column become values. */
export interface ColumnCoercion {
  readonly kind: CellKind;
  /** Whether the property's type includes "null": an empty cell is then null, otherwise absent. */
  readonly nullable: boolean;
}

export type CoercedCell = { ok: true; value: unknown } | { ok: false; reason: string };

function kindOf(types: readonly string[]): CellKind {
  const present = types.filter((type) => type !== 'null');
  if (present.length === 0) return 'string';
  if (present.every((type) => type === 'object' || type === 'array')) return 'json';
  if (present.every((type) => type === 'integer')) return 'integer';
  if (present.every((type) => type === 'integer' || type === 'number')) return 'number';
  if (present.every((type) => type === 'boolean')) return 'boolean';
  return 'string'; // no type, or a union with string: the validator has the last word
}

/** The coercion of a column from its property's schema (no schema: text, as written). */
export function columnCoercion(property: PropertySchema | undefined): ColumnCoercion {
  const declared = property?.type;
  const types = declared === undefined ? [] : typeof declared === 'string' ? [declared] : declared;
  return { kind: kindOf(types), nullable: types.includes('null') };
}

const INTEGER = /^[+-]?\d+$/;
// JSON's number syntax, plus a leading "+" or a bare ".5"/"5." as spreadsheets write them.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['true', '1']);
const FALSE = new Set(['false', '0']);

/**
 * One non-empty cell as the value of its column, or the reason it cannot be. Numbers and booleans may
 * be surrounded by spaces (the validator trims text too); text is kept as written.
 */
export function coerceCell(cell: string, coercion: ColumnCoercion): CoercedCell {
  const trimmed = cell.trim();
  const shown = (): string => describeValue(cell); // only for a reason: most cells never need it
  switch (coercion.kind) {
    case 'integer': {
      if (!INTEGER.test(trimmed)) return { ok: false, reason: `${shown()} is not an integer` };
      const value = Number(trimmed);
      if (!Number.isSafeInteger(value))
        return { ok: false, reason: `${shown()} is beyond the exact integer range (±9007199254740991)` };
      return { ok: true, value: value === 0 ? 0 : value }; // "-0" is 0
    }
    case 'number': {
      const value = Number(trimmed);
      if (!NUMBER.test(trimmed)) return { ok: false, reason: `${shown()} is not a number` };
      if (!Number.isFinite(value)) return { ok: false, reason: `${shown()} is too large for a number` };
      return { ok: true, value: value === 0 ? 0 : value };
    }
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return { ok: false, reason: `${shown()} is not a boolean (expected true, false, 1 or 0)` };
    }
    case 'json': {
      const parsed = parseJson(cell);
      if (parsed.ok) return { ok: true, value: parsed.value };
      return { ok: false, reason: `${shown()} is not valid JSON: ${parsed.detail}` };
    }
    default:
      return { ok: true, value: cell };
  }
}
