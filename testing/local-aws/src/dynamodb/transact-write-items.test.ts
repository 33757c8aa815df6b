// TransactWriteItems with the real SDK client. Shapes and messages from DynamoDB's API reference
// (TransactWriteItems, TransactionCanceledException: one reason per action, in request order, Code None
// for the others; Item only with ReturnValuesOnConditionCheckFailure ALL_OLD).
import {
  type AttributeValue,
  CreateTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  IdempotentParameterMismatchException,
  PutItemCommand,
  ResourceNotFoundException,
  ScanCommand,
  TransactionCanceledException,
  TransactionConflictException,
  type TransactWriteItem,
  TransactWriteItemsCommand
} from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';

import { createLocalDynamoDbClient } from '../clients';
import { createIdempotencyTable } from './idempotency-table';
import { type DynamoDbRequestRecord, type LocalDynamoDb, startLocalDynamoDb } from './local-dynamodb';

const TABLE = 'claims';
const NOW = 1_700_000_000;

let dynamoDb: LocalDynamoDb;
let client: DynamoDBClient;

beforeAll(async () => {
  dynamoDb = await startLocalDynamoDb();
  client = createLocalDynamoDbClient(dynamoDb.endpoint, { maxAttempts: 1 });
  await createIdempotencyTable(client, TABLE);
});
afterAll(async () => {
  client.destroy();
  await dynamoDb.stop();
});
afterEach(() => dynamoDb.setFaults(undefined));

/** Powertools' idempotency claim: a conditional put of an INPROGRESS record. */
function claim(id: string, owner: string = 'me'): TransactWriteItem {
  return {
    Put: {
      TableName: TABLE,
      Item: {
        id: { S: id },
        owner: { S: owner },
        status: { S: 'INPROGRESS' },
        expiration: { N: String(NOW + 3600) },
        in_progress_expiration: { N: String((NOW + 60) * 1000) }
      },
      ConditionExpression:
        'attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)',
      ExpressionAttributeNames: {
        '#id': 'id',
        '#expiry': 'expiration',
        '#in_progress_expiry': 'in_progress_expiration',
        '#status': 'status'
      },
      ExpressionAttributeValues: {
        ':now': { N: String(NOW) },
        ':now_in_millis': { N: String(NOW * 1000) },
        ':inprogress': { S: 'INPROGRESS' }
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD'
    }
  };
}

async function put(item: Record<string, AttributeValue>): Promise<void> {
  await client.send(new PutItemCommand({ TableName: TABLE, Item: item }));
}

async function read(id: string): Promise<Record<string, AttributeValue> | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: TABLE, Key: { id: { S: id } }, ConsistentRead: true })
  );
  return Item;
}

function transact(items: TransactWriteItem[], token?: string): Promise<unknown> {
  return client.send(new TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: token }));
}

async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the request to fail, but it succeeded');
}

const completed = (id: string): Record<string, AttributeValue> => ({
  id: { S: id },
  status: { S: 'COMPLETED' },
  expiration: { N: String(NOW + 100) }
});

test('all succeed: every action is applied', async () => {
  await transact([claim('all-1'), claim('all-2'), claim('all-3')]);
  for (const id of ['all-1', 'all-2', 'all-3']) expect((await read(id))?.status).toEqual({ S: 'INPROGRESS' });
});

test('Powertools claims: an expired record and an expired in-progress record are claimed again', async () => {
  await put({ id: { S: 'expired' }, status: { S: 'COMPLETED' }, expiration: { N: String(NOW - 1) } });
  await put({
    id: { S: 'stale-progress' },
    status: { S: 'INPROGRESS' },
    expiration: { N: String(NOW + 100) },
    in_progress_expiration: { N: String(NOW * 1000 - 1) }
  });
  await transact([claim('expired', 'again'), claim('stale-progress', 'again')]);
  expect((await read('expired'))?.owner).toEqual({ S: 'again' });
  expect((await read('stale-progress'))?.owner).toEqual({ S: 'again' });
});

