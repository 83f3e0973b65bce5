import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { SloSuggestion } from '@slo-kit/plugin-slo-common';
import type { Knex } from 'knex';
import { migrateSloStore } from '../database/migrateSloStore';
import type { StoredSuggestions, SuggestionStore } from './SuggestionStore';

const TABLE = 'slo_suggestions';
/** Rows per statement, under SQLite's 500 compound terms and far under PostgreSQL's parameter limit. */
const BATCH = 200;

type Row = {
  entity_ref: string;
  suggestions: string;
  misses: string;
  suggestion_count: number | string;
  checked_at: number | string;
};

function toStored(row: Row): StoredSuggestions {
  return {
    entityRef: row.entity_ref,
    suggestions: JSON.parse(row.suggestions) as SloSuggestion[],
    misses: JSON.parse(row.misses) as string[],
    checkedAt: Number(row.checked_at),
  };
}

/**
 * {@link SuggestionStore} in the plugin's database (table `slo_suggestions`);
 * tested on SQLite and PostgreSQL.
 *
 * @internal
 */
export class DatabaseSuggestionStore implements SuggestionStore {
  /** Migrates the plugin's database (a no-op when the SLO store already did) and opens the store. */
  static async create(options: { database: DatabaseService }): Promise<DatabaseSuggestionStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateSloStore(db);
    }
    return new DatabaseSuggestionStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async save(results: StoredSuggestions[]): Promise<void> {
    const rows: Row[] = results.map(result => ({
      entity_ref: result.entityRef,
      suggestions: JSON.stringify(result.suggestions),
      misses: JSON.stringify(result.misses),
      suggestion_count: result.suggestions.length,
      checked_at: result.checkedAt,
    }));
    for (let i = 0; i < rows.length; i += BATCH) {
      await this.db<Row>(TABLE)
        .insert(rows.slice(i, i + BATCH))
        .onConflict('entity_ref')
        .merge(['suggestions', 'misses', 'suggestion_count', 'checked_at']);
    }
  }

  async get(entityRef: string): Promise<StoredSuggestions | undefined> {
    const row = await this.db<Row>(TABLE).where({ entity_ref: entityRef }).first();
    return row ? toStored(row) : undefined;
  }

  async checkedAt(): Promise<Map<string, number>> {
    const rows = await this.db<Row>(TABLE).select('entity_ref', 'checked_at');
    return new Map(rows.map(row => [row.entity_ref, Number(row.checked_at)]));
  }

  async refsWithSuggestions(): Promise<Set<string>> {
    const rows = await this.db<Row>(TABLE).where('suggestion_count', '>', 0).select('entity_ref');
    return new Set(rows.map(row => row.entity_ref));
  }

  async fingerprint(): Promise<string> {
    const row = await this.db(TABLE)
      .count({ n: '*' })
      .sum({ suggestions: 'suggestion_count' })
      .max({ checked: 'checked_at' })
      .first();
    return [row?.n, row?.suggestions, row?.checked].map(value => String(value ?? 0)).join(' ');
  }

  async deleteAllExcept(entityRefs: ReadonlySet<string>): Promise<number> {
    const stored = await this.db<Row>(TABLE).select('entity_ref');
    const gone = stored.map(row => row.entity_ref).filter(ref => !entityRefs.has(ref));
    for (let i = 0; i < gone.length; i += BATCH) {
      await this.db<Row>(TABLE).whereIn('entity_ref', gone.slice(i, i + BATCH)).delete();
    }
    return gone.length;
  }
}
