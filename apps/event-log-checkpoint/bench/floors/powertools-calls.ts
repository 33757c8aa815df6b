import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, S3Event, SQSEvent } from 'aws-lambda';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
// The module, not the package: the package's index also loads Powertools and the X-Ray SDK.
import { createS3Client } from '@reporting/lambda-runtime/s3-client';
import { objectOf, readAndWrite, type ObjectRef } from './first-event-calls';

type Capture = <T extends object>(client: T) => T;

/**
 * Floors 2 and 3: the same calls with Powertools as the lambda uses it — Logger, Metrics, the
 * idempotency utility on DynamoDB, the batch utility loaded — with or without the Tracer capturing the
 * clients (`capture`; the entry files decide, so that the X-Ray SDK is bundled only with the Tracer).
 */
export function powertoolsHandler(
  capture: Capture = (client) => client
): (event: S3Event, context: Context) => Promise<{ statusCode: number }> {
  const logger = new Logger();
  const metrics = new Metrics({ namespace: 'Floors' });
  const s3 = capture(createS3Client());
  const config = new IdempotencyConfig({});
  const processObject = makeIdempotent(
    (ref: ObjectRef) => readAndWrite(s3, ref).then(() => ({ done: true })),
    {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: process.env.IDEMPOTENCY_TABLE!,
        awsSdkV3Client: capture(new DynamoDBClient({}))
      }),
      config
    }
  );
  return async (event, context) => {
    config.registerLambdaContext(context);
    logger.addContext(context);
    if ((event.Records[0] as { eventSource?: string }).eventSource === 'aws:sqs') {
      // As in the lambda, SQS batches go through the batch utility (the benchmark sends none).
      const sqs = event as unknown as SQSEvent;
      const response = await processPartialResponse(
        sqs,
        async () => undefined,
        new BatchProcessor(EventType.SQS)
      );
      return { statusCode: response.batchItemFailures.length === 0 ? 200 : 207 };
    }
    await processObject(objectOf(event));
    metrics.addMetric('EventsFailed', 'Count', 0);
    metrics.publishStoredMetrics();
    logger.info('done');
    return { statusCode: 200 };
  };
}
