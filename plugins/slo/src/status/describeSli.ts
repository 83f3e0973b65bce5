import type {
  EventQuery,
  SliSpec,
  SloDefinition,
  SloWindow,
} from '@slo-kit/plugin-slo-common';
import { formatDurationShort, formatObjective } from '../format';

/** The SLI kind as people say it. */
export function sliKindLabel(sli: SliSpec): string {
  switch (sli.kind) {
    case 'ratio':
      return 'ratio';
    case 'latency':
      return sli.mode === 'histogram' ? 'latency' : 'threshold';
    case 'timeSlice':
      return 'time slices';
    default:
      return 'unknown';
  }
}

/** One or two lines that say what the SLI counts, with its queries. */
export function describeSliQuery(sli: SliSpec): string[] {
  switch (sli.kind) {
    case 'ratio':
      return [
        sli.good
          ? `good: ${eventQueryText(sli.good)}`
          : `bad: ${sli.bad ? eventQueryText(sli.bad) : '?'}`,
        `total: ${eventQueryText(sli.total)}`,
      ];
    case 'latency':
      return sli.mode === 'histogram'
        ? [`requests of ${sli.metric} faster than ${sli.threshold} s`]
        : [`samples of ${sli.query} ${sli.operator} ${sli.threshold}`];
    case 'timeSlice': {
      const value =
        'query' in sli.value
          ? sli.value.query
          : `${eventQueryText(sli.value.good)} / ${eventQueryText(
              sli.value.total,
            )}`;
      if (sli.sliceRatios) {
        return [
          `average over ${formatDurationShort(
            sli.sliceSeconds,
          )} slices of ${value}`,
        ];
      }
      return [
        `${formatDurationShort(sli.sliceSeconds)} slices where ${value} ${
          sli.operator
        } ${sli.threshold}`,
      ];
    }
    default:
      return [];
  }
}

/** `rolling 30d`, `calendar month (Europe/Berlin)`. */
export function formatWindow(window: SloWindow): string {
  if (window.type === 'rolling') {
    return `rolling ${window.label || formatDurationShort(window.durationSeconds)}`;
  }
  return `calendar ${window.unit} (${window.timeZone})`;
}

/** `ratio · 99.9% · rolling 30d` */
export function sloHeadline(definition: SloDefinition): string {
  const target = definition.objectives[0]?.target;
  return [
    sliKindLabel(definition.sli),
    target !== undefined ? formatObjective(target) : undefined,
    formatWindow(definition.window),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Window length in seconds, approximate for calendar windows; used to pick chart ranges. */
export function windowSeconds(window: SloWindow): number {
  if (window.type === 'rolling') {
    return window.durationSeconds;
  }
  const days = { week: 7, month: 30, quarter: 91 }[window.unit];
  return days * 86400;
}

function eventQueryText(query: EventQuery): string {
  return 'selector' in query ? query.selector : query.query;
}
