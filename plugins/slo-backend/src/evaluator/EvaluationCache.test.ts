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
      cache.get('k', compute),
      cache.get('k', compute),
    ]);
    expect(a).toBe(b);
    expect(await cache.get('k', compute)).toBe(a);
    expect(computed).toBe(1);
  });

  it('forgets a failed computation, so the next request tries again', async () => {
    const cache = new EvaluationCache(10);
    await expect(
      cache.get('k', async () => {
        throw new Error('database is locked');
      }),
    ).rejects.toThrow('database is locked');
    await expect(cache.get('k', async () => 'fine')).resolves.toBe('fine');
  });

  it('drops the least recently used entry when full', async () => {
    const cache = new EvaluationCache(2);
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    await cache.get('a', async () => 'a2'); // a is now the most recent
    await cache.get('c', async () => 'c1'); // evicts b
    expect(cache.size).toBe(2);
    await expect(cache.get('a', async () => 'a3')).resolves.toBe('a1');
    await expect(cache.get('b', async () => 'b2')).resolves.toBe('b2');
  });
});
