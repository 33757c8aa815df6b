import fc from 'fast-check';

import { KeyedReadWriteLock } from './keyed-read-write-lock';

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('readers share a key; a writer waits for them and then holds it alone', async () => {
  const lock = new KeyedReadWriteLock();
  const events: string[] = [];
  const r1 = await lock.acquireShared('k');
  const r2 = await lock.acquireShared('k');
  const writer = lock.acquireExclusive('k').then((release) => {
    events.push('writer');
    return release;
  });
  const lateReader = lock.acquireShared('k').then((release) => {
    events.push('late reader');
    return release;
  });
  await tick();
  expect(events).toEqual([]);
  r1();
  r2();
  const releaseWriter = await writer;
  await tick();
  expect(events).toEqual(['writer']); // the late reader queued behind the writer (no starvation)
  releaseWriter();
  (await lateReader)();
  expect(lock.activeNames).toEqual([]);
});

test('different keys do not block each other, and releasing twice is harmless', async () => {
  const lock = new KeyedReadWriteLock();
  const a = await lock.acquireExclusive('a');
  const b = await lock.acquireExclusive('b');
  a();
  a();
  b();
  expect(lock.activeNames).toEqual([]);
});

test('mutual exclusion: exclusive holders of one key never overlap, whatever the interleaving', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ exclusive: fc.boolean(), hold: fc.nat(3) }), { maxLength: 20 }),
      async (ops) => {
        const lock = new KeyedReadWriteLock();
        let writers = 0;
        let readers = 0;
        const violations: string[] = [];
        await Promise.all(
          ops.map(async (op) => {
            const release = op.exclusive ? await lock.acquireExclusive('k') : await lock.acquireShared('k');
            if (op.exclusive) writers++;
            else readers++;
            if (writers > 1 || (writers === 1 && readers > 0)) violations.push('overlap');
            for (let i = 0; i < op.hold; i++) await tick();
            if (op.exclusive) writers--;
            else readers--;
            release();
          })
        );
        expect(violations).toEqual([]);
        expect(lock.activeNames).toEqual([]);
      }
    ),
    { numRuns: 100 }
  );
});

test('acquireMany takes locks in one order, so crossing requests do not deadlock', async () => {
  const lock = new KeyedReadWriteLock();
  const finished: string[] = [];
  const run = async (name: string, first: string, second: string): Promise<void> => {
    const release = await lock.acquireMany([
      { name: first, exclusive: true },
      { name: second, exclusive: true }
    ]);
    await tick();
    finished.push(name);
    release();
  };
  await Promise.all([run('one', 'x', 'y'), run('two', 'y', 'x')]);
  expect(finished.sort()).toEqual(['one', 'two']);
  expect(lock.activeNames).toEqual([]);
});
