import { loadApiCredentials, type LoadApiCredentialsOptions } from '@reporting/api-client';
import { S3ObjectStore } from '@reporting/checkpoint-store';
import { createObservability, createS3Client } from '@reporting/lambda-runtime';

import { loadRedcapConfig } from './config';
import { createRedcapHandler, type RedcapHandler } from './handler';
import type { ExportDependencies } from './export-report';

export interface RuntimeOptions {
  /** Default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** e.g. an SSMProvider with its own client (tests); default one per process. */
  readonly credentials?: LoadApiCredentialsOptions;
  readonly api?: ExportDependencies['api'];
}

/**
 * The handler with its real clients, built from the environment (cold start): S3 through the SDK
 * (AWS_ENDPOINT_URL_S3 honoured), SSM through Powertools Parameters, REDCap through fetch. A bad
 * environment throws ConfigurationError listing every problem.
 */
export function createRuntimeHandler(options: RuntimeOptions = {}): RedcapHandler {
  const config = loadRedcapConfig(options.env ?? process.env);
  const observability = createObservability({
    serviceName: config.serviceName,
    namespace: config.metricsNamespace,
    logLevel: config.logLevel
  });
  return createRedcapHandler({
    config,
    observability,
    store: new S3ObjectStore(createS3Client(), config.tableBucket),
    credentials: (path) => loadApiCredentials(path, options.credentials),
    ...(options.api === undefined ? {} : { api: options.api })
  });
}
