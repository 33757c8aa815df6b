import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { LocalQueue } from '../queue/local-queue';
import { SqsError } from './sqs-error';
import {
  invalidMessageBody,
  isValidBatchEntryId,
  MAX_BATCH_ENTRIES,
  MAX_MESSAGE_BYTES
} from './sqs-validation';

/** The account id in local queue URLs and ARNs. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** What GetQueueAttributes answers about a queue or the dead-letter list of one. */
interface QueueView {
  queue: LocalQueue;
  deadLetters: boolean;
}

const ATTRIBUTE_NAMES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'QueueArn',
  'VisibilityTimeout',
  'RedrivePolicy'
] as const;

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * The SQS API of the local queues over HTTP, in the AWS JSON 1.0 protocol that @aws-sdk/client-sqs
 * speaks (`X-Amz-Target: AmazonSQS.<Operation>`): SendMessage, SendMessageBatch, GetQueueAttributes,
 * GetQueueUrl. A message sent here is delivered like an S3 notification: to the queue's handler, by its
 * event source mapping. Each queue's dead letters answer as a queue of their own (`<name>-dlq`).
 */
export class LocalSqs {
  readonly endpoint: string;
  private readonly _views: Map<string, QueueView> = new Map();

  private constructor(private readonly _server: Server) {
    const address = _server.address() as AddressInfo;
    this.endpoint = `http://${address.address}:${address.port}`;
  }

