import { Progress } from '@backstage/frontend-plugin-api';
import Box from '@mui/material/Box';
import { useEntitySloLink, useScorecard, useScorecardQuery } from '../../hooks';
import { pageFrameSx } from '../../layout';
import { ErrorNotice } from '../ErrorNotice';
import { ScorecardView } from './ScorecardView';

/**
 * The team scorecard page: every team's SLOs rolled up, drill-down into a
 * team, all view state in the URL. Loads the scorecard for the selected team.
 *
 * @public
 */
export function SloScorecardPage() {
  const [query, update] = useScorecardQuery();
  const scorecard = useScorecard(query.group);
  const sloLink = useEntitySloLink();

  let body;
  if (scorecard.error) {
    body = (
      <ErrorNotice
        title="Could not load the SLO scorecard"
        error={scorecard.error}
        onRetry={scorecard.retry}
      />
    );
  } else if (!scorecard.value || scorecard.loading) {
    // A new team's rows are loading: don't show the previous team's meanwhile.
    body = <Progress />;
  } else {
    body = (
      <ScorecardView response={scorecard.value} query={query} onChange={update} sloLink={sloLink} />
    );
  }
  // The page's own `main`: the app shell gives a page none.
  return (
    <Box component="main" data-testid="slo-scorecard-page" sx={[pageFrameSx, { p: { xs: 2, lg: 3 } }]}>
      {body}
    </Box>
  );
}
