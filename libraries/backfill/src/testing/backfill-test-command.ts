import type { Context } from 'aws-lambda';
import type { ObjectChange } from '@reporting/lambda-runtime';
import type { BackfillCommand } from '../backfill-cli';
import type { ChangeProcessor, ChangeResult } from '@reporting/lambda-runtime';

/** Appends every object to checkpoint "all" except keys containing "fail", which fail. */
export class CountingProcessor implements ChangeProcessor {
  public readonly rounds: string[][] = [];
  public async processChanges(changes: readonly ObjectChange[]): Promise<ChangeResult[]> {
    const keys = changes.map((c) => (c.kind === 'test' ? '' : c.object.key));
    this.rounds.push(keys);
    return keys.map((key) =>
      key.includes('fail')
        ? { status: 'failed', error: new Error('x') }
        : { status: 'appended', checkpoint: 'all', attempt: 'a', rows: 1, totalRows: 1, bytes: 1 }
    );
  }
}

/** A backfill command that worker threads can load (this module, export COUNTING_BACKFILL). */
export const COUNTING_BACKFILL: BackfillCommand = {
  name: 'counting-backfill',
  createRuntime: (clients) => ({
    processor: new CountingProcessor(),
    s3: clients.s3,
    idempotency: { registerContext: (_context: Context) => undefined },
    config: { sourceBucket: process.env.SOURCE_BUCKET ?? 'src', sourcePrefix: 'in/' }
  }),
  worker: { path: __filename, exportName: 'COUNTING_BACKFILL' }
};

/** A backfill command whose runtime cannot be built (in a worker: every round fails). */
export const BROKEN_BACKFILL: BackfillCommand = {
  name: 'broken-backfill',
  createRuntime: () => {
    throw new Error('no configuration here');
  },
  worker: { path: __filename, exportName: 'BROKEN_BACKFILL' }
};
