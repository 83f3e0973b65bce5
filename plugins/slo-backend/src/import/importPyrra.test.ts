import {
  importFixture as fixture,
  importNote as note,
  runImport as run,
} from '../__testUtils__/importFixtures';

describe('importFiles: Pyrra', () => {
  it('maps a ratio indicator, carries pyrra.dev/ labels and reports grouping', async () => {
    const { items, notes, where } = await run([
      fixture('pyrra/readme-pyrra-api-errors.yaml'),
    ]);
    expect(items).toEqual({
      pyrra: [
        {
          name: 'pyrra-api-errors',
          description:
            "Pyrra's API requests and response errors over time, by route.",
          sli: {
            ratio: {
              bad: 'http_requests_total{job="pyrra",code=~"5.."}',
              total: 'http_requests_total{job="pyrra"}',
            },
          },
          objective: 99,
          window: '2w',
          labels: { team: 'operations' },
        },
      ],
    });
    expect(where('not carried')).toEqual([
      ':spec.indicator.ratio.grouping',
      ':metadata.labels',
      ':metadata.namespace',
    ]);
    expect(notes).toContainEqual(
      note(
        'not carried',
        'spec.indicator.ratio.grouping',
        /one objective per route value/,
      ),
    );
    expect(notes).toContainEqual(
      note(
        'changed',
        'spec.indicator',
        /entity "pyrra", the job its selector matches/,
      ),
    );
  });

  it('writes a latency indicator as a histogram when success is the bucket of the total, else as a ratio', async () => {
    const { items } = await run(
      [
        fixture('pyrra/apiserver-request-latency.yaml'),
        fixture('pyrra/nginx.yaml'),
      ],
      {
        entityName: 'edge',
      },
    );
    expect(items.edge.map(item => item.sli)).toEqual([
      {
        latency: {
          histogram:
            'apiserver_request_duration_seconds{job="apiserver", scope=~"resource|", verb=~"LIST|GET"}',
          threshold: 1,
        },
      },
      {
        ratio: {
          bad: 'nginx_ingress_controller_requests{namespace="lastfm",ingress="lastfm",service="lastfm",status=~"5.."}',
          total:
            'nginx_ingress_controller_requests{namespace="lastfm",ingress="lastfm",service="lastfm"}',
        },
      },
      {
        ratio: {
          good: 'nginx_ingress_controller_request_duration_seconds_bucket{namespace="lastfm",ingress="lastfm",service="lastfm",status=~"5..",le="1"}',
          total:
            'nginx_ingress_controller_request_duration_seconds_count{namespace="lastfm",ingress="lastfm",service="lastfm"}',
        },
      },
    ]);
  });

  it('reads every SLO of a multi-document file, with string targets and week windows', async () => {
    const { items } = await run([
      fixture('pyrra/apiserver-request-errors.yaml'),
    ]);
    expect(
      items.apiserver.map(item => [item.name, item.objective, item.window]),
    ).toEqual([
      ['apiserver-read-response-errors', 99.99, '2w'],
      ['apiserver-write-response-errors', 99, '1w'],
    ]);
  });

  it('carries a bool gauge as a gauge SLI at least 1, and reports its grouping', async () => {
    const { items, where } = await run([
      fixture('pyrra/prometheus-probe-success.yaml'),
    ]);
    expect(items.blackbox[0]).toEqual({
      name: 'prometheus-blackbox-probe-success',
      sli: {
        latency: {
          gauge: 'probe_success{job="blackbox"}',
          operator: '>=',
          threshold: 1,
        },
      },
      objective: 99,
      window: '7d',
    });
    expect(where('not carried')).toEqual([
      ':spec.indicator.bool_gauge.grouping',
      ':metadata.labels',
    ]);
  });

  it('refuses a native-histogram latency indicator, saying why', async () => {
    const { entities, notes } = await run([
      fixture('pyrra/pyrra-connect-latency.yaml'),
    ]);
    expect(entities).toEqual([]);
    expect(notes).toEqual([
      note(
        'refused',
        'spec.indicator.latencyNative',
        /interpolated.*classic histogram/,
      ),
    ]);
  });

  it('reports each alerting setting and the performance mode', async () => {
    const { items, where } = await run([fixture('pyrra/alerting.yaml')]);
    expect(items['thanos-query'][0].labels).toEqual({
      team: 'observability',
      tier: '1',
    });
    expect(where('not carried')).toEqual([
      ':metadata.namespace',
      ':spec.alerting.absent',
      ':spec.alerting.name',
      ':spec.alerting.severities',
      ':spec.performanceOverAccuracy',
    ]);
  });
});
