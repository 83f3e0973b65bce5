import type {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ResponseError } from '@backstage/errors';
import {
  hasSloAnnotations,
  type EntitySlosResponse,
} from '@slo-kit/plugin-slo-common';
import { sloFacts, type SloFacts } from './sloFacts';

/**
 * The retriever's id: the key of its schedule in app-config
 * (`techInsights.factRetrievers.sloFactRetriever`) and the `factIds` of checks.
 *
 * @public
 */
export const SLO_FACT_RETRIEVER_ID = 'sloFactRetriever';

/** SLO API calls at once: one per entity that declares SLOs. */
/**
 * Entities asked for at a time. One: facts are not urgent, and every request
 * costs the SLO backend a catalog lookup and the entity's figures in the same
 * process that answers people. At 2,000 services, four at a time kept the
 * backend busy 32-330 s of every 2-minute run of the demo's schedule (65% of
 * a 50-minute bench) and the entity SLO list took 718 ms at 10 clients beside
 * it (docs/performance.md › 10,000 services).
 */
const FACT_REQUEST_CONCURRENCY = 1;

/** Components, unless the retriever is given other entities. */
const DEFAULT_ENTITY_FILTER = [{ kind: 'component' }];

const schema: Record<keyof SloFacts, { type: 'boolean' | 'integer' | 'float'; description: string }> = {
  hasSlos: { type: 'boolean', description: 'The entity declares at least one valid SLO' },
  slos: { type: 'integer', description: 'Valid SLOs the entity declares' },
  slosMeeting: {
    type: 'integer',
    description: 'SLOs meeting their objective now (status met or at risk)',
  },
  slosUnknown: {
    type: 'integer',
    description: 'SLOs whose status is unknown (no data, too little traffic, source down)',
  },
  allMeeting: {
    type: 'boolean',
    description: 'At least one SLO, and every SLO meeting its objective (an unknown one is not)',
  },
  worstBudgetRemaining: {
    type: 'float',
    description:
      'Lowest error budget left among SLOs with trustworthy data, a fraction (0.25 is 25%, negative when overspent); absent when none has',
  },
  pagingNow: { type: 'boolean', description: 'A page burn-rate alert fires for at least one SLO' },
  definitionProblems: {
    type: 'integer',
    description: "Problems in the entity's SLO declarations",
  },
};

/** Runs `task` over `items`, `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * A Tech Insights fact retriever that publishes, per entity, the SLO facts
 * of {@link SloFacts}, read from the SLO backend's API (the stored
 * evaluation the SLOs tab shows) with the retriever's own service
 * credentials. An entity that declares no SLO annotation gets facts without
 * a call (`hasSlos: false`). If the SLO API fails, the run fails and stores
 * nothing, so no entity is reported without SLOs because the API was down.
 *
 * @public
 */
export function createSloFactRetriever(options: {
  catalog: CatalogService;
  /** Entities to publish facts for; default every Component. */
  entityFilter?: FactRetriever['entityFilter'];
}): FactRetriever {
  return {
    id: SLO_FACT_RETRIEVER_ID,
    version: '0.1.0',
    title: 'SLOs',
    description:
      'Has SLOs, SLOs meeting, all meeting, worst budget remaining, paging now and definition problems, from the SLO plugin',
    entityFilter: options.entityFilter ?? DEFAULT_ENTITY_FILTER,
    schema,
    async handler(ctx: FactRetrieverContext): Promise<TechInsightFact[]> {
      const credentials = await ctx.auth.getOwnServiceCredentials();
      const { items } = await options.catalog.getEntities(
        {
          filter: ctx.entityFilter ?? options.entityFilter ?? DEFAULT_ENTITY_FILTER,
          fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.annotations'],
        },
        { credentials },
      );
      const baseUrl = await ctx.discovery.getBaseUrl('slo');
      const { token } = await ctx.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'slo',
      });
      const facts: TechInsightFact[] = [];
      await eachLimited(items, FACT_REQUEST_CONCURRENCY, async entity => {
        const ref = {
          kind: entity.kind,
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
        };
        let response: Pick<EntitySlosResponse, 'slos' | 'problems'> = { slos: [], problems: [] };
        if (hasSloAnnotations(entity)) {
          const path = [ref.kind, ref.namespace, ref.name].map(encodeURIComponent).join('/');
          const answer = await fetch(`${baseUrl}/entities/${path}/slos`, {
            headers: { Authorization: `Bearer ${token}` },
          });
          // Removed from the catalog since it was listed: no facts.
          if (answer.status === 404) return;
          if (!answer.ok) throw await ResponseError.fromResponse(answer);
          response = (await answer.json()) as EntitySlosResponse;
        }
        facts.push({ entity: ref, facts: { ...sloFacts(response) } });
      });
      ctx.logger.info(`SLO facts for ${facts.length} of ${items.length} entities`);
      return facts;
    },
  };
}
