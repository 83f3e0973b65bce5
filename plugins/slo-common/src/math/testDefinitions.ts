import type { EventBucket } from '../model/EventBucket';
import type { SloDefinition, SloWindow } from '../model/SloDefinition';
import { parseWindow } from './parseWindow';

/** A ratio SLO for tests of the math; only window and objectives matter there. */
export function testDefinition(
  options: { window?: string | Record<string, string>; target?: number; minimumEvents?: number } = {},
): SloDefinition {
  const parsed = parseWindow(options.window ?? '30d');
  if (!parsed.ok) throw new Error(parsed.message);
  const window: SloWindow = parsed.value;
  return {
    id: 'component:default/checkout/availability',
    entityRef: 'component:default/checkout',
    name: 'availability',
    sli: {
      kind: 'ratio',
      bad: { selector: 'http_requests_total{code=~"5.."}' },
      total: { selector: 'http_requests_total' },
    },
    objectives: [{ name: '', target: options.target ?? 0.999 }],
    window,
    labels: {},
    minimumEvents: options.minimumEvents,
    origin: { kind: 'annotation', annotation: 'slo-kit.dev/slos' },
  };
}

/** Buckets of `size` seconds covering `[from, to)`, with counts from `counts(index, start)`. */
export function makeBuckets(
  from: number,
  to: number,
  size: number,
  counts: (index: number, start: number) => { good: number; total: number },
): EventBucket[] {
  const buckets: EventBucket[] = [];
  for (let start = from, index = 0; start + size <= to; start += size, index++) {
    buckets.push({ start, durationSeconds: size, ...counts(index, start) });
  }
  return buckets;
}
