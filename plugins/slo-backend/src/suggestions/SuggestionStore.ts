import type { SloSuggestion } from '@slo-kit/plugin-slo-common';

/**
 * What the suggestion job found for one entity, as stored.
 *
 * @internal
 */
export interface StoredSuggestions {
  /** Canonical lowercase ref, e.g. `component:default/checkout`. */
  entityRef: string;
  suggestions: SloSuggestion[];
  /** Why templates gave no suggestion ("no data for ...", an attainment below 95%). */
  misses: string[];
  /** When the entity was last looked at, epoch milliseconds. */
  checkedAt: number;
}

/**
 * Where suggested SLOs are kept between runs of the suggestion job.
 *
 * @internal
 */
export interface SuggestionStore {
  /** Replaces what is stored for each entity. */
  save(results: StoredSuggestions[]): Promise<void>;
  /** The stored row of one entity, if it was looked at. */
  get(entityRef: string): Promise<StoredSuggestions | undefined>;
  /** When each stored entity was looked at, by ref: the job starts with the oldest. */
  checkedAt(): Promise<Map<string, number>>;
  /** Refs of the entities with at least one suggestion. */
  refsWithSuggestions(): Promise<Set<string>>;
  /** Changes whenever a row is saved or deleted: scorecards cached on it stay right. */
  fingerprint(): Promise<string>;
  /** Deletes the rows of every entity not in `entityRefs`; returns how many. */
  deleteAllExcept(entityRefs: ReadonlySet<string>): Promise<number>;
}
