import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('commits once per group after every object arrived', async () => {
    const commits: [string, number[]][] = [];
    const group = new GroupCommit<number, string>(3, async (key, entries) => {
      commits.push([key, entries]);
      return `done ${key}`;
    });
    const a = group.submit('o1', 'k1', 1);
    const b = group.submit('o2', 'k1', 2);
    expect(commits).toEqual([]);
    group.arrive('o3');
    await expect(Promise.all([a, b])).resolves.toEqual(['done k1', 'done k1']);
    expect(commits).toEqual([['k1', [1, 2]]]);
  });

  it('isolates failures per group', async () => {
    const group = new GroupCommit<number, string>(2, async (key) => {
      if (key === 'bad') throw new Error('conflict');
      return 'ok';
    });
    const good = group.submit('o1', 'good', 1);
    const bad = group.submit('o2', 'bad', 2);
    await expect(good).resolves.toBe('ok');
    await expect(bad).rejects.toThrow('conflict');
  });

  it('ignores repeated arrivals and rejects late submissions', async () => {
    const group = new GroupCommit<number, string>(2, async () => 'ok');
    group.arrive('o1');
    group.arrive('o1');
    const p = group.submit('o2', 'k', 1);
    await expect(p).resolves.toBe('ok');
    await expect(group.submit('o3', 'k', 1)).rejects.toThrow('submitted after the commit started');
  });
});
