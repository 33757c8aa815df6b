import * as fs from 'node:fs';
import { getExpressionAst, parse } from '@cdktf/hcl2json';
import type { ExpressionType } from '@cdktf/hcl2json/lib/syntax-tree';

// HashiCorp's own HCL parser (Go, compiled to WebAssembly): files become the JSON shape of
// Terraform's JSON syntax, expressions become syntax trees.

export type HclDocument = Record<string, unknown>;
export type HclExpression = ExpressionType;

/** Parses a .tf or .tfvars file; rejects with the parser's diagnostics on a syntax error. */
export async function parseHclFile(file: string): Promise<HclDocument> {
  return parse(file, fs.readFileSync(file, 'utf8'));
}

const expressionCache: Map<string, Promise<HclExpression>> = new Map();

/** Parses one Terraform expression (without the surrounding `${ }`). */
export function parseExpression(expression: string): Promise<HclExpression> {
  let cached = expressionCache.get(expression);
  if (!cached) {
    cached = getExpressionAst('expression.tf', expression).then((ast) => {
      if (!ast) throw new Error(`Not an expression: ${expression}`);
      return ast;
    });
    expressionCache.set(expression, cached);
  }
  return cached;
}
