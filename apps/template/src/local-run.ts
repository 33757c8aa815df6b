import { createHandler, createLambdaRuntime, defaultKeyTemplate } from '@reporting/lambda-runtime';
import { VISIT_EVENT_EXAMPLE, validateVisitEvent, visitEventSchema } from '@reporting/schemas';
import {
  checkpointRowsReport,
  exampleFiles,
  localRunMain,
  RECORD_FILE_FORMATS,
  type LocalRunSpec
} from '@reporting/test-kit';
import { templateLambda } from './lambda';

const PREFIX = 'prod/';

/**
 * This lambda's local run (`node bin/local-run.js [--files N] [--serve]`): the test kit's stack and
 * output, with files made from the schema's example in every input format (one JSON object, JSON
 * arrays, NDJSON and CSV of several records, each file's records of one checkpoint) — valid variants
 * across a few checkpoints and invalid files of every kind the schema refuses — and a report of rows
 * per checkpoint and of files stored and quarantined per format.
 */
export const TEMPLATE_LAMBDA_LOCAL_RUN: LocalRunSpec = {
  name: 'template',
  lambda: (env, clients) => createHandler(() => createLambdaRuntime(templateLambda, env, clients)),
  buckets: { source: 'input', checkpoint: 'analytics' },
  prefix: PREFIX,
  suffix: '', // every key: the lambda reads .json, .ndjson, .jsonl and .csv files
  environment: { CHECKPOINT_KEY_TEMPLATE: defaultKeyTemplate(templateLambda.table.keyPlaceholders) },
  describeFiles: 'record files',
  sampleFiles: (valid) =>
    exampleFiles({
      schema: visitEventSchema,
      example: VISIT_EVENT_EXAMPLE,
      validate: validateVisitEvent,
      prefix: PREFIX,
      valid,
      invalid: Math.max(4, Math.ceil(valid / 100)),
      seed: 2024,
      keys: { properties: templateLambda.table.keyPlaceholders, count: 3 },
      formats: RECORD_FILE_FORMATS
    }),
  report: checkpointRowsReport,
  exampleKey: `${PREFIX}my-record.json`
};

export function main(argv: readonly string[]): Promise<number> {
  return localRunMain(TEMPLATE_LAMBDA_LOCAL_RUN, argv);
}
