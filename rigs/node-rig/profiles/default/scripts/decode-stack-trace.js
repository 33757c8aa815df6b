'use strict';
// Decodes a stack trace logged by a deployed lambda (minified bundle frames such as
// `at dl (file:///var/task/index.mjs:8:88942)`) into source positions, with the source maps that
// `rush package` writes beside the zip (dist/<app>.sourcemaps.zip, or the dist/bundle folder).
// The input may be the plain trace or CloudWatch log lines (Powertools JSON, whose error.stack holds it).
// Usage: node decode-stack-trace.js <app>.sourcemaps.zip|bundle-folder [log-file]   (stdin without a file)
const fs = require('node:fs');
const path = require('node:path');
const { unzipSync } = require('fflate');
const { SourceMapConsumer } = require('source-map');

/** `*.map` file name => map JSON, from a .zip written by package-lambda.js or a folder. */
function readSourceMaps(location) {
  const maps = {};
  if (fs.statSync(location).isDirectory()) {
    for (const file of fs.readdirSync(location))
      if (file.endsWith('.map')) maps[file] = fs.readFileSync(path.join(location, file), 'utf8');
  } else {
    for (const [file, bytes] of Object.entries(unzipSync(fs.readFileSync(location))))
      if (file.endsWith('.map')) maps[file] = Buffer.from(bytes).toString('utf8');
  }
  return maps;
}

// A V8 frame position in a bundle file: `…/index.mjs:8:88942` (file:// URL or path; Lambda's /var/task).
const FRAME = /(?:file:\/\/)?(?:[^\s()]*\/)?([\w.-]+\.m?js):(\d+):(\d+)/g;

/** The source a map names, without the `../` that lead from the bundle folder to the repo. */
const displaySource = (source) => source.replace(/^(\.\.\/)+/, '').replace(/^webpack:\/\/\//, '');

/**
 * Replaces every bundle position in `text` by its source position (`source:line:column`); positions in
 * files without a map are left as they are.
 */
async function decodeStackTrace(text, maps) {
  const consumers = new Map();
  try {
    const consumerFor = async (file) => {
      if (!consumers.has(file))
        consumers.set(file, maps[`${file}.map`] ? await new SourceMapConsumer(maps[`${file}.map`]) : null);
      return consumers.get(file);
    };
    const replacements = [];
    for (const match of text.matchAll(FRAME)) {
      const [whole, file, line, column] = match;
      const consumer = await consumerFor(file);
      // V8 columns are 1-based, source-map's are 0-based.
      const original = consumer?.originalPositionFor({ line: Number(line), column: Number(column) - 1 });
      if (!original?.source) continue;
      const position = `${displaySource(original.source)}:${original.line}:${original.column + 1}`;
      replacements.push({
        whole,
        at: match.index,
        with: original.name ? `${position} [${original.name}]` : position
      });
    }
    let decoded = '';
    let last = 0;
    for (const r of replacements) {
      decoded += text.slice(last, r.at) + r.with;
      last = r.at + r.whole.length;
    }
    return decoded + text.slice(last);
  } finally {
    for (const consumer of consumers.values()) consumer?.destroy();
  }
}

/** The stack traces in log text: every `stack` string of JSON log lines, else the text itself. */
function stackTracesIn(text) {
  const stacks = [];
  const collect = (value) => {
    if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'stack' && typeof inner === 'string') stacks.push(inner);
        else collect(inner);
      }
    }
  };
  for (const line of text.split('\n')) {
    const start = line.indexOf('{');
    if (start < 0) continue;
    try {
      collect(JSON.parse(line.slice(start)));
    } catch {
      // not a JSON log line
    }
  }
  return stacks.length > 0 ? stacks : [text];
}

module.exports = { decodeStackTrace, readSourceMaps, stackTracesIn };

if (require.main === module) {
  const [maps, file] = process.argv.slice(2);
  if (!maps) {
    console.error(
      'usage: decode-stack-trace.js <app>.sourcemaps.zip|bundle-folder [log-file]  (stdin without a file)'
    );
    process.exit(2);
  }
  const text = fs.readFileSync(file ?? 0, 'utf8');
  (async () => {
    const sourceMaps = readSourceMaps(maps);
    for (const stack of stackTracesIn(text)) console.log(await decodeStackTrace(stack, sourceMaps));
  })().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
