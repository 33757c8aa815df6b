import type { ClientRequestTokens } from './client-request-tokens';
import type { DynaliteCall, DynamoDbAnswer } from './dynalite-call';

/** The most actions one TransactWriteItems may hold (DynamoDB's limit since 2022). */
export const MAX_TRANSACT_ITEMS = 100;

const KINDS = ['Put', 'Update', 'Delete', 'ConditionCheck'] as const;
type ActionKind = (typeof KINDS)[number];

// Members each kind must carry, as DynamoDB's model requires them (TableName for all).
const REQUIRED: Record<ActionKind, string[]> = {
  Put: ['Item'],
  Update: ['Key', 'UpdateExpression'],
  Delete: ['Key'],
  ConditionCheck: ['Key', 'ConditionExpression']
};

// Errors that depend on the item, found while applying an update: in a transaction DynamoDB reports
// them as that action's cancellation reason (Code ValidationError), not as a ValidationException
// (TransactionCanceledException, API reference). These are dynalite's wordings, DynamoDB's own.
const ITEM_DEPENDENT_ERRORS = new Set([
  'Item size to update has exceeded the maximum allowed size',
  'An operand in the update expression has an incorrect data type',
  'The provided expression refers to an attribute that does not exist in the item',
  'The document path provided in the update expression is invalid for update',
  'The update expression attempted to update the secondary index key to unsupported type',
  'Type mismatch for attribute to update'
]);

type AttributeMap = Record<string, unknown>;

interface Action {
  index: number;
  kind: ActionKind;
  params: Record<string, unknown>;
  table: string;
  /** The item's key attributes; undefined when a Put lacks one (dynalite then reports it). */
  key?: AttributeMap;
}

export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: AttributeMap;
}

/** What undoes one applied action: the image before it, or no image (the item did not exist). */
interface Undo {
  table: string;
  key: AttributeMap;
  image?: AttributeMap;
}

type Outcome = { reason: CancellationReason; undo?: Undo } | { failure: DynamoDbAnswer };

export interface TransactWriteContext {
  call: DynaliteCall;
  tokens: ClientRequestTokens;
  /**
   * Set by a 'transaction-conflict' fault: the indexes of the actions reported as TransactionConflict
   * (the transaction is cancelled before anything is applied).
   */
  conflictingActions?: number[];
}

/**
 * DynamoDB's TransactWriteItems on top of dynalite, which has no transactions. The caller holds the
 * server exclusively, so the requests below see no other writer: each action reads its item's image,
 * then runs as the equivalent single-item conditional request (dynalite evaluates the expressions);
 * if any action fails, the applied ones are undone in reverse order from their images.
 */
export async function transactWriteItems(
  request: Record<string, unknown>,
  context: TransactWriteContext
): Promise<DynamoDbAnswer> {
  const parsed = parseActions(request.TransactItems);
  if (!Array.isArray(parsed)) return parsed;
  const keySchemas = new Map<string, string[]>();
  for (const table of new Set(parsed.map((action) => action.table))) {
    const described = await context.call('DescribeTable', { TableName: table });
    if (described.status !== 200) return tableNotFound(described);
    const { KeySchema } = described.body.Table as { KeySchema: { AttributeName: string }[] };
    keySchemas.set(
      table,
      KeySchema.map((element) => element.AttributeName)
    );
  }
  const seen = new Set<string>();
  for (const action of parsed) {
    const keyAttributes = keySchemas.get(action.table)!;
    action.key = keyOf(action, keyAttributes);
    if (!action.key) continue;
    // In key-schema order, so that { pk, sk } and { sk, pk } are one item.
    const identity = JSON.stringify([action.table, keyAttributes.map((name) => action.key![name])]);
    if (seen.has(identity)) {
      return validationError('Transaction request cannot include multiple operations on one item');
    }
    seen.add(identity);
  }

  const token = typeof request.ClientRequestToken === 'string' ? request.ClientRequestToken : undefined;
  const fingerprint = JSON.stringify(request.TransactItems);
  const verdict = token === undefined ? 'new' : context.tokens.check(token, fingerprint);
  if (verdict === 'replay') return { status: 200, body: {} };
  if (verdict === 'mismatch') {
    return error(
      'com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException',
      'The request uses the same client token as a previous, but non-identical request.'
    );
  }

  if (context.conflictingActions) {
    const marked = new Set(context.conflictingActions.filter((index) => index < parsed.length));
    if (marked.size === 0) marked.add(0);
    return cancelled(
      parsed.map((action) =>
        marked.has(action.index)
          ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
          : { Code: 'None' }
      )
    );
  }

  const undos: Undo[] = [];
  const reasons: CancellationReason[] = [];
  for (const action of parsed) {
    const outcome = await runAction(context.call, action);
    if ('failure' in outcome) {
      await rollBack(context.call, undos);
      return outcome.failure;
    }
    if (outcome.undo) undos.push(outcome.undo);
    reasons.push(outcome.reason);
  }
  if (reasons.some((reason) => reason.Code !== 'None')) {
    await rollBack(context.call, undos);
    return cancelled(reasons);
  }
  if (token !== undefined) context.tokens.remember(token, fingerprint);
  return { status: 200, body: {} };
}

