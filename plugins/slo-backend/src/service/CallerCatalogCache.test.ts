import { mockCredentials } from '@backstage/backend-test-utils';
import { CallerCatalogCache } from './CallerCatalogCache';

describe('CallerCatalogCache', () => {
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');

  it('reuses a caller’s answer until it expires, and never across callers', async () => {
    let now = 0;
    const cache = new CallerCatalogCache(10_000, 100, () => now);
    let calls = 0;
    const ask = async () => ({ call: ++calls });
    const first = await cache.get(alice, 'entity component:default/x', ask);
    expect(await cache.get(alice, 'entity component:default/x', ask)).toBe(
      first,
    );
    // Another caller may see something else: it asks the catalog itself.
    expect(await cache.get(bob, 'entity component:default/x', ask)).toEqual({
      call: 2,
    });
    expect(await cache.get(alice, 'groups', ask)).toEqual({ call: 3 });
    now = 10_001;
    expect(await cache.get(alice, 'entity component:default/x', ask)).toEqual({
      call: 4,
    });
  });

  it('shares one call among concurrent requests and keeps no failure', async () => {
    const cache = new CallerCatalogCache(10_000);
    let calls = 0;
    const slow = async () => {
      calls++;
      await new Promise(resolve => setTimeout(resolve, 5));
      return calls;
    };
    const answers = await Promise.all([
      cache.get(alice, 'groups', slow),
      cache.get(alice, 'groups', slow),
    ]);
    expect(answers).toEqual([1, 1]);
    await expect(
      cache.get(alice, 'entities', async () => {
        throw new Error('catalog unavailable');
      }),
    ).rejects.toThrow('catalog unavailable');
    await expect(cache.get(alice, 'entities', async () => 'ok')).resolves.toBe(
      'ok',
    );
  });

  it('asks every time when the time to live is zero', async () => {
    const cache = new CallerCatalogCache(0);
    let calls = 0;
    await cache.get(alice, 'groups', async () => ++calls);
    await cache.get(alice, 'groups', async () => ++calls);
    expect(calls).toBe(2);
  });

  it('lets go of expired answers, even those nobody asks for again', async () => {
    let now = 0;
    const cache = new CallerCatalogCache(10_000, 100, () => now);
    await cache.get(alice, 'entities with SLOs', async () => ['a lot']);
    now = 5_000;
    await cache.get(bob, 'entities with SLOs', async () => ['a lot']);
    expect(cache.size).toBe(2);
    now = 12_000;
    await cache.get(bob, 'groups', async () => []);
    expect(cache.size).toBe(2);
    now = 30_000;
    await cache.get(bob, 'groups', async () => []);
    expect(cache.size).toBe(1);
  });
});
