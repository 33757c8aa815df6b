import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type ObjectStore, S3ObjectStore } from '@reporting/checkpoint-store';
import { createObservability } from '@reporting/lambda-runtime';
import { type LocalAws, startLocalAws } from '@reporting/local-aws';
import { type LocalRedcap, type RedcapProjectDefinition, startLocalRedcap } from '@reporting/local-redcap';
import { loadApiCredentials } from '@reporting/api-client';

import { loadRedcapConfig, type RedcapLambdaConfig } from '../config';
import { createRedcapHandler, type RedcapHandler } from '../handler';

export const BUCKET = 'redcap-tables';

export interface HarnessReport {
  name: string;
  project: string;
  reportId?: string;
  mode: 'overwrite' | 'append';
}

/**
 * The lambda's handler on real clients against the stand-ins: S3 (SDK → local S3), SSM (Powertools
 * Parameters → local SSM) and REDCap (fetch → local REDCap), with each project's URL and token put
 * under `/redcap/<project>`.
 */
export class RedcapHarness {
  private constructor(
    readonly aws: LocalAws,
    readonly redcap: LocalRedcap,
    readonly s3: S3Client,
    readonly ssm: SSMClient,
    readonly store: S3ObjectStore
  ) {}

  static async start(projects: Record<string, RedcapProjectDefinition>): Promise<RedcapHarness> {
    const aws = await startLocalAws({ dynamoDb: false });
    const redcap = await startLocalRedcap({ projects });
    const s3 = aws.s3Client();
    await aws.s3.createBucket(BUCKET);
    const ssm = aws.ssmClient();
    for (const [name, project] of Object.entries(projects)) {
      await put(ssm, `/redcap/${name}/url`, redcap.url, 'String');
      await put(ssm, `/redcap/${name}/token`, project.tokens[0], 'SecureString');
    }
    return new RedcapHarness(aws, redcap, s3, ssm, new S3ObjectStore(s3, BUCKET));
  }

  static tableKey(report: string): string {
    return `redcap/${report}/${report}.parquet`;
  }

  config(reports: readonly HarnessReport[]): RedcapLambdaConfig {
    return loadRedcapConfig({
      TABLE_BUCKET: BUCKET,
      LOG_LEVEL: 'SILENT',
      REPORTS: JSON.stringify(
        reports.map((report) => ({
          name: report.name,
          parameterPath: `/redcap/${report.project}`,
          ...(report.reportId === undefined ? { allRecords: true } : { reportId: report.reportId }),
          mode: report.mode,
          tableKey: RedcapHarness.tableKey(report.name),
          schedule: 'rate(1 day)'
        }))
      )
    });
  }

  /** The handler with fast retries (no real waits between attempts). */
  handler(
    reports: readonly HarnessReport[],
    options: { now?: () => Date; batchSize?: number; store?: ObjectStore } = {}
  ): RedcapHandler {
    const provider = new SSMProvider({ awsSdkV3Client: this.ssm });
    return createRedcapHandler({
      config: this.config(reports),
      observability: createObservability({ serviceName: 'redcap-report-test', logLevel: 'SILENT' }),
      store: options.store ?? this.store,
      credentials: (path) => loadApiCredentials(path, { provider, maxAgeSeconds: 0 }),
      api: { sleep: () => Promise.resolve(), timeoutMs: 5_000 },
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize })
    });
  }

  /** The handler on this harness's bucket with some store calls replaced (to time a fault or a race). */
  handlerWithStore(
    reports: readonly HarnessReport[],
    override: (store: ObjectStore) => Partial<ObjectStore>,
    now?: () => Date
  ): RedcapHandler {
    const base = this.store;
    const overrides = override(base) as Record<string | symbol, unknown>;
    const store = new Proxy(base, {
      get(target, property) {
        if (property in overrides) return overrides[property];
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
    });
    return this.handler(reports, { store, ...(now === undefined ? {} : { now }) });
  }

  async object(key: string): Promise<{ bytes: Uint8Array; etag: string } | undefined> {
    try {
      const response = await this.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return { bytes: await response.Body!.transformToByteArray(), etag: response.ETag ?? '' };
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.redcap.close();
    await this.aws.stop();
  }
}

function put(ssm: SSMClient, name: string, value: string, type: 'String' | 'SecureString'): Promise<unknown> {
  return ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true }));
}
