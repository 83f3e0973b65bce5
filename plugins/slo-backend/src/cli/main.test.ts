import { mkdtempSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { CliEvaluation } from './evaluateFromSources';
import { main } from './main';

const NOW = '2025-03-01T00:00:00Z';

// An empty working directory, so that no app-config.yaml is picked up by default.
const emptyCwd = mkdtempSync(path.join(os.tmpdir(), 'slo-cli-cwd-'));

async function run(args: string[], cwd = emptyCwd) {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: text => (out += `${text}\n`),
    err: text => (err += `${text}\n`),
    cwd,
  });
  return { code, out, err };
}

describe('slo CLI', () => {
  let dir: string;
  let good: string;
  let bad: string;
  let config: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-cli-test-'));
    good = path.join(dir, 'good.yaml');
    bad = path.join(dir, 'bad.yaml');
    config = path.join(dir, 'app-config.yaml');
    const component = (name: string, slos: unknown[]) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: { 'slo-kit.dev/slos': YAML.stringify(slos) },
      },
      spec: { type: 'service', owner: 'team', lifecycle: 'production' },
    });
    const ratio = {
      ratio: {
        good: 'http_requests_total{code!~"5.."}',
        total: 'http_requests_total',
      },
    };
    await fs.writeFile(
      good,
      [
        component('checkout', [
          {
            name: 'checkout-availability',
            objective: 99.9,
            window: '30d',
            sli: ratio,
          },
        ]),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'team' },
          spec: { type: 'team' },
        },
      ]
        .map(doc => YAML.stringify(doc))
        .join('---\n'),
    );
    await fs.writeFile(
      bad,
      YAML.stringify(
        component('broken', [
          { name: 'x', objectve: 99, window: '30d', sli: ratio },
        ]),
      ),
    );
    await fs.writeFile(
      config,
      YAML.stringify({ slo: { now: NOW, defaultSource: 'demo' } }),
    );
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(emptyCwd, { recursive: true, force: true });
  });

  it('validate: exit 0 for valid files', async () => {
    const result = await run(['validate', good]);
    expect(result).toEqual({ code: 0, out: '1 SLO(s) valid.\n', err: '' });
  });

  it('validate: exit 1 with the engine’s messages for bad ones', async () => {
    const result = await run(['validate', good, bad]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /^component:default\/broken slo-kit.dev\/slos .*objectve/m,
    );
    expect(result.err).toMatch(/did you mean: objective/);
    expect(result.err).toMatch(/1 valid SLO\(s\)\.\n$/);
  });

  it('validate: exit 1 for a file that cannot be read', async () => {
    const result = await run(['validate', path.join(dir, 'missing.yaml')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/missing\.yaml: cannot be read/);
  });

  it('evaluate: JSON figures from the configured source', async () => {
    const result = await run([
      'evaluate',
      good,
      '--config',
      config,
      '--at',
      NOW,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(0);
    const [row] = JSON.parse(result.out) as CliEvaluation[];
    expect(row).toMatchObject({
      entityRef: 'component:default/checkout',
      name: 'checkout-availability',
      window: '30d',
      objective: 0.999,
      at: 1_740_787_200,
      state: 'ok',
      source: 'demo',
      demo: true,
    });
    expect(row.sli).toBeCloseTo(row.good / row.total, 12);
    expect(Object.keys(row.burnRates)).toEqual(
      expect.arrayContaining(['5m', '1h', '6h', '1d', '3d']),
    );
    expect(
      row.alerts.map(
        a => `${a.severity} ${a.factor} ${a.longWindow}/${a.shortWindow}`,
      ),
    ).toEqual([
      'page 14.4 1h/5m',
      'page 6 6h/30m',
      'ticket 3 1d/2h',
      'ticket 1 3d/6h',
    ]);
  });

  it('evaluate: epoch seconds for --at, and a clear error for a bad one', async () => {
    const epoch = await run([
      'evaluate',
      good,
      '--config',
      config,
      '--at',
      '1740787200',
    ]);
    expect((JSON.parse(epoch.out) as CliEvaluation[])[0].at).toBe(
      1_740_787_200,
    );
    const wrong = await run([
      'evaluate',
      good,
      '--config',
      config,
      '--at',
      'tomorrow',
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain(
      'Invalid --at "tomorrow". Use an ISO-8601 time (2025-03-01T00:00:00Z) or epoch seconds (1740787200).',
    );
  });

  it('evaluate: judges corrections at --at, not at the wall clock', async () => {
    // Bad data from 2025-06 is in the past today but in the future at --at
    // 2025-03-01: as of then nobody could have known it, as the portal would say.
    const file = path.join(dir, 'corrected.yaml');
    const [entity] = YAML.parseAllDocuments(
      await fs.readFile(good, 'utf8'),
    ).map(doc => doc.toJS());
    entity.metadata.annotations['slo-kit.dev/corrections'] = YAML.stringify([
      {
        name: 'double-count',
        category: 'bad-data',
        reason: 'exporter double-counted',
        start: '2025-06-01T00:00:00Z',
        duration: '1h',
      },
    ]);
    await fs.writeFile(file, YAML.stringify(entity));
    const atThen = await run(['evaluate', file, '--config', config, '--at', NOW]);
    expect(atThen.err).toContain('The correction starts in the future');
    const atLater = await run([
      'evaluate',
      file,
      '--config',
      config,
      '--at',
      '2025-07-01T00:00:00Z',
    ]);
    expect(atLater.err).not.toContain('in the future');
  });

  it("evaluate: without --config, reads the working directory's app-config.yaml", async () => {
    const result = await run(['evaluate', good, '--at', NOW], dir);
    expect(result.code).toBe(0);
    const [row] = JSON.parse(result.out) as CliEvaluation[];
    expect(row.state).not.toBe('error');
  });

  it('evaluate: exit 1 and the reason when no source answers', async () => {
    const result = await run(['evaluate', good, '--at', NOW]);
    expect(result.code).toBe(1);
    const [row] = JSON.parse(result.out) as CliEvaluation[];
    expect(row.state).toBe('error');
    expect(result.err).toContain(
      'names no source and slo.defaultSource is not set',
    );
  });

  it('rules: prints a Prometheus rule file', async () => {
    const result = await run(['rules', good]);
    expect(result.code).toBe(0);
    const rules = YAML.parse(result.out);
    expect(rules.groups.length).toBeGreaterThan(0);
    expect(result.out).toContain('http_requests_total');
  });

  it('rules: exports events composites whose members are in the files, and says why not others', async () => {
    const system = path.join(dir, 'system.yaml');
    await fs.writeFile(
      system,
      YAML.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: {
          name: 'shop',
          annotations: {
            'slo-kit.dev/composite-slos': YAML.stringify([
              {
                name: 'journey',
                objective: 99.5,
                window: '30d',
                semantics: 'events',
                members: [{ slo: 'checkout/checkout-availability' }],
              },
              {
                name: 'weighted',
                objective: 99.5,
                window: '30d',
                semantics: 'weighted',
                members: [{ slo: 'checkout/checkout-availability' }],
              },
            ]),
          },
        },
        spec: { owner: 'team' },
      }),
    );
    const result = await run(['rules', good, system]);
    expect(result.code).toBe(0);
    const rules = YAML.parse(result.out);
    expect(rules.groups.map((g: { name: string }) => g.name)).toEqual([
      'slo:component:default/checkout/checkout-availability',
      'slo:system:default/shop/journey',
    ]);
    expect(result.out).toContain(
      '# composite system:default/shop/weighted: not exported: weighted composites are not exported',
    );
    // Without the member's file the member is unknown: said on stderr, and not exported.
    const alone = await run(['rules', system]);
    expect(alone.err).toContain(
      'system:default/shop slo-kit.dev/composite-slos [0].members[0]: Unknown member: there is no entity component:default/checkout in the catalog.',
    );
    expect(alone.out).toContain(
      '# composite system:default/shop/journey: not exported: 1 problem(s) with its members, printed on stderr',
    );
  });
});
