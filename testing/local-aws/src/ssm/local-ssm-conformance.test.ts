import type { SSMClient } from '@aws-sdk/client-ssm';

import { LocalSsm } from './local-ssm';
import { createLocalSsmClient } from './ssm-client';
import { defineSsmConformanceCases } from './test/ssm-conformance-cases';

// The SSM conformance cases against the local SSM (moto-ssm-conformance.test.ts runs them against moto).
let ssm: LocalSsm;
let client: SSMClient;
beforeAll(async () => {
  ssm = await LocalSsm.start();
  client = createLocalSsmClient(ssm.endpoint);
});
afterAll(async () => {
  client.destroy();
  await ssm.stop();
});

describe('the SSM conformance cases against the local SSM', () => {
  defineSsmConformanceCases(() => client);
});