test('one failed condition: TransactionCanceledException with a reason per action, the old item with ALL_OLD, nothing applied', async () => {
  await put(completed('taken'));
  const error = await failure(transact([claim('fresh-1'), claim('taken'), claim('fresh-2')]));
  expect(error).toBeInstanceOf(TransactionCanceledException);
  expect(error.message).toBe(
    'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]'
  );
  expect((error as unknown as TransactionCanceledException).CancellationReasons).toEqual([
    { Code: 'None' },
    { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: completed('taken') },
    { Code: 'None' }
  ]);
  expect(error.$metadata).toMatchObject({ httpStatusCode: 400 });
  expect(await read('fresh-1')).toBeUndefined();
  expect(await read('fresh-2')).toBeUndefined();
  expect(await read('taken')).toEqual(completed('taken'));
});

test('a failed condition without ReturnValuesOnConditionCheckFailure has no Item', async () => {
  await put(completed('no-old'));
  const plain = claim('no-old');
  delete plain.Put!.ReturnValuesOnConditionCheckFailure;
  const error = (await failure(transact([plain]))) as unknown as TransactionCanceledException;
  expect(error.CancellationReasons).toEqual([
    { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }
  ]);
});

test('Update, Delete and ConditionCheck actions apply together; the checked item is untouched', async () => {
  await put({ id: { S: 'counter' }, n: { N: '1' } });
  await put({ id: { S: 'doomed' } });
  await put({ id: { S: 'guard' }, open: { BOOL: true } });
  await transact([
    {
      Update: {
        TableName: TABLE,
        Key: { id: { S: 'counter' } },
        UpdateExpression: 'SET n = n + :one',
        ConditionExpression: 'attribute_exists(id)',
        ExpressionAttributeValues: { ':one': { N: '1' } }
      }
    },
    { Delete: { TableName: TABLE, Key: { id: { S: 'doomed' } } } },
    {
      ConditionCheck: {
        TableName: TABLE,
        Key: { id: { S: 'guard' } },
        ConditionExpression: '#open = :yes',
        ExpressionAttributeNames: { '#open': 'open' },
        ExpressionAttributeValues: { ':yes': { BOOL: true } }
      }
    },
    {
      Update: {
        TableName: TABLE,
        Key: { id: { S: 'created' } },
        UpdateExpression: 'SET n = :n',
        ExpressionAttributeValues: { ':n': { N: '7' } }
      }
    }
  ]);
  expect(await read('counter')).toEqual({ id: { S: 'counter' }, n: { N: '2' } });
  expect(await read('doomed')).toBeUndefined();
  expect(await read('guard')).toEqual({ id: { S: 'guard' }, open: { BOOL: true } });
  expect(await read('created')).toEqual({ id: { S: 'created' }, n: { N: '7' } });
});

