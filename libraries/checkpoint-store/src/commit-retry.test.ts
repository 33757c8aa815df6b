import { commitWithRetry } from './commit-retry';
import { CommitConflictError } from './errors';
import { PreconditionFailedError } from './store/object-store';

describe('commitWithRetry', () => {
  test('retries lost races with jittered, capped exponential backoff until the attempt commits', async () => {
    const delays: number[] = [];
    const result = await commitWithRetry(
      'test',
      async (attempt) => {
        if (attempt < 5) throw new PreconditionFailedError('lost');
        return attempt;
      },
      {
        sleep: async (ms) => {
          delays.push(ms);
        },
        random: () => 0.5,
        baseDelayMs: 10,
        maxDelayMs: 50
      }
    );
    expect(result).toBe(5);
    expect(delays).toEqual([5, 10, 20, 25]);
  });

  test('gives up after maxAttempts with a CommitConflictError that says nothing was written', async () => {
    let attempts = 0;
    await expect(
      commitWithRetry(
        'append to k',
        async () => {
          attempts++;
          throw new PreconditionFailedError('lost');
        },
        { maxAttempts: 3, sleep: async () => undefined }
      )
    ).rejects.toThrow(
      new CommitConflictError(
        'append to k: gave up after 3 attempts, each overtaken by a concurrent writer; nothing was written by this call'
      )
    );
    expect(attempts).toBe(3);
  });

  test('any other error propagates at once', async () => {
    let attempts = 0;
    await expect(
      commitWithRetry('x', async () => {
        attempts++;
        throw new Error('boom');
      })
    ).rejects.toThrow('boom');
    expect(attempts).toBe(1);
  });
});
