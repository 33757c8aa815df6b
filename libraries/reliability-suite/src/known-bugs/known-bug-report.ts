import { randomEvent } from '@reporting/event-log-checkpoint/lib/samples/sample-files';
import { createRandom } from '@reporting/utils';
import { EVENT_PREFIX } from '../pipeline/reliability-pipeline';
import {
  leapSecondFile,
  loneSurrogateFile,
  manyUnknownFieldsFile,
  probeBatch,
  storedRowOf,
  timeSingleFile
} from './known-bug-probes';

const prefix = `${EVENT_PREFIX}bug/`;

/**
 * Runs every known-bug probe and renders the "Bugs found" section of docs/reliability.md: what was
 * measured, where the cause is, and the proposed fix.
 */
export async function probeSuite(): Promise<string> {
  const leap = await probeBatch(leapSecondFile(prefix), {
    validCount: 4,
    maxReceiveCount: 5,
    functionTimeoutMs: 1000,
    visibilityTimeoutMs: 1200
  });
  const leapFixed = leap.quarantined.length > 0 && leap.deadLettered.length === 0;
  const timings: string[] = [];
  let largest = { fields: 0, ms: 0, kib: 0 };
  for (const fields of [1000, 2000, 4000, 8000, 16_000]) {
    const file = manyUnknownFieldsFile(prefix, fields);
    const { ms, quarantined } = await timeSingleFile(file);
    largest = { fields, ms, kib: Math.round(file.body.length / 1024) };
    timings.push(
      `| ${fields} | ${(file.body.length / 1024).toFixed(0)} KiB | ${(ms / 1000).toFixed(2)} s | ${quarantined ? 'yes' : 'no'} |`
    );
  }
  const blast = await probeBatch(manyUnknownFieldsFile(prefix, 6000), {
    validCount: 4,
    maxReceiveCount: 5,
    functionTimeoutMs: 3000,
    visibilityTimeoutMs: 3600
  });
  const lone = loneSurrogateFile(prefix);
  const stored = await storedRowOf(lone);
  const dots = { ...randomEvent(createRandom(11), 0), study: '..', datatype: 'apoe' as const, module: null };
  const dotted = await storedRowOf({
    key: `${prefix}dot-dot-study.json`,
    body: Buffer.from(JSON.stringify(dots)),
    expect: 'valid',
    event: dots
  });
  const deadValid = blast.deadLettered.filter(
    (d) => d.key !== manyUnknownFieldsFile(prefix, 6000).key
  ).length;
  return [
    '## Bugs found',
    '',
    'Tests: `src/known-bugs/bugs-found.test.ts` (an open bug is an `it.failing` test: green while the bug',
    'is there, red once fixed — then it becomes a plain `it`). The probes below ran in the same command.',
    '',
    `### 1. A leap-second timestamp was retried into the dead-letter list instead of being quarantined — ${leapFixed ? 'fixed' : '**open**'}`,
    '',
    `Measured now: a valid event with \`"timestamp": "2016-12-31T23:59:60Z"\` in a batch with 4 valid files, production redrive (5 receives): quarantined: ${leap.quarantined.length > 0 ? 'yes' : 'no'}; dead-lettered: ${leap.deadLettered.map((d) => `${d.key} after ${d.receives} receives`).join(', ') || 'nothing'}; valid files landed ${leap.validLanded}/${leap.validFiles}.`,
    'Before commit 15049ca (which quarantines a file whose processing throws a non-retryable error) the same',
    'probe dead-lettered the file after 5 receives. R4 now includes leap-second files among its impossible dates.',
    '',
    '- Cause: the schema accepts it (`schemas/scripts/tools/ajv-factory.js:19`, ajv-formats `iso-date-time`',
    '  allows second 60), but `checkpointRowFromEvent` rejects it',
    '  (`libraries/checkpoint-store/src/timestamps.ts:29–31`, `RangeError: not a real date-time`), called',
    '  unguarded in `apps/event-log-checkpoint/src/event-file-processor.ts:23`. A file processor that',
    '  throws means "transient, retry" (`libraries/object-processing/src/file-processor.ts:23`), so the file',
    '  is retried 5 times and dead-lettered: an invalid file that is never reported as such.',
    '- Fixed by 15049ca in `libraries/object-processing/src/object-processor.ts` (`judge`). Still worth doing:',
    '  make validation and conversion agree, so the reason names the field like every other rule',
    "  (reject second 60 in the schema's format, or map it to 23:59:59.999999 in `timestamps.ts`).",
    '',
    '### 2. Validation time is quadratic in the number of errors: a file with many unknown fields blocks the lambda — **open**',
    '',
    'One file alone, invoked directly (whole handler: read, validate, quarantine):',
    '',
    '| unknown fields | file size | handler time | quarantined |',
    '|---|---|---|---|',
    ...timings,
    '',
    `A 6,000-field file (~100 KiB) in a batch with 4 valid files, function timeout 3 s, production redrive (5 receives): dead-lettered ${blast.deadLettered.length} messages, ${deadValid} of them valid files; valid files landed ${blast.validLanded}/${blast.validFiles}.`,
    'The validation is synchronous, so the invocation overruns its timeout on every receive and the whole',
    `batch ends in the dead-letter list with it. Production's timeout is 60 s; ${largest.fields.toLocaleString('en')} fields (${largest.kib} KiB) took ${(largest.ms / 1000).toFixed(0)} s above,`,
    'and the 1 MiB file limit admits about 70,000. The reasons cap of 15049ca (50 reasons) is applied after',
    'formatting, so it does not help.',
    '',
    '- Cause: `schemas/src/format-errors.ts:51` — `messageFor` computes `describeValue(value)` (a',
    '  `JSON.stringify` of the failing value) before the `required`/`additionalProperties` cases, which do',
    '  not use it; for those the value is the whole event, so n errors cost n × file size.',
    '- Fix: compute `shown` only in the branches that print it, and cap the reasons (e.g. the first 20 and',
    '  "… and N more problems") so one file cannot produce megabytes of reasons.',
    '',
    '### 3. Smaller findings (not yet covered by a failing test)',
    '',
    `- An unpaired surrogate escape (\`"al\\ud800pha"\`) passes validation and is stored altered: the checkpoint holds ${JSON.stringify(stored.row?.center_label)} (U+FFFD). Proposed: reject strings that are not well-formed Unicode in \`parse-event-file.ts\` (\`String.prototype.isWellFormed\`, Node ≥ 20) with a reason naming the field.`,
    `- A study of \`".."\` is accepted and routed to the key \`${dotted.checkpoint}\`: \`keySegment\` (\`libraries/object-processing/src/checkpoint-key.ts:8\`) keeps dots, so \`.\`/\`..\` segments survive. S3 stores it literally, but tools that treat keys as paths (sync, s3fs, Hive partitions) do not. Proposed: replace a segment made only of dots (or require \`^[a-z0-9][a-z0-9._-]*$\` for study in the schema).`,
    '- A `ptid` sent as a number (`110160`) is quarantined with "ptid: 110160 must be 1–10 printable ASCII',
    '  characters without spaces": the schema\'s `x-error` replaces the type message, which hides the real',
    '  problem (a number, not a string). Proposed: apply `x-error` only to the keyword it was written for.',
    ''
  ].join('\n');
}
