import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { CheckpointTable, S3ObjectStore } from '@reporting/checkpoint-store';
import {
  createIdempotencyTable,
  invokeBundleInFreshProcess,
  nodesToTestBundlesOn,
  startLocalAws,
  uploadWithNotification,
  type LocalAws
} from '@reporting/local-aws';
import { packageLambda, unpackZip } from '@reporting/node-rig/profiles/default/scripts/package-lambda';
import { defaultKeyTemplate } from '@reporting/lambda-runtime';
import { VISIT_EVENT_EXAMPLE } from '@reporting/schemas';
import { templateLambda } from './lambda';
import { checkpointOf } from './testing/example-checkpoint';

const INPUT = 'input';
const ANALYTICS = 'analytics';
const PREFIX = 'prod/';

/**
 * The artefact Terraform deploys (`rush package`'s zip), unpacked into an empty folder and loaded by
 * a fresh Node process the way Lambda loads it: minified, split into chunks and zipped, which the
 * other tests (on the TypeScript build) never run.
 */
describe('the deployable bundle (dist/<app>.zip)', () => {
  let folder: string;
  let handlerFile: string;
  let stack: LocalAws;
  let s3: S3Client;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'deployable-bundle-'));
    const packaged = await packageLambda(join(__dirname, '..'), { outFolder: join(folder, 'dist') });
    unpackZip(packaged.zipPath, join(folder, 'task'));
    handlerFile = join(folder, 'task', 'index.mjs');
    stack = await startLocalAws({ s3: { buckets: [INPUT, ANALYTICS] } });
    s3 = stack.s3Client();
    await createIdempotencyTable(stack.dynamoDbClient(), 'idempotency');
    env = {
      ...stack.environment(),
      SOURCE_BUCKET: INPUT,
      SOURCE_PREFIX: PREFIX,
      CHECKPOINT_BUCKET: ANALYTICS,
      IDEMPOTENCY_TABLE: 'idempotency',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'
    };
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const invoke = async (
    name: string,
    record: object | string,
    node: string,
    overrides: NodeJS.ProcessEnv = {}
  ) => {
    const body = typeof record === 'string' ? record : JSON.stringify(record);
    const event = await uploadWithNotification(s3, INPUT, `${PREFIX}${name}`, body);
    return invokeBundleInFreshProcess(handlerFile, event, { node, env: { ...env, ...overrides } });
  };

  describe.each(nodesToTestBundlesOn())('on $name', ({ node, index: n }) => {
    it('appends a valid file and quarantines an invalid one with its reason', async () => {
      const valid = await invoke(`valid-${n}.json`, VISIT_EVENT_EXAMPLE, node);
      expect(valid.response).toMatchObject({ statusCode: 200 });
      const truncated = JSON.stringify(VISIT_EVENT_EXAMPLE).slice(0, 20);
      const invalid = await invoke(`invalid-${n}.json`, truncated, node);
      expect(JSON.parse((invalid.response as { body: string }).body)).toMatchObject({ quarantined: 1 });

      // No CHECKPOINT_KEY_TEMPLATE: the default over the table's key placeholders.
      const checkpoint = checkpointOf(
        defaultKeyTemplate(templateLambda.table.keyPlaceholders),
        templateLambda.table,
        VISIT_EVENT_EXAMPLE
      );
      const rows = await CheckpointTable.of(templateLambda.table).readRows(
        new S3ObjectStore(s3, ANALYTICS),
        checkpoint
      );
      expect(rows.map((r) => r.source_key)).toContain(`s3://${INPUT}/${PREFIX}valid-${n}.json`);
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: ANALYTICS, Prefix: 'errors/' }));
      const records = await Promise.all(
        (listed.Contents ?? []).map(async ({ Key }) =>
          (await s3.send(new GetObjectCommand({ Bucket: ANALYTICS, Key }))).Body!.transformToString()
        )
      );
      expect(records.join('\n')).toContain(`${PREFIX}invalid-${n}.json`);
    });

    it('names its errors in the log though the code is minified', async () => {
      const result = await invoke(`misconfigured-${n}.json`, VISIT_EVENT_EXAMPLE, node, {
        IDEMPOTENCY_TABLE: undefined
      });
      expect(result.response).toMatchObject({ statusCode: 400 });
      expect(result.stderr).toContain('ConfigurationError: Invalid configuration: IDEMPOTENCY_TABLE');
    });
  });

  if (!process.env.LAMBDA_NODE_BINARY) {
    it.skip("on Lambda's Node.js: LAMBDA_NODE_BINARY is not set (README's test command fetches it)", () => {});
  }
});
