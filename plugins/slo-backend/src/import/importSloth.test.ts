import {
  importFixture as fixture,
  importNote as note,
  runImport as run,
} from '../__testUtils__/importFixtures';

describe('importFiles: Sloth', () => {
  it('maps an events SLI, the service labels and the window, and reports the alerting it cannot carry', async () => {
    const { items, notes, where } = await run([
      fixture('sloth/getting-started.yml'),
    ]);
    expect(items).toEqual({
      myservice: [
        {
          name: 'requests-availability',
          description: 'Availability of the HTTP request responses.',
          sli: {
            ratio: {
              bad: 'http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}',
              total: 'http_request_duration_seconds_count{job="myservice"}',
            },
          },
          objective: 99.9,
          window: '30d',
          labels: { owner: 'myteam', repo: 'myorg/myservice', tier: '2' },
        },
      ],
    });
    expect(where('refused')).toEqual([]);
    expect(where('not carried')).toEqual([
      ':slo_plugins',
      ':slos[0].alerting.name',
      ':slos[0].alerting.labels',
      ':slos[0].alerting.annotations',
      ':slos[0].alerting.page_alert.labels',
      ':slos[0].alerting.page_alert.for',
      ':slos[0].alerting.ticket_alert.labels',
      ':slos[0].alerting.ticket_alert.for',
    ]);
    expect(notes).toContainEqual(
      note(
        'changed',
        'slos',
        /window: 30d.*page and ticket alerts are carried/,
      ),
    );
    expect(notes).toContainEqual(
      note('changed', 'slos[0].sli.events', /rate\(…\) is counted as increase/),
    );
    expect(notes).toContainEqual(
      note(
        'not carried',
        'slos[0].alerting.page_alert.labels',
        /severity="page"/,
      ),
    );
  });

  it('keeps a latency query that subtracts the bucket from the count, with SLO labels over service labels', async () => {
    const { items, where } = await run(
      [fixture('sloth/kubernetes-apiserver.yml')],
      { slothWindow: '28d' },
    );
    expect(items['k8s-apiserver'][1]).toEqual({
      name: 'requests-latency',
      description: "The apiserver answers its clients' requests within 400 ms.",
      sli: {
        ratio: {
          badQuery:
            '(\n  sum(increase(apiserver_request_duration_seconds_count{verb!="WATCH"}[{{window}}]))\n  -\n  sum(increase(apiserver_request_duration_seconds_bucket{le="0.4",verb!="WATCH"}[{{window}}]))\n)',
          total: 'apiserver_request_duration_seconds_count{verb!="WATCH"}',
        },
      },
      objective: 99,
      window: '28d',
      labels: {
        cluster: 'valhalla',
        component: 'kubernetes',
        category: 'latency',
      },
    });
    expect(where('refused')).toEqual([]);
  });

  it('splits a raw error ratio into its events and warns when they are sums of values', async () => {
    const { items, notes } = await run([fixture('sloth/raw-home-wifi.yml')]);
    expect(items['home-wifi'][0].sli).toEqual({
      ratio: {
        goodQuery:
          'sum(sum_over_time(unifipoller_client_satisfaction_ratio[{{window}}]))',
        totalQuery:
          'sum(count_over_time(unifipoller_client_satisfaction_ratio[{{window}}]))',
      },
    });
    expect(notes).toContainEqual(
      note(
        'changed',
        'slos[0].sli.raw.error_ratio_query',
        /split into the events it divides: good events/,
      ),
    );
    expect(notes).toContainEqual(
      note(
        'changed',
        'slos[0].sli.raw.error_ratio_query',
        /adds up the values of a series.*rounds/,
      ),
    );
  });

  it('reads the PrometheusServiceLevel resource, one entity per service, noting its Kubernetes labels', async () => {
    const { items, where } = await run([fixture('sloth/k8s-multifile.yml')]);
    expect(Object.keys(items)).toEqual(['myservice', 'myservice2']);
    expect(items.myservice2[0]).toMatchObject({
      sli: {
        ratio: {
          bad: 'http_request_duration_seconds_count{job="myservice2",code=~"(5..|429)"}',
        },
      },
      objective: 99.99,
      labels: { owner: 'myteam2', tier: '1' },
    });
    expect(where('not carried')).toEqual([
      '1:metadata.labels',
      '1:spec.slos[0].alerting.name',
      '1:spec.slos[0].alerting.labels',
      '1:spec.slos[0].alerting.pageAlert.labels',
      '1:spec.slos[0].alerting.ticketAlert.labels',
      '2:spec.slos[0].alerting.name',
    ]);
  });

  it('carries subquery event counts and notes disabled alerts', async () => {
    const wifi = await run([fixture('sloth/home-wifi.yml')]);
    expect(wifi.items['home-wifi'][0].sli).toEqual({
      ratio: {
        badQuery:
          'sum_over_time((count(unifipoller_client_satisfaction_ratio < 0.75))[{{window}}:]) OR on() vector(0)',
        totalQuery:
          'sum_over_time((count(unifipoller_client_satisfaction_ratio))[{{window}}:])',
      },
    });
    const quiet = await run([fixture('sloth/no-alerts.yml')]);
    expect(quiet.items.myapp[0].sli).toEqual({
      ratio: {
        bad: 'http_request_duration_seconds_count{job="myapp", code=~"(5..|429)"}',
        total: 'http_request_duration_seconds_count{job="myapp"}',
      },
    });
    expect(quiet.notes).toContainEqual(
      note(
        'not carried',
        'slos[0].alerting.page_alert.disable',
        /always writes them/,
      ),
    );
    expect(quiet.notes).toContainEqual(
      note(
        'not carried',
        'slos[0].alerting.ticket_alert.disable',
        /severity="ticket"/,
      ),
    );
  });

  it('refuses an SLI plugin, saying how to carry it, and imports the rest of the file', async () => {
    const { items, notes, where } = await run([
      fixture('sloth/plugin-getting-started.yml'),
    ]);
    expect(items.myservice.map(item => item.name)).toEqual([
      'requests-availability-events',
    ]);
    expect(where('refused')).toEqual([':slos[0].sli.plugin']);
    expect(notes).toContainEqual(
      note('refused', 'slos[0].sli.plugin', /runs Go code.*sloth generate/),
    );
  });
});
