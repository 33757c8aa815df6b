// postForm against the REDCap stand-in, with Node's fetch, over every fault lever: retried or not,
// how many attempts, which typed error, and that no message carries the token.
import { type LocalRedcap, startLocalRedcap } from '@reporting/local-redcap';
import { parse } from 'csv-parse';
import { createServer } from 'node:net';
import { pipeline, type Readable } from 'node:stream';

import { ApiAuthError, ApiRequestError, ApiTimeoutError, ApiUnavailableError } from './api-errors';
import { postForm, type PostFormOptions } from './post-form';
import { PROJECT, reportForm, TOKEN } from './testing/redcap-fixture';

let redcap: LocalRedcap;
let sleeps: number[];
/** No real waiting between attempts; jitter fixed at half the cap. */
const fast = (): PostFormOptions => ({
  sleep: async (ms) => {
    sleeps.push(ms);
  },
  random: () => 0.5
});

beforeAll(async () => {
  redcap = await startLocalRedcap({ projects: { visits: PROJECT } });
});
afterAll(() => redcap.close());
beforeEach(() => {
  redcap.reset();
  sleeps = [];
});

async function records(body: Readable): Promise<string[][]> {
  const rows: string[][] = [];
  // pipeline, not pipe: the body's error must reach the parser (and so this loop).
  const parser = parse();
  pipeline(body, parser, () => undefined);
  for await (const row of parser) rows.push(row as string[]);
  return rows;
}

const expectNoToken = (error: unknown): void => {
  expect(String((error as Error).message)).not.toContain(TOKEN);
  expect(JSON.stringify(error)).not.toContain(TOKEN);
};

test('a report export arrives as a stream, parsed row by row', async () => {
  const response = await postForm(redcap.url, reportForm(), fast());
  expect(response).toMatchObject({ status: 200, attempts: 1 });
  const rows = await records(response.body);
  expect(rows[0]).toEqual(['record_id', 'seen___1', 'seen___2', 'weight']);
  expect(rows).toHaveLength(201);
  expect(rows[2]).toEqual(['2', '1', '1', '50.1']);
});

test('slow: the first attempt times out, the second answers (one backoff wait in between)', async () => {
  redcap.faults.slow(1_000, 1);
  const response = await postForm(redcap.url, reportForm(), { ...fast(), timeoutMs: 200 });
  expect(response.attempts).toBe(2);
  expect(await records(response.body)).toHaveLength(201);
  expect(sleeps).toEqual([250]);
  expect(redcap.requests.map((r) => r.fault)).toEqual(['slow', undefined]);
});

test('5xx twice then OK: succeeds on attempt 3 after waits of full jitter under a doubling cap', async () => {
  redcap.project('visits').faults.failNext(2, 503);
  const response = await postForm(redcap.url, reportForm(), fast());
  expect(response.attempts).toBe(3);
  await records(response.body);
  expect(sleeps).toEqual([250, 500]);
});

