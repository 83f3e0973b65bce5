/**
 * The retriever's load on the SLO backend: one entity's request at a time,
 * whatever the number of entities, so a run over thousands of services never
 * holds more than one of the backend's request slots beside people's pages.
 */
import type { Entity } from '@backstage/catalog-model';
import type { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import { createSloFactRetriever } from './createSloFactRetriever';

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'slo-kit.dev/slos': `- name: availability\n  objective: 99\n  window: 28d\n  sli:\n    ratio:\n      good: good{service="${name}"}\n      total: total{service="${name}"}\n`,
    },
  },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

describe('createSloFactRetriever', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('asks the SLO backend for one entity at a time', async () => {
    const entities = Array.from({ length: 12 }, (_, i) => component(`svc-${i}`));
    let inFlight = 0;
    let mostInFlight = 0;
    const asked: string[] = [];
    global.fetch = jest.fn(async (url: string | URL | Request) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      asked.push(String(url));
      // Answer on a later turn, as a real backend does, so concurrent requests would overlap.
      await new Promise(resolve => setTimeout(resolve, 1));
      inFlight -= 1;
      return new Response(JSON.stringify({ slos: [], problems: [] }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    const retriever = createSloFactRetriever({
      catalog: catalogServiceMock({ entities }),
    });
    const ctx = {
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      logger: mockServices.logger.mock(),
      entityFilter: [{ kind: 'component' }],
    } as unknown as FactRetrieverContext;

    const facts = await retriever.handler(ctx);

    expect(facts).toHaveLength(12);
    expect(asked).toHaveLength(12);
    expect(mostInFlight).toBe(1);
  });
});
