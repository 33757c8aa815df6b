import { parseArgs } from 'node:util';

import { createIdempotencyTable } from './dynamodb/idempotency-table';
import { LocalAws } from './local-aws';

const USAGE = `Usage: local-aws [--dir PATH] [--host ADDRESS] [--s3-port N] [--dynamodb-port N]
                 [--bucket NAME]... [--idempotency-table NAME]...
Starts a local S3 and DynamoDB and prints the variables that point the AWS CLI or any SDK at them.
Without --dir the data lives until the process stops. Stop with Ctrl+C.`;

/** Shell lines that export the stack's endpoints, credentials and region. */
export function exportLines(environment: Record<string, string>): string[] {
  return Object.entries(environment).map(([name, value]) => `export ${name}=${value}`);
}

export async function main(
  argv: string[],
  out: (line: string) => void = console.log
): Promise<LocalAws | undefined> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      's3-port': { type: 'string', default: '0' },
      'dynamodb-port': { type: 'string', default: '0' },
      bucket: { type: 'string', multiple: true, default: [] },
      'idempotency-table': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false }
    }
  });
  if (values.help) {
    out(USAGE);
    return undefined;
  }
  const stack = await LocalAws.start({
    directory: values.dir,
    s3: { host: values.host, port: Number(values['s3-port']), buckets: values.bucket },
    dynamoDb: { host: values.host, port: Number(values['dynamodb-port']) }
  });
  for (const table of values['idempotency-table'])
    await createIdempotencyTable(stack.dynamoDbClient(), table);
  for (const line of exportLines(stack.environment())) out(line);
  return stack;
}
