import { Progress } from '@backstage/frontend-plugin-api';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import CardHeader from '@material-ui/core/CardHeader';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import type { CheckResult, CheckResultsState } from './useEntityCheckResults';
import { useEntityCheckResults } from './useEntityCheckResults';

/** One check: a pass/fail icon with its text twin, the check's name and description. */
function CheckRow({ result }: { result: CheckResult }) {
  const verdict = result.result ? 'Passed' : 'Failed';
  return (
    <ListItem data-testid="tech-insights-check" disableGutters>
      <ListItemIcon>
        {result.result ? (
          <CheckCircleOutline color="primary" aria-hidden="true" />
        ) : (
          <ErrorOutline color="error" aria-hidden="true" />
        )}
      </ListItemIcon>
      <ListItemText
        primary={
          <>
            <strong>{verdict}:</strong> {result.check.name}
          </>
        }
        secondary={result.check.description}
        // The app theme sets nowrap on list text; a description is a sentence
        // and must wrap (390 px).
        primaryTypographyProps={{ style: { whiteSpace: 'normal' } }}
        secondaryTypographyProps={{ style: { whiteSpace: 'normal' } }}
      />
    </ListItem>
  );
}

/** The card for a given state, for tests and stories. */
export function TechInsightsChecksCardView({
  state,
}: {
  state: CheckResultsState;
}) {
  let body;
  if (state.status === 'loading') {
    body = <Progress />;
  } else if (state.status === 'error') {
    body = (
      <Typography role="alert">
        Could not run the Tech Insights checks: {state.message}. The checks need
        the Tech Insights backend and its facts (retrieved on the schedule in
        app-config <code>techInsights.factRetrievers</code>).
      </Typography>
    );
  } else if (state.results.length === 0) {
    body = (
      <Typography>
        No Tech Insights check applies to this entity (each check's filter
        chooses the entities it judges).
      </Typography>
    );
  } else {
    const passed = state.results.filter(r => r.result).length;
    body = (
      <>
        <Typography data-testid="tech-insights-summary">
          {passed} of {state.results.length} checks passed
        </Typography>
        <List dense>
          {state.results.map(r => (
            <CheckRow key={r.check.id} result={r} />
          ))}
        </List>
      </>
    );
  }
  return (
    <Card data-testid="tech-insights-checks-card">
      <CardHeader
        title="Scorecard"
        titleTypographyProps={{ component: 'h2', variant: 'h5' }}
        subheader="Tech Insights checks, run now on the latest facts"
      />
      <CardContent>{body}</CardContent>
    </Card>
  );
}

/** Runs the entity's Tech Insights checks and shows each result. */
export function TechInsightsChecksCard() {
  return <TechInsightsChecksCardView state={useEntityCheckResults()} />;
}
