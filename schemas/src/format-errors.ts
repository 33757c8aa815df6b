import type { ErrorObject } from 'ajv';

type SchemaNode = Record<string, unknown>;

const MAX_VALUE_CHARS = 60;

/** A value as it should appear in a message: JSON, shortened when long. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** `/visit_date` → `visit_date`; the root is called `(event)`. */
function fieldName(instancePath: string): string {
  return instancePath === '' ? '(event)' : instancePath.slice(1).split('/').join('.');
}

function valueAt(data: unknown, instancePath: string): unknown {
  let current: unknown = data;
  for (const part of instancePath.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/**
 * The nearest `x-error` text on the way from the root to the failing keyword: schemas carry their own
 * wording for rules whose raw Ajv message would not tell a data engineer what is wrong. `x-error` is
 * either a text for every keyword below it, or an object naming the keywords it words
 * (`{ "pattern": "…" }`), so that e.g. a number where a string belongs is still reported as a type error.
 */
function customMessage(schema: SchemaNode, schemaPath: string, keyword: string): string | undefined {
  let node: unknown = schema;
  let found: string | undefined;
  for (const part of schemaPath.replace(/^#\//, '').split('/')) {
    if (node === null || typeof node !== 'object') break;
    const text = wordingFor((node as SchemaNode)['x-error'], keyword);
    if (text !== undefined) found = text;
    node = (node as SchemaNode)[part];
  }
  return found;
}

function wordingFor(xError: unknown, keyword: string): string | undefined {
  if (typeof xError === 'string') return xError;
  if (xError === null || typeof xError !== 'object') return undefined;
  const text = (xError as Record<string, unknown>)[keyword];
  return typeof text === 'string' ? text : undefined;
}

const FORMAT_MESSAGES: Record<string, string> = {
  date: 'is not a real calendar date (expected YYYY-MM-DD)',
  'iso-date-time': 'is not an ISO 8601 date-time (e.g. 2024-01-15T10:20:00Z)'
};

// `shown` is computed only where a message prints it: for `required` and `additionalProperties` the
// value is the enclosing object (often the whole event), and describing it once per error made a file
// with n unknown fields cost n × its size (reliability suite, bug 2).
function messageFor(error: ErrorObject, data: unknown, schema: SchemaNode): { field: string; text: string } {
  const params = error.params as Record<string, unknown>;
  const custom = customMessage(schema, error.schemaPath, error.keyword);
  switch (error.keyword) {
    case 'required': {
      const field = fieldName(`${error.instancePath}/${String(params.missingProperty)}`);
      return { field, text: custom ?? 'is required' };
    }
    case 'additionalProperties': {
      const field = fieldName(`${error.instancePath}/${String(params.additionalProperty)}`);
      return { field, text: custom ?? 'is not an allowed field' };
    }
    default:
      break;
  }
  const field = fieldName(error.instancePath);
  const shown = describeValue(valueAt(data, error.instancePath));
  if (custom) return { field, text: `${shown} ${custom}` };
  switch (error.keyword) {
    case 'enum':
      return { field, text: `${shown} is not one of ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'type':
      return { field, text: `${shown} must be of type ${String(params.type).replace(',', ' or ')}` };
    case 'format':
      return {
        field,
        text: `${shown} ${FORMAT_MESSAGES[String(params.format)] ?? `is not a valid ${params.format}`}`
      };
    case 'minLength':
      return {
        field,
        text: params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters`
      };
    case 'maxLength':
      return { field, text: `${shown} must be at most ${params.limit} characters` };
    case 'minimum':
    case 'maximum':
      return { field, text: `${shown} must be ${params.comparison} ${params.limit}` };
    case 'pattern':
      return { field, text: `${shown} does not match ${params.pattern}` };
    default:
      return { field, text: `${shown} ${error.message ?? 'is invalid'}` };
  }
}

/**
 * Turns Ajv errors into sentences naming field, value and rule, e.g.
 * `visit_date: "2024-02-30" is not a real calendar date (expected YYYY-MM-DD)`.
 * Structural errors (`if`, `allOf`) that only repeat a nested error are dropped; duplicates are merged.
 */
export function formatValidationErrors(
  errors: readonly ErrorObject[],
  data: unknown,
  schema: object
): string[] {
  const messages = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'allOf') continue;
    const { field, text } = messageFor(error, data, schema as SchemaNode);
    messages.add(`${field}: ${text}`);
  }
  return [...messages];
}
