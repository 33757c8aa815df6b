'use strict';
// `rush package` (phase _phase:package of an app): bundles the app's handler (src/index.ts, built first)
// with esbuild for the Lambda runtime (Node 22, ES module with code splitting, minified, tree-shaken,
// with source maps) and zips it as dist/<app>.zip with `index.mjs` at the root (handler: index.handler).
// The AWS SDK is bundled, not taken from the runtime: the lockfile pins its version.
// Tree-shaking needs ES modules all the way: the bundle starts from the app's TypeScript sources, takes
// the workspace libraries (@reporting/*) from theirs too (their lib/ is CommonJS, which esbuild can only
// include whole), and prefers the ESM build of dependencies ("module" field).
// Why ESM output with splitting and without kept names: code loaded only on some paths (the SDK's
// SSO/STS/INI credential providers, which Lambda's environment credentials never reach) goes to chunks
// that are read only when imported, and esbuild's keepNames wraps every function and class in a call at
// load time. Both cut cold init (docs/decisions/0004-lambda-bundles.md); error classes name themselves.
// `rush package` runs after the build, so the sources are type-checked.
// Usage (from an app folder): node node_modules/@reporting/node-rig/profiles/default/scripts/package-lambda.js
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');
const esbuild = require('esbuild');
const { unzipSync, zipSync } = require('fflate');

/**
 * Resolves `@reporting/<lib>` to <lib>/src/index.ts and `@reporting/<lib>/lib/<path>` to <lib>/src/<path>.ts
 * (the TypeScript source behind the compiled file), when the source exists.
 */
const workspaceSources = {
  name: 'workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^@reporting\/[^/]+/ }, async (args) => {
      if (args.pluginData === workspaceSources) return undefined;
      const [, packageName, subpath] =
        /^(@reporting\/[^/]+)(?:\/lib\/(.+?)(?:\.js)?)?$/.exec(args.path) ?? [];
      if (packageName === undefined) return undefined;
      const manifest = await build.resolve(`${packageName}/package.json`, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: workspaceSources
      });
      if (manifest.errors.length > 0) return manifest;
      const source = path.join(
        fs.realpathSync(path.dirname(manifest.path)),
        'src',
        `${subpath ?? 'index'}.ts`
      );
      return fs.existsSync(source) ? { path: source } : undefined;
    });
  }
};

/**
 * Node's built-in modules through `require`, not `import`: for a built-in imported as an ES module,
 * Node builds a facade that reads every export, and some exports load more modules when read (http's
 * load undici, fs's its promises API). Measured on Node 22: `import('node:http')` 52 ms, `node:fs`,
 * `node:util` and `node:process` 10-15 ms each, all under 1 ms by `require`.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(build) {
    const builtins = new Set(builtinModules);
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      const imported = args.kind === 'import-statement' || args.kind === 'dynamic-import';
      if (!imported || !builtins.has(name)) return undefined;
      // Side-effect free, so that an import nothing uses is still dropped (as it is for an external).
      return { path: name, namespace: 'builtin-by-require', sideEffects: false };
    });
    build.onLoad({ filter: /.*/, namespace: 'builtin-by-require' }, (args) => ({
      contents: `module.exports = require('node:${args.path}');`,
      loader: 'js'
    }));
  }
};

/**
 * CommonJS dependencies inside an ES module bundle still call `require` for Node's built-in modules;
 * ES modules have no `require`, so the bundle makes one.
 */
const REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Bundles `entry` (a TypeScript or JavaScript file) into `outDir` as Lambda code: index.mjs and its
 * chunks. `projectFolder` is where its dependencies resolve from. Returns esbuild's metafile.
 */
async function bundleEntry(entry, outDir, projectFolder) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: { index: entry },
    outdir: outDir,
    absWorkingDir: projectFolder,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    banner: { js: REQUIRE_SHIM },
    minify: true,
    treeShaking: true,
    mainFields: ['module', 'main'],
    plugins: [workspaceSources, builtinsByRequire],
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    // The backfill's worker pool (require.resolve of its worker file) is never part of a lambda: it is
    // shaken out, but esbuild warns while reading it.
    logOverride: { 'require-resolve-not-external': 'silent' }
  });
  return result.metafile;
}

