// The local SSM with the clients a lambda uses: @aws-sdk/client-ssm and Powertools Parameters
// (SSMProvider: GetParametersByPath pages, decryption, its cache), plus the fault injector.
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import {
  GetParameterCommand,
  GetParametersByPathCommand,
  PutParameterCommand,
  type SSMClient
} from '@aws-sdk/client-ssm';

import { LocalAws } from '../local-aws';
import type { SsmRequestRecord } from './local-ssm';

let stack: LocalAws;
let ssm: SSMClient;
const requests: SsmRequestRecord[] = [];

beforeAll(async () => {
  stack = await LocalAws.start({ dynamoDb: false });
  ssm = stack.ssmClient({ maxAttempts: 1 });
  stack.ssm.onRequest((record) => requests.push(record));
  await ssm.send(
    new PutParameterCommand({
      Name: '/redcap/visits/url',
      Value: 'https://redcap.example.org/api/',
      Type: 'String'
    })
  );
  await ssm.send(
    new PutParameterCommand({ Name: '/redcap/visits/token', Value: 'SECRET0123456789', Type: 'SecureString' })
  );
  await ssm.send(
    new PutParameterCommand({ Name: '/redcap/visits/extra/deep', Value: 'deep', Type: 'String' })
  );
  for (let i = 0; i < 12; i++) {
    await ssm.send(
      new PutParameterCommand({ Name: `/many/p${String(i).padStart(2, '0')}`, Value: `${i}`, Type: 'String' })
    );
  }
});
afterAll(() => stack.stop());
afterEach(() => {
  stack.ssm.setFaults(undefined);
  requests.splice(0);
});

describe('Powertools Parameters (SSMProvider) against the local SSM', () => {
  test('getMultiple with decrypt: the values under the path, keyed by their name below it', async () => {
    const provider = new SSMProvider({ awsSdkV3Client: ssm });
    expect(await provider.getMultiple('/redcap/visits', { decrypt: true })).toEqual({
      url: 'https://redcap.example.org/api/',
      token: 'SECRET0123456789'
    });
    expect(
      await provider.getMultiple('/redcap/visits', { decrypt: true, recursive: true, forceFetch: true })
    ).toEqual({
      url: 'https://redcap.example.org/api/',
      token: 'SECRET0123456789',
      'extra/deep': 'deep'
    });
  });

  test('without decrypt a SecureString arrives as opaque ciphertext, never the value', async () => {
    const provider = new SSMProvider({ awsSdkV3Client: ssm });
    const values = (await provider.getMultiple('/redcap/visits')) as Record<string, string>;
    expect(values.token).not.toContain('SECRET0123456789');
    expect(Buffer.from(values.token, 'base64').length).toBeGreaterThan('SECRET0123456789'.length);
  });

  test('cached: a second read within maxAge makes no request; forceFetch does', async () => {
    const provider = new SSMProvider({ awsSdkV3Client: ssm });
    await provider.getMultiple('/redcap/visits', { decrypt: true, maxAge: 60 });
    await provider.getMultiple('/redcap/visits', { decrypt: true, maxAge: 60 });
    expect(requests.map((r) => r.operation)).toEqual(['GetParametersByPath']);
    await provider.getMultiple('/redcap/visits', { decrypt: true, maxAge: 60, forceFetch: true });
    expect(requests).toHaveLength(2);
  });

  test('more than a page (MaxResults ≤ 10): Powertools follows NextToken', async () => {
    const provider = new SSMProvider({ awsSdkV3Client: ssm });
    const values = await provider.getMultiple('/many');
    expect(Object.keys(values!).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, '0')}`)
    );
    expect(requests.map((r) => r.operation)).toEqual(['GetParametersByPath', 'GetParametersByPath']);
  });

  test('get with decrypt reads one SecureString', async () => {
    const provider = new SSMProvider({ awsSdkV3Client: ssm });
    expect(await provider.get('/redcap/visits/token', { decrypt: true })).toBe('SECRET0123456789');
  });
});

describe('faults', () => {
  test.each([
    ['throttling', 'ThrottlingException', 400],
    ['internal-error', 'InternalServerError', 500]
  ] as const)('a %s fault answers %s with status %d', async (kind, name, status) => {
    stack.ssm.setFaults({ rate: 1, kinds: [kind] });
    const error = await ssm
      .send(new GetParameterCommand({ Name: '/redcap/visits/url' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name, $metadata: { httpStatusCode: status } });
    expect(requests[0]).toMatchObject({ operation: 'GetParameter', name: '/redcap/visits/url', fault: kind });
  });

  test('a plan matching one path: other calls pass; the SDK’s retries get through a partial fault rate', async () => {
    stack.ssm.setFaults({ rate: 1, kinds: ['connection-reset'], match: (c) => c.key === '/many' });
    await expect(ssm.send(new GetParametersByPathCommand({ Path: '/many' }))).rejects.toThrow();
    expect((await ssm.send(new GetParameterCommand({ Name: '/redcap/visits/url' }))).Parameter?.Value).toBe(
      'https://redcap.example.org/api/'
    );
    stack.ssm.setFaults({ rate: 0.5, kinds: ['internal-error'], seed: 7 });
    const retrying = stack.ssmClient({ maxAttempts: 10 });
    for (let i = 0; i < 5; i++) {
      expect(
        (await retrying.send(new GetParameterCommand({ Name: '/redcap/visits/url' }))).Parameter?.Version
      ).toBe(1);
    }
    expect(stack.ssm.faults.injected['internal-error']).toBeGreaterThan(0);
  });
});

describe('the wire', () => {
  const call = (target: string | undefined, body: string, method: string = 'POST'): Promise<Response> =>
    fetch(stack.ssm.endpoint, {
      method,
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        ...(target ? { 'X-Amz-Target': target } : {})
      },
      body: method === 'GET' ? undefined : body
    });

  test('AWS JSON 1.1: the answer’s content type, __type and message on errors', async () => {
    const ok = await call('AmazonSSM.GetParameter', JSON.stringify({ Name: '/redcap/visits/url' }));
    expect(ok.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const missing = await call('AmazonSSM.GetParameter', JSON.stringify({ Name: '/nope' }));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      __type: 'ParameterNotFound',
      message: 'Parameter /nope not found.'
    });
  });

  test('not JSON, an unknown operation, no target: refused with a typed error', async () => {
    expect(await (await call('AmazonSSM.GetParameter', '{')).json()).toMatchObject({
      __type: 'SerializationException'
    });
    expect(await (await call('AmazonSSM.LabelParameterVersion', '{}')).json()).toMatchObject({
      __type: 'UnknownOperationException'
    });
    expect(await (await call(undefined, '{}')).json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
