import { Progress } from '@backstage/frontend-plugin-api';
import Box from '@mui/material/Box';
import { useState } from 'react';
import { pageFrameSx } from '../../layout';
import { useReview } from '../../review/useReview';
import { ErrorNotice } from '../ErrorNotice';
import { ReviewView, type ReviewQuery } from './ReviewView';

/** The group a page was opened for: `?group=group:default/payments`. */
function groupFromUrl(): string | undefined {
  const group = new URLSearchParams(window.location.search).get('group');
  return group || undefined;
}

/**
 * The reliability review page: the organisation's, or one group's and its
 * sub-teams' with `?group=`, over the last 4 quarters or 12 months.
 *
 * @public
 */
export function ReviewPage() {
  // Only the group's own review is asked for: a 300-service division's is
  // 900 SLOs, the organisation's may be ten times more.
  const [group] = useState(groupFromUrl);
  const [query, setQuery] = useState<ReviewQuery>(() => ({
    period: 'quarter',
    count: 4,
    team: group,
  }));
  const review = useReview({ group, period: query.period, count: query.count });

  let body;
  if (review.error) {
    body = (
      <ErrorNotice
        title="Could not load the reliability review"
        error={review.error}
        onRetry={review.retry}
      />
    );
  } else if (!review.value || review.loading) {
    body = <Progress />;
  } else {
    body = (
      <ReviewView
        review={review.value}
        query={query}
        onChange={change => setQuery(q => ({ ...q, ...change }))}
      />
    );
  }
  // The page's own `main`: the app shell gives a page none.
  return (
    <Box
      component="main"
      data-testid="slo-review-page"
      sx={[pageFrameSx, { p: { xs: 2, lg: 3 } }]}
    >
      {body}
    </Box>
  );
}
