import type {
  BinaryOpExpressionMeta,
  ForExpressionMeta,
  FunctionCallMeta,
  LiteralValueExpressionMeta,
  ObjectExpressionMeta,
  ScopeTraversalExpressionMeta,
  TerraformTraversalPart,
  UnaryOpExpressionMeta
} from '@cdktf/hcl2json/lib/syntax-tree';
import { type HclExpression, parseExpression } from './hcl-parser';
import { splitTemplate, unescapeHclString } from './template-string';
import { TERRAFORM_FUNCTIONS } from './terraform-functions';
import {
  Encoded,
  TerraformError,
  Unknown,
  UnknownOperandError,
  UnsupportedExpressionError,
  type Value,
  containsUnknown,
  deepEqual,
  isObject,
  toBool,
  toNumber,
  toText,
  typeName
} from './terraform-value';

// Evaluates Terraform expressions (HCL syntax trees) over what is known before apply: literals,
// variables, locals, module outputs and configured resource attributes. Values only known after
// apply (ARNs, ids) evaluate to Unknown, which propagates like Terraform's unknown values.

/** One step after the root name of a reference: `.name` or `[key]`. */
export interface TraversalStep {
  readonly kind: 'name' | 'index';
  readonly key: string;
}

/** Resolves references (`var.x`, `local.y`, `module.m.out`, `aws_x.name.attr`, iterators). */
export interface Scope {
  resolve(root: string, steps: readonly TraversalStep[]): Promise<Value>;
}

/** A scope with extra names bound (for-expression and dynamic-block iterators). */
export class BoundScope implements Scope {
  public constructor(
    private readonly parent: Scope,
    private readonly bindings: Readonly<Record<string, Value>>
  ) {}

  public resolve(root: string, steps: readonly TraversalStep[]): Promise<Value> {
    if (Object.prototype.hasOwnProperty.call(this.bindings, root)) {
      return Promise.resolve(applySteps(this.bindings[root], steps));
    }
    return this.parent.resolve(root, steps);
  }
}

function toStep(part: TerraformTraversalPart): TraversalStep {
  if (part.type === 'nameTraversal') return { kind: 'name', key: part.segment };
  const key = part.segment.startsWith('"') ? (JSON.parse(part.segment) as string) : part.segment;
  return { kind: 'index', key };
}

/** Follows `.name` / `[key]` steps into a value. */
export function applySteps(value: Value, steps: readonly TraversalStep[]): Value {
  let current = value;
  for (const step of steps) {
    if (current instanceof Unknown) return current;
    if (Array.isArray(current)) {
      const index = Number(step.key);
      if (step.kind !== 'index' || !Number.isInteger(index) || index < 0 || index >= current.length) {
        throw new TerraformError(`invalid index ${step.key} into a list of ${current.length}`);
      }
      current = current[index];
    } else if (isObject(current) && Object.prototype.hasOwnProperty.call(current, step.key)) {
      current = current[step.key];
    } else {
      throw new TerraformError(`no attribute or key "${step.key}" in ${typeName(current)}`);
    }
  }
  return current;
}

/** Evaluates a value as hcl2json renders it (literals, `${ }` strings, arrays, objects). */
export async function evaluateHclValue(value: unknown, scope: Scope): Promise<Value> {
  if (typeof value === 'string') {
    const parts = splitTemplate(value);
    if (parts.length === 1 && 'expression' in parts[0])
      return evaluateExpressionText(parts[0].expression, scope);
    const pieces = await Promise.all(
      parts.map((part) => ('literal' in part ? part.literal : evaluateExpressionText(part.expression, scope)))
    );
    return concatenate(pieces);
  }
  if (Array.isArray(value)) return Promise.all(value.map((item) => evaluateHclValue(item, scope)));
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await evaluateHclValue(item, scope)] as const)
    );
    return Object.fromEntries(entries);
  }
  return value as Value;
}

function concatenate(pieces: readonly Value[]): Value {
  const unknown = pieces.find((piece) => piece instanceof Unknown || piece instanceof Encoded);
  if (unknown) return unknown instanceof Unknown ? unknown : new Unknown(undefined, 'jsonencode()');
  return pieces.map(toText).join('');
}