test('5xx on every attempt: ApiUnavailableError after maxAttempts, with REDCap’s message, without the token', async () => {
  redcap.faults.failNext(100);
  const error = await postForm(redcap.url, reportForm(), { ...fast(), retry: { maxAttempts: 3 } }).catch(
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(ApiUnavailableError);
  expect(error).not.toBeInstanceOf(ApiTimeoutError);
  expect(error).toMatchObject({ attempts: 3, status: 500, retryable: true });
  expect((error as Error).message).toMatch(
    /^POST http:\/\/127\.0\.0\.1:\d+\/api\/ \(token=\[redacted\], content=report, report_id=42, .*\) failed with 500 after 3 attempts: The server encountered an error processing your request\.$/
  );
  expectNoToken(error);
  expect(redcap.requests).toHaveLength(3);
});

test('timeouts on every attempt: ApiTimeoutError (an ApiUnavailableError)', async () => {
  redcap.faults.slow(2_000);
  const error = await postForm(redcap.url, reportForm(), {
    ...fast(),
    timeoutMs: 100,
    retry: { maxAttempts: 2 }
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiTimeoutError);
  expect(error).toBeInstanceOf(ApiUnavailableError);
  expect(error).toMatchObject({ name: 'ApiTimeoutError', attempts: 2 });
  expectNoToken(error);
});

test('bad token: ApiAuthError at once (no retry), naming where the token comes from, never the token', async () => {
  redcap.project('visits').faults.rejectTokens();
  const error = await postForm(redcap.url, reportForm(), {
    ...fast(),
    credentialSource: '/redcap/visits'
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiAuthError);
  expect(error).toMatchObject({ status: 403, credentialSource: '/redcap/visits', retryable: false });
  expect((error as Error).message).toContain('refused with 403 (You do not have permissions to use the API)');
  expect((error as Error).message).toContain('check the API token in /redcap/visits');
  expectNoToken(error);
  expect(redcap.requests).toHaveLength(1);
  expect(sleeps).toEqual([]);
});

test('REDCap answers a report id of another project with 403 too: an ApiAuthError whose message says so', async () => {
  const error = await postForm(redcap.url, reportForm(TOKEN, '99'), fast()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiAuthError);
  expect((error as Error).message).toContain('report_id=99 does not belong to this project');
});

test('truncated body: the stream errors (never a silently short body), saying how much arrived', async () => {
  redcap.faults.truncateNext();
  const response = await postForm(redcap.url, reportForm(), fast());
  const error = await records(response.body).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiUnavailableError);
  expect((error as Error).message).toMatch(/^the answer to POST .* broke off after \d+ bytes: /);
  expectNoToken(error);
});

test('another 4xx: ApiRequestError with REDCap’s message, not retried', async () => {
  const error = await postForm(redcap.url, { ...reportForm(), content: 'everything' }, fast()).catch(
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(ApiRequestError);
  expect(error).toMatchObject({ status: 400 });
  expect((error as Error).message).toContain('The value of the parameter "content" is not valid');
  expect(redcap.requests).toHaveLength(1);
});

test('nothing listening: retried, then ApiUnavailableError naming the system error', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  const error = await postForm(`http://127.0.0.1:${port}/api/`, reportForm(), {
    ...fast(),
    retry: { maxAttempts: 2 }
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiUnavailableError);
  expect(error).toMatchObject({ attempts: 2, status: undefined });
  expect((error as Error).message).toMatch(
    /could not be sent after 2 attempts: fetch failed: .*\(ECONNREFUSED\)/
  );
  expect(sleeps).toEqual([250]);
});

test('the total time is bounded: no retry starts past maxElapsedMs, whatever maxAttempts allows', async () => {
  redcap.faults.failNext(100);
  let clock = 0;
  const error = await postForm(redcap.url, reportForm(), {
    retry: { maxAttempts: 50, baseDelayMs: 1_000, maxDelayMs: 10_000, maxElapsedMs: 20_000 },
    random: () => 0.99,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    }
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiUnavailableError);
  // Waits of 990, 1980, 3960, 7920 (sum 14 850); the next (9900) would end past 20 s.
  expect(sleeps).toEqual([990, 1980, 3960, 7920]);
  expect((error as ApiUnavailableError).attempts).toBe(5);
});

test('the caller’s own abort is not retried', async () => {
  redcap.faults.slow(2_000);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  await expect(postForm(redcap.url, reportForm(), { ...fast(), signal: controller.signal })).rejects.toThrow(
    /abort/i
  );
  expect(sleeps).toEqual([]);
});

test('a non-JSON error body gives its first words; an empty one the status text', async () => {
  const error = await postForm(
    redcap.url,
    { ...reportForm(), content: 'everything', returnFormat: 'csv' },
    fast()
  ).catch((e: unknown) => e);
  expect((error as Error).message).toContain('ERROR: The value of the parameter "content" is not valid');
});
