import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { Progress } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import type { EntitySlosResponse } from '@slo-kit/plugin-slo-common';
import { useMemo } from 'react';
import { useEntitySlos } from '../../hooks';
import { isSloAvailable } from '../../isSloAvailable';
import { pageFrameSx } from '../../layout';
import { isHealthy, sortWorstFirst, summariseEntitySlos } from '../../status';
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
  /** IANA zone for times; the browser's by default. */
  timeZone?: string;
}

/**
 * The SLO tab for given data: summary strip, then one card per SLO, worst
 * first; the empty state when the entity has no valid SLOs.
 */
export function EntitySloContentView(props: EntitySloContentViewProps) {
  const { entity, response, timeZone } = props;
  const now = Date.parse(response.now) / 1000;
  const slos = useMemo(() => sortWorstFirst(response.slos), [response.slos]);
  const summary = useMemo(() => summariseEntitySlos(response), [response]);

  if (slos.length === 0) {
    return (
      <SloEmptyState
        entityName={entity.metadata.name}
        problems={response.problems}
        hasAnnotation={isSloAvailable(entity)}
        entityRef={response.entityRef}
      />
    );
  }
  const collapseHealthy = slos.length >= COLLAPSE_HEALTHY_FROM;
  return (
    <Box data-testid="slo-tab">
      <Box sx={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 2, flexWrap: 'wrap' }}>
        <SloSummaryStrip summary={summary} now={now} />
        <RulesButton entityRef={response.entityRef} entityName={entity.metadata.name} />
      </Box>
      {response.problems.length > 0 && <SloProblems problems={response.problems} />}
      <Stack spacing={2}>
        {slos.map(status => (
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

  let body;
  if (slos.error) {
    body = (
      <ErrorNotice
        title={`Could not load the SLOs of ${entity.metadata.title ?? entity.metadata.name}`}
        error={slos.error}
        onRetry={slos.retry}
      />
    );
  } else if (!slos.value) {
    body = <Progress />;
  } else {
    body = <EntitySloContentView entity={entity} response={slos.value} timeZone={props.timeZone} />;
  }
  return (
    <Box data-testid="slo-tab-page" sx={pageFrameSx}>
      {body}
    </Box>
  );
}
