import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import OpenInNew from '@mui/icons-material/OpenInNew';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { SloStatus } from '@slo-kit/plugin-slo-common';
import { Fragment, useId, useState, type ReactNode } from 'react';
import {
  formatAttainment,
  formatBudget,
  formatBurnRate,
  formatObjective,
  objectiveDecimals,
} from '../../format';
import {
  currentBurnRate,
  DATA_STATE_LABELS,
  describeSliQuery,
  explainDataState,
  primaryEvaluation,
  sloHeadline,
} from '../../status';
import { BurnRateAlerts } from '../BurnRateAlerts';
import { DataStateNotice } from '../DataStateNotice';
import { SloChartsPanel } from '../SloChartsPanel';
import { SloCorrections } from '../SloCorrections';
import {
  AttainmentFigure,
  BudgetFigure,
  BurnNowFigure,
  ForecastFigure,
} from '../SloFigures';
import { SloCardTitle } from './SloCardTitle';
import { SloFreshness } from '../SloFreshness';
import { SloHistoryPanel } from '../SloHistoryPanel';

/**
 * A query with line-break opportunities after its punctuation, so a narrow
 * screen wraps `{service="checkout",code=~"5.."}` between labels rather than
 * letter by letter inside a word.
 */
function withQueryBreaks(query: string): ReactNode[] {
  return query.split(/(?<=[,{(])/).map((part, index) => (
    // The parts of one fixed string: the index is their identity.
    // eslint-disable-next-line react/no-array-index-key
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

/** Props of {@link SloCard}. */
export interface SloCardProps {
  status: SloStatus;
  /** The backend's evaluation time, epoch seconds. */
  now: number;
  /** Start collapsed to one line (for healthy SLOs). */
  defaultCollapsed?: boolean;
  timeZone?: string;
}

/** `prometheus` → `Prometheus`: how the source is named on the link. */
function sourceName(sourceType: string): string {
  return sourceType ? sourceType[0].toUpperCase() + sourceType.slice(1) : 'source';
}

/**
 * One SLO: what it measures, whether it meets its objective, its budget and
 * burn rate, alert windows, charts and history. Healthy SLOs can collapse to
 * a single line; charts and history load only while expanded.
 */
export function SloCard(props: SloCardProps) {
  const { status, now, defaultCollapsed = false, timeZone } = props;
  const { definition, collection, exploreUrl } = status;
  const [expanded, setExpanded] = useState(!defaultCollapsed);
  const detailsId = useId();
  const evaluation = primaryEvaluation(status);
  const health = evaluation?.health ?? 'unknown';
  const target = evaluation?.objective.target ?? definition.objectives[0]?.target ?? 0;
  const explanation = explainDataState({
    evaluation,
    collection,
    minimumEvents: definition.minimumEvents,
    now,
    timeZone,
  });
  const episode = evaluation?.episode;

  return (
    <Card
      variant="outlined"
      data-testid="slo-card"
      data-slo={definition.name}
      data-health={health}
      component="article"
      aria-labelledby={`${detailsId}-title`}
    >
      <CardContent sx={{ pb: expanded ? undefined : '16px !important' }}>
        <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1.5, flexWrap: 'wrap' }}>
          <SloCardTitle
            health={health}
            name={definition.name}
            description={definition.description}
            titleId={`${detailsId}-title`}
            episode={evaluation && episode ? { episode, at: evaluation.at } : undefined}
            timeZone={timeZone}
          />
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <Typography variant="body2" color="text.secondary" data-testid="slo-headline">
              {sloHeadline(definition)}
            </Typography>
            {collection.demo && (
              <Chip
                size="small"
                variant="outlined"
                label="Demo data"
                data-testid="slo-demo-badge"
                title="Figures come from the synthetic demo source, not a real metrics system"
              />
            )}
            <IconButton
              size="small"
              onClick={() => setExpanded(value => !value)}
              aria-expanded={expanded}
              aria-controls={detailsId}
              aria-label={`${expanded ? 'Hide' : 'Show'} details of ${definition.name}`}
              data-testid="slo-card-toggle"
            >
              {expanded ? <ExpandLess /> : <ExpandMore />}
            </IconButton>
          </Box>
        </Box>
        <SloFreshness collection={collection} now={now} timeZone={timeZone} />

        {!expanded && (
          <Typography
            variant="body2"
            sx={{ mt: 1, fontVariantNumeric: 'tabular-nums' }}
            data-testid="slo-card-oneline"
          >
            <span data-testid="slo-attainment">
              Attainment{' '}
              <strong data-testid="slo-attainment-value">
                {formatAttainment(evaluation?.sli ?? null, objectiveDecimals(target))}
              </strong>
            </span>
            {' · '}
            <span data-testid="slo-budget">
              budget left{' '}
              <strong data-testid="slo-budget-value">
                {formatBudget(evaluation?.errorBudget.remainingFraction ?? null)}
              </strong>
            </span>
            {' · '}
            burn {formatBurnRate(currentBurnRate(evaluation).rate)}
            {evaluation && evaluation.dataState !== 'ok'
              ? ` · ${DATA_STATE_LABELS[evaluation.dataState]}`
              : ''}
          </Typography>
        )}

        <Collapse in={expanded} id={detailsId} unmountOnExit>
          <Box
            component="ul"
            aria-label="SLI queries"
            sx={{ listStyle: 'none', p: 0, m: 0, mt: 1 }}
          >
            {describeSliQuery(definition.sli).map(line => (
              <Typography
                key={line}
                component="li"
                variant="caption"
                sx={{ fontFamily: 'monospace', overflowWrap: 'break-word', color: 'text.secondary' }}
              >
                {withQueryBreaks(line)}
              </Typography>
            ))}
          </Box>
          {explanation && <DataStateNotice explanation={explanation} />}
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))',
              gap: 2,
              my: 2,
            }}
          >
            <AttainmentFigure evaluation={evaluation} />
            <BudgetFigure evaluation={evaluation} />
            <BurnNowFigure evaluation={evaluation} />
            <ForecastFigure evaluation={evaluation} timeZone={timeZone} />
          </Box>
          {status.evaluations.length > 1 && (
            <Box component="ul" aria-label="Other objectives" sx={{ pl: 2, mt: 0 }}>
              {status.evaluations.slice(1).map(other => (
                <Typography component="li" variant="body2" key={other.objective.name}>
                  {`Objective ${other.objective.name || '(unnamed)'} ${formatObjective(
                    other.objective.target,
                  )}: ${formatAttainment(other.sli, objectiveDecimals(other.objective.target))} ${
                    other.sli !== null && other.sli >= other.objective.target ? '▲ meets' : '▼ misses'
                  } · budget left ${formatBudget(other.errorBudget.remainingFraction)}`}
                </Typography>
              ))}
            </Box>
          )}
          <Typography variant="subtitle1" component="h3" sx={{ mb: 0.5 }}>
            Alert windows
          </Typography>
          <BurnRateAlerts alerts={evaluation?.alerts ?? []} target={target} />
          {status.corrections && (
            <SloCorrections
              name={definition.name}
              corrections={status.corrections}
              windowLabel={definition.window.label}
              timeZone={timeZone}
            />
          )}
          <Divider sx={{ my: 2 }} />
          <SloChartsPanel status={status} now={now} timeZone={timeZone} />
          <Divider sx={{ my: 2 }} />
          <SloHistoryPanel status={status} />
          {exploreUrl && (
            <Box sx={{ mt: 2, textAlign: 'right' }}>
              <Link
                href={exploreUrl}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="slo-explore-link"
                aria-label={`Open the query of ${definition.name} in ${sourceName(
                  collection.sourceType,
                )} (opens in a new tab)`}
                sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
              >
                Open in {sourceName(collection.sourceType)}
                <OpenInNew fontSize="inherit" />
              </Link>
            </Box>
          )}
        </Collapse>
      </CardContent>
    </Card>
  );
}
