/*
 * The demo portal's config files against the config schemas of every plugin
 * the backend and the app install: a value of the wrong type or shape fails
 * here, not at run time. Also checks that no source secret is visible to
 * the frontend.
 */
import {
  ConfigSources,
  FileConfigSource,
  loadConfigSchema,
} from '@backstage/config-loader';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

async function readConfigs(files: string[]) {
  const source = ConfigSources.merge(
    files.map(file =>
      FileConfigSource.create({
        path: path.join(repoRoot, file),
        watch: false,
        substitutionFunc: async () => 'http://127.0.0.1:9090',
      }),
    ),
  );
  for await (const { configs } of source.readConfigData()) {
    return configs;
  }
  throw new Error('no config was read');
}

describe('the demo config files', () => {
  jest.setTimeout(120_000);

  let schema: Awaited<ReturnType<typeof loadConfigSchema>>;

  beforeAll(async () => {
    schema = await loadConfigSchema({
      dependencies: ['backend', 'app'],
      packagePaths: [path.join(repoRoot, 'package.json')],
    });
  });

  it.each([
    [['app-config.yaml']],
    [['app-config.yaml', 'app-config.prometheus.yaml']],
  ])('%j match every installed plugin schema', async files => {
    const configs = await readConfigs(files);
    expect(() =>
      schema.process(configs, {
        visibility: ['frontend', 'backend', 'secret'],
        withDeprecatedKeys: true,
      }),
    ).not.toThrow();
  });

  it('refuses a value of the wrong type, so the check above can fail', async () => {
    const configs = [
      ...(await readConfigs(['app-config.yaml'])),
      { context: 'test', data: { slo: { collector: { backfillDays: 'ninety' } } } },
    ];
    expect(() =>
      schema.process(configs, { visibility: ['frontend', 'backend', 'secret'] }),
    ).toThrow(/backfillDays/);
  });

  it('keeps source credentials out of the frontend config', async () => {
    const configs = [
      ...(await readConfigs(['app-config.yaml'])),
      {
        context: 'test',
        data: {
          slo: {
            sources: {
              prometheus: {
                main: {
                  baseUrl: 'http://prometheus:9090',
                  bearerToken: 'prom-secret-token',
                  headers: { 'X-Api-Key': 'prom-secret-header' },
                },
              },
              datadog: {
                eu: { site: 'datadoghq.eu', apiKey: 'dd-secret-api', applicationKey: 'dd-secret-app' },
              },
            },
          },
        },
      },
    ];
    const frontend = JSON.stringify(
      schema.process(configs, { visibility: ['frontend'] }),
    );
    for (const secret of ['prom-secret-token', 'prom-secret-header', 'dd-secret-api', 'dd-secret-app']) {
      expect(frontend).not.toContain(secret);
    }
    const secrets = JSON.stringify(schema.process(configs, { visibility: ['secret'] }));
    expect(secrets).toContain('prom-secret-token');
    expect(secrets).toContain('dd-secret-api');
  });
});