test('a failed ConditionCheck undoes the Update, Delete and Put before it', async () => {
  await put({ id: { S: 'u-counter' }, n: { N: '1' } });
  await put({ id: { S: 'u-doomed' }, keep: { S: 'me' } });
  const error = await failure(
    transact([
      {
        Update: {
          TableName: TABLE,
          Key: { id: { S: 'u-counter' } },
          UpdateExpression: 'SET n = n + :one',
          ExpressionAttributeValues: { ':one': { N: '1' } }
        }
      },
      { Delete: { TableName: TABLE, Key: { id: { S: 'u-doomed' } } } },
      claim('u-new'),
      {
        ConditionCheck: {
          TableName: TABLE,
          Key: { id: { S: 'u-missing' } },
          ConditionExpression: 'attribute_exists(id)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD'
        }
      }
    ])
  );
  expect((error as unknown as TransactionCanceledException).CancellationReasons).toEqual([
    { Code: 'None' },
    { Code: 'None' },
    { Code: 'None' },
    { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' } // no item to return
  ]);
  expect(await read('u-counter')).toEqual({ id: { S: 'u-counter' }, n: { N: '1' } });
  expect(await read('u-doomed')).toEqual({ id: { S: 'u-doomed' }, keep: { S: 'me' } });
  expect(await read('u-new')).toBeUndefined();
  expect(await read('u-missing')).toBeUndefined();
});

test('an update that fails on the item is its ValidationError reason, and cancels the transaction', async () => {
  await put({ id: { S: 'text' }, n: { S: 'not a number' } });
  const error = await failure(
    transact([
      claim('v-new'),
      {
        Update: {
          TableName: TABLE,
          Key: { id: { S: 'text' } },
          UpdateExpression: 'SET n = n + :one',
          ExpressionAttributeValues: { ':one': { N: '1' } }
        }
      }
    ])
  );
  expect((error as unknown as TransactionCanceledException).CancellationReasons).toEqual([
    { Code: 'None' },
    { Code: 'ValidationError', Message: 'An operand in the update expression has an incorrect data type' }
  ]);
  expect(await read('v-new')).toBeUndefined();
});

test.each([
  [
    'two actions on one item',
    () => [claim('twice'), { Delete: { TableName: TABLE, Key: { id: { S: 'twice' } } } }],
    'Transaction request cannot include multiple operations on one item'
  ],
  [
    'more than 100 actions',
    () => Array.from({ length: 101 }, (_, i) => claim(`many-${i}`)),
    "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100"
  ],
  [
    'no action',
    () => [],
    "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"
  ],
  [
    'an action with two operations',
    () => [{ ...claim('two-ops'), Delete: { TableName: TABLE, Key: { id: { S: 'other' } } } }],
    'TransactItems can only contain one of Check, Put, Update or Delete'
  ],
  [
    'a ConditionCheck without a condition',
    () => [
      claim('cc-1'),
      { ConditionCheck: { TableName: TABLE, Key: { id: { S: 'cc-2' } } } } as unknown as TransactWriteItem
    ],
    "1 validation error detected: Value null at 'transactItems.2.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null"
  ],
  [
    'an invalid condition expression in the last action',
    () => [
      claim('bad-1'),
      claim('bad-2'),
      {
        Put: { TableName: TABLE, Item: { id: { S: 'bad-3' } }, ConditionExpression: 'attribute_not_exists(' }
      }
    ],
    /^Invalid ConditionExpression: Syntax error/
  ],
  [
    'a key of the wrong type',
    () => [claim('type-1'), { Delete: { TableName: TABLE, Key: { id: { N: '1' } } } }],
    'The provided key element does not match the schema'
  ],
  [
    'a Put without the key attribute',
    () => [claim('nokey-1'), { Put: { TableName: TABLE, Item: { other: { S: 'x' } } } }],
    'One or more parameter values were invalid: Missing the key id in the item'
  ]
] as [string, () => TransactWriteItem[], string | RegExp][])(
  'ValidationException for %s, and nothing applied',
  async (_, items, message) => {
    const actions = items();
    const error = await failure(transact(actions));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(message);
    for (const action of actions) {
      const id = action.Put?.Item?.id?.S;
      if (id) expect(await read(id)).toBeUndefined();
    }
  }
);

test('100 actions are allowed', async () => {
  await transact(Array.from({ length: 100 }, (_, i) => claim(`hundred-${i}`)));
  expect(await read('hundred-99')).toBeDefined();
});

test('a missing table: ResourceNotFoundException, nothing applied', async () => {
  const error = await failure(
    transact([claim('rnf'), { Delete: { TableName: 'no-such-table', Key: { id: { S: 'x' } } } }])
  );
  expect(error).toBeInstanceOf(ResourceNotFoundException);
  expect(error.message).toBe('Requested resource not found');
  expect(await read('rnf')).toBeUndefined();
});

test('a composite key: items of one partition are distinct items', async () => {
  await client.send(
    new CreateTableCommand({
      TableName: 'pairs',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' }
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' }
      ],
      BillingMode: 'PAY_PER_REQUEST'
    })
  );
  const pair = (sk: string): TransactWriteItem => ({
    Put: { TableName: 'pairs', Item: { pk: { S: 'p' }, sk: { N: sk } } }
  });
  await transact([pair('1'), pair('2')]);
  const error = await failure(
    transact([
      pair('3'),
      { Delete: { TableName: 'pairs', Key: { sk: { N: '3' }, pk: { S: 'p' } } } } // the same item, keys listed the other way round
    ])
  );
  expect(error.message).toBe('Transaction request cannot include multiple operations on one item');
});

