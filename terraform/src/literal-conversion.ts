// Whether a literal value written in HCL can become an argument of a given Terraform type, by
// Terraform's conversion rules (cty): numbers and booleans convert to strings, a string converts
// to a number if it is a decimal number and to a bool if it is "true" or "false". Expressions are
// not literals and are not judged here (their type is known only to Terraform).

/** A value of hcl2json's output: expressions are strings holding `${…}` or `%{…}`. */
export type HclValue = null | boolean | number | string | HclValue[] | { [key: string]: HclValue };

const TEMPLATE = /\$\{|%\{/;
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

export function isExpression(value: HclValue): boolean {
  return typeof value === 'string' && TEMPLATE.test(value);
}

/** `list(set(string))` => ['list', 'set(string)']; a primitive => [type, undefined]. */
export function splitType(type: string): [string, string | undefined] {
  const match = /^(\w+)\((.*)\)$/.exec(type);
  return match ? [match[1], match[2]] : [type, undefined];
}

/**
 * Why `value` cannot be converted to `type`, or undefined if it can (or if Terraform decides only
 * after evaluating an expression).
 */
export function literalTypeMismatch(value: HclValue, type: string): string | undefined {
  if (value === null || isExpression(value) || type === 'any') return undefined;
  const [kind, element] = splitType(type);
  const shown = JSON.stringify(value);
  switch (kind) {
    case 'string':
      return typeof value === 'object' ? `${shown} is not a string` : undefined;
    case 'number':
      if (typeof value === 'number') return undefined;
      return typeof value === 'string' && NUMBER.test(value) ? undefined : `${shown} is not a number`;
    case 'bool':
      if (typeof value === 'boolean') return undefined;
      return value === 'true' || value === 'false' ? undefined : `${shown} is not a bool`;
    case 'list':
    case 'set':
      if (!Array.isArray(value)) return `${shown} is not a ${kind}`;
      return firstMismatch(value, element ?? 'any');
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) return `${shown} is not a map`;
      return firstMismatch(Object.values(value), element ?? 'any');
    default:
      throw new Error(`Unknown Terraform type ${type}`);
  }
}

function firstMismatch(values: readonly HclValue[], type: string): string | undefined {
  for (const value of values) {
    const mismatch = literalTypeMismatch(value, type);
    if (mismatch) return mismatch;
  }
  return undefined;
}
