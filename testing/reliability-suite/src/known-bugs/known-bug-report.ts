import { EVENT_PREFIX } from '../pipeline/reliability-pipeline';
import {
  dotDotStudyFile,
  leapSecondFile,
  loneSurrogateFile,
  manyUnknownFieldsFile,
  numericPtidFile,
  outcomeOf,
  probeBatch,
  timeSingleFile
} from './known-bug-probes';

const prefix = `${EVENT_PREFIX}bug/`;
const status = (fixed: boolean): string => (fixed ? 'fixed' : '**open**');
const quoted = (reasons: string[] | undefined): string =>
  reasons === undefined ? 'not quarantined' : reasons.map((r) => `"${r}"`).join('; ');

/**
 * Runs every known-bug probe and renders the "Bugs found" section of docs/reliability.md: each bug
 * with what is measured now, its cause and its fix. "fixed"/"open" is decided by the measurement.
 */
export async function probeSuite(): Promise<string> {
  const leap = await probeBatch(leapSecondFile(prefix), {
    validCount: 4,
    maxReceiveCount: 5,
    functionTimeoutMs: 1000,
    visibilityTimeoutMs: 1200
  });
  const leapReasons = (await outcomeOf(leapSecondFile(prefix))).reasons;
  const leapFixed =
    leap.quarantined.length > 0 &&
    leap.deadLettered.length === 0 &&
    (leapReasons ?? []).some((r) => r.startsWith('timestamp: '));

  const timings: string[] = [];
  let largest = { fields: 0, ms: 0, kib: 0 };
  for (const fields of [1000, 2000, 4000, 8000, 16_000, 48_000]) {
    const file = manyUnknownFieldsFile(prefix, fields);
    const { ms, quarantined } = await timeSingleFile(file);
    largest = { fields, ms, kib: Math.round(file.body.length / 1024) };
    timings.push(
      `| ${fields} | ${(file.body.length / 1024).toFixed(0)} KiB | ${(ms / 1000).toFixed(2)} s | ${quarantined ? 'yes' : 'no'} |`
    );
  }
  const blastFile = manyUnknownFieldsFile(prefix, 6000);
  const blast = await probeBatch(blastFile, {
    validCount: 4,
    maxReceiveCount: 5,
    functionTimeoutMs: 3000,
    visibilityTimeoutMs: 3600
  });
  const deadValid = blast.deadLettered.filter((d) => d.key !== blastFile.key).length;
  const blastFixed = blast.deadLettered.length === 0 && blast.validLanded === blast.validFiles;

  const lone = await outcomeOf(loneSurrogateFile(prefix));
  const dots = await outcomeOf(dotDotStudyFile(prefix));
  const ptid = await outcomeOf(numericPtidFile(prefix));
  const dotsFixed = dots.checkpoint !== undefined && !dots.checkpoint.split('/').some((s) => /^\.+$/.test(s));

  return [
    '## Bugs found',
    '',
    'Tests: `src/known-bugs/bugs-found.test.ts` (a test per bug, stating the invariant; an open bug would be',
    'an `it.failing` test, green while the bug is there). The probes below ran in the same command.',
    '',
    `### 1. A leap-second timestamp was retried into the dead-letter list instead of being quarantined — ${status(leapFixed)}`,
    '',
    `Measured now: an event with \`"timestamp": "2016-12-31T23:59:60Z"\` in a batch with 4 valid files, production redrive (5 receives): quarantined: ${leap.quarantined.length > 0 ? 'yes' : 'no'}; dead-lettered: ${leap.deadLettered.map((d) => `${d.key} after ${d.receives} receives`).join(', ') || 'nothing'}; valid files landed ${leap.validLanded}/${leap.validFiles}. Reason: ${quoted(leapReasons)}.`,
    '',
    "- Cause: the schema's `iso-date-time` (ajv-formats, RFC 3339) allows second 60, the checkpoint's UTC",
    '  microsecond timestamp cannot hold it, and a conversion that throws was treated as transient.',
    '- Fixed: 15049ca quarantines a file whose processing throws a non-retryable error; then',
    '  `apps/event-log-checkpoint/src/parse-event-file.ts` checks after the schema that the timestamp can be',
    '  stored, so the reason names the field like every schema rule. R4 includes leap seconds.',
    '',
    `### 2. Validation time was quadratic in the number of errors: a file with many unknown fields blocked the lambda — ${status(blastFixed)}`,
    '',
    'One file alone, invoked directly (whole handler: read, validate, quarantine):',
    '',
    '| unknown fields | file size | handler time | quarantined |',
    '|---|---|---|---|',
    ...timings,
    '',
    `A 6,000-field file (~100 KiB) in a batch with 4 valid files, function timeout 3 s, production redrive (5 receives): dead-lettered ${blast.deadLettered.length} messages, ${deadValid} of them valid files; valid files landed ${blast.validLanded}/${blast.validFiles}.`,
    `Before the fix: 16,000 fields (291 KiB) took 68.10 s (production timeout 60 s) and the same batch sent all`,
    `4 valid files to the dead-letter list. Now ${largest.fields.toLocaleString('en')} fields (${largest.kib} KiB) take ${(largest.ms / 1000).toFixed(2)} s.`,
    '',
    '- Cause: `schemas/src/format-errors.ts` described the failing value (a `JSON.stringify`) before the',
    '  `required`/`additionalProperties` cases, where that value is the whole event: n errors × file size.',
    '- Fixed: the value is described only in the messages that print it; the reasons stored stay capped',
    '  at 50 (`capReasons`). A schema unit test counts serialisations so the quadratic cost cannot return.',
    '',
    '### 3. Smaller findings',
    '',
    `- Unpaired surrogate escape (\`"al\\ud800pha"\`) — ${status(lone.row === undefined && lone.reasons !== undefined)}: was accepted and stored altered (U+FFFD). Now: ${lone.row === undefined ? 'no row stored' : `stored as ${JSON.stringify(lone.row.center_label)}`}; quarantined with ${quoted(lone.reasons)} (\`libraries/lambda-runtime/src/unpaired-surrogates.ts\`, for every JSON file). R4 has a kind for it.`,
    `- Study \`".."\` — ${status(dotsFixed)}: was routed to \`checkpoints/../apoe/events.parquet\`. Now routed to \`${dots.checkpoint}\`: \`keySegment\` turns a segment that would be empty or only dots into dashes (S3 keeps \`..\` literally, tools that treat keys as paths do not).`,
    `- \`ptid\` sent as a number (\`110160\`) — ${status((ptid.reasons ?? []).some((r) => r.includes('must be of type string')))}: was reported with the wording written for the pattern. Now: ${quoted(ptid.reasons)}. \`x-error\` may name the keywords it words (\`{ "pattern": "…" }\`).`,
    ''
  ].join('\n');
}
