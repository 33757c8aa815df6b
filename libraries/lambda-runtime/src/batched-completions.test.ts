import { createIdempotencyTable, startLocalAws, type LocalAws } from '@reporting/local-aws';
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLambdaContext } from '@reporting/utils';
import * as fc from 'fast-check';
import { BATCH_WRITE_ITEMS } from './batched-completions';
import { createIdempotency, IDEMPOTENCY_DATA_ATTRIBUTE } from './idempotency';
import { IDEMPOTENCY_STATUS_ATTRIBUTE, idempotencyKey, type ObjectIdentity } from './idempotency-key';
import type { ObjectOutcome } from './outcomes';

const TABLE = 'idempotency';

/** Counts the requests a client sends, by command; `fake` answers a command instead of DynamoDB. */
function instrument(
  client: DynamoDBClient,
  fake?: (command: string, input: Record<string, unknown>) => Record<string, unknown> | undefined
): Map<string, number> {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '?';
      counts.set(command, (counts.get(command) ?? 0) + 1);
      const output = fake?.(command, args.input as Record<string, unknown>);
      if (output) return { output: { $metadata: {}, ...output }, response: {} } as never;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' }
  );
  return counts;
}

const itemOf = async (client: DynamoDBClient, id: string) =>
  (await client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: id } }, ConsistentRead: true })))
    .Item;

