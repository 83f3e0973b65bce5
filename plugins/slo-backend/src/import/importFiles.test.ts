import { parseEntitySlos } from '@slo-kit/plugin-slo-common';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ImportNote } from './ImportReport';
import { importFiles, type ImportFilesOptions } from './importFiles';
import { entityWith } from './validateImported';

const FIXTURES = path.join(__dirname, '__fixtures__');
const fixture = (name: string) => path.join(FIXTURES, name);

async function run(files: string[], options: Partial<ImportFilesOptions> = {}) {
  const result = await importFiles(files, {
    format: 'annotations',
    slothWindow: '30d',
    ...options,
  });
  const items = Object.fromEntries(
    result.entities.map(group => [
      group.entity.name,
      group.slos.map(({ imported }) => imported.item),
    ]),
  );
  const notes = result.report.notes;
  const where = (kind: ImportNote['kind']) =>
    notes
      .filter(note => note.kind === kind)
      .map(note => `${note.document ?? ''}:${note.path}`);
  return { ...result, items, notes, where };
}

const note = (
  kind: ImportNote['kind'],
  notePath: string,
  message: string | RegExp = /./,
) =>
  expect.objectContaining({
    kind,
    path: notePath,
    message: expect.stringMatching(message),
  });

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

describe('importFiles: OpenSLO', () => {
  it("reads OpenSLO with the portal's parser, mapping Sloth's {{.window}} dialect", async () => {
    const { items, notes } = await run([
      fixture('openslo/sloth-openslo-getting-started.yml'),
    ]);
    expect(items['my-service']).toEqual([
      {
        name: 'sloth-slo-my-service',
        description: 'Availability of the HTTP request responses.',
        sli: {
          ratio: {
            good: 'http_request_duration_seconds_count{job="myservice",code!~"(5..|429)"}',
            total: 'http_request_duration_seconds_count{job="myservice"}',
          },
        },
        objective: 99.9,
        window: '30d',
      },
    ]);
    expect(notes).toContainEqual(note('changed', '', /Sloth's dialect/));
    expect(notes).toContainEqual(
      note('not carried', 'spec', /data source "prometheus"/),
    );
  });

  it('puts the SLOs on their service, kebab-cases objective names and reports alert policies', async () => {
    const { items, where } = await run([fixture('openslo/web-shop.yaml')]);
    expect(
      items['web-shop'].map(item => [
        item.name,
        item.objectives,
        item.window,
        item.labels,
      ]),
    ).toEqual([
      [
        'checkout-availability',
        [{ name: 'checkout-total-errors', target: 99.9 }],
        '28d',
        { team: 'payments' },
      ],
      [
        'search-slo',
        [{ name: 'good-experience', target: 99 }],
        '14d',
        undefined,
      ],
    ]);
    expect(items['web-shop'][1].sli).toEqual({
      latency: {
        gauge:
          'probe_duration_seconds{job="blackbox",instance="https://shop.example.com/search"}',
        operator: '<',
        threshold: 0.5,
      },
    });
    expect(where('refused')).toEqual([]);
    // The parser may add its own notes about the alert condition; these are the importer's.
    expect(where('not carried')).toEqual(
      expect.arrayContaining([
        '2:spec.alertPolicies',
        '2:spec',
        '3:spec',
        '4:kind',
      ]),
    );
  });

  it('keeps the source type in OpenSLO output', async () => {
    const { entities } = await run([fixture('openslo/web-shop.yaml')], {
      format: 'openslo',
    });
    expect(
      entities[0].slos.map(({ definition }) => definition.sourceType),
    ).toEqual(['prometheus', 'prometheus']);
  });
});

describe('importFiles: what it refuses', () => {
  let dir: string;
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'slo-import-'));
  });

  it('names the file, the document and the path, and says how to fix it', async () => {
    const files = [
      await write('v2.yml', 'version: prometheus/v2\nservice: x\n'),
      await write(
        'kind.yml',
        'apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjectiv\n',
      ),
      await write(
        'entity.yml',
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: x}\n',
      ),
      await write(
        'other.yml',
        'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n',
      ),
      await write('broken.yml', 'foo: [1,\n'),
      await write('empty.yml', '\n'),
      path.join(dir, 'missing.yml'),
    ];
    const { entities, notes } = await run(files);
    expect(entities).toEqual([]);
    expect(notes.map(n => [path.basename(n.file), n.kind, n.path])).toEqual([
      ['v2.yml', 'refused', 'version'],
      ['kind.yml', 'refused', 'kind'],
      ['entity.yml', 'refused', 'apiVersion'],
      ['other.yml', 'refused', 'apiVersion'],
      ['broken.yml', 'refused', ''],
      ['empty.yml', 'refused', ''],
      ['missing.yml', 'refused', ''],
    ]);
    expect(notes[0].message).toMatch(/Did you mean "prometheus\/v1"/);
    expect(notes[1].message).toMatch(/Did you mean "ServiceLevelObjective"/);
    expect(notes[2].message).toMatch(/yarn slo validate/);
    expect(notes[3].message).toMatch(/Expected a Sloth spec/);
    expect(notes[4].message).toMatch(/cannot be read as YAML.*line 2/);
    expect(notes[6].message).toMatch(/cannot be read/);
  });

  it('refuses each broken SLO of a file and keeps the good ones, with every problem at once', async () => {
    const file = await write(
      'mixed.yml',
      [
        'version: "prometheus/v1"',
        'service: "my service!"',
        'slos:',
        '  - name: Requests Availability',
        '    objectve: 99.9',
        '    sli:',
        '      events:',
        '        error_query: sum(irate(x[{{.window}}]))',
        '        total_querry: sum(rate(x[5m]))',
        '  - name: b',
        '    objective: 100',
        '    sli: {events: {error_query: "sum(rate(x{c=\\"5\\"}[{{.window}}]))", total_query: "sum(rate(x[{{.window}}]))"}}',
        '  - name: c',
        '    objective: 99',
        '    sli: {raw: {error_ratio_query: "avg_over_time(ratio[{{.window}}])"}}',
        '  - name: d',
        '    objective: 99',
        '    sli: {events: {error_query: "sum(rate(x{c=\\"5\\"}[{{.window}}]))", total_query: "sum(rate(x[{{ .window }}]))"}}',
        '  - name: d',
        '    objective: 99.5',
        '    sli: {events: {error_query: "sum(rate(x{c=\\"5\\"}[{{.window}}]))", total_query: "sum(rate(x[{{.window}}]))"}}',
      ].join('\n'),
    );
    const { items, notes, where } = await run([file]);
    expect(items).toEqual({
      'my-service': [expect.objectContaining({ name: 'd', objective: 99 })],
    });
    expect(where('refused')).toEqual([
      ':slos[0].sli.events.total_query',
      ':slos[0].sli.events.error_query',
      ':slos[2].sli.raw.error_ratio_query',
      ':slos[1].objective',
      ':slos[4].name',
    ]);
    expect(notes).toContainEqual(
      note('not carried', 'slos[0].objectve', /did you mean "objective"/),
    );
    expect(notes).toContainEqual(
      note(
        'not carried',
        'slos[0].sli.events.total_querry',
        /did you mean "total_query"/,
      ),
    );
    expect(notes).toContainEqual(
      note('changed', 'service', /entity "my-service"/),
    );
    expect(notes).toContainEqual(
      note('refused', 'slos[1].objective', /100 is out of range/),
    );
    expect(notes).toContainEqual(
      note(
        'refused',
        'slos[4].name',
        /already used on component:default\/my-service by the SLO from .*mixed.yml slos\[3\]/,
      ),
    );
  });

  it('survives hostile YAML', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 20 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(
            98 + i,
          )} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(
            97 + i,
          )}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(
            97 + i,
          )}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(
            97 + i,
          )}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(
            97 + i,
          )}]`,
      ),
    ].join('\n');
    const files = [
      await write('bomb.yml', bomb),
      await write('deep.yml', `${'['.repeat(5000)}${']'.repeat(5000)}`),
      await write('list.yml', '- 1\n- two\n'),
      await write(
        'null-spec.yml',
        'apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata: {name: x}\nspec:\n',
      ),
      await write(
        'spaces.yml',
        `version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 99\n    sli: {events: {error_query: "sum(rate(x[{{.window}}]))${' '.repeat(
          5000,
        )}/ 1", total_query: "sum(rate(x[{{.window}}]))"}}\n`,
      ),
    ];
    const { entities, where } = await run(files);
    expect(entities).toEqual([]);
    expect(where('refused').length).toBeGreaterThanOrEqual(5);
  });
});

