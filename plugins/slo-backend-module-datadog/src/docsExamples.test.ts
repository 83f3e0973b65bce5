import type { Entity } from '@backstage/catalog-model';
import {
  parseEntitySlos,
  parseSliTemplates,
  SloDefinition,
} from '@slo-kit/plugin-slo-common';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { DatadogSloSource } from './DatadogSloSource';
import { FakeDatadogServer, metricsApi } from './testUtils/FakeDatadogServer';

/**
 * docs/sources.md promises that its Datadog examples work: the app-config
 * templates are valid, the entities parse without problems, and every SLO
 * they declare is collected through the Datadog source (against the local
 * stand-in of Datadog's API).
 */

const DOC = path.resolve(__dirname, '../../../docs/sources.md');
const text = fs.readFileSync(DOC, 'utf8');
const datadogSection = text.slice(text.indexOf('\n## Datadog'));
const yamlBlocks = [...datadogSection.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
  match => match[1],
);
const entityBlocks = yamlBlocks.filter(body =>
  body.startsWith('apiVersion: backstage.io/v1alpha1'),
);
const templatesBlock = yamlBlocks.find(body =>
  /^# app-config\.yaml\nslo:\n {2}templates:/.test(body),
);

/** 2025-03-01T00:00:00Z */
const T0 = 1_740_787_200;

describe('docs/sources.md, Datadog section', () => {
  const templates = parseSliTemplates(
    parse(templatesBlock ?? 'slo: {templates: {}}').slo.templates,
  );
  const parsed = entityBlocks.map(body =>
    parseEntitySlos(parse(body) as Entity, {
      templates: templates.templates,
      knownSources: ['datadog-eu'],
    }),
  );
  const slos: SloDefinition[] = parsed.flatMap(result => result.slos);

  let server: FakeDatadogServer;

  beforeAll(async () => {
    const checkout = 'service:checkout,env:prod';
    const payments = 'service:payments-api,env:prod';
    server = await FakeDatadogServer.start(
      metricsApi({
        [`sum:trace.http.request.errors{${checkout}}.as_count()`]: () => 1,
        [`sum:trace.http.request.hits{${checkout}}.as_count()`]: () => 1000,
        [`p99:trace.http.request{${checkout}}`]: t =>
          t === T0 + 60 ? 1.7 : 0.4,
        [`sum:trace.http.request.errors{${payments}}.as_count()`]: () => 2,
        [`sum:trace.http.request.hits{${payments}}.as_count()`]: () => 500,
        [`count(v: v<=0.3):trace.http.request{${payments}}`]: () => 490,
        [`count:trace.http.request{${payments}}`]: () => 500,
      }),
    );
  });

  afterAll(() => server.close());

  it('has the templates and entity examples it describes', () => {
    expect(templates.problems).toEqual([]);
    expect(templates.templates.map(t => t.name)).toEqual(
      expect.arrayContaining([
        'datadog-apm-availability',
        'datadog-apm-latency',
      ]),
    );
    expect(entityBlocks).toHaveLength(2);
  });

  it('has entities that parse without problems', () => {
    expect(parsed.flatMap(result => result.problems)).toEqual([]);
    expect(slos.map(slo => slo.id)).toEqual([
      'component:default/checkout/checkout-availability',
      'component:default/checkout/checkout-p99-under-1s',
      'component:default/payments-api/apm-availability',
      'component:default/payments-api/apm-latency',
    ]);
    expect(slos.every(slo => slo.source === 'datadog-eu')).toBe(true);
  });

  it('collects every documented SLO through the Datadog source', async () => {
    const source = new DatadogSloSource({
      name: 'datadog-eu',
      site: 'datadoghq.eu',
      baseUrl: server.baseUrl,
      apiKey: 'docs-api-key',
      applicationKey: 'docs-app-key',
    });
    const counts: Record<string, Array<[number, number]>> = {};
    for (const slo of slos) {
      // The collector asks time slices one bucket per slice.
      const bucketSeconds =
        slo.sli.kind === 'timeSlice' ? slo.sli.sliceSeconds : 300;
      const { buckets } = await source.fetchBuckets({
        sloId: slo.id,
        sli: slo.sli,
        start: T0,
        end: T0 + 300,
        bucketSeconds,
      });
      counts[slo.name] = buckets.map(b => [b.good, b.total]);
    }
    expect(counts).toEqual({
      'checkout-availability': [[999, 1000]],
      // minute 1 has a p99 of 1.7 s: one bad slice of five
      'checkout-p99-under-1s': [
        [1, 1],
        [0, 1],
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      'apm-availability': [[498, 500]],
      'apm-latency': [[490, 500]],
    });
  });
});
