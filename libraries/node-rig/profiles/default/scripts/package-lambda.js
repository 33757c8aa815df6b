'use strict';
// `rush package` (phase _phase:package of an app): bundles the app's compiled handler (lib/index.js)
// with esbuild for the Lambda runtime (Node 22, CommonJS, minified, tree-shaken, with source maps)
// and zips it as dist/<app>.zip with `index.js` at the root (handler: index.handler).
// The AWS SDK is bundled, not taken from the runtime: the lockfile pins its version.
// Usage (from an app folder): node node_modules/@reporting/node-rig/profiles/default/scripts/package-lambda.js
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { zipSync } = require('fflate');

async function packageLambda(projectFolder) {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectFolder, 'package.json'), 'utf8'));
  const name = pkg.name.replace(/^@[^/]+\//, '');
  const entry = path.join(projectFolder, 'lib', 'index.js');
  if (!fs.existsSync(entry)) throw new Error(`${entry} not found: build the project first`);
  const outDir = path.join(projectFolder, 'dist', 'bundle');
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: { index: entry },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    treeShaking: true,
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    // Error class names stay readable in logs ("ConfigurationError: …", not "yN: …").
    keepNames: true,
    metafile: true,
    logLevel: 'warning'
  });
  const files = {};
  for (const file of fs.readdirSync(outDir)) files[file] = fs.readFileSync(path.join(outDir, file));
  const zip = zipSync(files, { level: 9, mtime: new Date('2020-01-01T00:00:00Z') });
  const zipPath = path.join(projectFolder, 'dist', `${name}.zip`);
  fs.writeFileSync(zipPath, zip);
  fs.writeFileSync(path.join(projectFolder, 'dist', 'bundle-meta.json'), JSON.stringify(result.metafile));
  const bundleBytes = fs.statSync(path.join(outDir, 'index.js')).size;
  console.log(
    `${name}: dist/${name}.zip ${(zip.length / 1024).toFixed(0)} KiB (index.js ${(bundleBytes / 1024).toFixed(0)} KiB unzipped)`
  );
  return { zipPath, zipBytes: zip.length, bundleBytes };
}

module.exports = { packageLambda };

if (require.main === module) {
  packageLambda(process.cwd()).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
