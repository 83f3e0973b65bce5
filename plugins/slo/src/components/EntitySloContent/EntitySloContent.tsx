import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { Progress } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type {
  CompositeSloStatus,
  EntityCompositesResponse,
  EntitySlosResponse,
} from '@slo-kit/plugin-slo-common';
import { useMemo } from 'react';
import { useEntityComposites, useEntitySlos, useProgressiveCount } from '../../hooks';
import { hasCompositeSlos, isSloAvailable } from '../../isSloAvailable';
import { pageFrameSx } from '../../layout';
import { HEALTH_RANK, isHealthy, sortWorstFirst, summariseEntitySlos } from '../../status';
import { CompositeSloCard } from '../CompositeSloCard';
import { ErrorNotice } from '../ErrorNotice';
import { RulesButton } from '../RulesButton';
import { SloCard } from '../SloCard';
import { SloEmptyState, SloProblems } from '../SloEmptyState';
import { SloSummaryStrip } from '../SloSummaryStrip';

/** With this many SLOs or more, healthy ones start collapsed to one line. */
const COLLAPSE_HEALTHY_FROM = 3;

/** Props of {@link EntitySloContentView}. */
export interface EntitySloContentViewProps {
  entity: Entity;
  response: EntitySlosResponse;
  /** The entity's composite SLOs, when it declares some. */
  composites?: EntityCompositesResponse;
  /** Why the composites could not be loaded, with a retry. */
  compositesError?: { error: Error; retry: () => void };
  /** IANA zone for times; the browser's by default. */
  timeZone?: string;
}

/** Worst status first, then by name. */
function sortCompositesWorstFirst(composites: readonly CompositeSloStatus[]): CompositeSloStatus[] {
  return [...composites].sort(
    (a, b) => HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || a.name.localeCompare(b.name),
  );
}

/** Healthy composites may collapse to one line, as plain SLOs do. */
function isHealthyComposite(composite: CompositeSloStatus): boolean {
  const alerts = composite.evaluation?.alerts ?? composite.weighted?.alerts ?? [];
  return composite.health === 'met' && composite.dataState === 'ok' && !alerts.some(alert => alert.firing);
}

/**
 * The entity's composite SLOs (a System's or a Domain's journeys), each with
 * its members' contributions, worst first.
 */
function CompositeSection(props: {
  entityRef: string;
  composites: readonly CompositeSloStatus[];
  now: number;
  collapseHealthy: boolean;
  timeZone?: string;
}) {
  const { entityRef, composites, now, collapseHealthy, timeZone } = props;
  const sorted = useMemo(() => sortCompositesWorstFirst(composites), [composites]);
  return (
    <Box component="section" aria-label="Composite SLOs" data-testid="composite-slos" sx={{ mb: 3 }}>
      <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600 }}>
        {`${composites.length} composite SLO${composites.length === 1 ? '' : 's'}`}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        Journeys built from other entities’ SLOs: each card says how every member contributes.
      </Typography>
      <Stack spacing={2}>
        {sorted.map(composite => (
          <CompositeSloCard
            key={composite.name}
            entityRef={entityRef}
            composite={composite}
            now={now}
            timeZone={timeZone}
            defaultCollapsed={collapseHealthy && isHealthyComposite(composite)}
          />
        ))}
      </Stack>
    </Box>
  );
}

/**
 * The SLO tab for given data: summary strip, then the entity's composite SLOs
 * (if it declares any), then one card per SLO, worst first; the empty state
 * when the entity has neither.
 */
export function EntitySloContentView(props: EntitySloContentViewProps) {
  const { entity, response, composites, compositesError, timeZone } = props;
  const now = Date.parse(response.now) / 1000;
  const slos = useMemo(() => sortWorstFirst(response.slos), [response.slos]);
  const summary = useMemo(() => summariseEntitySlos(response), [response]);
  const problems = useMemo(
    () => [...response.problems, ...(composites?.problems ?? [])],
    [response.problems, composites?.problems],
  );
  const compositeList = composites?.composites ?? [];
  // Five cards at once, five more per task (see useProgressiveCount): about
  // 100 ms of rendering each on the bench's tab, and its ten cards in two.
  const shownSlos = useProgressiveCount(slos.length, { first: 5, step: 5, resetKey: response.entityRef });

  if (slos.length === 0 && compositeList.length === 0 && !compositesError) {
    return (
      <SloEmptyState
        entityName={entity.metadata.name}
        problems={problems}
        hasAnnotation={isSloAvailable(entity) || hasCompositeSlos(entity)}
        entityRef={response.entityRef}
      />
    );
  }
  const collapseHealthy = slos.length + compositeList.length >= COLLAPSE_HEALTHY_FROM;
  return (
    <Box data-testid="slo-tab">
      {/* The rules cover the SLOs and the events composites the tab shows. */}
      <Box sx={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 2, flexWrap: 'wrap' }}>
        {slos.length > 0 ? <SloSummaryStrip summary={summary} now={now} /> : <span />}
        <RulesButton entityRef={response.entityRef} entityName={entity.metadata.name} />
      </Box>
      {problems.length > 0 && <SloProblems problems={problems} />}
      {compositesError && (
        <ErrorNotice
          title={`Could not load the composite SLOs of ${entity.metadata.title ?? entity.metadata.name}`}
          error={compositesError.error}
          onRetry={compositesError.retry}
        />
      )}
      {compositeList.length > 0 && (
        <CompositeSection
          entityRef={composites?.entityRef ?? response.entityRef}
          composites={compositeList}
          now={Date.parse(composites?.now ?? response.now) / 1000}
          collapseHealthy={collapseHealthy}
          timeZone={timeZone}
        />
      )}
      <Stack spacing={2}>
        {slos.slice(0, shownSlos).map(status => (
          <SloCard
            key={status.definition.id}
            status={status}
            now={now}
            timeZone={timeZone}
            defaultCollapsed={collapseHealthy && isHealthy(status)}
          />
        ))}
      </Stack>
    </Box>
  );
}

/**
 * Props of {@link EntitySloContent}.
 *
 * @public
 */
export interface EntitySloContentProps {
  /** IANA zone for times; the browser's by default. */
  timeZone?: string;
}

/**
 * The SLO tab of an entity page: loads the entity's SLOs and renders them.
 *
 * @public
 */
export function EntitySloContent(props: EntitySloContentProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const slos = useEntitySlos(entityRef);
  const withComposites = hasCompositeSlos(entity);
  const composites = useEntityComposites(entityRef, { enabled: withComposites });
  const compositesPending = withComposites && !composites.value && !composites.error;

  let body;
  if (slos.error) {
    body = (
      <ErrorNotice
        title={`Could not load the SLOs of ${entity.metadata.title ?? entity.metadata.name}`}
        error={slos.error}
        onRetry={slos.retry}
      />
    );
  } else if (!slos.value || compositesPending) {
    body = <Progress />;
  } else {
    body = (
      <EntitySloContentView
        entity={entity}
        response={slos.value}
        composites={composites.value}
        compositesError={composites.error ? { error: composites.error, retry: composites.retry } : undefined}
        timeZone={props.timeZone}
      />
    );
  }
  return (
    <Box data-testid="slo-tab-page" sx={pageFrameSx}>
      {body}
    </Box>
  );
}
