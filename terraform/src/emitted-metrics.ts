import * as fs from 'node:fs';
import * as path from 'node:path';

// The custom metric names the lambdas' code publishes: every `addMetric('<name>', …)` in the sources of
// the libraries that emit them (devDependencies of this project, so Rush re-runs the tests when they change).
export const METRIC_EMITTING_PACKAGES: readonly string[] = ['@reporting/lambda-runtime'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [file] : [];
  });
}

/** Metric names passed as a string literal to `addMetric` in the packages' `src/` (tests excluded). */
export function emittedMetricNames(packages: readonly string[] = METRIC_EMITTING_PACKAGES): Set<string> {
  const names = new Set<string>();
  for (const name of packages) {
    const root = path.dirname(require.resolve(`${name}/package.json`));
    for (const file of sourceFiles(path.join(root, 'src'))) {
      for (const match of fs
        .readFileSync(file, 'utf8')
        .matchAll(/\baddMetric\(\s*['"`]([A-Za-z0-9_]+)['"`]/g))
        names.add(match[1]);
    }
  }
  return names;
}
