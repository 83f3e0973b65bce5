import Typography from '@mui/material/Typography';
import type { SloCollectionStatus } from '@slo-kit/plugin-slo-common';
import {
  formatDateTime,
  formatDurationWords,
  formatRelative,
  formatTimeOfDay,
} from '../../format';

/** Props of {@link SloFreshness}. */
export interface SloFreshnessProps {
  collection: SloCollectionStatus;
  /** The backend's evaluation time, epoch seconds. */
  now: number;
  timeZone?: string;
}

/** `~15 min`, `~2 hours`: about how often an SLO is collected. */
function about(seconds: number): string {
  if (seconds < 3600) return `~${Math.round(seconds / 60)} min`;
  return `~${formatDurationWords(seconds)}`;
}

/**
 * The budget's name and what was spent, split for reading: `Datadog query
 * budget` and `1200 queries per hour, ...`.
 */
function splitReason(reason: string): { budget: string; detail?: string } {
  const colon = reason.indexOf(': ');
  if (colon < 0) return { budget: reason };
  return { budget: reason.slice(0, colon), detail: reason.slice(colon + 2) };
}

/**
 * How fresh an SLO's figures are: the end of its newest stored bucket, as a
 * time of day and how long ago (`Data as of 14:05, 12 minutes ago`), and,
 * while its source's query budget stretches collection, how often it is
 * collected and why (`collected every ~15 min: Datadog query budget`).
 */
export function SloFreshness(props: SloFreshnessProps) {
  const { collection, now, timeZone } = props;
  const until =
    collection.collectedUntil === null
      ? undefined
      : Date.parse(collection.collectedUntil) / 1000;
  const deferral = collection.deferral;
  const reason = deferral ? splitReason(deferral.reason) : undefined;
  return (
    <Typography
      variant="body2"
      color="text.secondary"
      data-testid="slo-freshness"
      sx={{ mt: 0.5, overflowWrap: 'anywhere' }}
    >
      {until === undefined ? (
        'No data collected yet'
      ) : (
        <>
          Data as of{' '}
          <time
            dateTime={collection.collectedUntil ?? undefined}
            title={formatDateTime(until, timeZone)}
          >
            {formatTimeOfDay(until, timeZone)}
          </time>
          , {formatRelative(until, now)}
        </>
      )}
      {deferral && reason && (
        <span data-testid="slo-freshness-budget">
          {' · '}
          {deferral.intervalSeconds === null
            ? 'collected less often'
            : `collected every ${about(deferral.intervalSeconds)}`}
          : {reason.budget}
          {reason.detail ? ` (${reason.detail})` : ''}
        </span>
      )}
    </Typography>
  );
}
