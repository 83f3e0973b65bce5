import {
  formatDuration,
  type EventQuery,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import { kebabName } from './sloName';

/** A fraction as the percentage the annotation takes: 0.999 → 99.9 (without float noise). */
export function percentOf(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

function eventKeys(
  key: 'good' | 'bad' | 'total',
  events: EventQuery,
): Record<string, string> {
  return 'selector' in events
    ? { [key]: events.selector }
    : { [`${key}Query`]: events.query };
}

function sliOf(definition: SloDefinition): Record<string, unknown> {
  const sli = definition.sli;
  if (sli.kind === 'ratio') {
    return {
      ratio: {
        ...(sli.good ? eventKeys('good', sli.good) : {}),
        ...(sli.bad ? eventKeys('bad', sli.bad) : {}),
        ...eventKeys('total', sli.total),
      },
    };
  }
  if (sli.kind === 'latency') {
    return sli.mode === 'histogram'
      ? { latency: { histogram: sli.metric, threshold: sli.threshold } }
      : {
          latency: {
            gauge: sli.query,
            operator: sli.operator,
            threshold: sli.threshold,
          },
        };
  }
  const slice = formatDuration(sli.sliceSeconds);
  return 'query' in sli.value
    ? {
        timeSlice: {
          slice,
          query: sli.value.query,
          operator: sli.operator,
          threshold: sli.threshold,
        },
      }
    : {
        timeSlice: {
          slice,
          ratio: {
            ...eventKeys('good', sli.value.good),
            ...eventKeys('total', sli.value.total),
          },
          operator: sli.operator,
          threshold: sli.threshold,
        },
      };
}

function windowOf(definition: SloDefinition): unknown {
  const window = definition.window;
  if (window.type === 'rolling') return formatDuration(window.durationSeconds);
  return window.timeZone === 'UTC'
    ? window.unit
    : { calendar: window.unit, timeZone: window.timeZone };
}

/**
 * An SLO definition written back as an item of the `slo-kit.dev/slos`
 * annotation, which reads back as the same definition (its `sourceType`
 * aside: the annotation has no such key).
 *
 * @internal
 */
export function toAnnotationItem(
  definition: SloDefinition,
): Record<string, unknown> {
  const item: Record<string, unknown> = { name: definition.name };
  if (definition.description !== undefined)
    item.description = definition.description;
  if (definition.source !== undefined) item.source = definition.source;
  item.sli = sliOf(definition);
  const [first, ...rest] = definition.objectives;
  if (rest.length === 0 && first.name === '')
    item.objective = percentOf(first.target);
  else {
    // The annotation names every one of several objectives.
    item.objectives = definition.objectives.map((objective, index) => ({
      name: kebabName(objective.name) || `objective-${index + 1}`,
      target: percentOf(objective.target),
    }));
  }
  item.window = windowOf(definition);
  if (Object.keys(definition.labels).length > 0)
    item.labels = { ...definition.labels };
  if (definition.minimumEvents !== undefined)
    item.minimumEvents = definition.minimumEvents;
  return item;
}
