import { endCommand, parseCommandLine } from '@reporting/utils';

import { createIdempotencyTable } from './dynamodb/idempotency-table';
import { LocalAws } from './local-aws';

const USAGE = `Usage: local-aws [--dir PATH] [--host ADDRESS] [--s3-port N] [--dynamodb-port N]
                 [--bucket NAME]... [--idempotency-table NAME]... [--verify-signatures]
Starts a local S3 and DynamoDB and prints the variables that point the AWS CLI or any SDK at them.
Without --dir the data lives until the process stops. Stop with Ctrl+C.
--verify-signatures: S3 checks every request's SigV4 signature against the printed credentials
(403 SignatureDoesNotMatch, as S3 answers); by default any signature is accepted.`;

/** Shell lines that export the stack's endpoints, credentials and region. */
export function exportLines(environment: Record<string, string>): string[] {
  return Object.entries(environment).map(([name, value]) => `export ${name}=${value}`);
}

/**
 * Starts the stack and prints its variables; returns it, or the exit code when the command line asked
 * for the usage (0) or was wrong (2: what is wrong and the usage on stderr).
 */
export async function main(
  argv: string[],
  out: (line: string) => void = console.log
): Promise<LocalAws | 0 | 2> {
  const parsed = parseCommandLine(
    argv,
    {
      dir: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      's3-port': { type: 'string', default: '0' },
      'dynamodb-port': { type: 'string', default: '0' },
      bucket: { type: 'string', multiple: true, default: [] },
      'idempotency-table': { type: 'string', multiple: true, default: [] },
      'verify-signatures': { type: 'boolean', default: false }
    },
    USAGE
  );
  if (parsed.kind === 'exit') {
    if (parsed.code === 0) out(parsed.output);
    else endCommand(parsed);
    return parsed.code;
  }
  const values = parsed.values as {
    dir?: string;
    host: string;
    's3-port': string;
    'dynamodb-port': string;
    bucket: string[];
    'idempotency-table': string[];
    'verify-signatures': boolean;
  };
  const stack = await LocalAws.start({
    directory: values.dir,
    s3: {
      host: values.host,
      port: Number(values['s3-port']),
      buckets: values.bucket,
      verifySignatures: values['verify-signatures']
    },
    dynamoDb: { host: values.host, port: Number(values['dynamodb-port']) }
  });
  for (const table of values['idempotency-table'])
    await createIdempotencyTable(stack.dynamoDbClient(), table);
  for (const line of exportLines(stack.environment())) out(line);
  return stack;
}
