import * as fs from 'node:fs';
import {
  Encoded,
  TerraformError,
  UnknownOperandError,
  Unknown,
  type Value,
  containsUnknown,
  deepEqual,
  isObject,
  toBool,
  toNumber,
  toText,
  typeName
} from './terraform-value';

// The Terraform built-in functions the repo's configuration uses, with Terraform's semantics for
// known values. `can` and `try` need unevaluated arguments and live in the evaluator.

type TerraformFunction = (args: Value[]) => Value;

/** Terraform regex (RE2 syntax) as a JavaScript RegExp. */
function toRegExp(pattern: string, flags: string = ''): RegExp {
  let source = pattern.replace(/\(\?P</g, '(?<');
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    flags += 'i';
  }
  try {
    // The patterns come from this repo's own Terraform configuration (regex(), replace()).
    // eslint-disable-next-line @rushstack/security/no-unsafe-regexp
    return new RegExp(source, flags);
  } catch (error) {
    throw new TerraformError(`invalid regular expression ${JSON.stringify(pattern)}: ${String(error)}`);
  }
}

function list(value: Value, functionName: string): Value[] {
  if (Array.isArray(value)) return value;
  if (value instanceof Unknown) throw new UnknownOperandError(value);
  throw new TerraformError(`${functionName}() needs a list, got ${typeName(value)}`);
}

function regex([pattern, text]: Value[]): Value {
  const match = toRegExp(toText(pattern)).exec(toText(text));
  if (!match)
    throw new TerraformError(`regex ${JSON.stringify(pattern)} does not match ${JSON.stringify(text)}`);
  if (match.groups) return { ...match.groups } as Value;
  return match.length > 1 ? match.slice(1).map((group) => group ?? null) : match[0];
}

/** Every match of a regex: its capture groups (a list, or an object for named groups) or the match. */
function regexall([pattern, text]: Value[]): Value {
  return [...toText(text).matchAll(toRegExp(toText(pattern), 'g'))].map((match): Value => {
    if (match.groups) return { ...match.groups } as Value;
    return match.length > 1 ? match.slice(1).map((group) => group ?? null) : match[0];
  });
}

function replace([text, search, replacement]: Value[]): Value {
  const source = toText(text);
  const needle = toText(search);
  if (needle.length > 1 && needle.startsWith('/') && needle.endsWith('/')) {
    return source.replace(toRegExp(needle.slice(1, -1), 'g'), toText(replacement));
  }
  return source.split(needle).join(toText(replacement));
}

function jsonencode([value]: Value[]): Value {
  return containsUnknown(value) ? new Encoded(value) : JSON.stringify(value);
}

export const TERRAFORM_FUNCTIONS: Readonly<Record<string, TerraformFunction>> = {
  abs: ([n]) => Math.abs(toNumber(n)),
  alltrue: ([items]) => list(items, 'alltrue').every((item) => toBool(item)),
  anytrue: ([items]) => list(items, 'anytrue').some((item) => toBool(item)),
  ceil: ([n]) => Math.ceil(toNumber(n)),
  coalesce: (args) => {
    const found = args.find((arg) => arg !== null && arg !== '');
    if (found === undefined) throw new TerraformError('coalesce(): no non-null, non-empty argument');
    return found;
  },
  concat: (args) => args.flatMap((arg) => list(arg, 'concat')),
  distinct: ([items]) =>
    list(items, 'distinct').filter(
      (item, i, all) => all.findIndex((candidate) => deepEqual(candidate, item)) === i
    ),
  contains: ([items, item]) => list(items, 'contains').some((candidate) => deepEqual(candidate, item)),
  endswith: ([text, suffix]) => toText(text).endsWith(toText(suffix)),
  // Terraform reads files relative to the working directory; this repo passes "${path.module}/…" (absolute).
  file: ([name]) => fs.readFileSync(toText(name), 'utf8'),
  floor: ([n]) => Math.floor(toNumber(n)),
  join: ([separator, items]) => list(items, 'join').map(toText).join(toText(separator)),
  jsonencode,
  jsondecode: ([text]) => {
    try {
      return JSON.parse(toText(text)) as Value;
    } catch (error) {
      throw new TerraformError(`jsondecode: ${(error as Error).message}`);
    }
  },
  keys: ([map]) => (isObject(map) ? Object.keys(map).sort() : list(map, 'keys')),
  length: ([value]) => {
    if (typeof value === 'string') return [...value].length;
    if (isObject(value)) return Object.keys(value).length;
    return list(value, 'length').length;
  },
  lower: ([text]) => toText(text).toLowerCase(),
  max: (args) => Math.max(...args.map(toNumber)),
  merge: (args) => Object.assign({}, ...args.filter((arg) => arg !== null)) as Value,
  min: (args) => Math.min(...args.map(toNumber)),
  one: ([items]) => {
    const values = list(items, 'one');
    if (values.length > 1) throw new TerraformError('one(): more than one element');
    return values.length === 0 ? null : values[0];
  },
  regex,
  regexall,
  replace,
  startswith: ([text, prefix]) => toText(text).startsWith(toText(prefix)),
  tobool: ([value]) => (value === null ? null : toBool(value)),
  tolist: ([items]) => list(items, 'tolist'),
  tomap: ([map]) => map,
  tonumber: ([value]) => (value === null ? null : toNumber(value)),
  toset: ([items]) =>
    list(items, 'toset').filter((item, i, all) => all.findIndex((other) => deepEqual(other, item)) === i),
  tostring: ([value]) => (value === null ? null : toText(value)),
  upper: ([text]) => toText(text).toUpperCase(),
  values: ([map]) => {
    if (!isObject(map)) throw new TerraformError('values() needs a map');
    return Object.keys(map)
      .sort()
      .map((key) => map[key]);
  }
};