  static async start(options: { host?: string; port?: number } = {}): Promise<LocalSqs> {
    const holder: { sqs?: LocalSqs } = {};
    const server = createServer((req, res) => {
      holder.sqs!._handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    holder.sqs = new LocalSqs(server);
    return holder.sqs;
  }

  /** Makes a queue (and its dead letters) reachable over the API. */
  register(queue: LocalQueue): void {
    this._views.set(queue.name, { queue, deadLetters: false });
    this._views.set(deadLetterQueueName(queue), { queue, deadLetters: true });
  }

  queueUrl(queue: LocalQueue): string {
    return `${this.endpoint}/${LOCAL_ACCOUNT_ID}/${queue.name}`;
  }

  deadLetterQueueUrl(queue: LocalQueue): string {
    return `${this.endpoint}/${LOCAL_ACCOUNT_ID}/${deadLetterQueueName(queue)}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this._server.close((error?: Error) => (error ? reject(error) : resolve()));
      this._server.closeAllConnections();
    });
  }

  private async _handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    try {
      if (req.method !== 'POST' || !target.startsWith('AmazonSQS.')) {
        throw new SqsError(
          'InvalidAction',
          'only the AWS JSON 1.0 protocol is served (POST with X-Amz-Target: AmazonSQS.<Operation>)',
          'InvalidAction'
        );
      }
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        throw new SqsError('InvalidParameterValue', 'the request body is not JSON', 'InvalidParameterValue');
      }
      send(res, 200, this._operation(target.slice('AmazonSQS.'.length), input));
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      res.setHeader('x-amzn-query-error', `${error.queryCode};Sender`);
      send(res, error.status, { __type: `com.amazonaws.sqs#${error.type}`, message: error.message });
    }
  }

  private _operation(operation: string, input: Record<string, unknown>): unknown {
    switch (operation) {
      case 'SendMessage':
        return this._sendMessage(input);
      case 'SendMessageBatch':
        return this._sendMessageBatch(input);
      case 'GetQueueAttributes':
        return this._getQueueAttributes(input);
      case 'GetQueueUrl': {
        const name = String(input.QueueName ?? '');
        const view = this._views.get(name);
        if (!view) throw nonExistentQueue();
        return {
          QueueUrl: view.deadLetters ? this.deadLetterQueueUrl(view.queue) : this.queueUrl(view.queue)
        };
      }
      default:
        throw new SqsError('InvalidAction', `the local SQS does not implement ${operation}`, 'InvalidAction');
    }
  }

  private _view(input: Record<string, unknown>): QueueView {
    const url = String(input.QueueUrl ?? '');
    const view = this._views.get(url.split('/').pop() ?? '');
    if (!view || !url.includes(`/${LOCAL_ACCOUNT_ID}/`)) throw nonExistentQueue();
    return view;
  }

  private _writableQueue(input: Record<string, unknown>): LocalQueue {
    const view = this._view(input);
    if (view.deadLetters) {
      throw new SqsError(
        'UnsupportedOperation',
        'the local dead-letter queue only answers GetQueueAttributes',
        'AWS.SimpleQueueService.UnsupportedOperation'
      );
    }
    return view.queue;
  }

  private _sendMessage(input: Record<string, unknown>): unknown {
    const queue = this._writableQueue(input);
    const problem = invalidMessageBody(input.MessageBody);
    if (problem) throw new SqsError('InvalidMessageContents', problem, 'InvalidMessageContents');
    const body = input.MessageBody as string;
    const [messageId] = queue.send(body);
    return { MessageId: messageId, MD5OfMessageBody: md5(body) };
  }

  private _sendMessageBatch(input: Record<string, unknown>): unknown {
    const queue = this._writableQueue(input);
    const entries = Array.isArray(input.Entries) ? (input.Entries as Record<string, unknown>[]) : [];
    if (entries.length === 0) {
      throw new SqsError(
        'EmptyBatchRequest',
        'There should be at least one SendMessageBatchRequestEntry in the request.',
        'AWS.SimpleQueueService.EmptyBatchRequest'
      );
    }
    if (entries.length > MAX_BATCH_ENTRIES) {
      throw new SqsError(
        'TooManyEntriesInBatchRequest',
        `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
        'AWS.SimpleQueueService.TooManyEntriesInBatchRequest'
      );
    }
    const ids = entries.map((entry) => entry.Id);
    const badId = ids.find((id) => !isValidBatchEntryId(id));
    if (badId !== undefined) {
      throw new SqsError(
        'InvalidBatchEntryId',
        `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long: ${String(badId)}`,
        'AWS.SimpleQueueService.InvalidBatchEntryId'
      );
    }
    if (new Set(ids).size !== ids.length) {
      throw new SqsError(
        'BatchEntryIdsNotDistinct',
        'Two or more batch entries in the request have the same Id.',
        'AWS.SimpleQueueService.BatchEntryIdsNotDistinct'
      );
    }
    const total = entries.reduce((sum, entry) => sum + Buffer.byteLength(String(entry.MessageBody ?? '')), 0);
    if (total > MAX_MESSAGE_BYTES) {
      throw new SqsError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`,
        'AWS.SimpleQueueService.BatchRequestTooLong'
      );
    }
    const successful: unknown[] = [];
    const failed: unknown[] = [];
    for (const entry of entries) {
      const problem = invalidMessageBody(entry.MessageBody);
      if (problem) {
        failed.push({ Id: entry.Id, SenderFault: true, Code: 'InvalidMessageContents', Message: problem });
        continue;
      }
      const body = entry.MessageBody as string;
      const [messageId] = queue.send(body);
      successful.push({ Id: entry.Id, MessageId: messageId, MD5OfMessageBody: md5(body) });
    }
    return { Successful: successful, Failed: failed };
  }

  private _getQueueAttributes(input: Record<string, unknown>): unknown {
    const { queue, deadLetters } = this._view(input);
    const requested = Array.isArray(input.AttributeNames) ? (input.AttributeNames as string[]) : [];
    const names = requested.includes('All') ? [...ATTRIBUTE_NAMES] : requested;
    const unknown = names.find((name) => !(ATTRIBUTE_NAMES as readonly string[]).includes(name));
    if (unknown !== undefined) {
      throw new SqsError('InvalidAttributeName', `Unknown Attribute ${unknown}.`, 'InvalidAttributeName');
    }
    const arn = deadLetters
      ? `${queue.arn.slice(0, -queue.name.length)}${deadLetterQueueName(queue)}`
      : queue.arn;
    const all: Record<(typeof ATTRIBUTE_NAMES)[number], string | undefined> = {
      ApproximateNumberOfMessages: String(deadLetters ? queue.deadLetters.length : queue.visible),
      ApproximateNumberOfMessagesNotVisible: String(deadLetters ? 0 : queue.depth - queue.visible),
      ApproximateNumberOfMessagesDelayed: '0',
      QueueArn: arn,
      VisibilityTimeout: String(Math.ceil(queue.settings.visibilityTimeoutMs / 1000)),
      RedrivePolicy: deadLetters
        ? undefined
        : JSON.stringify({
            deadLetterTargetArn: `${queue.arn.slice(0, -queue.name.length)}${deadLetterQueueName(queue)}`,
            maxReceiveCount: queue.settings.maxReceiveCount
          })
    };
    const attributes: Record<string, string> = {};
    for (const name of names) {
      const value = all[name as (typeof ATTRIBUTE_NAMES)[number]];
      if (value !== undefined) attributes[name] = value;
    }
    return { Attributes: attributes };
  }
}

/** The name the dead letters of a local queue answer to. */
export function deadLetterQueueName(queue: LocalQueue): string {
  return `${queue.name}-dlq`;
}

function nonExistentQueue(): SqsError {
  return new SqsError(
    'QueueDoesNotExist',
    'The specified queue does not exist.',
    'AWS.SimpleQueueService.NonExistentQueue'
  );
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/x-amz-json-1.0');
  res.setHeader('x-amzn-RequestId', randomUUID());
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
