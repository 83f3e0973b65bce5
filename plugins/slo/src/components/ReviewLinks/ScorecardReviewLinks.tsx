import { RouterLink, useApiHolder } from '@backstage/frontend-plugin-api';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type {
  ReliabilityReviewResponse,
  ReviewPeriodUnit,
  TargetStatus,
} from '@slo-kit/plugin-slo-common';
import useAsync from 'react-use/esm/useAsync';
import { formatShare } from '../../format';
import { reviewApiRef } from '../../review/ReviewApi';
import { useReviewHref } from './reviewPath';

/** Words of a target's status; the status is never told by colour alone. */
export const TARGET_STATUS_WORDS: Record<TargetStatus, string> = {
  met: 'met',
  missed: 'missed',
  'on-track': 'on track',
  'at-risk': 'at risk',
  'no-data': 'no data',
};

/** One team's target and where it stands in the current period. */
export interface CurrentTarget {
  groupRef: string;
  team: string;
  name: string;
  share: number;
  period: ReviewPeriodUnit;
  status: TargetStatus | null;
  /** The current period's label, e.g. 2026-Q4. */
  label: string | null;
}

/**
 * Each team's targets with their current period's status, from reviews of
 * the current period of each unit the targets use.
 */
export function currentTargets(
  reviews: readonly ReliabilityReviewResponse[],
): CurrentTarget[] {
  const result: CurrentTarget[] = [];
  const seen = new Set<string>();
  for (const review of reviews) {
    for (const team of review.teams) {
      for (const target of team.targets) {
        const key = `${team.groupRef} ${target.name}`;
        if (target.period !== review.period || seen.has(key)) continue;
        seen.add(key);
        result.push({
          groupRef: team.groupRef,
          team: team.title,
          name: target.name,
          share: target.share,
          period: target.period,
          status: target.current,
          label: target.periods[target.periods.length - 1]?.label ?? null,
        });
      }
    }
  }
  return result.sort(
    (a, b) =>
      a.team.localeCompare(b.team, 'en') || a.name.localeCompare(b.name, 'en'),
  );
}

/** Props of {@link ScorecardReviewLinks}. */
export interface ScorecardReviewLinksProps {
  /** The group shown; the organisation when absent. */
  groupRef?: string;
  groupTitle?: string;
}

/**
 * The scorecard's way to the reliability review (the organisation's or the
 * team's) and the teams' reliability targets with their current status
 * (on track, at risk, missed), read from the review API when the app has it.
 */
export function ScorecardReviewLinks(props: ScorecardReviewLinksProps) {
  const { groupRef, groupTitle } = props;
  const href = useReviewHref(groupRef);
  const api = useApiHolder().get(reviewApiRef);
  const targets = useAsync(async () => {
    if (!api) return [];
    const first = await api.getReview({
      group: groupRef,
      period: 'quarter',
      count: 1,
    });
    const others = new Set<ReviewPeriodUnit>();
    for (const team of first.teams) {
      for (const target of team.targets) {
        if (target.period !== 'quarter') others.add(target.period);
      }
    }
    const more = await Promise.all(
      [...others].map(period =>
        api.getReview({ group: groupRef, period, count: 1 }),
      ),
    );
    return currentTargets([first, ...more]);
  }, [api, groupRef]);

  return (
    <Box
      component="section"
      aria-labelledby="scorecard-review-title"
      data-testid="scorecard-review"
      sx={{ mb: 3 }}
    >
      <Box
        sx={{
          display: 'flex',
          gap: 2,
          flexWrap: 'wrap',
          alignItems: 'baseline',
        }}
      >
        <Typography id="scorecard-review-title" variant="h6" component="h2">
          Reliability targets
        </Typography>
        <Link
          component={RouterLink}
          href={href}
          underline="always"
          data-testid="scorecard-review-link"
        >
          {groupTitle
            ? `Reliability review of ${groupTitle}`
            : 'Reliability review of all teams'}
        </Link>
      </Box>
      {targets.loading && (
        <Typography variant="body2" color="text.secondary">
          Reading the teams' targets…
        </Typography>
      )}
      {targets.error && (
        <Typography variant="body2" color="text.secondary">
          Could not read the teams' targets: {targets.error.message}
        </Typography>
      )}
      {targets.value && targets.value.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          No team {groupTitle ? 'here ' : ''}declares reliability targets
          (annotation slo-kit.dev/reliability-targets on a Group).
        </Typography>
      )}
      {targets.value && targets.value.length > 0 && (
        <Box
          component="ul"
          sx={{ m: 0, pl: 3 }}
          data-testid="scorecard-targets"
        >
          {targets.value.map(target => (
            <li key={`${target.groupRef} ${target.name}`}>
              <Typography variant="body2" component="span">
                {target.team}: {formatShare(target.share)} of SLOs met per{' '}
                {target.period} ({target.name}) —{' '}
                <strong data-testid="scorecard-target-status">
                  {target.status
                    ? `${target.label} so far: ${
                        TARGET_STATUS_WORDS[target.status]
                      }`
                    : 'no status yet'}
                </strong>
              </Typography>
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}
