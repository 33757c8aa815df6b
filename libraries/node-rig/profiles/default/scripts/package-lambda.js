'use strict';
// `rush package` (phase _phase:package of an app): bundles the app's handler (src/index.ts, built first)
// with esbuild for the Lambda runtime (Node 22, CommonJS, minified, tree-shaken, with source maps)
// and zips it as dist/<app>.zip with `index.js` at the root (handler: index.handler).
// The AWS SDK is bundled, not taken from the runtime: the lockfile pins its version.
// Tree-shaking needs ES modules all the way: the bundle starts from the app's TypeScript sources, takes
// the workspace libraries (@reporting/*) from theirs too (their lib/ is CommonJS, which esbuild can only
// include whole), and prefers the ESM build of dependencies ("module" field). Cold init measured in
// docs/decisions/0004-lambda-bundles.md. `rush package` runs after the build, so the sources are type-checked.
// Usage (from an app folder): node node_modules/@reporting/node-rig/profiles/default/scripts/package-lambda.js
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { zipSync } = require('fflate');

/**
 * Resolves `@reporting/<lib>` to <lib>/src/index.ts and `@reporting/<lib>/lib/<path>` to <lib>/src/<path>.ts
 * (the TypeScript source behind the compiled file), when the source exists.
 */
const workspaceSources = {
  name: 'workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^@reporting\/[^/]+/ }, async (args) => {
      if (args.pluginData === workspaceSources) return undefined;
      const [, packageName, subpath] = /^(@reporting\/[^/]+)(?:\/lib\/(.+?)(?:\.js)?)?$/.exec(args.path) ?? [];
      if (packageName === undefined) return undefined;
      const manifest = await build.resolve(`${packageName}/package.json`, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: workspaceSources
      });
      if (manifest.errors.length > 0) return manifest;
      const source = path.join(fs.realpathSync(path.dirname(manifest.path)), 'src', `${subpath ?? 'index'}.ts`);
      return fs.existsSync(source) ? { path: source } : undefined;
    });
  }
};

async function packageLambda(projectFolder) {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectFolder, 'package.json'), 'utf8'));
  const name = pkg.name.replace(/^@[^/]+\//, '');
  const compiledEntry = path.join(projectFolder, 'lib', 'index.js');
  if (!fs.existsSync(compiledEntry)) throw new Error(`${compiledEntry} not found: build the project first`);
  const sourceEntry = path.join(projectFolder, 'src', 'index.ts');
  const entry = fs.existsSync(sourceEntry) ? sourceEntry : compiledEntry;
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
    mainFields: ['module', 'main'],
    plugins: [workspaceSources],
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    // Error class names stay readable in logs ("ConfigurationError: …", not "yN: …").
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
    // The backfill's worker pool (require.resolve of its worker file) is never part of a lambda: it is
    // shaken out, but esbuild warns while reading it.
    logOverride: { 'require-resolve-not-external': 'silent' }
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
