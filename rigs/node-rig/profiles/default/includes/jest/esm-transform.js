'use strict';
// Jest transformer: ECMAScript-module source → CommonJS, via TypeScript's transpiler. Jest's CommonJS
// runtime cannot require() ESM; Node itself can (require(esm), Node ≥ 20.19 / 22.12), and bundles
// inline it. Applied only to the ESM-only packages listed in ../../config/jest.config.json.
const crypto = require('node:crypto');
const ts = require('typescript');

module.exports = {
  process(sourceText, sourcePath) {
    const { outputText } = ts.transpileModule(sourceText, {
      fileName: sourcePath,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true }
    });
    return { code: outputText };
  },
  getCacheKey(sourceText, sourcePath) {
    return crypto.createHash('sha1').update(sourcePath).update('\0').update(sourceText).digest('hex');
  }
};
