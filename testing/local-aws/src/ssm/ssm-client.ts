import { SSMClient, type SSMClientConfig } from '@aws-sdk/client-ssm';

import { DEFAULT_REGION, LOCAL_CREDENTIALS } from '../credentials';
import '../quiet-sdk-node-warning';

/** An SSM client for a local endpoint: dummy credentials, a region. */
export function createLocalSsmClient(endpoint: string, overrides: SSMClientConfig = {}): SSMClient {
  return new SSMClient({ endpoint, region: DEFAULT_REGION, credentials: LOCAL_CREDENTIALS, ...overrides });
}