test('ClientRequestToken: the same request again succeeds without applying twice; other parameters are refused', async () => {
  await put({ id: { S: 'token-counter' }, n: { N: '0' } });
  const increment: TransactWriteItem = {
    Update: {
      TableName: TABLE,
      Key: { id: { S: 'token-counter' } },
      UpdateExpression: 'ADD n :one',
      ExpressionAttributeValues: { ':one': { N: '1' } }
    }
  };
  await transact([increment], 'token-1');
  await transact([increment], 'token-1');
  expect((await read('token-counter'))?.n).toEqual({ N: '1' });
  expect(await failure(transact([increment, claim('token-other')], 'token-1'))).toBeInstanceOf(
    IdempotentParameterMismatchException
  );
  await transact([increment], 'token-2');
  expect((await read('token-counter'))?.n).toEqual({ N: '2' });
});

test('an injected fault surfaces as the SDK error, and nothing is applied', async () => {
  dynamoDb.setFaults({ rate: 1, kinds: ['throttling'], match: (r) => r.operation === 'TransactWriteItems' });
  const error = await failure(transact([claim('throttled')]));
  expect(error.name).toBe('ThrottlingException');
  expect(await read('throttled')).toBeUndefined();
});

test('an "after" fault applies the transaction; the SDK retry with the same token is a replay', async () => {
  await put({ id: { S: 'retry-counter' }, n: { N: '0' } });
  let transactions = 0;
  dynamoDb.setFaults({
    rate: 1,
    kinds: ['internal-error'],
    timing: 'after',
    match: (r) => r.operation === 'TransactWriteItems' && transactions++ === 0
  });
  const retrying = createLocalDynamoDbClient(dynamoDb.endpoint, { maxAttempts: 3 });
  await retrying.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Update: {
            TableName: TABLE,
            Key: { id: { S: 'retry-counter' } },
            UpdateExpression: 'ADD n :one',
            ExpressionAttributeValues: { ':one': { N: '1' } }
          }
        }
      ]
    })
  );
  retrying.destroy();
  expect(transactions).toBe(2);
  expect((await read('retry-counter'))?.n).toEqual({ N: '1' });
});

