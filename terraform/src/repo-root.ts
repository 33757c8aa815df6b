import * as fs from 'node:fs';
import * as path from 'node:path';

/** The monorepo root: the nearest folder above `start` holding rush.json. */
export function findRepoRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  while (!fs.existsSync(path.join(dir, 'rush.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No rush.json above ${start}`);
    dir = parent;
  }
  return dir;
}
