import type { ServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  startPrometheus,
  type RunningPrometheus,
  type Scenario,
} from '@internal/prometheus-fixture';
import prometheusModule from '@slo-kit/plugin-slo-backend-module-prometheus';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import YAML from 'yaml';
import { main } from '../cli/main';
import type { CliEvaluation } from '../cli/evaluateFromSources';
import { sloPlugin } from '../plugin';

/**
 * Debian's Prometheus loaded with `scenario`, started before the tests of the
 * enclosing `describe` and stopped after them. Read `url` inside a test.
 */
export function useRealPrometheus(scenario: Scenario): {
  readonly url: string;
} {
  let prometheus: RunningPrometheus | undefined;
  beforeAll(async () => {
    prometheus = await startPrometheus({ scenario });
  }, 180_000);
  afterAll(async () => {
    await prometheus?.stop();
  });
  return {
    get url() {
      if (!prometheus) throw new Error('Prometheus has not started');
      return prometheus.url;
    },
  };
}

/** The SLO backend's app-config against that Prometheus, with "now" fixed. */
export function prometheusAppConfig(
  url: string,
  options: { now: number; backfillDays: number },
) {
  return {
    slo: {
      now: new Date(options.now * 1000).toISOString(),
      defaultSource: 'fixture',
      sources: { prometheus: { fixture: { baseUrl: url } } },
      collector: { backfillDays: options.backfillDays },
    },
  };
}

/**
 * A test backend with the SLO plugin and the Prometheus module over
 * `entities` (or `options.catalog`, e.g. one with permission rules); its
 * first collection cycle runs at start.
 */
export async function startSloBackend(
  entities: Entity[],
  config: ReturnType<typeof prometheusAppConfig>,
  options: {
    catalog?: ServiceFactory;
  } = {},
): Promise<Server> {
  const { server } = await startTestBackend({
    features: [
      sloPlugin,
      prometheusModule,
      options.catalog ?? catalogServiceMock.factory({ entities }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return server;
}

/**
 * `yarn slo evaluate` over `entities` with `config`, at `at`: the rows it
 * prints as JSON.
 */
export async function cliEvaluate(
  entities: Entity[],
  config: ReturnType<typeof prometheusAppConfig>,
  at: number,
): Promise<CliEvaluation[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-cli-'));
  try {
    const catalogFile = path.join(dir, 'catalog-info.yaml');
    const configFile = path.join(dir, 'app-config.yaml');
    await fs.writeFile(
      catalogFile,
      entities.map(entity => YAML.stringify(entity)).join('---\n'),
    );
    await fs.writeFile(configFile, YAML.stringify(config));
    let out = '';
    let err = '';
    const code = await main(
      [
        'evaluate',
        catalogFile,
        '--config',
        configFile,
        '--at',
        String(at),
        '--format',
        'json',
      ],
      { out: text => (out += text), err: text => (err += text) },
    );
    if (code !== 0) throw new Error(`slo evaluate exited ${code}: ${err}`);
    return JSON.parse(out) as CliEvaluation[];
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
