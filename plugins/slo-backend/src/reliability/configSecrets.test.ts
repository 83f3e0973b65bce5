/**
 * Source credentials in app-config stay on the backend: the config schemas
 * of the SLO packages (config.d.ts) never give them `frontend` visibility,
 * and they are declared secret, so Backstage's root logger redacts them
 * wherever they would be logged.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';
import { ConfigReader } from '@backstage/config';
import { loadConfigSchema, type ConfigSchema } from '@backstage/config-loader';

jest.setTimeout(120_000);

const SECRETS = {
  bearerToken: 'tok-5ecret-bearer-1a2b3c4d',
  headerValue: 'hdr-5ecret-apikey-4d5e6f7a',
  datadogApiKey: 'dd-5ecret-api-key-0k1l2m3n',
  datadogAppKey: 'dd-5ecret-app-key-4o5p6q7r',
};

/** Every SLO package a portal installs: the frontend plugin, the backend and its modules. */
const PACKAGES = [
  '@slo-kit/plugin-slo',
  '@slo-kit/plugin-slo-backend',
  '@slo-kit/plugin-slo-backend-module-prometheus',
  '@slo-kit/plugin-slo-backend-module-datadog',
  '@slo-kit/plugin-slo-backend-module-demo',
];

const config = {
  slo: {
    defaultSource: 'prod',
    sources: {
      prometheus: {
        prod: {
          baseUrl: 'https://prometheus.example.com',
          bearerToken: SECRETS.bearerToken,
          headers: { 'X-Api-Key': SECRETS.headerValue },
          tenantId: 'team-a',
        },
      },
      datadog: {
        eu: {
          site: 'datadoghq.eu',
          apiKey: SECRETS.datadogApiKey,
          applicationKey: SECRETS.datadogAppKey,
        },
      },
    },
  },
};

describe('source credentials in app-config', () => {
  let schema: ConfigSchema;

  beforeAll(async () => {
    schema = await loadConfigSchema({
      dependencies: PACKAGES,
      // Only the SLO packages' own schemas: the question is what they declare.
      excludePackageDependencies: true,
    });
  });

  const processed = (visibility: Array<'frontend' | 'backend' | 'secret'>) =>
    JSON.stringify(
      schema.process([{ data: config, context: 'app-config.yaml' }], {
        visibility,
      }),
    );

  it('never reach the frontend', () => {
    const frontend = processed(['frontend']);
    for (const secret of Object.values(SECRETS)) {
      expect({ secret, inFrontend: frontend.includes(secret) }).toEqual({
        secret,
        inFrontend: false,
      });
    }
    // Control: the same processing keeps them for the backend.
    const backend = processed(['frontend', 'backend', 'secret']);
    for (const secret of Object.values(SECRETS)) {
      expect(backend).toContain(secret);
    }
  });

  it('are declared secret, so the root logger redacts them', async () => {
    const enumerate = await createConfigSecretEnumerator({
      logger: mockServices.logger.mock(),
      schema,
    });
    const secrets = [...enumerate(new ConfigReader(config))];
    expect(secrets.sort()).toEqual(Object.values(SECRETS).sort());
  });
});
