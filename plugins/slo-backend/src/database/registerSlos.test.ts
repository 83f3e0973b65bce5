import type { SloRegistration } from './SloStore';
import { LAST_SEEN_STEP_MS } from './sloRegistry';
import {
  createStore,
  databases,
  definition,
  registration,
} from '../__testUtils__/sloStoreFixtures';

jest.setTimeout(60_000);

function many(count: number, hash = 'h1'): SloRegistration[] {
  return Array.from({ length: count }, (_, i) => ({
    ...registration(hash),
    sloId: `slo-${String(i).padStart(4, '0')}`,
    definition: { ...definition, id: `slo-${String(i).padStart(4, '0')}` },
  }));
}

describe.each(databases.eachSupportedId())('registerSlos on %p', databaseId => {
  it('writes the registry only for rows that changed, in few statements', async () => {
    const { knex, store } = await createStore(databaseId);
    // More than one chunk of ids (400 a read).
    const slos = many(450);
    const statements: string[] = [];
    const onQuery = (query: { sql: string }) => statements.push(query.sql);
    knex.on('query', onQuery);
    try {
      // New SLOs (a new portal's first cycle): a read and one multi-row
      // INSERT per chunk, not a transaction each.
      const first = await store.registerSlos(slos, 1000);
      expect([...first.values()].every(r => 'isNew' in r && r.isNew)).toBe(
        true,
      );
      expect(
        statements.map(sql => sql.trim().split(/\s/)[0].toLowerCase()),
      ).toEqual(['select', 'insert', 'select', 'insert']);

      statements.length = 0;
      // Unchanged and within the step: two reads (two chunks), no write.
      const again = await store.registerSlos(
        slos,
        1000 + LAST_SEEN_STEP_MS - 1,
      );
      expect(
        [...again.values()].every(
          r => 'isNew' in r && !r.isNew && !r.recollect,
        ),
      ).toBe(true);
      expect(statements).toHaveLength(2);
      expect(statements.every(sql => /^select/i.test(sql.trim()))).toBe(true);

      // Past the step: one multi-row UPDATE per chunk, of last_seen_at only.
      statements.length = 0;
      await store.registerSlos(slos, 1000 + LAST_SEEN_STEP_MS);
      const writes = statements.filter(sql => !/^select/i.test(sql.trim()));
      expect(writes).toHaveLength(2);
      expect(writes.every(sql => /^update/i.test(sql.trim()))).toBe(true);
    } finally {
      knex.removeListener('query', onQuery);
    }
    const stored = await store.listSlos();
    expect(stored).toHaveLength(450);
    expect(stored.every(s => s.lastSeenAt === 1000 + LAST_SEEN_STEP_MS)).toBe(
      true,
    );
    expect(stored.every(s => s.firstSeenAt === 1000)).toBe(true);
  });

  it('registers new SLOs that two replicas register at once exactly once, without an error', async () => {
    const { store } = await createStore(databaseId);
    const slos = many(30);
    const [a, b] = await Promise.all([
      store.registerSlos(slos, 1000),
      store.registerSlos(slos, 1000),
    ]);
    expect([...a.values(), ...b.values()].some(r => 'error' in r)).toBe(false);
    const stored = await store.listSlos();
    expect(stored.map(s => s.sloId).sort()).toEqual(slos.map(s => s.sloId));
    expect(stored.every(s => s.firstSeenAt === 1000)).toBe(true);
  });

  it('rewrites a renamed SLO at once and recollects one whose hash changed, as registerSlo does', async () => {
    const { store } = await createStore(databaseId);
    const slos = many(3);
    await store.registerSlos(slos, 1000);
    await store.saveBuckets(
      slos[2].sloId,
      [{ start: 0, durationSeconds: 300, good: 1, total: 2 }],
      { from: 0, until: 300 },
    );
    const renamed = { ...slos[1], name: 'Renamed' };
    const rehashed = { ...slos[2], definitionHash: 'h2' };
    const results = await store.registerSlos(
      [slos[0], renamed, rehashed],
      2000,
    );
    expect(results.get(slos[0].sloId)).toEqual({
      isNew: false,
      recollect: false,
    });
    expect(results.get(renamed.sloId)).toEqual({
      isNew: false,
      recollect: false,
    });
    expect(results.get(rehashed.sloId)).toEqual({
      isNew: false,
      recollect: true,
    });
    const byId = new Map((await store.listSlos()).map(s => [s.sloId, s]));
    expect(byId.get(slos[0].sloId)?.lastSeenAt).toBe(1000);
    expect(byId.get(renamed.sloId)).toMatchObject({
      name: 'Renamed',
      lastSeenAt: 2000,
    });
    expect(byId.get(rehashed.sloId)?.definitionHash).toBe('h2');
    await expect(
      store.readBuckets(rehashed.sloId, { from: 0, to: 300 }),
    ).resolves.toEqual([]);
  });
});
