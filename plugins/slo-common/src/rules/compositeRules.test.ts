import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseCompositeSlos } from '../composites/parseCompositeSlos';
import { parseWindow } from '../math/parseWindow';
import type { SliSpec, SloDefinition } from '../model';
import { promDuration } from '../promql/promDuration';
import { alertRulesFor } from '../resolution/alertRulesFor';
import { generatePrometheusRules } from './generatePrometheusRules';
import {
  WEIGHTED_COMPOSITE_NOT_EXPORTED,
  type PrometheusRulesComposite,
} from './PrometheusRulesOptions';

/** Debian's promtool; a missing one fails the tests (they must never skip). */
function findPromtool(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, 'promtool'), constants.X_OK);
      return join(dir, 'promtool');
    } catch {
      // Not here.
    }
  }
  throw new Error(
    "promtool was not found on PATH. Install Debian's 'prometheus' package (apt-get install --no-install-recommends prometheus), which provides promtool; .ci/run does this in CI.",
  );
}

function member(
  service: string,
  name: string,
  sli: SliSpec,
  window = '30d',
): SloDefinition {
  const parsed = parseWindow(window);
  if (!parsed.ok) throw new Error(parsed.message);
  const entityRef = `component:default/${service}`;
  return {
    id: `${entityRef}/${name}`,
    entityRef,
    name,
    sli,
    objectives: [{ name: '', target: 0.999 }],
    window: parsed.value,
    labels: {},
    origin: { kind: 'annotation', annotation: 'slo-kit.dev/slos' },
  };
}

const good = (service: string): SliSpec => ({
  kind: 'ratio',
  good: { selector: `http_requests_total{service="${service}",code!~"5.."}` },
  total: { selector: `http_requests_total{service="${service}"}` },
});
const bad = (service: string): SliSpec => ({
  kind: 'ratio',
  bad: { selector: `http_requests_total{service="${service}",code=~"5.."}` },
  total: { selector: `http_requests_total{service="${service}"}` },
});

const checkout = member('checkout', 'availability', good('checkout'));
const quiet = member('quiet', 'errors', bad('quiet'));
const down = member('down', 'errors', bad('down'));
const gone = member('gone', 'availability', good('gone'));
const latency = member('search', 'latency', {
  kind: 'latency',
  mode: 'histogram',
  metric: 'http_request_duration_seconds{service="search"}',
  threshold: 0.25,
});
const probe = member('search', 'probe', {
  kind: 'latency',
  mode: 'gauge',
  query: 'probe_duration_seconds{job="search"}',
  operator: '<=',
  threshold: 0.5,
});
const byId = new Map(
  [checkout, quiet, down, gone, latency, probe].map(d => [d.id, d]),
);

/** The composites of `system:default/shop`, with their members resolved. */
function composites(
  declared: Array<Record<string, unknown>>,
): PrometheusRulesComposite[] {
  const parsed = parseCompositeSlos(stringify(declared), {
    entityRef: 'system:default/shop',
  });
  expect(parsed.problems).toEqual([]);
  return parsed.composites.map(composite => ({
    composite,
    members: composite.members.map(m => ({ definition: byId.get(m.sloId)! })),
  }));
}

const journey = {
  name: 'journey',
  objective: 99,
  window: '30d',
  semantics: 'events',
  members: [{ slo: checkout.id }, { slo: quiet.id }],
};

jest.setTimeout(60_000);

