import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, RouterLink } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { EntitySlosResponse } from '@slo-kit/plugin-slo-common';
import { useMemo } from 'react';
import { formatAttainment, formatBudget, formatObjective, objectiveDecimals } from '../../format';
import { useEntitySloLink, useEntitySlos } from '../../hooks';
import { focusRingSx } from '../../layout';
import {
  DATA_STATE_LABELS,
  primaryEvaluation,
  sortWorstFirst,
  summariseEntitySlos,
} from '../../status';
import { ErrorNotice } from '../ErrorNotice';
import { SloHealthChip } from '../SloHealthChip';

/** How many SLOs the card lists before "and N more". */
const MAX_ROWS = 5;

/** Props of {@link EntitySloCardView}. */
export interface EntitySloCardViewProps {
  response: EntitySlosResponse;
  /** Link to the entity's SLO tab, when the app has one. */
  tabLink?: string;
}

/** The overview card for given data: a summary line and the worst SLOs, one line each. */
export function EntitySloCardView(props: EntitySloCardViewProps) {
  const { response, tabLink } = props;
  const slos = useMemo(() => sortWorstFirst(response.slos), [response.slos]);
  const summary = useMemo(() => summariseEntitySlos(response), [response]);
  const parts = [`${summary.total} SLO${summary.total === 1 ? '' : 's'}`, `${summary.meeting} meeting`];
  // The same words and counts as the tab's summary strip: each SLO once, under its status.
  if (summary.paging > 0) {
    parts.push(`${summary.paging} paging`);
  }
  if (summary.breaching > 0) {
    parts.push(`${summary.breaching} breaching`);
  }
  if (summary.unknown > 0) {
    parts.push(`${summary.unknown} unknown`);
  }
  if (summary.problems > 0) {
    parts.push(`${summary.problems} definition problem${summary.problems === 1 ? '' : 's'}`);
  }
  if (summary.demo) {
    parts.push('demo data');
  }
  return (
    <Card data-testid="slo-overview-card" sx={focusRingSx}>
      <CardHeader
        title="SLOs"
        subheader={<span data-testid="slo-overview-summary">{parts.join(' · ')}</span>}
      />
      <CardContent sx={{ pt: 0 }}>
        {slos.length === 0 ? (
          <Typography variant="body2">
            No valid SLOs.{' '}
            {summary.problems > 0 && 'The SLO tab lists the problems with their field paths.'}
          </Typography>
        ) : (
          <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {slos.slice(0, MAX_ROWS).map(status => {
              const evaluation = primaryEvaluation(status);
              const target = evaluation?.objective.target ?? status.definition.objectives[0]?.target ?? 0;
              const state =
                evaluation && evaluation.dataState !== 'ok'
                  ? ` · ${DATA_STATE_LABELS[evaluation.dataState]}`
                  : '';
              return (
                <Box
                  component="li"
                  key={status.definition.id}
                  data-testid="slo-overview-row"
                  sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.75 }}
                >
                  <SloHealthChip health={evaluation?.health ?? 'unknown'} />
                  <Typography variant="body2" sx={{ flex: 1, minWidth: 0 }} noWrap>
                    {status.definition.name}
                  </Typography>
                  <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    {`${formatAttainment(evaluation?.sli ?? null, objectiveDecimals(target))} of ${formatObjective(target)}`}
                    {` · budget ${formatBudget(evaluation?.errorBudget.remainingFraction ?? null)}`}
                    {state}
                  </Typography>
                </Box>
              );
            })}
          </Box>
        )}
        {slos.length > MAX_ROWS && (
          <Typography variant="body2" color="text.secondary">
            and {slos.length - MAX_ROWS} more
          </Typography>
        )}
        {tabLink && (
          <Box sx={{ mt: 1 }}>
            <Link component={RouterLink} href={tabLink}>
              View SLO details
            </Link>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * The SLO card of an entity's overview page: compact status of its SLOs.
 *
 * @public
 */
export function EntitySloCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const slos = useEntitySlos(entityRef);
  const sloLink = useEntitySloLink();
  if (slos.error) {
    return <ErrorNotice title="Could not load the SLOs" error={slos.error} onRetry={slos.retry} />;
  }
  if (!slos.value) {
    return <Progress />;
  }
  return <EntitySloCardView response={slos.value} tabLink={sloLink(entityRef)} />;
}
