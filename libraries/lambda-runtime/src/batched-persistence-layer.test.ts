import { createIdempotencyTable, startLocalAws, type LocalAws } from '@reporting/local-aws';
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLambdaContext } from '@reporting/utils';
import * as fc from 'fast-check';
import { BATCH_WRITE_ITEMS } from './batched-completions';
import { TRANSACT_WRITE_ITEMS } from './batched-claims';
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

/** `count` object versions in the events bucket, keys k0, k1, … */
const objectsOf = (count: number): ObjectIdentity[] =>
  Array.from({ length: count }, (_, i) => ({ bucket: 'events', key: `k${i}`, version: 'e1' }));

const itemOf = async (client: DynamoDBClient, id: string) =>
  (await client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: id } }, ConsistentRead: true })))
    .Item;

describe('batched idempotency writes', () => {
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
    const batched = createIdempotency(TABLE, client, prefix, { batchWrites: true });
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
    const objects = objectsOf(60);
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
    expect(counts.get('PutItemCommand')).toBeUndefined();
    expect(counts.get('TransactWriteItemsCommand')).toBe(1);
    expect(counts.get('UpdateItemCommand')).toBeUndefined();
    expect(counts.get('BatchWriteItemCommand')).toBe(Math.ceil(60 / BATCH_WRITE_ITEMS));
  });

  it('batched claims: the in-progress record of each object is the one Powertools writes, and either side refuses an object the other holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 30 }),
        async (keys) => {
          const prefix = `claim${run++}`;
          const client = stack.dynamoDbClient();
          const { plain, batched, unit } = wrappers(prefix, client);
          const objects = keys.map((key) => ({ bucket: 'events', key, version: 'e1' }));
          const reference = objects.map((o) => ({ ...o, version: 'reference' }));
          let release!: () => void;
          const held = new Promise<void>((resolve) => (release = resolve));
          let arrived = 0;
          const holding = (identity: ObjectIdentity): Promise<ObjectOutcome> => {
            arrived++;
            return held.then(() => unit(() => ({ status: 'filtered', reason: 'r', attempt: 'a' }))(identity));
          };
          const running = [
            ...objects.map((o) => batched.wrapper(holding)(o, undefined)),
            ...reference.map((o) => plain.wrapper(holding)(o, undefined))
          ];
          while (arrived < 2 * objects.length) await new Promise((resolve) => setImmediate(resolve));
          for (const [i, object] of objects.entries()) {
            const ours = await itemOf(client, idempotencyKey(object, prefix));
            const theirs = await itemOf(client, idempotencyKey(reference[i], prefix));
            expect(Object.keys(ours!).sort()).toEqual(Object.keys(theirs!).sort());
            expect(ours![IDEMPOTENCY_STATUS_ATTRIBUTE]).toEqual(theirs![IDEMPOTENCY_STATUS_ATTRIBUTE]);
            for (const timestamp of ['expiration', 'in_progress_expiration'])
              expect(Math.abs(Number(ours![timestamp].N) - Number(theirs![timestamp].N))).toBeLessThanOrEqual(
                timestamp === 'expiration' ? 2 : 2000
              );
          }
          // While each side holds its objects, the other side is refused them.
          for (const [side, held] of [
            [plain, objects],
            [batched, reference]
          ] as const)
            for (const result of await Promise.allSettled(
              held.map((o) => side.wrapper(unit(() => ({ status: 'gone', attempt: 'x' })))(o, undefined))
            ))
              expect(result).toMatchObject({
                status: 'rejected',
                reason: { name: 'IdempotencyAlreadyInProgressError' }
              });
          release();
          await Promise.all(running);
        }
      ),
      { numRuns: 100 }
    );
  }, 180_000);

  it('claims of one turn share TransactWriteItems of 100, none is a PutItem', async () => {
    const client = stack.dynamoDbClient();
    const counts = instrument(client);
    const { batched, unit, calls } = wrappers(`claims${run++}`, client);
    const objects = objectsOf(250);
    await Promise.all(
      objects.map((o) =>
        batched.wrapper(unit(() => ({ status: 'filtered', reason: 'r', attempt: 'a' })))(o, 0)
      )
    );
    expect(calls).toHaveLength(250);
    expect(counts.get('PutItemCommand')).toBeUndefined();
    expect(counts.get('TransactWriteItemsCommand')).toBe(Math.ceil(250 / TRANSACT_WRITE_ITEMS));
  });

  it('a transaction cancelled by taken keys: those objects replay their outcome, the others are claimed by the next transaction', async () => {
    const client = stack.dynamoDbClient();
    const prefix = `taken${run++}`;
    const { plain, batched, unit, calls } = wrappers(prefix, client);
    const objects = objectsOf(40);
    const earlier: ObjectOutcome = { status: 'filtered', reason: 'earlier', attempt: 'a0' };
    const now: ObjectOutcome = { status: 'filtered', reason: 'now', attempt: 'a1' };
    // Every fourth object was done by the deployed lambda (Powertools' own layer) before the backfill.
    const done = objects.filter((_, i) => i % 4 === 0);
    await Promise.all(done.map((o) => plain.wrapper(unit(() => earlier))(o, 0)));
    const counts = instrument(client);
    calls.length = 0;
    const results = await Promise.all(objects.map((o) => batched.wrapper(unit(() => now))(o, 0)));
    expect(results).toEqual(objects.map((_, i) => (i % 4 === 0 ? earlier : now)));
    expect(calls.sort()).toEqual(
      objects
        .filter((_, i) => i % 4 !== 0)
        .map((o) => o.key)
        .sort()
    );
    // One cancelled (naming the ten taken keys), one that claims the other thirty; no GetItem needed.
    expect(counts.get('TransactWriteItemsCommand')).toBe(2);
    expect(counts.get('GetItemCommand')).toBeUndefined();
  });

  it('claims cancelled by a transaction conflict are sent again after a backoff', async () => {
    const client = stack.dynamoDbClient();
    const counts = instrument(client);
    // The local DynamoDB cancels the first two transactions: TransactionConflict on their first action.
    let conflicts = 2;
    stack.dynamoDb!.setFaults({
      rate: 1,
      kinds: ['transaction-conflict'],
      conflictingActions: [0],
      match: (candidate) => candidate.operation === 'TransactWriteItems' && conflicts-- > 0
    });
    const prefix = `conflict${run++}`;
    const { batched, unit, calls } = wrappers(prefix, client);
    const objects = objectsOf(5);
    await Promise.all(
      objects.map((o) =>
        batched.wrapper(unit(() => ({ status: 'filtered', reason: 'r', attempt: 'a' })))(o, 0)
      )
    );
    stack.dynamoDb!.setFaults(undefined);
    expect(counts.get('TransactWriteItemsCommand')).toBe(3);
    expect(calls).toHaveLength(5);
  });

  it('a claim that cannot be written fails its object and writes nothing, as a failed PutItem does', async () => {
    const client = stack.dynamoDbClient();
    instrument(client, (command) => {
      if (command === 'TransactWriteItemsCommand') throw new Error('DynamoDB unavailable');
      return undefined;
    });
    const prefix = `claimfail${run++}`;
    const { batched, unit, calls } = wrappers(prefix, client);
    const object = { bucket: 'events', key: 'k', version: 'e1' };
    await expect(
      batched.wrapper(unit(() => ({ status: 'filtered', reason: 'r', attempt: 'a' })))(object, 0)
    ).rejects.toThrow(/idempotency store/);
    expect(calls).toEqual([]);
    expect(await itemOf(client, idempotencyKey(object, prefix))).toBeUndefined();
  });

  it('two backfills and the deployed lambda on overlapping objects at once: each object is processed exactly once', async () => {
    const prefix = `race${run++}`;
    const first = wrappers(prefix, stack.dynamoDbClient());
    const second = wrappers(prefix, stack.dynamoDbClient());
    const calls: string[] = [];
    const objects = objectsOf(300);
    const work = async (identity: ObjectIdentity): Promise<ObjectOutcome> => {
      calls.push(identity.key);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { status: 'filtered', reason: identity.key, attempt: 'a' };
    };
    const runs = [first.batched, second.batched, first.plain].map((side) =>
      Promise.allSettled(objects.map((o) => side.wrapper(work)(o, 0)))
    );
    const settled = await Promise.all(runs);
    expect(calls.sort()).toEqual(objects.map((o) => o.key).sort());
    // Every side ends with each object done (its outcome replayed) or refused while another held it.
    for (const side of settled)
      for (const [i, result] of side.entries())
        if (result.status === 'fulfilled') expect(result.value).toMatchObject({ reason: objects[i].key });
        else expect(result.reason).toMatchObject({ name: 'IdempotencyAlreadyInProgressError' });
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
