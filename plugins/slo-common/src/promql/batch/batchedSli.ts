import type { SliSpec } from '../../model';
import {
  literalAlternation,
  parseLabelMatchers,
  promqlString,
} from '../labelMatchers';
import { joinSelector } from '../splitSelector';
import { mapSliSelectors } from './mapSliSelectors';

/**
 * The SLI of a batch: `sli` (one member's, found batchable on `label` by
 * {@link sliBatchVariants}) with `label="its value"` replaced by
 * `label=~"v1|v2|..."` over `values`, each value matched literally. Asked
 * with `sumBy: label` ({@link PromqlOptions}), it answers every member with
 * one series. Undefined when `sli` is not batchable on `label`.
 *
 * @public
 */
export function batchedSli(
  sli: SliSpec,
  label: string,
  values: readonly string[],
): SliSpec | undefined {
  if (values.length === 0) return undefined;
  const matcher = `${label}=~${promqlString(literalAlternation(values))}`;
  return mapSliSelectors(sli, selector => {
    const parsed = parseLabelMatchers(selector);
    if (!parsed) return undefined;
    const own = parsed.matchers.filter(m => m.name === label);
    if (own.length !== 1 || own[0].operator !== '=') return undefined;
    return joinSelector(
      parsed.metric,
      parsed.matchers
        .map(m => (m.name === label ? matcher : m.text))
        .join(', '),
    );
  });
}
