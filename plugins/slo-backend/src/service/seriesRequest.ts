import { InputError, NotFoundError } from '@backstage/errors';
import type { SloDefinition } from '@slo-kit/plugin-slo-common';

// The checks of a series or history request: its range and its objective.

/** Longest range a series may span. */
const MAX_SERIES_SECONDS = 400 * 86400;

/**
 * How far past now a series may end: a page takes "now" from one answer and
 * asks for a series in the next, perhaps of a replica whose clock is a little
 * behind.
 */
const FUTURE_SLACK_SECONDS = 300;

/** Epoch seconds with their UTC time, for messages. */
function describeTime(seconds: number): string {
  return `${seconds}, ${new Date(seconds * 1000).toISOString()}`;
}

/**
 * The range of a series with its defaults applied ("to" `now`, "from" one
 * window before "to"), checked as a whole: each end is checked whether it
 * was given or defaulted, and the message says which.
 *
 * @internal
 */
export function seriesRange(
  definition: SloDefinition,
  query: { from?: number; to?: number },
  now: number,
): { from: number; to: number } {
  const to = query.to ?? now;
  if (to > now + FUTURE_SLACK_SECONDS) {
    throw new InputError(
      `Invalid range: "to" (${describeTime(to)}) is after now (${describeTime(
        now,
      )}); a series ends at now at the latest. Leave "to" out for a series up to now.`,
    );
  }
  const { window } = definition;
  const [defaultSpan, spanLabel] =
    window.type === 'rolling'
      ? [window.durationSeconds, `the SLO's window (${window.label})`]
      : [31 * 86400, '31 days'];
  const from = query.from ?? to - defaultSpan;
  if (from < 0) {
    throw new InputError(
      `Invalid range: "from" defaults to ${spanLabel} before "to" (${to}), which is before 1970. Pass a later "to", or a "from".`,
    );
  }
  if (from >= to) {
    throw new InputError(
      `Invalid range: "from" (${from}) must be before "to" (${to})${
        query.to === undefined ? ', which defaults to now' : ''
      }.`,
    );
  }
  if (to - from > MAX_SERIES_SECONDS) {
    throw new InputError(
      `Invalid range: ${Math.round(
        (to - from) / 86400,
      )} days is longer than the 400 days a series may span; narrow "from" and "to".`,
    );
  }
  return { from, to };
}

/**
 * Checks that `objective`, when given, names one of the SLO's objectives;
 * the message lists them.
 *
 * @internal
 */
export function checkObjective(
  definition: SloDefinition,
  objective: string | undefined,
) {
  const { objectives } = definition;
  if (objective === undefined || objectives.some(o => o.name === objective)) {
    return;
  }
  const percent = (target: number) => `${+(target * 100).toFixed(4)}%`;
  const unnamed = objectives.length === 1 && objectives[0].name === '';
  throw new NotFoundError(
    `SLO ${definition.id} has no objective named "${objective}". ${
      unnamed
        ? `Its one objective (${percent(
            objectives[0].target,
          )}) has no name: leave "objective" out, or pass it empty.`
        : `Its objectives are ${objectives
            .map(o => `"${o.name}" (${percent(o.target)})`)
            .join(', ')}.`
    }`,
  );
}
