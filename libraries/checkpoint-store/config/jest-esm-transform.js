'use strict';
// Jest transformer: ECMAScript module source → CommonJS, via TypeScript's transpiler.
// Used only for the ESM-only hyparquet packages (see jest.config.json); production code
// loads them natively through Node's require(esm).
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
    return require('crypto')
      .createHash('sha1')
      .update(sourcePath)
      .update('\0')
      .update(sourceText)
      .digest('hex');
  }
};
