import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseExpression, parseHclFile } from './hcl-parser';

describe('hcl-parser', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-parser-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parses blocks into Terraform JSON syntax', async () => {
    const file = path.join(dir, 'ok.tf');
    fs.writeFileSync(file, 'variable "x" {\n  type = number\n  default = 3\n}\n');
    expect(await parseHclFile(file)).toEqual({ variable: { x: [{ type: '${number}', default: 3 }] } });
  });

  it('rejects a syntax error with the parser diagnostics', async () => {
    const file = path.join(dir, 'broken.tf');
    fs.writeFileSync(file, 'resource "a" "b" {\n');
    await expect(parseHclFile(file)).rejects.toThrow(/Unclosed configuration block/);
  });

  it('parses an expression into a syntax tree', async () => {
    const ast = await parseExpression('var.x * 6');
    expect(ast.type).toBe('binaryOp');
    expect(ast.children.map((child) => child.type)).toEqual(['scopeTraversal', 'literalValue']);
  });
});
