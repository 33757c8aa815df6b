import '../quiet-sdk-node-warning';
import { SSMClient } from '@aws-sdk/client-ssm';

import { motoServerUnavailable, type MotoServer, startMotoServer } from '../test/moto-server';
import { defineSsmConformanceCases } from './test/ssm-conformance-cases';

// The same SSM cases against moto's server when `moto_server` can run here (skipped, with a printed
// warning, otherwise): a second implementation keeps the local SSM honest.
const unavailable = motoServerUnavailable();
if (unavailable) {
  console.warn(`moto-ssm-conformance.test: SKIPPED, ${unavailable} (pip install "moto[server]" to run it)`);
}

(unavailable ? describe.skip : describe)('the SSM conformance cases against moto_server', () => {
  let moto: MotoServer | undefined;
  let client: SSMClient | undefined;
  beforeAll(async () => {
    moto = await startMotoServer();
    client = new SSMClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'moto', secretAccessKey: 'moto' }
    });
  }, 60_000);
  afterAll(async () => {
    client?.destroy();
    await moto?.stop();
  });

  defineSsmConformanceCases(() => client!);
});
