import { EvaluationCache } from './EvaluationCache';

describe('EvaluationCache', () => {
  it('computes a value once, however many ask for it at the same time', async () => {
    const cache = new EvaluationCache(10);
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise(resolve => setTimeout(resolve, 5));
      return { figure: 42 };
    };
    const [a, b] = await Promise.all([
      cache.get('k', 'v1', compute),
      cache.get('k', 'v1', compute),
    ]);
    expect(a).toBe(b);
    expect(await cache.get('k', 'v1', compute)).toBe(a);
    expect(computed).toBe(1);
  });

  it('forgets a failed computation, so the next request tries again', async () => {
    const cache = new EvaluationCache(10);
    await expect(
      cache.get('k', 'v1', async () => {
        throw new Error('database is locked');
      }),
    ).rejects.toThrow('database is locked');
    await expect(cache.get('k', 'v1', async () => 'fine')).resolves.toBe(
      'fine',
    );
  });

  it('drops the least recently used entry when full', async () => {
    const cache = new EvaluationCache(2);
    await cache.get('a', 'v1', async () => 'a1');
    await cache.get('b', 'v1', async () => 'b1');
    await cache.get('a', 'v1', async () => 'a2'); // a is now the most recent
    await cache.get('c', 'v1', async () => 'c1'); // evicts b
    expect(cache.size).toBe(2);
    await expect(cache.get('a', 'v1', async () => 'a3')).resolves.toBe('a1');
    await expect(cache.get('b', 'v1', async () => 'b2')).resolves.toBe('b2');
  });

  it("replaces a slot's value when its version changes, instead of keeping both", async () => {
    const cache = new EvaluationCache(10);
    await cache.get('status of a', 'data version 1', async () => 'old figures');
    await expect(
      cache.get('status of a', 'data version 2', async () => 'new figures'),
    ).resolves.toBe('new figures');
    expect(cache.size).toBe(1);
    await expect(
      cache.get('status of a', 'data version 2', async () => 'recomputed'),
    ).resolves.toBe('new figures');
  });

  it('keeps a newer value when an older, replaced computation fails', async () => {
    const cache = new EvaluationCache(10);
    let fail: (error: Error) => void = () => {};
    const old = cache.get(
      'a',
      'v1',
      () => new Promise<string>((_, reject) => (fail = reject)),
    );
    await cache.get('a', 'v2', async () => 'v2 figures');
    fail(new Error('database is locked'));
    await expect(old).rejects.toThrow('database is locked');
    await expect(cache.get('a', 'v2', async () => 'again')).resolves.toBe(
      'v2 figures',
    );
  });

  it('drops entries once the time they are valid until has come', async () => {
    const cache = new EvaluationCache(10);
    await cache.get('a', 'v1', async () => 'a', 600);
    await cache.get('b', 'v1', async () => 'b', 900);
    await cache.get('c', 'v1', async () => 'c');
    cache.expire(599);
    expect(cache.size).toBe(3);
    cache.expire(600);
    expect(cache.size).toBe(2);
    cache.expire(10_000);
    expect(cache.size).toBe(1);
    await expect(cache.get('c', 'v1', async () => 'c2')).resolves.toBe('c');
  });
});
