/**
 * Two backend replicas on one PostgreSQL, each with the SLO plugin, this
 * module and the notifications backend, both running every collection cycle
 * at the same moment (the mock scheduler does not take the global task's
 * lock, so this is harsher than production, where one replica runs each
 * cycle): every change of an episode is announced once, by one replica, and
 * the owners get one notification per episode.
 */
import type { SloAlertEpisodeEvent } from '@slo-kit/plugin-slo-node';
import knexFactory, { type Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import {
  INCIDENTS,
  startSloNotificationsBackend,
  T0,
  type SloNotificationsBackend,
} from './__testUtils__/sloNotificationsBackend';
import { fakeDateOnly } from './__testUtils__/fakeDateOnly';

jest.setTimeout(180_000);

const MINUTE = 60;
const CONNECTION_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

describe('two replicas on one PostgreSQL', () => {
  const connection = process.env[CONNECTION_ENV];
  if (!connection) {
    // eslint-disable-next-line jest/expect-expect -- fails with how to fix it
    it('needs PostgreSQL', () => {
      throw new Error(
        `Set ${CONNECTION_ENV} (source scripts/services.sh && ensure_postgres sets it), e.g. postgresql://postgres:postgres@127.0.0.1:5432`,
      );
    });
    return;
  }

  const prefix = `slo_notify_${randomBytes(4).toString('hex')}_`;
  const events: SloAlertEpisodeEvent[] = [];
  const replicas: SloNotificationsBackend[] = [];
  let admin: Knex;

  beforeAll(async () => {
    fakeDateOnly(T0);
    admin = knexFactory({ client: 'pg', connection });
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await startSloNotificationsBackend({
          database: { client: 'pg', connection, prefix },
          events,
        }),
      );
    }
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.backend.stop();
    for (const db of ['slo', 'notifications']) {
      await admin
        ?.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [`${prefix}${db}`])
        .catch(() => {});
    }
    await admin?.destroy();
    jest.useRealTimers();
  });

  it('announces each change once and keeps one notification per episode', async () => {
    // Every minute through both incidents and their recovery, both replicas at once.
    const times = [T0];
    for (const incident of INCIDENTS) {
      for (let t = incident.from; t <= incident.to + 10 * MINUTE; t += MINUTE) {
        times.push(t);
      }
    }
    for (const t of times) {
      jest.setSystemTime(t * 1000);
      await Promise.all(replicas.map(r => r.collect()));
    }

    const starts = INCIDENTS.map(i => i.from + 4 * MINUTE);
    const announced = events.map(e => `${e.change} ${e.episode.start}`);
    // Per minute the burn grows while failing: started, then a change a minute.
    const expected = starts.flatMap(start => [
      `started ${start}`,
      ...Array.from({ length: 5 }, () => `changed ${start}`),
      `ended ${start}`,
    ]);
    expect(announced).toEqual(expected);

    for (const replica of replicas) {
      const list = await replica.notifications();
      expect(list.map(n => [n.payload.title, n.payload.scope])).toEqual([
        [
          'checkout-availability recovered',
          `slo:component:default/checkout/checkout-availability:${starts[1]}`,
        ],
        [
          'checkout-availability recovered',
          `slo:component:default/checkout/checkout-availability:${starts[0]}`,
        ],
      ]);
    }
  });
});
