import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import demoModule from '@slo-kit/plugin-slo-backend-module-demo';
import request from 'supertest';
import { sloPlugin } from '../plugin';

jest.setTimeout(60_000);

/**
 * Error bodies of a backend started with NODE_ENV as given: Backstage's error
 * handler decides at start-up, from NODE_ENV, whether bodies carry stacks.
 */
async function errorBodiesWith(nodeEnv: string) {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = nodeEnv;
  try {
    const { server } = await startTestBackend({
      features: [
        sloPlugin,
        demoModule,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: { slo: { now: 1_740_787_200, defaultSource: 'demo' } },
        }),
      ],
    });
    return await Promise.all(
      [
        '/api/slo/entities/component/default/nope/slos',
        '/api/slo/entities/component/default/%F0%9F%98%80/slos',
        '/api/slo/slos/series?entityRef=component:default/nope&name=x&to=1',
      ].map(async url => (await request(server).get(url)).text),
    );
  } finally {
    process.env.NODE_ENV = previous;
  }
}

describe('error bodies', () => {
  it('carry no stack trace in production', async () => {
    // `yarn start` runs the backend in development, where they do: the
    // difference this test relies on.
    const development = await errorBodiesWith('development');
    for (const body of development) {
      expect(JSON.parse(body).error.stack).toMatch(/\n\s+at /);
    }
    const production = await errorBodiesWith('production');
    for (const body of production) {
      const { error } = JSON.parse(body);
      expect(error.message).toEqual(expect.any(String));
      expect(error.stack).toBeUndefined();
      expect(body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
  });
});
