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
import { parseWindow } from '../math/parseWindow';
import type { SliSpec, SloDefinition } from '../model';
import { promDuration } from '../promql/promDuration';
import { alertRulesFor } from '../resolution/alertRulesFor';
import { generatePrometheusRules } from './generatePrometheusRules';

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

function definition(
  name: string,
  sli: SliSpec,
  options: {
    window?: string | Record<string, string>;
    targets?: number[];
    labels?: Record<string, string>;
  } = {},
): SloDefinition {
  const window = parseWindow(options.window ?? '30d');
  if (!window.ok) throw new Error(window.message);
  const targets = options.targets ?? [0.999];
  return {
    id: `component:default/checkout/${name}`,
    entityRef: 'component:default/checkout',
    name,
    sli,
    objectives: targets.map((target, i) => ({
      name: targets.length > 1 ? `o${i}` : '',
      target,
    })),
    window: window.value,
    labels: options.labels ?? {},
    origin: { kind: 'annotation', annotation: 'slo-kit.dev/slos' },
  };
}

const availability = definition('availability', {
  kind: 'ratio',
  good: { selector: 'http_requests_total{service="checkout",code!~"5.."}' },
  total: { selector: 'http_requests_total{service="checkout"}' },
});

const everyKind: SloDefinition[] = [
  availability,
  definition(
    'errors',
    {
      kind: 'ratio',
      bad: { selector: 'http_requests_total{code=~"5.."}' },
      total: { selector: 'http_requests_total' },
    },
    { window: '7d', labels: { tier: '1', 'not a label': 'x' } },
  ),
  definition(
    'sloth-style',
    {
      kind: 'ratio',
      bad: {
        query:
          'sum(rate(http_requests_total{code=~"5.."}[{{window}}])) by (service)',
      },
      total: {
        query: 'sum(rate(http_requests_total[{{window}}])) by (service)',
      },
    },
    { window: { calendar: 'month', timeZone: 'Europe/Berlin' } },
  ),
  definition('latency', {
    kind: 'latency',
    mode: 'histogram',
    metric: 'http_request_duration_seconds{service="checkout"}',
    threshold: 0.25,
  }),
  definition('probe', {
    kind: 'latency',
    mode: 'gauge',
    query: 'probe_duration_seconds{job="checkout"}',
    operator: '<=',
    threshold: 0.5,
  }),
  definition(
    'p99-minutes',
    {
      kind: 'timeSlice',
      sliceSeconds: 60,
      operator: '<=',
      threshold: 1,
      value: {
        query:
          'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[{{window}}])))',
      },
    },
    { targets: [0.99, 0.999] },
  ),
  definition('good-minutes', {
    kind: 'timeSlice',
    sliceSeconds: 300,
    operator: '>=',
    threshold: 0.99,
    value: {
      good: { selector: 'http_requests_total{code!~"5.."}' },
      total: { selector: 'http_requests_total' },
    },
  }),
];

// promtool runs take seconds when the machine is busy with other test suites.
jest.setTimeout(60_000);

