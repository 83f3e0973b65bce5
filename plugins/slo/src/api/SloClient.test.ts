import { ResponseError } from '@backstage/errors';
import { entitySlosResponse, healthySlo } from '../testing';
import { SloClient } from './SloClient';

function jsonResponse(status: number, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: status === 200 ? 'OK' : 'Bad Request',
    url: 'http://localhost:7007/api/slo',
    headers: new Headers({
      'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
    }),
    json: async () => JSON.parse(text),
    text: async () => text,
  } as unknown as Response;
}

function setup(response: Response) {
  const urls: string[] = [];
  const client = new SloClient({
    discoveryApi: { getBaseUrl: async (pluginId: string) => `http://localhost:7007/api/${pluginId}` },
    fetchApi: {
      fetch: async (input: RequestInfo | URL) => {
        urls.push(String(input));
        return response;
      },
    },
  });
  return { client, urls };
}

describe('SloClient', () => {
  it('reads an entity’s SLOs from its kind, namespace and name', async () => {
    const body = entitySlosResponse([healthySlo]);
    const { client, urls } = setup(jsonResponse(200, body));
    await expect(client.getEntitySlos('Component:default/checkout')).resolves.toEqual(body);
    expect(urls).toEqual(['http://localhost:7007/api/slo/entities/component/default/checkout/slos']);
  });

  it('reads a system’s composites, and their series and history', async () => {
    const { client, urls } = setup(jsonResponse(200, {}));
    await client.getEntityComposites('System:default/commerce');
    await client.getCompositeSeries({ entityRef: 'system:default/commerce', name: 'checkout-journey', from: 100.7, to: 200 });
    await client.getCompositeHistory({ entityRef: 'system:default/commerce', name: 'checkout-journey', period: 'month', count: 12 });
    expect(urls).toEqual([
      'http://localhost:7007/api/slo/entities/system/default/commerce/composites',
      'http://localhost:7007/api/slo/composites/series?entityRef=system%3Adefault%2Fcommerce&name=checkout-journey&from=100&to=200',
      'http://localhost:7007/api/slo/composites/history?entityRef=system%3Adefault%2Fcommerce&name=checkout-journey&period=month&count=12',
    ]);
  });

  it('encodes odd characters in refs', async () => {
    const { client, urls } = setup(jsonResponse(200, {}));
    await client.getEntitySlos('component:my-ns/a b#c');
    expect(urls[0]).toBe('http://localhost:7007/api/slo/entities/component/my-ns/a%20b%23c/slos');
  });

  it('asks for series, history and the scorecard with query parameters', async () => {
    const { client, urls } = setup(jsonResponse(200, {}));
    await client.getSeries({ entityRef: 'component:default/checkout', name: 'avail', from: 100.7, to: 200 });
    await client.getHistory({ entityRef: 'component:default/checkout', name: 'avail', period: 'week', count: 12 });
    await client.getScorecard();
    await client.getScorecard({ group: 'group:default/payments' });
    expect(urls).toEqual([
      'http://localhost:7007/api/slo/slos/series?entityRef=component%3Adefault%2Fcheckout&name=avail&from=100&to=200',
      'http://localhost:7007/api/slo/slos/history?entityRef=component%3Adefault%2Fcheckout&name=avail&period=week&count=12',
      'http://localhost:7007/api/slo/scorecard',
      'http://localhost:7007/api/slo/scorecard?group=group%3Adefault%2Fpayments',
    ]);
  });

  it('returns the rules as text', async () => {
    const { client, urls } = setup(jsonResponse(200, 'groups: []\n'));
    await expect(client.getRules('component:default/checkout')).resolves.toBe('groups: []\n');
    expect(urls[0]).toBe('http://localhost:7007/api/slo/rules?entityRef=component%3Adefault%2Fcheckout');
  });

  it('throws a ResponseError carrying the backend’s message', async () => {
    const { client } = setup(
      jsonResponse(400, {
        error: { name: 'InputError', message: 'Unknown SLO "nope" on component:default/checkout' },
        request: { method: 'GET', url: '/slos/series' },
        response: { statusCode: 400 },
      }),
    );
    const error = await client
      .getSeries({ entityRef: 'component:default/checkout', name: 'nope', from: 0, to: 1 })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.cause.message).toBe('Unknown SLO "nope" on component:default/checkout');
    expect(error.statusCode).toBe(400);
  });
});
