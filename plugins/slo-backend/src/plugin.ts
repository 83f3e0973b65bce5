import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { durationToMilliseconds } from '@backstage/types';
import { parseSliTemplates } from '@slo-kit/plugin-slo-common';
import {
  type SloAlertEpisodeListener,
  type SloBudgetExhaustionListener,
  type SloSource,
  type SloSourceModuleInfo,
  sloAlertEpisodesExtensionPoint,
  sloBudgetExhaustionExtensionPoint,
  sloSourcesExtensionPoint,
} from '@slo-kit/plugin-slo-node';
import { createClock } from './clock';
import { SloCollector } from './collector/SloCollector';
import { CompositeSloService } from './composites/CompositeSloService';
import { BurnEpisodeRecorder } from './episodes/BurnEpisodeRecorder';
import { DatabaseSloEpisodeStore } from './episodes/DatabaseSloEpisodeStore';
import { BudgetExhaustionRecorder } from './exhaustion/BudgetExhaustionRecorder';
import { DatabaseBudgetExhaustionStore } from './exhaustion/DatabaseBudgetExhaustionStore';
import { readSloBackendConfig } from './config/readSloBackendConfig';
import { DatabaseSloStore } from './database/DatabaseSloStore';
import { CatalogSloDefinitionLoader } from './definitions/CatalogSloDefinitionLoader';
import { OpenSloReader } from './definitions/OpenSloReader';
import { SloEvaluator } from './evaluator/SloEvaluator';
import { SloReviewReader } from './review/SloReviewReader';
import { SloReviewService } from './review/SloReviewService';
import { SloGateService } from './gate/SloGateService';
import { createRouter } from './service/createRouter';
import { CachingSloDefinitionLoader } from './service/CachingSloDefinitionLoader';
import { SloService } from './service/SloService';
import { SloSourceRegistry } from './sources/SloSourceRegistry';
import { CollectionActivity } from './suggestions/CollectionActivity';
import { DatabaseSuggestionStore } from './suggestions/DatabaseSuggestionStore';
import { SloSuggestionJob } from './suggestions/SloSuggestionJob';

/**
 * The SLO backend plugin: collects good/total event counts from the sources
 * that modules add, stores them, and serves SLO status, history, scorecards
 * and rules at `/api/slo`.
 *
 * @public
 */
