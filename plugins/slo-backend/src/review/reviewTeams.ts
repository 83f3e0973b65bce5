import type { Entity } from '@backstage/catalog-model';
import {
  forecastTarget,
  parseReliabilityTargets,
  RELIABILITY_TARGETS_ANNOTATION,
  reviewTeamPeriod,
  type ReviewPeriodRef,
  type ReviewPeriodUnit,
  type ReviewSlo,
  type ReviewTargetProgress,
  type ReviewTeam,
  type ValidationProblem,
} from '@slo-kit/plugin-slo-common';
import { groupRefOf, subtree } from '../service/buildScorecard';
import { groupTitle } from './reviewedEntity';

/**
 * Each reviewed group's row of the review: the SLOs its subtree owns, their
 * figures per period, and its reliability targets' progress (forecast for
 * the current period). Problems of the targets' annotations are added to
 * `problems`.
 *
 * @internal
 */
export function reviewTeams(options: {
  reviewed: readonly Entity[];
  childrenOf: Map<string, string[]>;
  parentOf: Map<string, string | null>;
  slos: readonly ReviewSlo[];
  period: ReviewPeriodUnit;
  periods: readonly ReviewPeriodRef[];
  /** Evaluation time, epoch seconds. */
  at: number;
  problems: ValidationProblem[];
}): ReviewTeam[] {
  const { slos, periods, at, problems } = options;
  const elapsed = (period: ReviewPeriodRef) =>
    period.current
      ? (Math.min(at, period.end) - period.start) / (period.end - period.start)
      : null;
  const teams = options.reviewed.map((group): ReviewTeam => {
    const ref = groupRefOf(group);
    const members = subtree(ref, options.childrenOf);
    const sloIndexes = slos.flatMap((slo, i) =>
      slo.ownerRefs.some(o => members.has(o)) ? [i] : [],
    );
    const teamSlos = sloIndexes.map(i => slos[i]);
    const parsed = parseReliabilityTargets(
      ref,
      group.metadata.annotations?.[RELIABILITY_TARGETS_ANNOTATION],
    );
    problems.push(...parsed.problems);
    const targets = parsed.targets.map((target, t): ReviewTargetProgress => {
      const counted = teamSlos.filter(slo =>
        Object.entries(target.labels).every(
          ([key, value]) => slo.labels[key] === value,
        ),
      );
      if (
        Object.keys(target.labels).length > 0 &&
        counted.length === 0 &&
        teamSlos.length > 0
      ) {
        problems.push(unknownLabelsProblem(ref, t, target.labels, teamSlos));
      }
      if (target.period !== options.period) {
        return { ...target, periods: [], current: null };
      }
      const progress = periods.map((period, i) => ({
        label: period.label,
        ...forecastTarget(
          target.share,
          counted.map(
            slo => slo.periods[i] ?? { met: null, budgetSpent: null },
          ),
          elapsed(period),
        ),
      }));
      const current = progress.find((_, i) => periods[i].current);
      return {
        ...target,
        periods: progress,
        current: current?.status ?? null,
      };
    });
    return {
      groupRef: ref,
      title: groupTitle(group),
      parentRef: options.parentOf.get(ref) ?? null,
      sloIndexes,
      periods: periods.map((period, i) =>
        reviewTeamPeriod(teamSlos, i, period.label),
      ),
      targets,
    };
  });
  return teams.sort((a, b) => a.groupRef.localeCompare(b.groupRef));
}

/** A target whose labels no SLO of the group has: what they have instead. */
function unknownLabelsProblem(
  groupRef: string,
  index: number,
  labels: Record<string, string>,
  slos: readonly ReviewSlo[],
): ValidationProblem {
  const seen = new Set<string>();
  for (const slo of slos) {
    for (const key of Object.keys(labels)) {
      if (slo.labels[key] !== undefined) seen.add(`${key}=${slo.labels[key]}`);
    }
  }
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return {
    entityRef: groupRef,
    annotation: RELIABILITY_TARGETS_ANNOTATION,
    path: `[${index}].labels`,
    message: `No SLO of the group's entities has the labels ${wanted}, so the target counts nothing. ${
      seen.size > 0
        ? `Their entities have ${[...seen].sort().join(', ')}.`
        : `None of their entities has the label${
            Object.keys(labels).length > 1 ? 's' : ''
          } at all.`
    } Check the label in metadata.labels of the group's entities.`,
    found: wanted,
  };
}
