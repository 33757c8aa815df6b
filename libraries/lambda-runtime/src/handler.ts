import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { classifyTrigger, parseSqsS3Message, type ObjectChange } from './notifications';
import { type Observability } from './observability';
import { summarize } from './summarize';
import { type ChangeProcessor, type ChangeResult } from './outcomes';
import type { ProcessingMetrics } from '@reporting/schemas';
import { TransientError, toErrorResponse, type ErrorResponse } from '@reporting/utils';

/** What the handler needs of a runtime (a `Runtime` of createLambdaRuntime has it all). */
export interface HandlerRuntime {
  observability: Observability;
  idempotency: { registerContext(context: Context): void };
  processor: ChangeProcessor;
}

export interface DirectResponse {
  statusCode: 200 | 207;
  body: string;
}

/** What an invocation answers: a partial batch response for SQS, a status and body otherwise. */
export type LambdaResponse = SQSBatchResponse | DirectResponse | ErrorResponse;

/**
 * Metrics every invocation reports (checkpoint metrics are emitted per commit): failed objects —
 * quarantined ones and those that will be retried — filtered ones, and the invocation's duration.
 */
function recordRunMetrics(runtime: HandlerRuntime, metrics: ProcessingMetrics): void {
  const m = runtime.observability.metrics;
  m.addMetric('EventsFailed', 'Count', metrics.quarantined + metrics.failed);
  m.addMetric('EventsQuarantined', 'Count', metrics.quarantined);
  m.addMetric('EventsRetried', 'Count', metrics.failed);
  m.addMetric('EventsFiltered', 'Count', metrics.filtered);
  m.addMetric('ExecutionTime', 'Milliseconds', metrics.duration_ms);
  m.publishStoredMetrics();
}

/** S3 → SQS → Lambda: partial batch response; only records whose objects failed transiently are retried. */
async function handleSqs(
  runtime: HandlerRuntime,
  event: SQSEvent,
  context: Context
): Promise<SQSBatchResponse> {
  const startedAt = Date.now();
  const { logger } = runtime.observability;
  // Parse every message first: the commit waits until every object of the batch has been read.
  const changesByMessage = new Map<string, ObjectChange[] | Error>();
  for (const record of event.Records) {
    try {
      changesByMessage.set(record.messageId, parseSqsS3Message(record));
    } catch (error) {
      changesByMessage.set(record.messageId, error as Error);
    }
  }
  const all = [...changesByMessage.values()].flatMap((c) => (c instanceof Error ? [] : c));
  const results = runtime.processor.processChanges(all);
  const resultsByChange = results.then((list) => new Map(all.map((change, i) => [change, list[i]])));

  const processor = new BatchProcessor(EventType.SQS);
  // Recorded however the batch ends: when every record failed, processPartialResponse throws (Lambda
  // then retries the whole batch), and the worst batches must not be the ones that publish nothing.
  const report = async (failedMessages: number): Promise<void> => {
    const metrics = summarize(await results, startedAt);
    recordRunMetrics(runtime, metrics);
    logger.info('batch processed', { ...metrics, failedMessages });
  };
  let response: SQSBatchResponse;
  try {
    response = await processPartialResponse(
      event,
      async (record: SQSRecord) => {
        const changes = changesByMessage.get(record.messageId);
        if (changes instanceof Error) {
          // Not an S3 notification: retrying will not help; the DLQ keeps it visible.
          logger.error('SQS message is not an S3 event notification', {
            messageId: record.messageId,
            error: changes
          });
          throw changes;
        }
        const byChange = await resultsByChange;
        const failed = (changes ?? []).map((c) => byChange.get(c)).filter((r) => r?.status === 'failed');
        if (failed.length > 0)
          throw new TransientError(`${failed.length} object(s) of message ${record.messageId} failed`);
      },
      processor,
      { context }
    );
  } catch (error) {
    await report(event.Records.length);
    throw error;
  }
  await report(response.batchItemFailures.length);
  return response;
}

/** Direct S3 notification or EventBridge event: 200 all good, 207 when some objects must be retried. */
async function handleChanges(
  runtime: HandlerRuntime,
  changes: ObjectChange[],
  retryByThrowing: boolean
): Promise<DirectResponse> {
  const startedAt = Date.now();
  const results: ChangeResult[] = await runtime.processor.processChanges(changes);
  const metrics = summarize(results, startedAt);
  recordRunMetrics(runtime, metrics);
  runtime.observability.logger.info('objects processed', { ...metrics });
  if (metrics.failed > 0 && retryByThrowing) {
    // Asynchronous invocations (EventBridge) are retried by Lambda only when the handler fails.
    throw new TransientError(`${metrics.failed} object(s) failed and will be retried`);
  }
  return { statusCode: metrics.failed > 0 ? 207 : 200, body: JSON.stringify(metrics) };
}

function isSqsEvent(event: unknown): boolean {
  const records = (event as { Records?: { eventSource?: string }[] } | null)?.Records;
  return Array.isArray(records) && records.length > 0 && records[0]?.eventSource === 'aws:sqs';
}

/**
 * The lambda entry point for every trigger. `getRuntime` builds clients and validates configuration
 * once per cold start (a ConfigurationError then answers 400 for direct invocations).
 */
export function createHandler(
  getRuntime: () => HandlerRuntime
): (event: unknown, context: Context) => Promise<LambdaResponse> {
  return async (event, context) => {
    let runtime: HandlerRuntime;
    let trigger;
    try {
      runtime = getRuntime();
      trigger = classifyTrigger(event);
    } catch (error) {
      // For SQS, failing the invocation makes every message retry and finally land in the DLQ: nothing lost.
      if (isSqsEvent(event)) throw error;
      console.error(JSON.stringify({ level: 'ERROR', message: 'invocation rejected', error: String(error) }));
      return toErrorResponse(error);
    }
    runtime.idempotency.registerContext(context);
    runtime.observability.logger.addContext(context);
    // ColdStart = 1 on an execution environment's first invocation (Powertools publishes it once).
    runtime.observability.metrics.captureColdStartMetric();
    try {
      switch (trigger.trigger) {
        case 'sqs':
          return await handleSqs(runtime, trigger.event, context);
        case 'eventbridge':
          return await handleChanges(runtime, trigger.changes, true);
        default:
          return await handleChanges(runtime, trigger.changes, false);
      }
    } catch (error) {
      if (trigger.trigger !== 's3') throw error;
      runtime.observability.logger.error('invocation failed', { error: error as Error });
      return toErrorResponse(error);
    }
  };
}
