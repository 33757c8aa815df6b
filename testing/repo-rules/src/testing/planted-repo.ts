import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A small repository of this one's shape (apps/, libraries/, testing/, packages linked into
 * node_modules as pnpm links workspace packages) with one planted mistake of each kind the rules
 * forbid, beside code that follows them. Returns its folder.
 */
export function plantRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'dependency-rules-'));
  const write = (file: string, text: string): void => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  const workspacePackage = (folder: string, name: string): void => {
    write(
      `${folder}/package.json`,
      JSON.stringify({
        name,
        main: 'lib/index.js',
        exports: { '.': { types: './lib/index.d.ts', default: './lib/index.js' } }
      })
    );
    write(`${folder}/src/index.ts`, 'export const x = 1;\n');
    write(`${folder}/lib/index.js`, 'exports.x = 1;\n');
    write(`${folder}/lib/index.d.ts`, 'export declare const x = 1;\n');
    write(`${folder}/lib/internal.js`, 'exports.y = 2;\n');
    write(`${folder}/lib/internal.d.ts`, 'export declare const y = 2;\n');
  };
  const link = (from: string, name: string, to: string): void => {
    mkdirSync(join(root, from, 'node_modules', '@reporting'), { recursive: true });
    symlinkSync(join(root, to), join(root, from, 'node_modules', name), 'dir');
  };

  workspacePackage('libraries/store', '@reporting/store');
  workspacePackage('libraries/runtime', '@reporting/runtime');
  workspacePackage('apps/one', '@reporting/one');
  workspacePackage('apps/two', '@reporting/two');
  workspacePackage('testing/kit', '@reporting/kit');
  link('libraries/runtime', '@reporting/store', 'libraries/store');
  link('libraries/runtime', '@reporting/kit', 'testing/kit');
  link('libraries/runtime', '@reporting/one', 'apps/one');
  link('apps/one', '@reporting/runtime', 'libraries/runtime');
  link('apps/one', '@reporting/two', 'apps/two');
  // Allowed: an app through a library's index; a library test using the test kit.
  write('apps/one/src/ok.ts', "import { x } from '@reporting/runtime';\nexport const ok = x;\n");
  write('libraries/runtime/src/kit.test.ts', "import { x } from '@reporting/kit';\nexport const t = x;\n");
  // Planted: a deep import into another package's lib/ (resolved through a relative path, as an
  // exports-less package would let it), and one its exports refuse.
  write(
    'apps/one/src/deep.ts',
    "import { y } from '../../../libraries/runtime/lib/internal';\nexport const d = y;\n"
  );
  write(
    'apps/one/src/refused.ts',
    "import { y } from '@reporting/runtime/lib/internal';\nexport const r = y;\n"
  );
  // Planted: a cycle.
  write('libraries/store/src/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
  write('libraries/store/src/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
  // Planted: shipped library code importing test infrastructure, and an app.
  write('libraries/runtime/src/uses-kit.ts', "import { x } from '@reporting/kit';\nexport const k = x;\n");
  write(
    'libraries/runtime/src/uses-app.test.ts',
    "import { x } from '@reporting/one';\nexport const u = x;\n"
  );
  // Planted: an app importing another app.
  write('apps/one/src/other-app.ts', "import { x } from '@reporting/two';\nexport const o = x;\n");
  return root;
}