describe('generatePrometheusRules with the real promtool', () => {
  let promtool: string;
  let dir: string;

  beforeAll(() => {
    promtool = findPromtool();
    dir = mkdtempSync(join(tmpdir(), 'slo-rules-'));
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

  it('writes rules promtool accepts, for every kind of SLI and window', () => {
    const text = generatePrometheusRules(everyKind);
    writeFileSync(join(dir, 'every-kind.yaml'), text);
    const output = promtoolRun(['check', 'rules', 'every-kind.yaml']);
    // 7 SLOs × 7 windows of recording rules (7d and month scale some windows
    // onto the same 5m minimum) + 4 alerts per objective (one SLO has two).
    const parsed = parse(text);
    const rules = parsed.groups.flatMap((g: { rules: unknown[] }) => g.rules);
    expect(output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(rules.filter((r: { alert?: string }) => r.alert).length).toBe(8 * 4);
  });

  it('scales alert windows with the period to whole 5-minute buckets, the windows the portal evaluates', () => {
    const groups = parse(generatePrometheusRules(everyKind)).groups;
    const weekly = groups.find((g: { name: string }) =>
      g.name.endsWith('/errors'),
    );
    const windows = weekly.rules
      .filter((r: { alert?: string }) => r.alert)
      .map(
        (r: { labels: Record<string, string> }) =>
          `${r.labels.long_window}/${r.labels.short_window}`,
      );
    expect(windows).toEqual([
      '15m/5m',
      '1h25m/5m',
      '5h35m/30m',
      '16h50m/1h25m',
    ]);
    // The same windows as the evaluator's burn-rate labels for this SLO.
    const errors = everyKind.find(d => d.name === 'errors')!;
    expect(
      alertRulesFor(errors.window, { bucketSeconds: 300 }).map(
        r => `${promDuration(r.longWindowSeconds)}/${promDuration(r.shortWindowSeconds)}`,
      ),
    ).toEqual(windows);
    // 10-minute buckets: every window a whole number of them.
    const coarse = parse(generatePrometheusRules(everyKind, { bucketSeconds: 600 })).groups.find(
      (g: { name: string }) => g.name.endsWith('/errors'),
    );
    expect(
      coarse.rules
        .filter((r: { alert?: string }) => r.alert)
        .map((r: { labels: Record<string, string> }) => `${r.labels.long_window}/${r.labels.short_window}`),
    ).toEqual(['10m/10m', '1h20m/10m', '5h40m/30m', '16h50m/1h20m']);
    const alert = weekly.rules.find((r: { alert?: string }) => r.alert);
    expect(alert.labels).toMatchObject({
      tier: '1',
      slo_window: '7d',
      severity: 'page',
      burn_rate: '14.4',
    });
    expect(alert.labels).not.toHaveProperty(['not a label']);
  });

  it('explains alerts that can never fire instead of dropping them silently', () => {
    const text = generatePrometheusRules([
      definition('lenient', availability.sli, { targets: [0.9] }),
    ]);
    expect(text).toContain(
      '# page alert 14.4x over 1h/5m for objective 90% is not emitted: it can never fire. Even if every event failed, the budget of 10% would burn only 10x, less than 14.4x. Raise the objective to alert on this SLO.',
    );
    const alerts = parse(text).groups[0].rules.filter(
      (r: { alert?: string }) => r.alert,
    );
    expect(
      alerts.map((a: { labels: { burn_rate: string } }) => a.labels.burn_rate),
    ).toEqual(['6', '3', '1']);
    writeFileSync(join(dir, 'lenient.yaml'), text);
    expect(promtoolRun(['check', 'rules', 'lenient.yaml'])).toContain(
      'SUCCESS: 10 rules found',
    );
  });

  it('lists SLIs it cannot export, with the reason', () => {
    const text = generatePrometheusRules([
      definition('odd-slices', {
        kind: 'timeSlice',
        sliceSeconds: 420,
        operator: '<=',
        threshold: 1,
        value: { query: 'x' },
      }),
    ]);
    expect(text).toContain(
      '# component:default/checkout/odd-slices: not exported: sli.slice: slices of 420 s',
    );
    expect(parse(text).groups).toEqual([]);
  });

  /**
   * promtool's unit tests: a synthetic incident must page, a quiet service
   * must not, and the recorded error ratio must be the event-weighted one.
   */
  it('fires the page alert for an incident and nothing for a quiet series', () => {
    const badTotal = definition('errors', {
      kind: 'ratio',
      bad: { selector: 'http_requests_total{service="quiet",code=~"5.."}' },
      total: { selector: 'http_requests_total{service="quiet"}' },
    });
    const allFailing = definition('all-failing', {
      kind: 'ratio',
      good: { selector: 'http_requests_total{service="down",code!~"5.."}' },
      total: { selector: 'http_requests_total{service="down"}' },
    });
    const text = generatePrometheusRules([availability, badTotal, allFailing]);
    writeFileSync(join(dir, 'slo-rules.yaml'), text);
    const groups = parse(text).groups as Array<{
      name: string;
      rules: Array<{
        alert?: string;
        labels: Record<string, string>;
        annotations: Record<string, string>;
      }>;
    }>;
    const alertsOf = (name: string) =>
      groups.find(g => g.name.endsWith(`/${name}`))!.rules.filter(r => r.alert);
    const expected = (name: string) =>
      alertsOf(name).map(rule => ({
        exp_labels: rule.labels,
        exp_annotations: rule.annotations,
      }));

    const test = {
      rule_files: ['slo-rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            // checkout: 1000 good requests a minute; from minute 61 on, 200 failing ones too.
            {
              series: 'http_requests_total{service="checkout",code="200"}',
              values: '0+1000x180',
            },
            {
              series: 'http_requests_total{service="checkout",code="500"}',
              values: '0x60 0+200x120',
            },
            // quiet: 10000 a minute, one failure a minute (0.01%, a tenth of the budget).
            {
              series: 'http_requests_total{service="quiet",code="200"}',
              values: '0+10000x180',
            },
            {
              series: 'http_requests_total{service="quiet",code="500"}',
              values: '0+1x180',
            },
            // down: every request fails and there is no good series at all.
            {
              series: 'http_requests_total{service="down",code="503"}',
              values: '0+50x180',
            },
          ],
          promql_expr_test: [
            {
              // 5 minutes of 200 bad in 1200 a minute, computed from counts.
              expr: 'slo:error_ratio:5m{slo_name="availability"}',
              eval_time: '90m',
              exp_samples: [
                {
                  labels:
                    'slo:error_ratio:5m{slo_entity="component:default/checkout",slo_name="availability"}',
                  // 1 - good/total, as the rule computes it.
                  value: 1 - 1000 / 1200,
                },
              ],
            },
            {
              expr: 'slo:error_ratio:1h{slo_name="errors"}',
              eval_time: '90m',
              exp_samples: [
                {
                  labels:
                    'slo:error_ratio:1h{slo_entity="component:default/checkout",slo_name="errors"}',
                  value: 1 / 10001,
                },
              ],
            },
          ],
          alert_rule_test: [
            {
              alertname: 'SloErrorBudgetBurn',
              eval_time: '55m',
              exp_alerts: expected('all-failing'),
            },
            {
              alertname: 'SloErrorBudgetBurn',
              eval_time: '90m',
              // All four fire: 1h/5m and 6h/30m pages, and both tickets.
              exp_alerts: [
                ...expected('availability'),
                ...expected('all-failing'),
              ],
            },
          ],
        },
        {
          interval: '1m',
          input_series: [
            {
              series: 'http_requests_total{service="quiet",code="200"}',
              values: '0+10000x300',
            },
            {
              series: 'http_requests_total{service="quiet",code="500"}',
              values: '0+1x300',
            },
            // A quiet checkout without any failing series.
            {
              series: 'http_requests_total{service="checkout",code="200"}',
              values: '0+1000x300',
            },
          ],
          alert_rule_test: [
            {
              alertname: 'SloErrorBudgetBurn',
              eval_time: '1h',
              exp_alerts: [],
            },
            {
              alertname: 'SloErrorBudgetBurn',
              eval_time: '5h',
              exp_alerts: [],
            },
          ],
        },
      ],
    };
    expect(expected('availability').map(a => a.exp_labels.severity)).toEqual([
      'page',
      'page',
      'ticket',
      'ticket',
    ]);
    writeFileSync(join(dir, 'slo-rules.test.yaml'), stringify(test));
    expect(promtoolRun(['test', 'rules', 'slo-rules.test.yaml'])).toContain(
      'SUCCESS',
    );
  });

  it('fails the promtool test when the incident would not page (the test can fail)', () => {
    const text = generatePrometheusRules([availability]);
    writeFileSync(join(dir, 'slo-rules.yaml'), text);
    const test = {
      rule_files: ['slo-rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            {
              series: 'http_requests_total{service="checkout",code="200"}',
              values: '0+1000x120',
            },
            {
              series: 'http_requests_total{service="checkout",code="500"}',
              values: '0+200x120',
            },
          ],
          alert_rule_test: [
            {
              alertname: 'SloErrorBudgetBurn',
              eval_time: '90m',
              exp_alerts: [],
            },
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'failing.test.yaml'), stringify(test));
    expect(() => promtoolRun(['test', 'rules', 'failing.test.yaml'])).toThrow(
      /FAILED/,
    );
  });
});