/**
 * Bundles and zips the app in `projectFolder`. `outFolder` (default the app's dist/) receives
 * bundle/ (the files zipped, and their source maps), <app>.zip, <app>.sourcemaps.zip (the maps) and
 * bundle-meta.json (esbuild's metafile).
 */
async function packageLambda(projectFolder, { outFolder = path.join(projectFolder, 'dist') } = {}) {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectFolder, 'package.json'), 'utf8'));
  const name = pkg.name.replace(/^@[^/]+\//, '');
  const compiledEntry = path.join(projectFolder, 'lib', 'index.js');
  if (!fs.existsSync(compiledEntry)) throw new Error(`${compiledEntry} not found: build the project first`);
  const sourceEntry = path.join(projectFolder, 'src', 'index.ts');
  const entry = fs.existsSync(sourceEntry) ? sourceEntry : compiledEntry;
  const outDir = path.join(outFolder, 'bundle');
  const metafile = await bundleEntry(entry, outDir, projectFolder);
  // Source maps go beside the zip, not in it: enabled (NODE_OPTIONS=--enable-source-maps) they cost cold
  // init (docs/benchmarks.md); scripts/decode-stack-trace.js maps a logged stack trace with them instead.
  const files = {};
  const maps = {};
  for (const file of fs.readdirSync(outDir))
    (file.endsWith('.map') ? maps : files)[file] = fs.readFileSync(path.join(outDir, file));
  const zip = zipSync(files, { level: 9, mtime: new Date('2020-01-01T00:00:00Z') });
  const zipPath = path.join(outFolder, `${name}.zip`);
  fs.writeFileSync(zipPath, zip);
  const sourceMapsPath = path.join(outFolder, `${name}.sourcemaps.zip`);
  fs.writeFileSync(sourceMapsPath, zipSync(maps, { level: 9, mtime: new Date('2020-01-01T00:00:00Z') }));
  fs.writeFileSync(path.join(outFolder, 'bundle-meta.json'), JSON.stringify(metafile));
  const loaded = loadedAtStart(metafile, path.relative(projectFolder, path.join(outDir, 'index.mjs')));
  const bytes = (file) => fs.statSync(path.join(outDir, file)).size;
  const startBytes = loaded.reduce((sum, file) => sum + bytes(file), 0);
  const codeFiles = Object.keys(files).filter((file) => file.endsWith('.mjs'));
  const lazyBytes = codeFiles.reduce((sum, file) => sum + bytes(file), 0) - startBytes;
  console.log(
    `${name}: ${path.relative(projectFolder, zipPath)} ${(zip.length / 1024).toFixed(0)} KiB ` +
      `(code loaded at start ${(startBytes / 1024).toFixed(0)} KiB in ${loaded.length} files, ` +
      `${(lazyBytes / 1024).toFixed(0)} KiB more only when imported)`
  );
  return { zipPath, zipBytes: zip.length, sourceMapsPath, bundleDir: outDir, startBytes, lazyBytes };
}

/** The files of the bundle that `index.mjs` loads before its code runs: itself and its static imports. */
function loadedAtStart(metafile, entryOutput) {
  const seen = new Set();
  const visit = (output) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const imported of metafile.outputs[output].imports) {
      if (imported.kind === 'import-statement' && metafile.outputs[imported.path]) visit(imported.path);
    }
  };
  visit(entryOutput);
  return [...seen].map((output) => path.basename(output));
}

/** Unpacks a zip written by packageLambda into `folder` (as Lambda does into /var/task); for tests. */
function unpackZip(zipPath, folder) {
  fs.mkdirSync(folder, { recursive: true });
  for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(zipPath)))) {
    fs.writeFileSync(path.join(folder, name), bytes);
  }
}

module.exports = { bundleEntry, packageLambda, unpackZip };

if (require.main === module) {
  packageLambda(process.cwd()).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
