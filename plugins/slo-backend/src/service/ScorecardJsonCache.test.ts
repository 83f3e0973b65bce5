import { ScorecardJsonCache } from './ScorecardJsonCache';

describe('ScorecardJsonCache', () => {
  const entities = [{ kind: 'Component' }];
  const groups = [{ kind: 'Group' }];

  it('reuses an answer while its basis is the same, and recomputes when any part changes', async () => {
    const cache = new ScorecardJsonCache();
    let calls = 0;
    const compute = jest.fn(async () => `{"n":${++calls}}`);
    await expect(
      cache.get('me', [entities, groups, 'v1'], compute),
    ).resolves.toBe('{"n":1}');
    await expect(
      cache.get('me', [entities, groups, 'v1'], compute),
    ).resolves.toBe('{"n":1}');
    expect(compute).toHaveBeenCalledTimes(1);

    // A cycle changed the states.
    await expect(
      cache.get('me', [entities, groups, 'v2'], compute),
    ).resolves.toBe('{"n":2}');
    // A new catalog answer, even with equal content, is another basis.
    await expect(
      cache.get('me', [[...entities], groups, 'v2'], compute),
    ).resolves.toBe('{"n":3}');
    // Another caller or group has its own entry.
    await expect(
      cache.get('you', [entities, groups, 'v1'], compute),
    ).resolves.toBe('{"n":4}');
    expect(cache.size.entries).toBe(2);
  });

  it('shares one computation between requests arriving together', async () => {
    const cache = new ScorecardJsonCache();
    let finish: (json: string) => void = () => {};
    const compute = jest.fn(
      () => new Promise<string>(resolve => (finish = resolve)),
    );
    const first = cache.get('me', [entities, 'v1'], compute);
    const second = cache.get('me', [entities, 'v1'], compute);
    finish('{}');
    await expect(Promise.all([first, second])).resolves.toEqual(['{}', '{}']);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('keeps no failed computation', async () => {
    const cache = new ScorecardJsonCache();
    const failing = jest.fn(async () => {
      throw new Error('No group group:default/nobody in the catalog');
    });
    await expect(cache.get('me', ['v1'], failing)).rejects.toThrow('nobody');
    await expect(cache.get('me', ['v1'], async () => '{}')).resolves.toBe('{}');
    expect(failing).toHaveBeenCalledTimes(1);
  });

  it('drops the least recently used answers beyond its size', async () => {
    const cache = new ScorecardJsonCache(25);
    const json = (c: string) => async () => c.repeat(10);
    await cache.get('a', ['v1'], json('a'));
    await cache.get('b', ['v1'], json('b'));
    // Using a makes b the oldest.
    await cache.get('a', ['v1'], json('x'));
    await cache.get('c', ['v1'], json('c'));
    expect(cache.size).toEqual({ entries: 2, chars: 20 });
    await expect(cache.get('a', ['v1'], json('y'))).resolves.toBe(
      'a'.repeat(10),
    );
    await expect(cache.get('b', ['v1'], json('z'))).resolves.toBe(
      'z'.repeat(10),
    );
  });
});
