import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { BurnEpisode } from '@slo-kit/plugin-slo-common';
import type { Knex } from 'knex';
import {
  progressKey,
  type EpisodeProgress,
  type SloEpisodeStore,
} from './SloEpisodeStore';

const EPISODES = 'slo_burn_episodes';
const PROGRESS = 'slo_burn_episode_progress';
/** Rows per INSERT (12 parameters each), under SQLite's 500-term compound SELECT. */
const BATCH = 200;
/** SLO ids per `whereIn` on progress reads, under SQLite's 999 parameters. */
const KEYS_PER_QUERY = 400;

type EpisodeRow = {
  start: number | string;
  end: number | string;
  ongoing: boolean | number;
  started_before: boolean | number;
  severity: string;
  peak_burn_rate: number | string;
  bad_events: number | string;
  page_minutes: number | string;
  page_runs: string;
};

/**
 * The knex implementation of {@link SloEpisodeStore}, on the SLO store's
 * database (its tables come with the store's migrations).
 *
 * @public
 */
export class DatabaseSloEpisodeStore implements SloEpisodeStore {
  /** Its tables are created by `DatabaseSloStore.create`'s migrations: create that first. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSloEpisodeStore> {
    return new DatabaseSloEpisodeStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async progress(
    keys: ReadonlyArray<{ sloId: string; rulesKey: string }>,
  ): Promise<Map<string, EpisodeProgress>> {
    const result = new Map<string, EpisodeProgress>();
    const wanted = new Set(keys.map(k => progressKey(k.sloId, k.rulesKey)));
    const ids = [...new Set(keys.map(k => k.sloId))];
    for (let i = 0; i < ids.length; i += KEYS_PER_QUERY) {
      const rows: Array<{
        slo_id: string;
        rules_key: string;
        recorded_from: number | string;
        recorded_until: number | string;
      }> = await this.db(PROGRESS).whereIn(
        'slo_id',
        ids.slice(i, i + KEYS_PER_QUERY),
      );
      for (const row of rows) {
        const key = progressKey(row.slo_id, row.rules_key);
        if (!wanted.has(key)) continue;
        result.set(key, {
          from: Number(row.recorded_from),
          until: Number(row.recorded_until),
        });
      }
    }
    return result;
  }

  async episodes(
    sloId: string,
    rulesKey: string,
    range: { from: number; to: number },
  ): Promise<BurnEpisode[]> {
    const rows: EpisodeRow[] = await this.db(EPISODES)
      .where({ slo_id: sloId, rules_key: rulesKey })
      .andWhere('end', '>', range.from)
      .andWhere('start', '<', range.to)
      .orderBy('start');
    return rows.map(toEpisode);
  }

  async fingerprint(): Promise<string> {
    // A recording moves a progress row's range or adds one; one that rewrites
    // episodes without moving it (late data at the same end) changes their
    // count, ends or bad events.
    const [progress, episodes] = await Promise.all([
      this.db(PROGRESS)
        .count({ n: '*' })
        .sum({ from: 'recorded_from' })
        .sum({ until: 'recorded_until' })
        .first(),
      this.db(EPISODES)
        .count({ n: '*' })
        .sum({ end: 'end' })
        .sum({ bad: 'bad_events' })
        .sum({ minutes: 'page_minutes' })
        .first(),
    ]);
    return [
      progress?.n,
      progress?.from,
      progress?.until,
      episodes?.n,
      episodes?.end,
      episodes?.bad,
      episodes?.minutes,
    ]
      .map(value => String(value ?? ''))
      .join(':');
  }

  async replaceFrom(
    sloId: string,
    rulesKey: string,
    from: number,
    episodes: readonly BurnEpisode[],
    progress: EpisodeProgress,
  ): Promise<BurnEpisode[]> {
    return this.db.transaction(async tx => {
      // Lock the SLO's progress row before reading what is stored, so two
      // replicas recording at once take turns and the second sees the
      // first's episodes: a change is reported by one of them only. The
      // insert waits on the other transaction's uncommitted row, if any.
      await tx(PROGRESS)
        .insert({
          slo_id: sloId,
          rules_key: rulesKey,
          recorded_from: progress.from,
          recorded_until: progress.until,
        })
        .onConflict(['slo_id', 'rules_key'])
        .ignore();
      const locking = tx(PROGRESS).where({
        slo_id: sloId,
        rules_key: rulesKey,
      });
      // SQLite has no row locks (and writes one transaction at a time).
      await (this.db.client.config.client === 'pg'
        ? locking.forUpdate()
        : locking);
      const replaced: EpisodeRow[] = await tx(EPISODES)
        .where({ slo_id: sloId, rules_key: rulesKey })
        .andWhere('start', '>=', from)
        .orderBy('start');
      await this.write(tx, sloId, rulesKey, from, episodes, progress);
      return replaced.map(toEpisode);
    });
  }

  private async write(
    tx: Knex.Transaction,
    sloId: string,
    rulesKey: string,
    from: number,
    episodes: readonly BurnEpisode[],
    progress: EpisodeProgress,
  ): Promise<void> {
    await tx(EPISODES)
      .where({ slo_id: sloId, rules_key: rulesKey })
      .andWhere('start', '>=', from)
      .delete();
    const rows = episodes.map(e => ({
      slo_id: sloId,
      rules_key: rulesKey,
      start: e.start,
      end: e.end,
      ongoing: e.ongoing,
      started_before: e.startedBefore,
      severity: e.severity,
      peak_burn_rate: e.peakBurnRate,
      bad_events: e.badEvents,
      page_minutes: e.pageMinutes,
      page_runs: JSON.stringify(e.pageRuns),
    }));
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx(EPISODES)
        .insert(rows.slice(i, i + BATCH))
        .onConflict(['slo_id', 'rules_key', 'start'])
        .merge();
    }
    await tx(PROGRESS)
      .insert({
        slo_id: sloId,
        rules_key: rulesKey,
        recorded_from: progress.from,
        recorded_until: progress.until,
      })
      .onConflict(['slo_id', 'rules_key'])
      .merge();
  }
}

function toEpisode(row: EpisodeRow): BurnEpisode {
  return {
    start: Number(row.start),
    end: Number(row.end),
    ongoing: Boolean(row.ongoing),
    startedBefore: Boolean(row.started_before),
    severity: row.severity === 'page' ? 'page' : 'ticket',
    peakBurnRate: Number(row.peak_burn_rate),
    badEvents: Number(row.bad_events),
    pageMinutes: Number(row.page_minutes),
    pageRuns: JSON.parse(row.page_runs) as Array<[number, number]>,
  };
}