describe('importFiles: output', () => {
  it('writes items that the annotation parser reads back with no problem, for every documented example', async () => {
    const files = ['sloth', 'pyrra', 'openslo'].flatMap(folder =>
      require('node:fs')
        .readdirSync(path.join(FIXTURES, folder))
        .map((name: string) => path.join(FIXTURES, folder, name)),
    );
    expect(files.length).toBeGreaterThanOrEqual(15);
    const refused: string[] = [];
    for (const file of files) {
      // One at a time: several examples share a service and an SLO name.
      const { entities, report } = await run([file]);
      refused.push(
        ...report.notes
          .filter(n => n.kind === 'refused')
          .map(n => path.basename(n.file)),
      );
      expect({ file, imported: entities.length > 0 }).toEqual({
        file,
        imported: !file.endsWith('pyrra-connect-latency.yaml'),
      });
      for (const group of entities) {
        const parsed = parseEntitySlos(
          entityWith(
            group.entity,
            group.slos.map(({ imported }) => imported.item),
          ),
        );
        expect({ file, problems: parsed.problems }).toEqual({
          file,
          problems: [],
        });
        expect(parsed.slos).toHaveLength(group.slos.length);
      }
    }
    // Refused on purpose: Pyrra's native-histogram latency and the Sloth SLI plugin.
    expect(refused.sort()).toEqual([
      'plugin-getting-started.yml',
      'pyrra-connect-latency.yaml',
    ]);
  });
});
