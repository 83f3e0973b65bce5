import type { SliSpec } from '../../model';
import { parseLabelMatchers, type LabelMatcher } from '../labelMatchers';
import { joinSelector } from '../splitSelector';
import { mapSliSelectors } from './mapSliSelectors';

/**
 * One way to ask an SLI together with other SLOs' in one query: SLIs with
 * the same `key` differ only in the value of `label`, so
 * `sum by (label) (...)` over `label=~"v1|v2|..."` answers each of them
 * with one series.
 *
 * @public
 */
export interface SliBatchVariant {
  /** The label whose value tells the SLOs of a batch apart. */
  label: string;
  /** This SLI's value of it, as PromQL reads it (escapes resolved). */
  value: string;
  /** Equal for every SLI of the same shape, metric and other matchers. */
  key: string;
}

/** Labels that cannot tell SLOs apart in a batch. */
const RESERVED_LABELS = new Set(['__name__', 'le']);

/** The matchers of `label` in a parsed selector. */
function matchersOf(matchers: LabelMatcher[], label: string): LabelMatcher[] {
  return matchers.filter(matcher => matcher.name === label);
}

/**
 * The ways an SLI can be batched: one per label that every selector of the
 * SLI matches with `label="value"` (the same non-empty value everywhere, and
 * no other matcher on that label). None for SLIs with a full query, gauge
 * latency SLIs, or selectors that are not plain `metric{...}`.
 *
 * Only equality is batched: a regular-expression matcher may match several
 * values, and `sum by (label)` would split what the single query sums.
 *
 * @public
 */
export function sliBatchVariants(sli: SliSpec): SliBatchVariant[] {
  const selectors: string[] = [];
  const collected = mapSliSelectors(sli, selector => {
    selectors.push(selector);
    return selector;
  });
  if (!collected || selectors.length === 0) return [];
  const parsed = selectors.map(parseLabelMatchers);
  if (parsed.some(p => p === undefined)) return [];
  const selectorsParsed = parsed as Array<{
    metric: string;
    matchers: LabelMatcher[];
  }>;

  const variants: SliBatchVariant[] = [];
  const candidates = new Set(
    selectorsParsed[0].matchers.map(matcher => matcher.name),
  );
  for (const label of candidates) {
    if (RESERVED_LABELS.has(label)) continue;
    const found = selectorsParsed.map(p => matchersOf(p.matchers, label));
    const value = found[0][0]?.value;
    const usable =
      value !== undefined &&
      value !== '' &&
      found.every(
        list =>
          list.length === 1 &&
          list[0].operator === '=' &&
          list[0].value === value,
      );
    if (!usable) continue;
    // The SLI with the label's matcher taken out, the other matchers in one
    // order: the same for every SLI that differs only in the label's value.
    let index = 0;
    const template = mapSliSelectors(sli, () => {
      const { metric, matchers } = selectorsParsed[index++];
      return joinSelector(
        metric,
        matchers
          .filter(matcher => matcher.name !== label)
          .map(
            matcher =>
              `${matcher.name}${matcher.operator}${JSON.stringify(
                matcher.value,
              )}`,
          )
          .sort()
          .join(', '),
      );
    });
    variants.push({
      label,
      value: value!,
      key: JSON.stringify([label, template]),
    });
  }
  return variants.sort((a, b) => a.label.localeCompare(b.label));
}