/** Parses and evaluates the source text of one expression. */
export async function evaluateExpressionText(text: string, scope: Scope): Promise<Value> {
  return evaluateExpression(await parseExpression(text), scope);
}

/** Evaluates a syntax tree; an operation on an unknown operand yields that unknown. */
export async function evaluateExpression(node: HclExpression, scope: Scope): Promise<Value> {
  try {
    return await evaluateNode(node, scope);
  } catch (error) {
    if (error instanceof UnknownOperandError) return error.unknown;
    throw error;
  }
}

async function evaluateNode(node: HclExpression, scope: Scope): Promise<Value> {
  const children = node.children ?? [];
  // The syntax tree's type union omits the untyped parentheses node: switch over a plain string.
  const type: string = node.type;
  switch (type) {
    case 'literalValue': {
      const meta = node.meta as LiteralValueExpressionMeta;
      if (meta.type === 'number') return Number(meta.value);
      if (meta.type === 'bool') return meta.value === 'true';
      if (meta.type === 'string') return unescapeHclString(meta.value);
      return null;
    }
    case 'templateWrap':
      return evaluateExpression(children[0], scope);
    case '':
      // Parentheses: an untyped node around one expression.
      if (children.length === 1) return evaluateExpression(children[0], scope);
      throw new UnsupportedExpressionError(`expression: ${(node.meta as { value: string }).value}`);
    case 'template':
      return concatenate(await Promise.all(children.map((child) => evaluateExpression(child, scope))));
    case 'scopeTraversal': {
      const [root, ...rest] = (node.meta as ScopeTraversalExpressionMeta).traversal;
      return scope.resolve(root.segment, rest.map(toStep));
    }
    case 'relativeTraversal': {
      const source = await evaluateExpression(children[0], scope);
      return applySteps(source, (node.meta as ScopeTraversalExpressionMeta).traversal.map(toStep));
    }
    case 'index': {
      const [collection, key] = await Promise.all(children.map((child) => evaluateExpression(child, scope)));
      if (key instanceof Unknown) return key;
      return applySteps(collection, [{ kind: 'index', key: toText(key) }]);
    }
    case 'tuple':
      return Promise.all(children.map((child) => evaluateExpression(child, scope)));
    case 'object':
      return evaluateObject(node.meta as ObjectExpressionMeta, scope);
    case 'function':
      return callFunction(node.meta as FunctionCallMeta, children, scope);
    case 'conditional': {
      const condition = await evaluateExpression(children[0], scope);
      if (condition instanceof Unknown) return condition;
      return evaluateExpression(toBool(condition) ? children[1] : children[2], scope);
    }
    case 'binaryOp': {
      const [left, right] = await Promise.all(children.map((child) => evaluateExpression(child, scope)));
      return binaryOperation((node.meta as BinaryOpExpressionMeta).operator, left, right);
    }
    case 'unaryOp': {
      const operand = await evaluateExpression(children[0], scope);
      const operator = (node.meta as UnaryOpExpressionMeta).operator;
      if (operator === 'negate') return -toNumber(operand);
      if (operator === 'logicalNot') return !toBool(operand);
      throw new UnsupportedExpressionError(`unary operator ${operator}`);
    }
    case 'for':
      return evaluateFor(node.meta as ForExpressionMeta, scope);
    case 'splat': {
      const source = await evaluateExpression(children[0], scope);
      if (source instanceof Unknown) return source;
      const steps = (children[1].meta as ScopeTraversalExpressionMeta).traversal.map(toStep);
      const items = source === null ? [] : Array.isArray(source) ? source : [source];
      return items.map((item) => applySteps(item, steps));
    }
    default: {
      const unhandled = node as { type: string; meta: { value: string } };
      throw new UnsupportedExpressionError(
        `${unhandled.type || 'unknown'} expression: ${unhandled.meta.value}`
      );
    }
  }
}

async function evaluateObject(meta: ObjectExpressionMeta, scope: Scope): Promise<Value> {
  const result: Record<string, Value> = {};
  for (const [keyText, valueText] of Object.entries(meta.items)) {
    let key: Value = keyText;
    if (keyText.startsWith('"')) key = JSON.parse(keyText) as string;
    else if (keyText.startsWith('(')) key = await evaluateExpressionText(keyText, scope);
    if (key instanceof Unknown) return key;
    result[toText(key)] = await evaluateExpressionText(valueText, scope);
  }
  return result;
}