export const sloPlugin = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    const addedSources: SloSource[] = [];
    const addedModules: SloSourceModuleInfo[] = [];
    env.registerExtensionPoint(sloSourcesExtensionPoint, {
      addSource(source) {
        addedSources.push(source);
      },
      addSourceModule(module) {
        addedModules.push(module);
      },
    });
    const episodeListeners: SloAlertEpisodeListener[] = [];
    env.registerExtensionPoint(sloAlertEpisodesExtensionPoint, {
      addListener(listener) {
        episodeListeners.push(listener);
      },
    });
    const exhaustionListeners: SloBudgetExhaustionListener[] = [];
    env.registerExtensionPoint(sloBudgetExhaustionExtensionPoint, {
      addListener(listener) {
        exhaustionListeners.push(listener);
      },
    });

    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { logger, config, scheduler, httpRouter, httpAuth } = deps;
        const settings = readSloBackendConfig(config);
        const clock = createClock(settings.fixedNow);
        const sources = new SloSourceRegistry(
          addedSources,
          settings.defaultSource,
          addedModules,
        );
        const store = await DatabaseSloStore.create({
          database: deps.database,
        });
        const suggestionStore = await DatabaseSuggestionStore.create({
          database: deps.database,
        });
        // The suggestion job holds its queries back while a cycle runs on any replica.
        const collection = new CollectionActivity({
          db: await deps.database.getClient(),
          leaseMs: durationToMilliseconds(settings.collector.timeout),
          logger,
        });

        const templates = parseSliTemplates(
          config.getOptional('slo.templates'),
        );
        for (const problem of templates.problems) {
          logger.warn(
            `app-config slo.templates${
              problem.path ? `.${problem.path}` : ''
            }: ${problem.message}`,
          );
        }
        const loader = new CatalogSloDefinitionLoader({
          templates: templates.templates,
          knownSources: () => sources.list().map(s => s.name),
          openSlo: new OpenSloReader(deps.urlReader),
          now: () => clock.now(),
        });

        const episodes = await DatabaseSloEpisodeStore.create({
          database: deps.database,
        });
        const episodeRecorder = new BurnEpisodeRecorder({
          store,
          episodes,
          listeners: episodeListeners,
          onListenerError: error =>
            logger.warn(
              `An SLO alert-episode listener failed; the change is not announced again: ${
                error instanceof Error ? error.message : String(error)
              }`,
            ),
        });
        const evaluator = new SloEvaluator({
          store,
          sources,
          clock,
          config: settings,
        });
        const exhaustionRecorder = new BudgetExhaustionRecorder({
          evaluator,
          store: await DatabaseBudgetExhaustionStore.create({
            database: deps.database,
          }),
          listeners: exhaustionListeners,
          onListenerError: error =>
            logger.warn(
              `An SLO budget-exhaustion listener failed; the change is not announced again: ${
                error instanceof Error ? error.message : String(error)
              }`,
            ),
        });
        const collector = new SloCollector({
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          store,
          sources,
          loader,
          clock,
          settings: settings.collector,
          // Compaction keeps the review zone's periods exact.
          timeZones: [settings.review.timeZone],
          // Episodes are recorded while the buckets are fine, so compaction keeps them.
          // Then whether the budget (the evaluator's figure) is exhausted.
          afterCollect: async (definition, collected) => {
            await episodeRecorder.record(definition, collected);
            await exhaustionRecorder.record(definition);
          },
        });
        // What requests made of each entity's SLO annotations: one instance
        // for the API, the review and the composites, so each definition is
        // held once (and the evaluator recognises it as the same object).
        const cachingLoader = new CachingSloDefinitionLoader(loader);
        // Scorecards and reviews count composites next to SLOs.
        const composites = new CompositeSloService({
          catalog: deps.catalog,
          auth: deps.auth,
          loader: cachingLoader,
          evaluator,
          store,
          coverageThreshold: settings.coverageThreshold,
        });
        const service = new SloService({
          catalog: deps.catalog,
          // Requests parse only the entities whose SLO annotations changed.
          loader: cachingLoader,
          evaluator,
          store,
          sources,
          appBaseUrl: config.getOptionalString('app.baseUrl'),
          // A caller's catalog answers serve its next requests for 10 s: the
          // catalog's token and permission checks cost more than the SLO figures.
          catalogCacheMs: 10_000,
          suggestions: suggestionStore,
          composites,
        });
        const review = new SloReviewService({
          catalog: deps.catalog,
          loader: cachingLoader,
          evaluator,
          reader: new SloReviewReader({
            store,
            evaluator,
            config: settings,
            episodes,
          }),
          defaultTimeZone: settings.review.timeZone,
          catalogCacheMs: 10_000,
          composites,
        });
        // Global scope: with several replicas on one database, one of them runs each cycle.
        await scheduler.scheduleTask({
          id: 'slo-collector',
          scope: 'global',
          frequency: settings.collector.frequency,
          timeout: settings.collector.timeout,
          initialDelay: settings.collector.initialDelay,
          // The signal aborts when the scheduler gives up on the cycle (timeout,
          // shutdown): the collector then stops asking sources.
          fn: collection.track(async signal => {
            await collector.collectOnce({ signal });
            if (signal.aborted) {
              return;
            }
            // The cycle changed every SLO's figures: compute the scorecard's
            // now, not when the next person opens it.
            const warmed = await service.warmScorecard();
            logger.info(
              `SLO scorecard figures of ${warmed.slos} SLOs computed in ${warmed.durationMs} ms`,
            );
            // Composites too: each pools its members once per cycle, here,
            // rather than in the first request after it.
            const warmedComposites = await composites.warm();
            logger.info(
              `Composite SLO figures of ${warmedComposites.composites} composites computed in ${warmedComposites.durationMs} ms`,
            );
            // Likewise the review's (composites included): its finished periods
            // are kept, so this reads and computes the current period of each SLO.
            const reviewed = await review.warmReview(
              await deps.auth.getOwnServiceCredentials(),
            );
            logger.info(
              `SLO review figures of ${reviewed.slos} SLOs computed in ${reviewed.durationMs} ms`,
            );
          }),
        });

        // Suggested SLOs for services without any: a task of its own, with
        // its own frequency, concurrency and query cap, so it never holds up collection.
        if (settings.suggestions.enabled) {
          const suggestionJob = new SloSuggestionJob({
            catalog: deps.catalog,
            auth: deps.auth,
            logger,
            store: suggestionStore,
            sources,
            templates: templates.templates,
            clock,
            settings: settings.suggestions,
            collection,
          });
          await scheduler.scheduleTask({
            id: 'slo-suggestions',
            scope: 'global',
            frequency: settings.suggestions.frequency,
            timeout: settings.suggestions.timeout,
            initialDelay: settings.suggestions.initialDelay,
            fn: async signal => {
              await suggestionJob.runOnce({ signal });
            },
          });
        }

        httpRouter.use(
          await createRouter({
            httpAuth,
            service,
            review,
            composites,
            gate: new SloGateService({ service }),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        logger.info(
          `SLO sources: ${
            sources
              .list()
              .map(s => `${s.name} (${s.type})`)
              .join(', ') || 'none'
          }; default ${sources.sourceNameOf({}) || 'none'}${
            settings.fixedNow
              ? `; now fixed at ${new Date(
                  settings.fixedNow * 1000,
                ).toISOString()}`
              : ''
          }`,
        );
      },
    });
  },
});