test('a transaction-conflict fault cancels with TransactionConflict on the chosen actions', async () => {
  dynamoDb.setFaults({
    rate: 1,
    kinds: ['transaction-conflict'],
    conflictingActions: [1, 2],
    match: (r) => r.operation !== 'GetItem'
  });
  const error = await failure(transact([claim('conflict-1'), claim('conflict-2'), claim('conflict-3')]));
  expect((error as unknown as TransactionCanceledException).CancellationReasons).toEqual([
    { Code: 'None' },
    { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' },
    { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
  ]);
  expect(await read('conflict-1')).toBeUndefined();
  // On a single-item write the same fault is DynamoDB's TransactionConflictException.
  expect(await failure(put({ id: { S: 'conflict-4' } }))).toBeInstanceOf(TransactionConflictException);
});

test('a transaction-conflict fault marks the first action by default (and for indexes past the end)', async () => {
  dynamoDb.setFaults({ rate: 1, kinds: ['transaction-conflict'], conflictingActions: [5] });
  const error = await failure(transact([claim('default-1'), claim('default-2')]));
  expect((error as unknown as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual([
    'TransactionConflict',
    'None'
  ]);
});

test('the request log has one record per transaction, not its internal requests', async () => {
  const records: DynamoDbRequestRecord[] = [];
  const stop = dynamoDb.onRequest((record) => records.push(record));
  await transact([claim('log-1'), claim('log-2')]);
  await read('log-1');
  stop();
  expect(records.map((r) => [r.operation, r.status])).toEqual([
    ['TransactWriteItems', 200],
    ['GetItem', 200]
  ]);
});

test('a body that is not JSON is a SerializationException', async () => {
  const response = await fetch(dynamoDb.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.TransactWriteItems'
    },
    body: '{'
  });
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({ __type: 'com.amazon.coral.service#SerializationException' });
});

test('isolation: scans running beside a transaction of 100 actions see none or all of it, and none of a cancelled one', async () => {
  await createIdempotencyTable(client, 'isolation');
  const scanWhile = async (running: Promise<unknown>): Promise<Set<number>> => {
    const state = { done: false };
    const finished = running.then(
      () => (state.done = true),
      () => (state.done = true)
    );
    const counts = new Set<number>();
    while (!state.done) {
      const { Count } = await client.send(new ScanCommand({ TableName: 'isolation', Select: 'COUNT' }));
      counts.add(Count!);
    }
    await finished;
    return counts;
  };
  const actions = (prefix: string): TransactWriteItem[] =>
    Array.from({ length: 100 }, (_, i) => ({
      ...claim(`${prefix}-${i}`),
      Put: { ...claim(`${prefix}-${i}`).Put!, TableName: 'isolation' }
    }));
  const cancelledOne = actions('cancel');
  cancelledOne[99] = {
    ConditionCheck: {
      TableName: 'isolation',
      Key: { id: { S: 'none' } },
      ConditionExpression: 'attribute_exists(id)'
    }
  };
  const cancelledCounts = await scanWhile(transact(cancelledOne));
  expect([...cancelledCounts]).toEqual([0]);
  const counts = await scanWhile(transact(actions('iso')));
  expect([...counts].every((count) => count === 0 || count === 100)).toBe(true);
  const { Count } = await client.send(new ScanCommand({ TableName: 'isolation', Select: 'COUNT' }));
  expect(Count).toBe(100);
});

test('all-or-nothing: concurrent transactions and single puts claiming overlapping keys never share a key, and each key ends owned by exactly the one writer that succeeded on it', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          keys: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 }),
          single: fc.boolean()
        }),
        { minLength: 2, maxLength: 6 }
      ),
      async (writers) => {
        const prefix = `race-${run++}-`;
        const id = (key: number): string => `${prefix}${key}`;
        const outcomes = await Promise.allSettled(
          writers.map(({ keys, single }, writer) => {
            const claims = keys.map((key) => claim(id(key), String(writer)));
            if (single && keys.length === 1) {
              const { ReturnValuesOnConditionCheckFailure: _, ...request } = claims[0].Put!;
              return client.send(new PutItemCommand(request));
            }
            return transact(claims);
          })
        );
        const winners = writers.flatMap((_, writer) =>
          outcomes[writer].status === 'fulfilled' ? [writer] : []
        );
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') {
            expect((outcome.reason as Error).name).toMatch(/TransactionCanceled|ConditionalCheckFailed/);
          }
        }
        const owners = new Map<number, number>();
        for (const writer of winners) {
          for (const key of writers[writer].keys) {
            expect(owners.has(key)).toBe(false); // two winners never claimed the same key
            owners.set(key, writer);
          }
        }
        const everyKey = new Set(writers.flatMap((w) => w.keys));
        for (const key of everyKey) {
          const item = await read(id(key));
          if (owners.has(key)) expect(item?.owner).toEqual({ S: String(owners.get(key)) });
          else expect(item).toBeUndefined(); // a cancelled transaction left nothing behind
        }
        // Each loser lost to a winner: some key it wanted is owned.
        for (const [writer, { keys }] of writers.entries()) {
          if (!winners.includes(writer)) expect(keys.some((key) => owners.has(key))).toBe(true);
        }
      }
    ),
    { numRuns: 100 }
  );
});
