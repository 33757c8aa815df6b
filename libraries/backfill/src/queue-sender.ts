import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { concurrencyLimit } from '@reporting/utils';
import { SEND_BATCH_BYTES } from './replay-notification';

/** SendMessageBatch's limit: entries per call. */
export const SEND_BATCH_ENTRIES = 10;

/** A message body, or a body and the number of objects it carries (what `sent` counts; default 1). */
export type OutgoingMessage = string | { body: string; objects: number };

/** One entry of a SendMessageBatch call and the objects its message carries. */
interface Entry {
  id: string;
  body: string;
  objects: number;
}

export interface SendOptions {
  /** SendMessageBatch calls in flight (default 16). */
  concurrency?: number;
  /** Times an entry SQS failed on its side (SenderFault false) is sent again (default 5). */
  maxRetries?: number;
  /** Called after each call with the number of objects its sent messages carry. */
  onSent?: (sent: number) => void;
}

export interface SendResult {
  /** Objects carried by the messages sent. */
  sent: number;
  /** Entries SQS refused (SenderFault) or failed beyond the retries: `code: message`. */
  failed: { body: string; objects: number; reason: string }[];
}

/**
 * Sends messages to a queue with SendMessageBatch, up to 10 per call and 256 KiB of bodies per call,
 * `concurrency` calls at once. Entries in a response's Failed list are sent again when the fault is
 * SQS's, reported otherwise.
 */
export async function sendMessages(
  sqs: SQSClient,
  queueUrl: string,
  messages: readonly OutgoingMessage[],
  options: SendOptions = {}
): Promise<SendResult> {
  const limit = concurrencyLimit(options.concurrency ?? 16);
  const maxRetries = options.maxRetries ?? 5;
  const result: SendResult = { sent: 0, failed: [] };
  const sendBatch = async (batch: readonly Entry[]): Promise<void> => {
    let entries = batch;
    for (let attempt = 0; entries.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** (attempt - 1)));
      const response = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: entries.map((entry) => ({ Id: entry.id, MessageBody: entry.body }))
        })
      );
      const byId = new Map(entries.map((entry) => [entry.id, entry]));
      let sent = 0;
      for (const success of response.Successful ?? []) sent += byId.get(success.Id!)?.objects ?? 0;
      result.sent += sent;
      options.onSent?.(sent);
      const retry = new Set<string>();
      for (const failure of response.Failed ?? []) {
        const entry = byId.get(failure.Id!);
        if (!failure.SenderFault && attempt < maxRetries) retry.add(failure.Id!);
        else
          result.failed.push({
            body: entry?.body ?? '',
            objects: entry?.objects ?? 0,
            reason: `${failure.Code}: ${failure.Message ?? ''}`
          });
      }
      entries = entries.filter((entry) => retry.has(entry.id));
    }
  };
  const batches: Entry[][] = [];
  let batch: Entry[] = [];
  let bytes = 0;
  for (const message of messages) {
    const body = typeof message === 'string' ? message : message.body;
    const size = Buffer.byteLength(body);
    if (batch.length >= SEND_BATCH_ENTRIES || (batch.length > 0 && bytes + size > SEND_BATCH_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push({
      id: String(batch.length),
      body,
      objects: typeof message === 'string' ? 1 : message.objects
    });
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  await Promise.all(batches.map((entries) => limit(() => sendBatch(entries))));
  return result;
}
