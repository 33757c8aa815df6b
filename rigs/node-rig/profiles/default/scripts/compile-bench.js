'use strict';
// Heft run-script task: compiles a project's benchmark commands, bench/**/*.ts, into lib-bench/ (after
// the project's own TypeScript build: benchmarks import the project's compiled lib/ like any user).
// Benchmarks live beside src/, not in it: they are commands, not part of the package's code.
const path = require('node:path');
const fs = require('node:fs');
const ts = require('typescript');

module.exports.runAsync = async ({ heftConfiguration, heftTaskSession }) => {
  const root = heftConfiguration.buildFolderPath;
  if (!fs.existsSync(path.join(root, 'bench'))) return;
  // Through the project's node_modules: the config's relative paths lead back to the project.
  const configFile = path.join(root, 'node_modules/@reporting/node-rig/profiles/default/tsconfig-bench.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => report([d]) }
  );
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const emitted = program.emit();
  report([...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics]);

  function report(diagnostics) {
    for (const d of diagnostics) {
      const where = d.file
        ? `${path.relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: `
        : '';
      heftTaskSession.logger.emitError(
        new Error(`${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
      );
    }
  }
};