describe('Prometheus rules of composite SLOs', () => {
  let promtool: string;
  let dir: string;

  beforeAll(() => {
    promtool = findPromtool();
    dir = mkdtempSync(join(tmpdir(), 'slo-composite-rules-'));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function promtoolRun(args: string[]): string {
    const result = spawnSync(promtool, args, { cwd: dir, encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`;
    if (result.status !== 0) {
      throw new Error(`promtool ${args.join(' ')} failed:\n${output}`);
    }
    return output;
  }

  it("writes a group per events composite, on the alert windows of the members' bucket, that promtool accepts", () => {
    const text = generatePrometheusRules([checkout], {
      bucketSeconds: slo => (slo.id === quiet.id ? 600 : 300),
      composites: composites([
        journey,
        {
          name: 'search-weekly',
          objective: 99.5,
          window: '7d',
          semantics: 'events',
          members: [{ slo: latency.id }, { slo: probe.id }],
        },
      ]),
    });
    writeFileSync(join(dir, 'composites.yaml'), text);
    const parsed = parse(text);
    const rules = parsed.groups.flatMap((g: { rules: unknown[] }) => g.rules);
    expect(promtoolRun(['check', 'rules', 'composites.yaml'])).toContain(
      `SUCCESS: ${rules.length} rules found`,
    );
    expect(parsed.groups.map((g: { name: string }) => g.name)).toEqual([
      'slo:component:default/checkout/availability',
      'slo:system:default/shop/journey',
      'slo:system:default/shop/search-weekly',
    ]);
    const group = parsed.groups[1];
    // The longest member bucket (10 minutes) decides the windows, as in the portal.
    const windows = alertRulesFor(checkout.window, { bucketSeconds: 600 });
    expect(
      group.rules
        .filter((r: { alert?: string }) => r.alert)
        .map(
          (r: { labels: Record<string, string> }) =>
            `${r.labels.long_window}/${r.labels.short_window}`,
        ),
    ).toEqual(
      windows.map(
        w =>
          `${promDuration(w.longWindowSeconds)}/${promDuration(
            w.shortWindowSeconds,
          )}`,
      ),
    );
    const recording = group.rules.filter((r: { record?: string }) => r.record);
    expect(recording.map((r: { record: string }) => r.record)).toEqual([
      'slo:error_ratio:10m',
      'slo:error_ratio:30m',
      'slo:error_ratio:1h',
      'slo:error_ratio:2h',
      'slo:error_ratio:6h',
      'slo:error_ratio:1d',
      'slo:error_ratio:3d',
    ]);
    expect(recording[0].labels).toEqual({
      slo_entity: 'system:default/shop',
      slo_name: 'journey',
    });
    // Both members' events, the bad-counted one as total − bad.
    expect(recording[0].expr).toBe(
      [
        '1 - (',
        '  (',
        '    (sum(increase(http_requests_total{service="checkout",code!~"5.."}[10m])) or vector(0))',
        '    + ((sum(increase(http_requests_total{service="quiet"}[10m]))) - (sum(increase(http_requests_total{service="quiet",code=~"5.."}[10m])) or vector(0)) or vector(0))',
        '  )',
        '  /',
        '  (',
        '    (',
        '      (sum(increase(http_requests_total{service="checkout"}[10m])) or vector(0))',
        '      + (sum(increase(http_requests_total{service="quiet"}[10m])) or vector(0))',
        '    ) > 0',
        '  )',
        ')',
      ].join('\n'),
    );
    const alert = group.rules.find((r: { alert?: string }) => r.alert);
    expect(alert.labels).toMatchObject({
      slo_entity: 'system:default/shop',
      slo_name: 'journey',
      slo_objective: '99',
      slo_window: '30d',
    });
    expect(text).toContain(
      '# Composite SLO (events): the good and total events of its 2 member(s) summed over each window: component:default/checkout/availability, component:default/quiet/errors.',
    );
  });

  it('says which composites it leaves out and why: weighted ones, hidden members, name clashes, SLIs without PromQL', () => {
    const [events] = composites([journey]);
    const [weighted] = composites([
      { ...journey, name: 'weighted', semantics: 'weighted' },
    ]);
    const [clash] = composites([{ ...journey, name: 'availability' }]);
    const systemSlo = {
      ...checkout,
      id: 'system:default/shop/availability',
      entityRef: 'system:default/shop',
    };
    const [dotted] = composites([{ ...journey, name: 'dotted' }]);
    const text = generatePrometheusRules([systemSlo], {
      composites: [
        weighted,
        {
          composite: { ...events.composite, id: 'system:default/shop/hidden' },
          notExported: 'a member belongs to an entity you may not read',
        },
        clash,
        {
          ...dotted,
          members: [
            {
              definition: {
                ...checkout,
                sli: {
                  kind: 'ratio',
                  good: { selector: 'trace.http.request.hits' },
                  total: { selector: 'trace.http.request.hits' },
                },
              },
            },
          ],
        },
      ],
    });
    const header = text.split('\ngroups:')[0];
    expect(header).toContain(
      `# composite system:default/shop/weighted: not exported: ${WEIGHTED_COMPOSITE_NOT_EXPORTED}`,
    );
    expect(header).toContain(
      '# composite system:default/shop/hidden: not exported: a member belongs to an entity you may not read',
    );
    expect(header).toContain(
      '# composite system:default/shop/availability: not exported: system:default/shop also has an SLO named "availability", and the two would record the same series; rename the composite',
    );
    expect(header).toContain(
      '# composite system:default/shop/dotted: not exported: member component:default/checkout/availability: sli.good: "trace.http.request.hits" is not a Prometheus metric name',
    );
    expect(parse(text).groups.map((g: { name: string }) => g.name)).toEqual([
      'slo:system:default/shop/availability',
    ]);
  });

  /**
   * promtool's unit tests: the composite's recorded error ratio is the pooled
   * one, a failing member that is small in the pool does not page the
   * journey, and a journey whose every request fails pages.
   */
  it('records the pooled error ratio and pages on the pooled burn', () => {
    const text = generatePrometheusRules([checkout], {
      composites: composites([
        journey,
        {
          name: 'outage',
          objective: 99.9,
          window: '30d',
          semantics: 'events',
          members: [{ slo: down.id }, { slo: gone.id }],
        },
      ]),
    });
    writeFileSync(join(dir, 'composite-rules.yaml'), text);
    const groups = parse(text).groups as Array<{
      name: string;
      rules: Array<{
        alert?: string;
        labels: Record<string, string>;
        annotations: Record<string, string>;
      }>;
    }>;
    const expected = (name: string) =>
      groups
        .find(g => g.name.endsWith(`/${name}`))!
        .rules.filter(r => r.alert)
        .map(rule => ({
          exp_labels: rule.labels,
          exp_annotations: rule.annotations,
        }));
    const test = {
      rule_files: ['composite-rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            // checkout: 1000 good a minute; from minute 61 on, 200 failing too (it pages on its own).
            {
              series: 'http_requests_total{service="checkout",code="200"}',
              values: '0+1000x180',
            },
            {
              series: 'http_requests_total{service="checkout",code="500"}',
              values: '0x60 0+200x120',
            },
            // quiet: 10000 a minute, one failure a minute.
            {
              series: 'http_requests_total{service="quiet",code="200"}',
              values: '0+10000x180',
            },
            {
              series: 'http_requests_total{service="quiet",code="500"}',
              values: '0+1x180',
            },
            // down and gone: every request fails; gone has no good series at all.
            {
              series: 'http_requests_total{service="down",code="503"}',
              values: '0+50x180',
            },
            {
              series: 'http_requests_total{service="gone",code="500"}',
              values: '0+5x180',
            },
          ],
          promql_expr_test: [
            {
              expr: 'slo:error_ratio:5m{slo_entity="system:default/shop"}',
              eval_time: '90m',
              exp_samples: [
                {
                  labels:
                    'slo:error_ratio:5m{slo_entity="system:default/shop",slo_name="journey"}',
                  value: 1 - (5 * 1000 + 5 * 10000) / (5 * 1200 + 5 * 10001),
                },
                {
                  labels:
                    'slo:error_ratio:5m{slo_entity="system:default/shop",slo_name="outage"}',
                  value: 1,
                },
              ],
            },
          ],
          alert_rule_test: [
            {
              alertname: 'SloErrorBudgetBurn',
              eval_time: '90m',
              // checkout's own SLO pages; the journey (99%, 1.8% failing) does not; the outage does, all four.
              exp_alerts: [...expected('availability'), ...expected('outage')],
            },
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'composite-rules.test.yaml'), stringify(test));
    expect(
      promtoolRun(['test', 'rules', 'composite-rules.test.yaml']),
    ).toContain('SUCCESS');
  });
});
