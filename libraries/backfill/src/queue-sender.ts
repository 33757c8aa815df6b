import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { concurrencyLimit } from '@reporting/utils';

/** SendMessageBatch's limit: entries per call. */
export const SEND_BATCH_ENTRIES = 10;

export interface SendOptions {
  /** SendMessageBatch calls in flight (default 16). */
  concurrency?: number;
  /** Times an entry SQS failed on its side (SenderFault false) is sent again (default 5). */
  maxRetries?: number;
  /** Called after each call with the number of messages it sent. */
  onSent?: (sent: number) => void;
}

export interface SendResult {
  sent: number;
  /** Entries SQS refused (SenderFault) or failed beyond the retries: `code: message`. */
  failed: { body: string; reason: string }[];
}

/**
 * Sends message bodies to a queue with SendMessageBatch, 10 per call, `concurrency` calls at once.
 * Entries in a response's Failed list are sent again when the fault is SQS's, reported otherwise.
 */
export async function sendMessages(
  sqs: SQSClient,
  queueUrl: string,
  bodies: readonly string[],
  options: SendOptions = {}
): Promise<SendResult> {
  const limit = concurrencyLimit(options.concurrency ?? 16);
  const maxRetries = options.maxRetries ?? 5;
  const result: SendResult = { sent: 0, failed: [] };
  const sendBatch = async (batch: readonly string[]): Promise<void> => {
    let entries = batch.map((body, i) => ({ Id: String(i), MessageBody: body }));
    for (let attempt = 0; entries.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** (attempt - 1)));
      const response = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      const sent = response.Successful?.length ?? 0;
      result.sent += sent;
      options.onSent?.(sent);
      const retry = new Set<string>();
      for (const failure of response.Failed ?? []) {
        const body = entries.find((entry) => entry.Id === failure.Id)?.MessageBody ?? '';
        if (!failure.SenderFault && attempt < maxRetries) retry.add(failure.Id!);
        else result.failed.push({ body, reason: `${failure.Code}: ${failure.Message ?? ''}` });
      }
      entries = entries.filter((entry) => retry.has(entry.Id));
    }
  };
  const batches: string[][] = [];
  for (let i = 0; i < bodies.length; i += SEND_BATCH_ENTRIES)
    batches.push(bodies.slice(i, i + SEND_BATCH_ENTRIES));
  await Promise.all(batches.map((batch) => limit(() => sendBatch(batch))));
  return result;
}