describe('batched idempotency completions', () => {
  let stack: LocalAws;
  let run = 0;

  beforeAll(async () => {
    stack = await startLocalAws({ s3: { buckets: [] } });
    await createIdempotencyTable(stack.dynamoDbClient(), TABLE);
  });
  afterAll(() => stack.stop());

  /** The same unit of work through Powertools' own layer (the deployed lambda) and through the batched one. */
  function wrappers(prefix: string, client: DynamoDBClient = stack.dynamoDbClient(), leaseMs = 60_000) {
    const plain = createIdempotency(TABLE, client, prefix);
    const batched = createIdempotency(TABLE, client, prefix, { batchCompletions: true });
    for (const layer of [plain, batched]) layer.registerContext(createLambdaContext('f', leaseMs));
    const calls: string[] = [];
    const unit =
      (outcome: (identity: ObjectIdentity) => ObjectOutcome) => async (identity: ObjectIdentity) => {
        calls.push(identity.key);
        return outcome(identity);
      };
    return { plain, batched, calls, unit };
  }

  /** JSON values within what Powertools' marshall and DynamoDB accept (safe numbers, ≥ 1e-130 in magnitude). */
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.string(),
      fc.integer(),
      fc
        .double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 })
        .map((d) => Math.round(d * 1e6) / 1e6 || 0), // DynamoDB stores -0 as 0
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 })
    )
  })).value;

  const outcome = fc.oneof(
    fc.record({
      status: fc.constant('filtered' as const),
      reason: fc.string(),
      attempt: fc.uuid(),
      detail: json
    }) as fc.Arbitrary<ObjectOutcome>,
    fc.record({
      status: fc.constant('appended' as const),
      checkpoint: fc.string(),
      attempt: fc.uuid(),
      rows: fc.nat(),
      totalRows: fc.nat(),
      bytes: fc.nat()
    }),
    fc.record({
      status: fc.constant('quarantined' as const),
      reasons: fc.array(fc.string(), { maxLength: 3 }),
      errorKey: fc.string(),
      attempt: fc.uuid()
    })
  );

  it('batched completions: the record of each object is the one Powertools writes, and the other side replays it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 40 }),
        outcome,
        async (keys, result) => {
          const prefix = `p${run++}`;
          const client = stack.dynamoDbClient();
          const { plain, batched, calls, unit } = wrappers(prefix, client);
          const objects = keys.map((key) => ({ bucket: 'events', key, version: 'e1' }));
          const reference = objects.map((o) => ({ ...o, version: 'reference' }));
          // The batched layer completes every object at once, Powertools' own layer the reference copies.
          const done = await Promise.all(
            objects.map((o) => batched.wrapper(unit(() => result))(o, undefined))
          );
          await Promise.all(reference.map((o) => plain.wrapper(unit(() => result))(o, undefined)));
          expect(done).toEqual(objects.map(() => result));
          for (const [i, object] of objects.entries()) {
            const ours = await itemOf(client, idempotencyKey(object, prefix));
            const theirs = await itemOf(client, idempotencyKey(reference[i], prefix));
            const { in_progress_expiration: _dropped, ...expected } = theirs!;
            expect({ ...ours, id: expected.id, expiration: expected.expiration }).toEqual(expected);
            expect(Math.abs(Number(ours!.expiration.N) - Number(expected.expiration.N))).toBeLessThanOrEqual(
              2
            );
            expect(ours![IDEMPOTENCY_STATUS_ATTRIBUTE].S).toBe('COMPLETED');
            expect(ours![IDEMPOTENCY_DATA_ATTRIBUTE]).toBeDefined();
          }
          // Each side skips the other's work: the stored outcome is replayed, the unit does not run.
          calls.length = 0;
          const replayedByLambda = await Promise.all(
            objects.map((o) => plain.wrapper(unit(() => ({ status: 'gone', attempt: 'x' })))(o, undefined))
          );
          const replayedByBackfill = await Promise.all(
            reference.map((o) =>
              batched.wrapper(unit(() => ({ status: 'gone', attempt: 'x' })))(o, undefined)
            )
          );
          expect(calls).toEqual([]);
          expect(replayedByLambda).toEqual(objects.map(() => result));
          expect(replayedByBackfill).toEqual(objects.map(() => result));
        }
      ),
      { numRuns: 100 }
    );
  }, 120_000);

  it('completions of one turn (a group commit releasing its objects) share BatchWriteItem calls of 25, none is an UpdateItem', async () => {
    const client = stack.dynamoDbClient();
    const counts = instrument(client);
    const { batched, unit } = wrappers(`count${run++}`, client);
    const objects = Array.from({ length: 60 }, (_, i) => ({ bucket: 'events', key: `k${i}`, version: 'e1' }));
    let arrived = 0;
    let release!: () => void;
    const committed = new Promise<void>((resolve) => (release = resolve));
    const commit = unit(() => ({ status: 'filtered', reason: 'r', attempt: 'a' }));
    await Promise.all(
      objects.map((o) =>
        batched.wrapper(async (identity: ObjectIdentity) => {
          if (++arrived === objects.length) release();
          await committed;
          return commit(identity);
        })(o, 0)
      )
    );
    expect(counts.get('PutItemCommand')).toBe(60);
    expect(counts.get('UpdateItemCommand')).toBeUndefined();
    expect(counts.get('BatchWriteItemCommand')).toBe(Math.ceil(60 / BATCH_WRITE_ITEMS));
  });

  it('a completion resolves only once its record is written: unprocessed items are retried', async () => {
    const client = stack.dynamoDbClient();
    let refusals = 2;
    const counts = instrument(client, (command, input) => {
      if (command !== 'BatchWriteItemCommand' || refusals === 0) return undefined;
      refusals--;
      return { UnprocessedItems: (input as { RequestItems: unknown }).RequestItems };
    });
    const prefix = `retry${run++}`;
    const { batched, unit } = wrappers(prefix, client);
    const object = { bucket: 'events', key: 'k', version: 'e1' };
    await batched.wrapper(unit(() => ({ status: 'filtered', reason: 'r', attempt: 'a' })))(object, 0);
    expect(counts.get('BatchWriteItemCommand')).toBe(3);
    const item = await itemOf(client, idempotencyKey(object, prefix));
    expect(item?.[IDEMPOTENCY_STATUS_ATTRIBUTE].S).toBe('COMPLETED');
  });

  it('a completion that cannot be written fails its object and leaves the in-progress record, as a failed UpdateItem does', async () => {
    const client = stack.dynamoDbClient();
    const failing = new Set(['BatchWriteItemCommand', 'UpdateItemCommand']);
    let fail = true;
    instrument(client, (command) => {
      if (fail && failing.has(command)) throw new Error('DynamoDB unavailable');
      return undefined;
    });
    const leaseMs = 300;
    const prefix = `fail${run++}`;
    const { plain, batched, calls, unit } = wrappers(prefix, client, leaseMs);
    const ours = { bucket: 'events', key: 'batched', version: 'e1' };
    const theirs = { bucket: 'events', key: 'plain', version: 'e1' };
    const ok = (): ObjectOutcome => ({ status: 'filtered', reason: 'r', attempt: 'a' });
    await expect(batched.wrapper(unit(ok))(ours, 0)).rejects.toThrow();
    await expect(plain.wrapper(unit(ok))(theirs, 0)).rejects.toThrow();
    fail = false;
    for (const object of [ours, theirs]) {
      const item = await itemOf(client, idempotencyKey(object, prefix));
      expect(item?.[IDEMPOTENCY_STATUS_ATTRIBUTE].S).toBe('INPROGRESS');
      // Within the lease the other side (and this one) is refused; after it, the object is processed again.
      for (const side of [plain, batched])
        await expect(side.wrapper(unit(ok))(object, 0)).rejects.toThrow(/in progress/i);
    }
    await new Promise((resolve) => setTimeout(resolve, leaseMs + 100));
    for (const side of [plain, batched]) side.registerContext(createLambdaContext('f', 60_000));
    calls.length = 0;
    await batched.wrapper(unit(ok))(theirs, 0);
    await plain.wrapper(unit(ok))(ours, 0);
    expect(calls.sort()).toEqual(['batched', 'plain']);
  });
});
