import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { CheckpointTable, readFileColumns, S3ObjectStore } from '@reporting/checkpoint-store';
import { startLocalAws } from '@reporting/local-aws';
import { startLocalRedcap } from '@reporting/local-redcap';

import type { RedcapResponse } from './handler';
import { createRuntimeHandler } from './runtime';
import { sampleProject } from './testing/sample-project';

const BUCKET = 'redcap-tables';
const PARAMETER_PATH = '/reporting/redcap/sample';
const TABLE_KEY = 'redcap/enrolment/enrolment.parquet';

export interface LocalRunSummary {
  response: RedcapResponse;
  columns: { name: string; type: string; repetition: string }[];
  rows: number;
  rowGroups: number;
  bytes: number;
}

/**
 * A scheduled export end to end on this machine: local S3 and SSM Parameter Store, the REDCap
 * stand-in with the sample project (`records` records), the lambda's real handler built from its
 * environment, invoked with the payload its EventBridge schedule sends. Returns what it wrote.
 */
export async function localRun(
  records: number,
  mode: 'overwrite' | 'append' = 'overwrite'
): Promise<LocalRunSummary> {
  const aws = await startLocalAws({ dynamoDb: false });
  const redcap = await startLocalRedcap({ projects: { sample: sampleProject(records) } });
  const saved = { ...process.env };
  try {
    await aws.s3.createBucket(BUCKET);
    const ssm = aws.ssmClient();
    const put = (name: string, value: string, type: 'String' | 'SecureString') =>
      ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true }));
    await put(`${PARAMETER_PATH}/url`, redcap.url, 'String');
    await put(`${PARAMETER_PATH}/token`, sampleProject().tokens[0], 'SecureString');
    // The SDK clients (S3, SSM) follow these; the metrics' EMF lines would only clutter the summary.
    Object.assign(process.env, aws.environment(), { POWERTOOLS_METRICS_DISABLED: 'true' });
    const handler = createRuntimeHandler({
      env: {
        ...process.env,
        TABLE_BUCKET: BUCKET,
        LOG_LEVEL: 'WARN',
        REPORTS: JSON.stringify([
          {
            name: 'enrolment',
            parameterPath: PARAMETER_PATH,
            allRecords: true,
            mode,
            tableKey: TABLE_KEY,
            schedule: 'rate(1 day)'
          }
        ])
      },
      credentials: { provider: new SSMProvider({ awsSdkV3Client: ssm }) }
    });
    // What the EventBridge Scheduler target sends (its input), as a schedule of the Terraform root does.
    const response = await handler({ report: 'enrolment' });
    const store = new S3ObjectStore(aws.s3Client(), BUCKET);
    const columns = (await readFileColumns(store, TABLE_KEY)) ?? [];
    const engine = CheckpointTable.of({
      schema: 'enrolment',
      title: 'enrolment',
      version: 'file',
      columns,
      sortColumn: null,
      keyPlaceholders: []
    });
    const stats = await engine.stats(store, TABLE_KEY);
    return {
      response,
      columns: columns.map((c) => ({ name: c.name, type: c.type, repetition: c.repetition })),
      rows: stats?.rows ?? 0,
      rowGroups: stats?.rowGroups ?? 0,
      bytes: stats?.sizeBytes ?? 0
    };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await redcap.close();
    await aws.stop();
  }
}

/** The summary as printed: the run's answer, then the table's columns with their types and its size. */
export function formatSummary(summary: LocalRunSummary): string {
  const width = Math.max(...summary.columns.map((c) => c.name.length), 6);
  return [
    `run: ${JSON.stringify(summary.response)}`,
    '',
    `s3://${BUCKET}/${TABLE_KEY}: ${summary.rows} rows, ${summary.rowGroups} row group(s), ${summary.bytes} bytes`,
    `${'column'.padEnd(width)}  type`,
    ...summary.columns.map(
      (c) => `${c.name.padEnd(width)}  ${c.type}${c.repetition === 'REQUIRED' ? ' (required)' : ''}`
    )
  ].join('\n');
}

/** `node bin/local-run.js [--records N] [--append]` */
export async function main(argv: readonly string[]): Promise<number> {
  let records = 25;
  let mode: 'overwrite' | 'append' = 'overwrite';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--records' && /^\d+$/.test(argv[i + 1] ?? '')) records = Number(argv[++i]);
    else if (argv[i] === '--append') mode = 'append';
    else {
      console.error(`usage: node bin/local-run.js [--records N] [--append] (not ${argv[i]})`);
      return 2;
    }
  }
  const summary = await localRun(records, mode);
  console.log(formatSummary(summary));
  return summary.response.statusCode === 200 ? 0 : 1;
}
