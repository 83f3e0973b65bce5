import type { SloDefinition } from '../model/SloDefinition';

/**
 * The rule file's top comment about corrections, always written: PromQL's
 * `increase()` over a window cannot leave ranges out, so no exported rule
 * excludes a correction.
 */
export const CORRECTIONS_NOT_IN_RULES =
  ' Corrections (slo-kit.dev/corrections, OpenSLO BudgetAdjustment) are NOT excluded by these rules: increase() over a window cannot leave ranges out, so during a correction, and for as long as it stays inside an alert window, these alerts count the events the portal leaves out and can fire where the portal shows no burn.';

/**
 * A group comment naming the corrections of the SLOs behind a group (one
 * SLO, or a composite's members) that its rules count anyway; undefined
 * when none has corrections.
 */
export function correctionsNotInRulesComment(
  slos: ReadonlyArray<Pick<SloDefinition, 'id' | 'corrections'>>,
): string | undefined {
  const named = slos.flatMap(slo =>
    (slo.corrections ?? []).map(c => `${c.name}${slos.length > 1 ? ` (${slo.id})` : ''}`),
  );
  if (named.length === 0) return undefined;
  return ` Not excluded here, unlike in the portal: the correction(s) ${named.join(', ')}. Silence these alerts for their ranges (an Alertmanager silence) if they must not page.`;
}
