import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { SloBudgetExhaustionEvent } from '@slo-kit/plugin-slo-node';
import { formatObjective, formatUtc } from './formatWords';
import { sloTabLink } from './notificationForEpisode';

/**
 * The notification topic of SLO budget exhaustion: users can mute it in
 * their notification settings apart from the alerts.
 *
 * @public
 */
export const SLO_BUDGET_NOTIFICATION_TOPIC = 'slo-budget';

/**
 * The notification scope of one SLO's budget-exhaustion episode,
 * `slo-budget:<entityRef>/<slo>:<since, epoch seconds>`: its recovery carries
 * the same scope and updates the one notification.
 *
 * @public
 */
export function exhaustionNotificationScope(
  event: SloBudgetExhaustionEvent,
): string {
  return `slo-budget:${event.slo.id}:${event.episode.since}`;
}

const MINUS = '\u2212';

/**
 * Budget remaining as the SLO tab writes it (`formatBudget` of the `slo`
 * plugin): `−30% (overspent)`, `4.2%`, `0.25%`.
 */
export function formatBudgetLeft(remaining: number): string {
  const percent = remaining * 100;
  const magnitude = Math.abs(percent);
  let decimals = 0;
  if (magnitude < 1) decimals = 2;
  else if (magnitude < 10) decimals = 1;
  const fixed = magnitude.toFixed(decimals);
  const text = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  if (percent < 0) {
    return Number(text) === 0
      ? '0% (overspent)'
      : `${MINUS}${text}% (overspent)`;
  }
  return `${text}%`;
}

function windowWords(event: SloBudgetExhaustionEvent): string {
  return event.slo.windowType === 'calendar'
    ? `this ${event.slo.window}`
    : `its rolling ${event.slo.window} window`;
}

function descriptionOf(event: SloBudgetExhaustionEvent): string {
  const { slo, episode } = event;
  const left = formatBudgetLeft(episode.budgetRemaining);
  const where = `${slo.entityRef}, objective ${formatObjective(slo.target)}.`;
  if (event.change === 'exhausted') {
    return `Error budget left: ${left} over ${windowWords(event)}, ${
      episode.startedBefore ? 'at least since' : 'since'
    } ${formatUtc(
      episode.since,
    )}. The budget is spent: by the error-budget policy, hold risky deploys and put reliability work first until it recovers (the deploy gate with budget-left>=0% blocks). ${where}`;
  }
  const end = formatUtc(episode.end ?? episode.since);
  const cause =
    event.reason === 'new-period'
      ? // The label's unit without its zone: "month (Europe/Berlin)" → "month".
        `a new ${slo.window.split(' ')[0]} began, with a new budget`
      : 'the budget is above 0 again';
  return `Error budget left: ${left} at ${end}: ${cause}. It was spent from ${
    episode.startedBefore ? 'at least ' : ''
  }${formatUtc(episode.since)}. ${where}`;
}

/**
 * The notification of a budget-exhaustion event: plain words with the SLO
 * tab's budget figure, a link to the SLO tab, severity `high` while the
 * budget is spent (no page-level urgency: the budget is gone, the burn may
 * have stopped) and `low` once recovered, and the episode's scope.
 *
 * @public
 */
export function notificationForExhaustion(
  event: SloBudgetExhaustionEvent,
): NotificationPayload {
  const { name } = event.slo;
  return {
    title:
      event.change === 'exhausted'
        ? `${name} has spent its error budget`
        : `${name}'s error budget recovered`,
    description: descriptionOf(event),
    link: sloTabLink(event.slo.entityRef),
    severity: event.change === 'exhausted' ? 'high' : 'low',
    topic: SLO_BUDGET_NOTIFICATION_TOPIC,
    scope: exhaustionNotificationScope(event),
  };
}
