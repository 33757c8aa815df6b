import {
  BoundScope,
  type Scope,
  type TraversalStep,
  applySteps,
  evaluateExpressionText,
  evaluateHclValue
} from './expression-evaluator';
import { Encoded, TerraformError, Unknown, UnsupportedExpressionError, type Value } from './terraform-value';

const ARN = new Unknown({ module: '', mode: 'managed', type: 'aws_sqs_queue', name: 'q' }, 'arn');

/** Resolves var.<name> from a map; everything else is an unknown resource attribute. */
function scopeOf(variables: Record<string, Value>): Scope {
  return {
    resolve: (root: string, steps: readonly TraversalStep[]) =>
      Promise.resolve(root === 'var' ? applySteps(variables[steps[0].key], steps.slice(1)) : ARN)
  };
}

const evaluate = (text: string, variables: Record<string, Value> = {}): Promise<Value> =>
  evaluateExpressionText(text, scopeOf(variables));

describe('evaluateExpressionText', () => {
  it('computes arithmetic, comparisons and logic like Terraform', async () => {
    expect(await evaluate('var.t * 6 + var.w', { t: 120, w: 5 })).toBe(725);
    expect(await evaluate('(10 - 4) / 3 % 4')).toBe(2);
    expect(await evaluate('-var.t', { t: '3' })).toBe(-3);
    expect(await evaluate('1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3 && 1 != 2 && !false')).toBe(true);
    expect(await evaluate('var.a == null || var.b', { a: null, b: false })).toBe(true);
    expect(await evaluate('[1, "a"] == [1, "a"]')).toBe(true);
  });

  it('does not short-circuit: an error on either side of || is an error', async () => {
    await expect(evaluate('var.a == null || var.a >= 1', { a: null })).rejects.toThrow(TerraformError);
  });

  it('evaluates templates, conditionals, tuples, objects and traversals', async () => {
    expect(await evaluate('"${var.p}-${var.n}-x"', { p: 'dev', n: 2 })).toBe('dev-2-x');
    expect(await evaluate('var.c ? "yes" : var.missing', { c: true })).toBe('yes');
    expect(await evaluate('{ a = var.x, "b" = [1, 2][1] }.b', { x: 1 })).toEqual(2);
    expect(await evaluate('{ a = var.x, "b" = 2 }', { x: 1 })).toEqual({ a: 1, b: 2 });
    expect(await evaluate('var.m["k"].z[0]', { m: { k: { z: ['v'] } } })).toBe('v');
    expect(await evaluate('regex("^(.*/)[^/]*$", var.t)[0]', { t: 'a/{s}/f.parquet' })).toBe('a/{s}/');
  });

  it('evaluates for expressions into lists and objects, with a filter', async () => {
    const tables = [
      { study: 'adrc', datatype: 'scan-analysis' },
      { study: 'leads', datatype: 'form' }
    ];
    expect(
      await evaluate('{ for t in var.l : "${t.study}_${replace(t.datatype, "-", "_")}" => t.study }', {
        l: tables
      })
    ).toEqual({ adrc_scan_analysis: 'adrc', leads_form: 'leads' });
    expect(await evaluate('[for k, v in var.m : "${k}=${v}" if v > 1]', { m: { a: 1, b: 2 } })).toEqual([
      'b=2'
    ]);
    await expect(evaluate('{ for x in var.l : "k" => x }', { l: [1, 2] })).rejects.toThrow(/duplicate key/);
  });

  it('implements the built-in functions the configuration uses', async () => {
    const cases: [string, Value][] = [
      ['max(1, 7, 3)', 7],
      ['min(4, 2)', 2],
      ['floor(2.7) + ceil(0.2) + abs(-1)', 4],
      ['tostring(1048576)', '1048576'],
      ['tonumber("12")', 12],
      ['tobool("true")', true],
      ['coalesce(null, "", "x")', 'x'],
      ['replace("a-b-c", "-", "_")', 'a_b_c'],
      ['replace("a1b22", "/[0-9]+/", "#")', 'a#b#'],
      ['regex("^[^{]*/", "checkpoints/{study}/x")', 'checkpoints/'],
      ['regex("(?P<y>[0-9]{4})", "in 2024")', { y: '2024' }],
      ['lower("AbC") == "abc" && upper("a") == "A"', true],
      ['concat([1], [2, 3])', [1, 2, 3]],
      ['length("héllo") + length([1]) + length({ a = 1 })', 7],
      ['contains(["a", "b"], "b")', true],
      ['alltrue([true, "true"]) && anytrue([false, true])', true],
      ['endswith("x.zip", ".zip") && startswith("x.zip", "x")', true],
      ['join(",", ["a", 1])', 'a,1'],
      ['keys({ b = 1, a = 2 })', ['a', 'b']],
      ['values({ b = 1, a = 2 })', [2, 1]],
      ['toset(["a", "a", "b"])', ['a', 'b']],
      ['tolist(["a"])', ['a']],
      ['tomap({ a = 1 })', { a: 1 }],
      ['one([])', null],
      ['one(["x"])', 'x'],
      ['merge({ a = 1 }, null, { b = 2 })', { a: 1, b: 2 }],
      ['jsonencode({ a = [1, "x"] })', '{"a":[1,"x"]}'],
      ['can(regex("^a", "b"))', false],
      ['can(regex("^a", "a"))', true],
      ['try(regex("^a", "b"), "fallback")', 'fallback']
    ];
    for (const [text, expected] of cases)
      expect({ text, value: await evaluate(text) }).toEqual({ text, value: expected });
  });

  it('reports Terraform errors for invalid calls', async () => {
    for (const text of [
      'coalesce(null, "")',
      'one([1, 2])',
      'regex("[", "x")',
      'regex("^a", "b")',
      'try(regex("^a", "b"))',
      'values([1])',
      'length(1)',
      '1 + "x"',
      'true && "maybe"',
      '"a" > 1',
      '[1][3]',
      '{ a = 1 }.b',
      'var.o.x',
      'tostring([1])'
    ]) {
      await expect(evaluate(text, { o: 'text' })).rejects.toThrow(TerraformError);
    }
  });

  it('rejects what it does not implement instead of guessing (can() does not hide it)', async () => {
    for (const text of [
      'filebase64("x")',
      'can(timestamp())',
      'f(var.l...)',
      '{ for x in var.l : x => x... }'
    ]) {
      await expect(evaluate(text, { l: [1] })).rejects.toThrow(UnsupportedExpressionError);
    }
  });

  it('propagates values known only after apply, keeping where they come from', async () => {
    expect(await evaluate('aws_sqs_queue.q.arn')).toBe(ARN);
    expect(await evaluate('"${aws_sqs_queue.q.arn}/x"')).toBe(ARN);
    expect(await evaluate('aws_sqs_queue.q.arn == "x"')).toBe(ARN);
    expect(await evaluate('max(aws_sqs_queue.q.arn, 1)')).toBe(ARN);
    expect(await evaluate('aws_sqs_queue.q.arn ? 1 : 2')).toBe(ARN);
    expect(await evaluate('can(aws_sqs_queue.q.arn)')).toBe(ARN);
    expect(await evaluate('[for x in aws_sqs_queue.q.arn : x]')).toBe(ARN);
    expect(await evaluate('aws_sqs_queue.q[*].arn')).toBe(ARN);
    expect(await evaluate('"x${jsonencode({ a = aws_sqs_queue.q.arn })}"')).toBeInstanceOf(Unknown);
    const encoded = await evaluate('jsonencode({ target = aws_sqs_queue.q.arn, count = 5 })');
    expect(encoded).toEqual(new Encoded({ target: ARN, count: 5 }));
    expect(ARN.describe()).toBe('(known after apply: aws_sqs_queue.q.arn)');
    expect(new Unknown(undefined, 'each.key').describe()).toBe('(known after apply: each.key)');
  });

  it('splats lists and single values', async () => {
    expect(await evaluate('var.l[*].a', { l: [{ a: 1 }, { a: 2 }] })).toEqual([1, 2]);
    expect(await evaluate('var.o[*].a', { o: { a: 3 } })).toEqual([3]);
    expect(await evaluate('var.n[*].a', { n: null })).toEqual([]);
  });
});

describe('evaluateHclValue', () => {
  it('evaluates hcl2json values: literals, interpolated strings, arrays and objects', async () => {
    const scope = scopeOf({ p: 'dev/', n: 3 });
    expect(
      await evaluateHclValue({ a: ['${var.p}x', 2, true, null], b: 'plain', c: '${var.n * 2}' }, scope)
    ).toEqual({
      a: ['dev/x', 2, true, null],
      b: 'plain',
      c: 6
    });
  });

  it('binds iterator names in a BoundScope and falls back to the parent', async () => {
    const scope = new BoundScope(scopeOf({ p: 'dev/' }), { statement: { value: ['arn:1'] } });
    expect(await evaluateHclValue('${statement.value[0]}-${var.p}', scope)).toBe('arn:1-dev/');
  });
});
