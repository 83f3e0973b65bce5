import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Collapse from '@mui/material/Collapse';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import type { CompositeSloStatus } from '@slo-kit/plugin-slo-common';
import { useId, useState } from 'react';
import { formatAttainment, formatBudget, formatBurnRate, objectiveDecimals } from '../../format';
import {
  compositeHeadline,
  currentBurnRate,
  DATA_STATE_LABELS,
  explainComposite,
} from '../../status';
import { BurnRateAlerts } from '../BurnRateAlerts';
import { DataStateNotice } from '../DataStateNotice';
import { SloChartsPanel } from '../SloChartsPanel';
import { AttainmentFigure, BudgetFigure, BurnNowFigure, ForecastFigure } from '../SloFigures';
import { SloCardTitle } from '../SloCard';
import { SloHistoryPanel } from '../SloHistoryPanel';
import { CompositeMembersTable } from './CompositeMembersTable';
import { WeightedFigures } from './WeightedFigures';

/** Props of {@link CompositeSloCard}. */
export interface CompositeSloCardProps {
  /** The entity that declares the composite. */
  entityRef: string;
  composite: CompositeSloStatus;
  /** The backend's evaluation time, epoch seconds. */
  now: number;
  /** Start collapsed to one line (for healthy composites). */
  defaultCollapsed?: boolean;
  timeZone?: string;
}

/**
 * One composite SLO of a System or Domain, shown like a plain SLO's card:
 * status, attainment, budget, burn rate, what each member contributes, alert
 * windows, charts and history (from the pooled events of an `events`
 * composite, of the weighted SLIs of a `weighted` one).
 */
export function CompositeSloCard(props: CompositeSloCardProps) {
  const { entityRef, composite, now, defaultCollapsed = false, timeZone } = props;
  const [expanded, setExpanded] = useState(!defaultCollapsed);
  const detailsId = useId();
  const { evaluation, weighted } = composite;
  const alerts = evaluation?.alerts ?? weighted?.alerts ?? [];
  const sli = evaluation?.sli ?? weighted?.sli ?? null;
  const budget = evaluation?.errorBudget.remainingFraction ?? weighted?.errorBudgetRemaining ?? null;
  const burn = currentBurnRate(evaluation ?? weighted).rate;
  const explanation = explainComposite(composite);
  const episode = evaluation?.episode;
  const subject = {
    entityRef,
    name: composite.name,
    window: composite.window,
    target: composite.objective,
    alerts,
    composite: true,
  };

  return (
    <Card
      variant="outlined"
      data-testid="composite-slo-card"
      data-composite={composite.name}
      data-health={composite.health}
      component="article"
      aria-labelledby={`${detailsId}-title`}
    >
      <CardContent sx={{ pb: expanded ? undefined : '16px !important' }}>
        <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1.5, flexWrap: 'wrap' }}>
          <SloCardTitle
            health={composite.health}
            name={composite.name}
            description={composite.description}
            titleId={`${detailsId}-title`}
            episode={evaluation && episode ? { episode, at: evaluation.at } : undefined}
            timeZone={timeZone}
          />
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <Typography variant="body2" color="text.secondary" data-testid="composite-headline">
              {compositeHeadline(composite)}
            </Typography>
            <IconButton
              size="small"
              onClick={() => setExpanded(value => !value)}
              aria-expanded={expanded}
              aria-controls={detailsId}
              aria-label={`${expanded ? 'Hide' : 'Show'} details of ${composite.name}`}
              data-testid="composite-card-toggle"
            >
              {expanded ? <ExpandLess /> : <ExpandMore />}
            </IconButton>
          </Box>
        </Box>

        {!expanded && (
          <Typography variant="body2" sx={{ mt: 1, fontVariantNumeric: 'tabular-nums' }} data-testid="slo-card-oneline">
            <span data-testid="slo-attainment">
              Attainment{' '}
              <strong data-testid="slo-attainment-value">
                {formatAttainment(sli, objectiveDecimals(composite.objective))}
              </strong>
            </span>
            {' · '}
            <span data-testid="slo-budget">
              budget left <strong data-testid="slo-budget-value">{formatBudget(budget)}</strong>
            </span>
            {' · '}
            burn {formatBurnRate(burn)}
            {composite.dataState !== 'ok' ? ` · ${DATA_STATE_LABELS[composite.dataState]}` : ''}
          </Typography>
        )}

        <Collapse in={expanded} id={detailsId} unmountOnExit>
          {explanation && <DataStateNotice explanation={explanation} />}
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))',
              gap: 2,
              my: 2,
            }}
          >
            {weighted ? (
              <WeightedFigures
                weighted={weighted}
                members={composite.members.length}
                membersWithData={weighted.memberSlis.filter(value => value !== null).length}
              />
            ) : (
              <>
                <AttainmentFigure evaluation={evaluation} />
                <BudgetFigure evaluation={evaluation} />
                <BurnNowFigure evaluation={evaluation} />
                <ForecastFigure evaluation={evaluation} timeZone={timeZone} />
              </>
            )}
          </Box>
          <CompositeMembersTable composite={composite} />
          <Typography variant="subtitle1" component="h3" sx={{ mt: 2, mb: 0.5 }}>
            Alert windows
          </Typography>
          <BurnRateAlerts alerts={alerts} target={composite.objective} />
          <Divider sx={{ my: 2 }} />
          <SloChartsPanel slo={subject} now={now} timeZone={timeZone} />
          <Divider sx={{ my: 2 }} />
          <SloHistoryPanel slo={subject} />
        </Collapse>
      </CardContent>
    </Card>
  );
}
