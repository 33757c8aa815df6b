import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** What the queue (and its dead-letter queue) holds, as SQS approximates it. */
export interface QueueDepth {
  /** Messages waiting to be received. */
  waiting: number;
  /** Messages received and not yet deleted (being processed, or failed and waiting out the visibility timeout). */
  inFlight: number;
  /** Messages in the dead-letter queue (0 without one). */
  deadLetters: number;
}

/** GetQueueAttributes on the queue and, if given, its dead-letter queue. */
export async function queueDepth(
  sqs: SQSClient,
  queueUrl: string,
  deadLetterUrl?: string
): Promise<QueueDepth> {
  const [queue, dlq] = await Promise.all([
    sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible']
      })
    ),
    deadLetterUrl
      ? sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: deadLetterUrl,
            AttributeNames: ['ApproximateNumberOfMessages']
          })
        )
      : undefined
  ]);
  return {
    waiting: Number(queue.Attributes?.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(queue.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
    deadLetters: Number(dlq?.Attributes?.ApproximateNumberOfMessages ?? 0)
  };
}

/**
 * Polls the queue until it is empty (nothing waiting or in flight) or the signal aborts; reports each
 * reading. SQS's counts are approximate and lag by up to a minute: the queue must read empty
 * `confirmations` times in a row (default 3).
 */
export async function waitForEmptyQueue(
  sqs: SQSClient,
  queueUrl: string,
  options: {
    deadLetterUrl?: string;
    pollMs: number;
    confirmations?: number;
    signal?: AbortSignal;
    onDepth?: (depth: QueueDepth) => void;
  }
): Promise<{ depth: QueueDepth; drained: boolean }> {
  let empties = 0;
  for (;;) {
    const depth = await queueDepth(sqs, queueUrl, options.deadLetterUrl);
    options.onDepth?.(depth);
    empties = depth.waiting + depth.inFlight === 0 ? empties + 1 : 0;
    if (empties >= (options.confirmations ?? 3)) return { depth, drained: true };
    if (options.signal?.aborted) return { depth, drained: false };
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}
