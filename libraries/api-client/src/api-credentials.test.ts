// loadApiCredentials with Powertools Parameters and the real SSM SDK against the local SSM, then the
// credentials at work against the REDCap stand-in.
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { createLocalSsmClient, LocalSsm, type SsmRequestRecord } from '@reporting/local-aws';
import { type LocalRedcap, startLocalRedcap } from '@reporting/local-redcap';
import { ConfigurationError, TransientError } from '@reporting/utils';

import { loadApiCredentials } from './api-credentials';
import { ApiAuthError } from './api-errors';
import { postForm } from './post-form';
import { PROJECT, reportForm, TOKEN } from './testing/redcap-fixture';

let ssm: LocalSsm;
let client: SSMClient;
let redcap: LocalRedcap;
const requests: SsmRequestRecord[] = [];

const put = (name: string, value: string, type: 'String' | 'SecureString' = 'String'): Promise<unknown> =>
  client.send(new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true }));
const provider = (): SSMProvider => new SSMProvider({ awsSdkV3Client: client });

beforeAll(async () => {
  ssm = await LocalSsm.start();
  client = createLocalSsmClient(ssm.endpoint, { maxAttempts: 1 });
  ssm.onRequest((record) => requests.push(record));
  redcap = await startLocalRedcap({ projects: { visits: PROJECT } });
  await put('/redcap/visits/url', redcap.url);
  await put('/redcap/visits/token', TOKEN, 'SecureString');
});
afterAll(async () => {
  client.destroy();
  await Promise.all([ssm.stop(), redcap.close()]);
});
beforeEach(() => {
  requests.splice(0);
  ssm.setFaults(undefined);
  redcap.reset();
});

test('url and token read under the path, the SecureString decrypted; a trailing slash is the same path', async () => {
  const credentials = await loadApiCredentials('/redcap/visits/', { provider: provider() });
  expect(credentials).toEqual({ url: new URL(redcap.url), token: TOKEN, parameterPath: '/redcap/visits' });
  expect(requests.map((r) => r.operation)).toEqual(['GetParametersByPath']);
});

test('cached for maxAgeSeconds: no second request; forceFetch and expiry read again', async () => {
  const shared = provider();
  await loadApiCredentials('/redcap/visits', { provider: shared, maxAgeSeconds: 1 });
  await loadApiCredentials('/redcap/visits', { provider: shared, maxAgeSeconds: 1 });
  expect(requests).toHaveLength(1);
  await loadApiCredentials('/redcap/visits', { provider: shared, maxAgeSeconds: 1, forceFetch: true });
  expect(requests).toHaveLength(2);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await loadApiCredentials('/redcap/visits', { provider: shared, maxAgeSeconds: 1 });
  expect(requests).toHaveLength(3);
});

test('nothing under the path: a ConfigurationError naming both parameters', async () => {
  const error = await loadApiCredentials('/redcap/none', { provider: provider() }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as ConfigurationError).problems).toEqual([
    'SSM parameter /redcap/none/url is missing',
    'SSM parameter /redcap/none/token is missing'
  ]);
});

test.each([
  [
    'ftp://redcap.example.org/api/',
    ' ',
    ['SSM parameter /bad/p/url must be an http(s) URL, not ftp:', 'SSM parameter /bad/p/token is empty']
  ],
  ['not a url', TOKEN, ['SSM parameter /bad/p/url is not a URL']]
])('url %j and token %j: every problem at once, never the token', async (url, token, problems) => {
  await put('/bad/p/url', url);
  await put('/bad/p/token', token, 'SecureString');
  const error = await loadApiCredentials('/bad/p', { provider: provider() }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as ConfigurationError).problems).toEqual(problems);
  expect((error as Error).message).not.toContain(TOKEN);
});

test('a path without a leading slash is a ConfigurationError before any request', async () => {
  await expect(loadApiCredentials('redcap/visits', { provider: provider() })).rejects.toThrow(
    'Invalid configuration: the API parameter path "redcap/visits" must start with "/"'
  );
  expect(requests).toHaveLength(0);
});

test('SSM failing: a TransientError naming the path', async () => {
  ssm.setFaults({ rate: 1, kinds: ['internal-error'] });
  const error = await loadApiCredentials('/redcap/visits', { provider: provider() }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TransientError);
  expect((error as Error).message).toMatch(/^reading the SSM parameters under \/redcap\/visits failed: /);
});

test('the default provider follows AWS_ENDPOINT_URL_SSM, as in a lambda', async () => {
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SSM: ssm.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local'
  });
  try {
    expect((await loadApiCredentials('/redcap/visits')).token).toBe(TOKEN);
  } finally {
    process.env = saved;
  }
});

test('end to end: a revoked token fails at once with an ApiAuthError naming the parameter path', async () => {
  const credentials = await loadApiCredentials('/redcap/visits', { provider: provider() });
  const ok = await postForm(credentials.url, reportForm(credentials.token), {
    credentialSource: credentials.parameterPath
  });
  ok.body.resume();
  redcap.project('visits').faults.rejectTokens();
  const error = await postForm(credentials.url, reportForm(credentials.token), {
    credentialSource: credentials.parameterPath
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiAuthError);
  expect((error as Error).message).toContain('check the API token in /redcap/visits');
  expect((error as Error).message).not.toContain(TOKEN);
  expect(redcap.requests).toHaveLength(2);
});