/** The actions of a request, or the ValidationException DynamoDB gives for its shape. */
function parseActions(items: unknown): Action[] | DynamoDbAnswer {
  if (!Array.isArray(items)) {
    return validationError(
      "1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null"
    );
  }
  if (items.length < 1 || items.length > MAX_TRANSACT_ITEMS) {
    const bound =
      items.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_TRANSACT_ITEMS}`;
    return validationError(
      `1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length ${bound}`
    );
  }
  const actions: Action[] = [];
  for (const [index, item] of items.entries()) {
    const kinds = KINDS.filter((kind) => isObject(item) && item[kind] !== undefined && item[kind] !== null);
    const kind = kinds[0];
    if (kinds.length !== 1 || !isObject(item) || Object.keys(item).length !== 1 || !isObject(item[kind])) {
      return validationError('TransactItems can only contain one of Check, Put, Update or Delete');
    }
    const params = item[kind];
    for (const member of ['TableName', ...REQUIRED[kind]]) {
      if (params[member] === undefined || params[member] === null) {
        const path = `transactItems.${index + 1}.member.${lowerFirst(kind)}.${lowerFirst(member)}`;
        return validationError(
          `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`
        );
      }
    }
    actions.push({ index, kind, params, table: String(params.TableName) });
  }
  return actions;
}

function keyOf(action: Action, keyAttributes: string[]): AttributeMap | undefined {
  const source = (action.kind === 'Put' ? action.params.Item : action.params.Key) as AttributeMap;
  if (action.kind !== 'Put') return source;
  if (!keyAttributes.every((name) => source[name] !== undefined)) return undefined;
  return Object.fromEntries(keyAttributes.map((name) => [name, source[name]]));
}

async function runAction(call: DynaliteCall, action: Action): Promise<Outcome> {
  const { table, key, params } = action;
  let image: AttributeMap | undefined;
  if (key) {
    const read = await call('GetItem', { TableName: table, Key: key, ConsistentRead: true });
    if (read.status !== 200) return { failure: read };
    image = read.body.Item as AttributeMap | undefined;
  }
  const condition = {
    ConditionExpression: params.ConditionExpression,
    ExpressionAttributeNames: params.ExpressionAttributeNames,
    ExpressionAttributeValues: params.ExpressionAttributeValues
  };
  // A ConditionCheck runs as a conditional DeleteItem whose deletion is undone at once: dynalite has
  // no read with a condition, and a delete of a missing item changes nothing.
  const [operation, single] =
    action.kind === 'Put'
      ? ['PutItem', { TableName: table, Item: params.Item, ...condition }]
      : action.kind === 'Update'
        ? [
            'UpdateItem',
            { TableName: table, Key: key, UpdateExpression: params.UpdateExpression, ...condition }
          ]
        : ['DeleteItem', { TableName: table, Key: key, ...condition }];
  const answer = await call(operation, single);
  if (answer.status === 200) {
    if (!key) throw new Error(`dynalite applied a Put without its key attributes (action ${action.index})`);
    if (action.kind !== 'ConditionCheck') return { reason: { Code: 'None' }, undo: { table, key, image } };
    await rollBack(call, [{ table, key, image }]);
    return { reason: { Code: 'None' } };
  }
  const type = String(answer.body.__type ?? '').split('#')[1];
  const message = String(answer.body.message ?? answer.body.Message ?? '');
  if (type === 'ConditionalCheckFailedException') {
    const returnOld = params.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && image !== undefined;
    return {
      reason: { Code: 'ConditionalCheckFailed', Message: message, ...(returnOld ? { Item: image } : {}) }
    };
  }
  if (type === 'ValidationException' && ITEM_DEPENDENT_ERRORS.has(message)) {
    return { reason: { Code: 'ValidationError', Message: message } };
  }
  return { failure: answer };
}

/** Restores each item to its image (or deletes it if it had none), last applied first. */
async function rollBack(call: DynaliteCall, undos: Undo[]): Promise<void> {
  for (const { table, key, image } of [...undos].reverse()) {
    const answer = image
      ? await call('PutItem', { TableName: table, Item: image })
      : await call('DeleteItem', { TableName: table, Key: key });
    if (answer.status !== 200) {
      throw new Error(`Rolling back a transaction failed on ${table}: ${JSON.stringify(answer.body)}`);
    }
  }
}

// DynamoDB does not name the table in a transaction's answer (dynalite's DescribeTable does).
function tableNotFound(answer: DynamoDbAnswer): DynamoDbAnswer {
  if (!String(answer.body.__type).endsWith('#ResourceNotFoundException')) return answer;
  return { status: 400, body: { __type: answer.body.__type, message: 'Requested resource not found' } };
}

function cancelled(reasons: CancellationReason[]): DynamoDbAnswer {
  const codes = reasons.map((reason) => reason.Code).join(', ');
  return {
    status: 400,
    body: {
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
      CancellationReasons: reasons
    }
  };
}

function validationError(message: string): DynamoDbAnswer {
  return error('com.amazon.coral.validate#ValidationException', message);
}

function error(type: string, message: string): DynamoDbAnswer {
  return { status: 400, body: { __type: type, message } };
}

function isObject(value: unknown): value is Record<string, Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
