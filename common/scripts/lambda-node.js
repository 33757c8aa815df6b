'use strict';
// The Node.js that Lambda runs our bundles on (runtime nodejs22.x), for the test and the benchmark of
// the deployable bundle: the repo's own toolchain runs on Node 20. Fetched once from the npm registry
// (the one registry this project's machines reach) as the node-linux-<arch> package, checked against
// the sha512 pinned below, unpacked under common/temp/lambda-node/. Prints the binary's path; exits 2
// with the reason on stderr when it cannot (another OS or CPU, registry unreachable, hash mismatch).
// Usage: node common/scripts/lambda-node.js
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const VERSION = '22.23.3';
/** sha512 of the registry's tarballs (npm's dist.integrity), pinned so a republished package fails. */
const INTEGRITY = {
  x64: 'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==',
  arm64: 'sha512-l3DAHZreylo+p9QXDtsOrjG2JXJqVzYXnAGmIQNOUNARcMppTO2cmewVQP+36tjJnSE+dzpMNtgW+c3oiDvXtA=='
};

function lambdaNode() {
  if (process.platform !== 'linux' || !INTEGRITY[process.arch]) {
    throw new Error(`no Node ${VERSION} package for ${process.platform}-${process.arch} (Linux x64/arm64 only)`);
  }
  const folder = path.resolve(__dirname, '../temp/lambda-node', `${VERSION}-${process.arch}`);
  const binary = path.join(folder, 'package', 'bin', 'node');
  if (fs.existsSync(binary)) return binary;
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  const packageName = `node-linux-${process.arch}@${VERSION}`;
  const packed = spawnSync('npm', ['pack', packageName, '--silent'], { cwd: folder, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`npm pack ${packageName} failed: ${packed.stderr.trim()}`);
  const tarball = path.join(folder, packed.stdout.trim().split('\n').pop());
  const integrity = `sha512-${crypto.createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
  if (integrity !== INTEGRITY[process.arch]) {
    throw new Error(`${packageName}: sha512 ${integrity} is not the pinned ${INTEGRITY[process.arch]}`);
  }
  const unpacked = spawnSync('tar', ['xzf', tarball, '-C', folder], { encoding: 'utf8' });
  if (unpacked.status !== 0) throw new Error(`unpacking ${tarball} failed: ${unpacked.stderr.trim()}`);
  fs.rmSync(tarball);
  return binary;
}

module.exports = { lambdaNode, LAMBDA_NODE_VERSION: VERSION };

if (require.main === module) {
  try {
    console.log(lambdaNode());
  } catch (error) {
    console.error(`lambda-node: ${error.message}`);
    process.exit(2);
  }
}
