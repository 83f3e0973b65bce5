import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * What happened to an SLO's alert episode (a stretch with a page or ticket
 * alert firing) in the collection cycle that recorded it:
 *
 * - `started`: the episode's first firing bucket end was recorded;
 * - `changed`: it is still firing and got worse (a ticket became a page, or
 *   the peak burn rate grew);
 * - `ended`: the alerts resolved (the SLO recovered).
 *
 * An episode that starts and ends between two cycles is announced once, as
 * `ended`.
 *
 * @public
 */
export type SloAlertEpisodeChange = 'started' | 'changed' | 'ended';

/**
 * One change of an alert episode, announced once, by the replica whose
 * recording made it, after the recording was committed.
 *
 * @public
 */
export interface SloAlertEpisodeEvent {
  /** What happened to the episode. */
  change: SloAlertEpisodeChange;
  /** The SLO whose alerts fired. */
  slo: {
    /** Stable id: `<entityRef>/<name>`. */
    id: string;
    /** The entity that declares the SLO, e.g. `component:default/checkout`. */
    entityRef: string;
    /** The SLO's name, unique within its entity. */
    name: string;
    /** The SLO's description from its declaration, if any. */
    description?: string;
    /** The objective the alerts are computed against, as a fraction (0.999). */
    target: number;
  };
  /** The episode as stored after the recording. */
  episode: {
    /** Start of the first firing bucket, epoch seconds: the episode's stable key. */
    start: number;
    /** Resolution time when ended, else the last bucket end examined, epoch seconds. */
    end: number;
    /** Still firing at the last bucket end examined. */
    ongoing: boolean;
    /** Alerts already fired at the first recorded bucket end: it may have started earlier. */
    startedBefore: boolean;
    /** The most severe alert that fired so far. */
    severity: 'page' | 'ticket';
    /** The highest long-window burn rate a firing rule saw so far. */
    peakBurnRate: number;
    /** Minutes with a page alert firing so far. */
    pageMinutes: number;
  };
  /** The episode as announced before, for `changed` and `ended` (when one was). */
  previous?: {
    severity: 'page' | 'ticket';
    peakBurnRate: number;
  };
}

/**
 * Receives alert-episode events. A listener that throws is logged and does
 * not fail the collection; its event is not sent again.
 *
 * @public
 */
export type SloAlertEpisodeListener = (
  event: SloAlertEpisodeEvent,
) => Promise<void>;

/**
 * Lets backend modules hear when an SLO's alert episode starts, gets worse or
 * ends, e.g. to notify the owners:
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'slo',
 *   moduleId: 'my-listener',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { episodes: sloAlertEpisodesExtensionPoint },
 *       async init({ episodes }) {
 *         episodes.addListener(async event => console.log(event.change));
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export interface SloAlertEpisodesExtensionPoint {
  /** Adds a listener; each event is passed to every listener in turn. */
  addListener(listener: SloAlertEpisodeListener): void;
}

/**
 * Extension point of {@link SloAlertEpisodesExtensionPoint}.
 *
 * @public
 */
export const sloAlertEpisodesExtensionPoint =
  createExtensionPoint<SloAlertEpisodesExtensionPoint>({
    id: 'slo.alert-episodes',
  });
