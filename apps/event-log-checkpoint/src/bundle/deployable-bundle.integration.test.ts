import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageLambda, unpackZip } from '@reporting/node-rig/profiles/default/scripts/package-lambda';
import {
  invokeBundleInFreshProcess,
  LOCAL_CREDENTIALS,
  nodesToTestBundlesOn,
  uploadWithNotification
} from '@reporting/local-aws';
import { SAMPLE_EVENT } from '@reporting/test-kit';
import {
  ANALYTICS_BUCKET,
  EVENTS_BUCKET,
  EVENT_PREFIX,
  startPipeline,
  type Pipeline
} from '../testing/event-log-pipeline';

const PROJECT_FOLDER = join(__dirname, '..', '..');
const CHECKPOINT = 'checkpoints/dvcid/form/events.parquet';

/**
 * The artefact Terraform deploys: `rush package`'s zip, unpacked into an empty folder and loaded by a
 * fresh Node process the way Lambda loads it. The handler tests run the TypeScript build; only this
 * one runs what is minified, split into chunks and zipped.
 */
describe('the deployable bundle (dist/<app>.zip)', () => {
  let workFolder: string;
  let handlerFile: string;
  let pipeline: Pipeline;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    workFolder = mkdtempSync(join(tmpdir(), 'deployable-bundle-'));
    const packaged = await packageLambda(PROJECT_FOLDER, { outFolder: join(workFolder, 'dist') });
    const unpacked = join(workFolder, 'task');
    unpackZip(packaged.zipPath, unpacked);
    handlerFile = join(unpacked, 'index.mjs');
    pipeline = await startPipeline();
    // The tests invoke the bundle themselves: no notification drives the in-process handler.
    pipeline.stack.s3.putBucketNotificationConfiguration(
      EVENTS_BUCKET,
      { queueConfigurations: [] },
      { sendTestEvent: false }
    );
    env = {
      ...pipeline.stack.environment(),
      SOURCE_BUCKET: EVENTS_BUCKET,
      SOURCE_PREFIX: EVENT_PREFIX,
      CHECKPOINT_BUCKET: ANALYTICS_BUCKET,
      IDEMPOTENCY_TABLE: 'idempotency',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'
    };
  });

  afterAll(async () => {
    await pipeline?.stop();
    rmSync(workFolder, { recursive: true, force: true });
  });

  const upload = (name: string, body: string) =>
    uploadWithNotification(pipeline.s3, EVENTS_BUCKET, `${EVENT_PREFIX}${name}`, body);

  describe.each(nodesToTestBundlesOn())('on $name', ({ node, index: n }) => {
    it('lands a valid file in its checkpoint, read back from parquet', async () => {
      const event = await upload(
        `bundle-valid-${n}.json`,
        JSON.stringify({ ...SAMPLE_EVENT, ptid: `B1-${n}` })
      );
      const result = await invokeBundleInFreshProcess(handlerFile, event, { env, node });
      expect(result.response).toMatchObject({ statusCode: 200 });
      expect(JSON.parse((result.response as { body: string }).body)).toMatchObject({
        processed: 1,
        quarantined: 0,
        failed: 0
      });
      expect((await pipeline.checkpointRows(CHECKPOINT)).map((row) => row.ptid)).toContain(`B1-${n}`);
      // Structured logs of the first invocation carry the Lambda context, cold start included.
      const saved = result.stdout.split('\n').find((line) => line.includes('"checkpoint saved"'));
      expect(JSON.parse(saved!)).toMatchObject({ level: 'INFO', cold_start: true, function_name: 'bundle' });
    });

    it('quarantines an invalid file with its reason', async () => {
      const event = await upload(
        `bundle-invalid-${n}.json`,
        JSON.stringify({ ...SAMPLE_EVENT, ptid: 110160 })
      );
      const result = await invokeBundleInFreshProcess(handlerFile, event, { env, node });
      expect(JSON.parse((result.response as { body: string }).body)).toMatchObject({ quarantined: 1 });
      const record = (await pipeline.quarantine()).find(
        (q) => q.source_key === `${EVENT_PREFIX}bundle-invalid-${n}.json`
      );
      expect(record?.reasons.join('; ')).toContain('ptid: 110160 must be of type string');
    });

    it('loads the credential providers it splits into lazy chunks when they are needed', async () => {
      // Lambda gives credentials in variables; a profile file takes the provider chain to a chunk that is
      // only imported then (so a chunk missing from the zip would fail here, not at load).
      const credentialsFile = join(workFolder, 'credentials');
      writeFileSync(
        credentialsFile,
        `[bundle]\naws_access_key_id = ${LOCAL_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${LOCAL_CREDENTIALS.secretAccessKey}\n`
      );
      const event = await upload(
        `bundle-profile-${n}.json`,
        JSON.stringify({ ...SAMPLE_EVENT, ptid: `B2-${n}` })
      );
      const result = await invokeBundleInFreshProcess(handlerFile, event, {
        node,
        env: {
          ...env,
          AWS_ACCESS_KEY_ID: undefined,
          AWS_SECRET_ACCESS_KEY: undefined,
          AWS_PROFILE: 'bundle',
          AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
          AWS_CONFIG_FILE: join(workFolder, 'no-config')
        }
      });
      expect(result.response).toMatchObject({ statusCode: 200 });
      expect((await pipeline.checkpointRows(CHECKPOINT)).map((row) => row.ptid)).toContain(`B2-${n}`);
    });

    it('names its errors in the log though the code is minified', async () => {
      const event = await upload(`bundle-misconfigured-${n}.json`, JSON.stringify(SAMPLE_EVENT));
      const result = await invokeBundleInFreshProcess(handlerFile, event, {
        node,
        env: { ...env, IDEMPOTENCY_TABLE: undefined }
      });
      expect(result.response).toMatchObject({ statusCode: 400 });
      expect(result.stderr).toContain('ConfigurationError: Invalid configuration: IDEMPOTENCY_TABLE');
    });
  });

  if (!process.env.LAMBDA_NODE_BINARY) {
    it.skip("on Lambda's Node.js: LAMBDA_NODE_BINARY is not set (README's test command fetches it)", () => {});
  }
});