async function callFunction(meta: FunctionCallMeta, args: HclExpression[], scope: Scope): Promise<Value> {
  if (meta.expandedFinalArgument) throw new UnsupportedExpressionError(`expanded arguments: ${meta.value}`);
  if (meta.name === 'can') {
    try {
      const value = await evaluateExpression(args[0], scope);
      return value instanceof Unknown ? value : true;
    } catch (error) {
      if (error instanceof TerraformError) return false;
      throw error;
    }
  }
  if (meta.name === 'try') {
    for (const arg of args) {
      try {
        return await evaluateExpression(arg, scope);
      } catch (error) {
        if (!(error instanceof TerraformError)) throw error;
      }
    }
    throw new TerraformError(`no argument of ${meta.value} could be evaluated`);
  }
  const implementation = TERRAFORM_FUNCTIONS[meta.name];
  if (!implementation) throw new UnsupportedExpressionError(`function ${meta.name}() in ${meta.value}`);
  const values = await Promise.all(args.map((arg) => evaluateExpression(arg, scope)));
  const unknown = values.find((value) => value instanceof Unknown);
  if (unknown && meta.name !== 'jsonencode') return unknown;
  return implementation(values);
}

function binaryOperation(operator: string, left: Value, right: Value): Value {
  switch (operator) {
    case 'add':
      return toNumber(left) + toNumber(right);
    case 'subtract':
      return toNumber(left) - toNumber(right);
    case 'multiply':
      return toNumber(left) * toNumber(right);
    case 'divide':
      return toNumber(left) / toNumber(right);
    case 'modulo':
      return toNumber(left) % toNumber(right);
    case 'equal':
      return deepEqual(left, right);
    case 'notEqual':
      return !deepEqual(left, right);
    case 'greaterThan':
      return toNumber(left) > toNumber(right);
    case 'greaterThanOrEqual':
      return toNumber(left) >= toNumber(right);
    case 'lessThan':
      return toNumber(left) < toNumber(right);
    case 'lessThanOrEqual':
      return toNumber(left) <= toNumber(right);
    // Terraform evaluates both operands (no short-circuit): `null >= 1` errors even after `||`.
    case 'logicalAnd':
      return toBool(left) && toBool(right);
    case 'logicalOr':
      return toBool(left) || toBool(right);
    default:
      throw new UnsupportedExpressionError(`binary operator ${operator}`);
  }
}

async function evaluateFor(meta: ForExpressionMeta, scope: Scope): Promise<Value> {
  if (meta.groupedValue) throw new UnsupportedExpressionError(`grouping for expression: ${meta.value}`);
  const collection = await evaluateExpressionText(meta.collectionExpression, scope);
  if (collection instanceof Unknown || containsUnknown(collection)) {
    return collection instanceof Unknown ? collection : new Unknown(undefined, meta.value);
  }
  let entries: [Value, Value][];
  if (Array.isArray(collection)) entries = collection.map((item, i) => [i, item]);
  else if (isObject(collection)) entries = Object.keys(collection).map((key) => [key, collection[key]]);
  else throw new TerraformError(`for expression over ${typeName(collection)}`);

  const isObjectResult = Boolean(meta.keyExpression);
  const objectResult: Record<string, Value> = {};
  const listResult: Value[] = [];
  for (const [key, item] of entries) {
    const bindings: Record<string, Value> = { [meta.valVar]: item };
    if (meta.keyVar) bindings[meta.keyVar] = key;
    const itemScope = new BoundScope(scope, bindings);
    if (meta.conditionalExpression) {
      const keep = await evaluateExpressionText(meta.conditionalExpression, itemScope);
      if (!toBool(keep)) continue;
    }
    const value = await evaluateExpressionText(meta.valueExpression, itemScope);
    if (isObjectResult) {
      const resultKey = toText(await evaluateExpressionText(meta.keyExpression, itemScope));
      if (resultKey in objectResult)
        throw new TerraformError(`duplicate key "${resultKey}" in ${meta.value}`);
      objectResult[resultKey] = value;
    } else {
      listResult.push(value);
    }
  }
  return isObjectResult ? objectResult : listResult;
}
