import { coalesceProgress } from './coalesceProgress';

describe('coalesceProgress', () => {
  it('answers the calls of one turn with one read of all their keys', async () => {
    const read = jest.fn(
      async (keys: ReadonlyArray<{ sloId: string; rulesKey: string }>) =>
        new Map(
          keys.map(k => [`${k.sloId} ${k.rulesKey}`, { from: 1, until: 2 }]),
        ),
    );
    const progress = coalesceProgress(read);
    const [a, b] = await Promise.all([
      progress([{ sloId: 'a', rulesKey: 'r' }]),
      progress([{ sloId: 'b', rulesKey: 'r' }]),
    ]);
    expect(read).toHaveBeenCalledTimes(1);
    expect(read.mock.calls[0][0]).toEqual([
      { sloId: 'a', rulesKey: 'r' },
      { sloId: 'b', rulesKey: 'r' },
    ]);
    expect(a.get('a r')).toEqual({ from: 1, until: 2 });
    expect(b.get('b r')).toEqual({ from: 1, until: 2 });
    // A later turn reads again: nothing is cached.
    await progress([{ sloId: 'c', rulesKey: 'r' }]);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('fails every caller of a failed read', async () => {
    const progress = coalesceProgress(async () => {
      throw new Error('database gone');
    });
    const results = await Promise.allSettled([
      progress([{ sloId: 'a', rulesKey: 'r' }]),
      progress([{ sloId: 'b', rulesKey: 'r' }]),
    ]);
    expect(results.map(r => r.status)).toEqual(['rejected', 'rejected']);
  });
});
