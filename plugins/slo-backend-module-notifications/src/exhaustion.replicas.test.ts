/**
 * Two backend replicas on one PostgreSQL, both running every collection
 * cycle at the same moment (harsher than production, where the global task
 * runs on one replica at a time): the budget exhaustion and its recovery are
 * each announced once, and the owners get one notification for the episode.
 */
import type { SloBudgetExhaustionEvent } from '@slo-kit/plugin-slo-node';
import knexFactory, { type Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { fakeDateOnly } from './__testUtils__/fakeDateOnly';
import {
  INCIDENTS,
  startSloNotificationsBackend,
  T0,
  type SloNotificationsBackend,
} from './__testUtils__/sloNotificationsBackend';

jest.setTimeout(180_000);

const MINUTE = 60;
const DAY = 86400;
const CONNECTION_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

describe('budget exhaustion with two replicas on one PostgreSQL', () => {
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

  const prefix = `slo_budget_${randomBytes(4).toString('hex')}_`;
  const events: SloBudgetExhaustionEvent[] = [];
  const replicas: SloNotificationsBackend[] = [];
  let admin: Knex;

  beforeAll(async () => {
    fakeDateOnly(T0);
    admin = knexFactory({ client: 'pg', connection });
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await startSloNotificationsBackend({
          database: { client: 'pg', connection, prefix },
          exhaustionEvents: events,
          window: '1d',
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

  it('announces the exhaustion and the recovery once each, in one notification', async () => {
    const [first, second] = INCIDENTS;
    // Every minute through both incidents, then the day after, both replicas at once.
    const times = [T0];
    for (const incident of INCIDENTS) {
      for (let t = incident.from; t <= incident.to + 5 * MINUTE; t += MINUTE) {
        times.push(t);
      }
    }
    times.push(second.to + DAY + 10 * MINUTE);
    for (const t of times) {
      jest.setSystemTime(t * 1000);
      await Promise.all(replicas.map(r => r.collect()));
    }

    const since = first.from + 8 * MINUTE;
    expect(events.map(e => `${e.change} ${e.episode.since}`)).toEqual([
      `exhausted ${since}`,
      `recovered ${since}`,
    ]);
    for (const replica of replicas) {
      const list = (await replica.notifications()).filter(
        n => n.payload.topic === 'slo-budget',
      );
      expect(list.map(n => [n.payload.title, n.payload.scope])).toEqual([
        [
          "checkout-availability's error budget recovered",
          `slo-budget:component:default/checkout/checkout-availability:${since}`,
        ],
      ]);
    }
  });
});
