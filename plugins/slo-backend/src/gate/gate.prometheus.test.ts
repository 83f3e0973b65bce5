/**
 * The deploy gate against Debian's Prometheus loaded with the fixture's 35
 * days (checkout's two-hour incident three days before the end): `yarn slo
 * gate` and the API's gate answer 0 / 1 / 2 as the ground truth says, the
 * budget-left threshold cuts exactly where the true budget lies, and a
 * source that is down gives 2, never 0.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
} from '@internal/prometheus-fixture';
import type { GateResponse } from '@slo-kit/plugin-slo-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import YAML from 'yaml';
import { main } from '../cli/main';
import {
  prometheusAppConfig,
  startSloBackend,
  useRealPrometheus,
} from '../__testUtils__/realPrometheus';

jest.setTimeout(240_000);

const DAY = 86400;
const OBJECTIVE = 0.99;
/** One hour into the incident: a page alert fires. */
const DURING_INCIDENT = DEMO_END - 3 * DAY + 3600;
/** Two days after it. */
const CALM = DEMO_END - DAY;

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: {
      'slo-kit.dev/slos': YAML.stringify([
        {
          name: 'availability',
          objective: OBJECTIVE * 100,
          window: '28d',
          sli: {
            ratio: {
              good: 'http_requests_total{service="checkout",code!~"5.."}',
              total: 'http_requests_total{service="checkout"}',
            },
          },
        },
      ]),
    },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

const scenario = generateScenario(exactnessScenarioSpec());

/** The error budget left over the 28 days before `at`, from the ground truth. */
function trueBudgetLeft(at: number): number {
  const { good, total } = scenario.groundTruth.events(
    'checkout:availability',
    at - 28 * DAY,
    at,
  );
  return 1 - (total - good) / (total * (1 - OBJECTIVE));
}

/** docs/error-budget-policy.md's pipeline script. */
const GATE_SCRIPT = path.resolve(__dirname, '../../../../examples/ci/slo-gate.sh');

/** Runs the pipeline script against a test backend: its exit code and line. */
async function gateScript(baseUrl: string, policy: string, slo?: string) {
  try {
    const { stdout } = await promisify(execFile)(
      'sh',
      [GATE_SCRIPT, 'component/default/checkout', policy, ...(slo ? [slo] : [])],
      {
        env: {
          PATH: process.env.PATH,
          BACKSTAGE_URL: baseUrl,
          SLO_GATE_TOKEN: mockCredentials.service.token(),
        },
      },
    );
    return { code: 0, out: stdout.trim() };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, out: failed.stdout.trim() };
  }
}

const urlOf = (server: Server) =>
  `http://127.0.0.1:${(server.address() as { port: number }).port}`;

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('deploy gate against a real Prometheus', () => {
  const prometheus = useRealPrometheus(scenario);
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-gate-'));
    await fs.writeFile(
      path.join(dir, 'catalog-info.yaml'),
      YAML.stringify(entity),
    );
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function gate(args: string[], baseUrl = prometheus.url) {
    await fs.writeFile(
      path.join(dir, 'app-config.yaml'),
      YAML.stringify({
        slo: {
          defaultSource: 'fixture',
          sources: { prometheus: { fixture: { baseUrl } } },
          collector: { maxAttempts: 1 },
        },
      }),
    );
    let out = '';
    let err = '';
    const code = await main(['gate', ...args], {
      out: text => (out += `${text}\n`),
      err: text => (err += `${text}\n`),
      cwd: dir,
    });
    return { code, out: out.trim(), err };
  }

  it('yarn slo gate: blocked (1) while paging, allowed (0) by the budget, with one line each', async () => {
    const at = String(DURING_INCIDENT);
    const paging = await gate(['checkout', '--at', at, '--policy', 'budget-left>=0%,not-paging']);
    expect(paging).toMatchObject({
      code: 1,
      out: expect.stringMatching(/^blocked: availability: a page alert fires$/),
    });
    const budget = await gate(['component:default/checkout', '--at', at, '--policy', 'budget-left>=0%']);
    expect(budget).toEqual({
      code: 0,
      out: 'allowed: 1 SLO(s) of component:default/checkout meet budget-left>=0%',
      err: '',
    });
    const calm = await gate(['checkout', '--at', String(CALM), '--policy', 'not-paging', '--policy', 'state!=breaching']);
    expect(calm.code).toBe(0);
  });

  it('cuts budget-left exactly where the ground truth puts the budget', async () => {
    for (const at of [DURING_INCIDENT, CALM]) {
      const truth = trueBudgetLeft(at) * 100;
      expect(truth).toBeGreaterThan(0);
      expect(truth).toBeLessThan(100);
      // 1e-6 percentage points either side of the true figure.
      const below = await gate(['checkout', '--at', String(at), '--policy', `budget-left>=${(truth - 1e-6).toFixed(7)}%`]);
      const above = await gate(['checkout', '--at', String(at), '--policy', `budget-left>=${(truth + 1e-6).toFixed(7)}%`]);
      expect([below.code, above.code]).toEqual([0, 1]);
      expect(above.out).toBe(
        `blocked: availability: budget left ${truth.toFixed(2)}%, policy budget-left>=${(truth + 1e-6).toFixed(7)}%`,
      );
    }
  });

  it('yarn slo gate: cannot tell (2) when the source is down, whatever the policy', async () => {
    const down = await gate(
      ['checkout', '--at', String(CALM), '--policy', 'budget-left>=-1000%', '--format', 'json'],
      `http://127.0.0.1:${await closedPort()}`,
    );
    expect(down.code).toBe(2);
    const body = JSON.parse(down.out) as GateResponse;
    expect(body).toMatchObject({ decision: 'unknown', exitCode: 2 });
    expect(body.reason).toMatch(/^cannot tell: availability: the source could not be read \(error\): .*ECONNREFUSED/);
  });

  it('yarn slo gate: cannot tell (2) for a bad policy, an unknown SLO or entity', async () => {
    const bad = await gate(['checkout', '--at', String(CALM), '--policy', 'budget-lef>=0%']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--policy Policy term 1: Unknown policy term "budget-lef>=0%".');
    expect(bad.err).toContain('did you mean: budget-left');
    const slo = await gate(['checkout', '--at', String(CALM), '--slo', 'latency', '--policy', 'not-paging']);
    expect(slo).toMatchObject({
      code: 2,
      out: 'cannot tell: component:default/checkout has no SLO named "latency"; its SLOs are availability',
    });
    const unknown = await gate(['payments', '--at', String(CALM), '--policy', 'not-paging']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('cannot tell: no entity component:default/payments in');
  });

  it('the API gate judges the stored evaluation the same way, and says 2 for a source that is down', async () => {
    const server = await startSloBackend(
      [entity],
      prometheusAppConfig(prometheus.url, { now: DURING_INCIDENT, backfillDays: 30 }),
    );
    const ask = (query: string) =>
      request(server).get(`/api/slo/entities/component/default/checkout/gate?${query}`);
    const paging = await ask(`policy=${encodeURIComponent('budget-left>=0%')}&policy=not-paging`);
    expect(paging.status).toBe(200);
    expect(paging.body).toMatchObject({
      entityRef: 'component:default/checkout',
      policy: 'budget-left>=0%,not-paging',
      at: new Date(DURING_INCIDENT * 1000).toISOString(),
      decision: 'blocked',
      exitCode: 1,
      reason: 'blocked: availability: a page alert fires',
    });
    const cli = await gate(['checkout', '--at', String(DURING_INCIDENT), '--policy', 'budget-left>=0%']);
    const budget = await ask(`policy=${encodeURIComponent('budget-left>=0%')}&slo=availability`);
    expect({ api: budget.body.reason, exitCode: budget.body.exitCode }).toEqual({ api: cli.out, exitCode: 0 });

    const invalid = await ask('policy=budget-left%3E%3D25');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toBe(
      'Invalid "policy": Policy term 1: "budget-left>=25": write the threshold as a percent, e.g. budget-left>=25% (a fraction such as 0.25 is written 25%). See docs/error-budget-policy.md.',
    );

    const downConfig = prometheusAppConfig(`http://127.0.0.1:${await closedPort()}`, {
      now: CALM,
      backfillDays: 30,
    });
    const downServer = await startSloBackend([entity], {
      slo: { ...downConfig.slo, collector: { ...downConfig.slo.collector, maxAttempts: 1 } },
    } as typeof downConfig);
    const down = await request(downServer).get(
      `/api/slo/entities/component/default/checkout/gate?policy=${encodeURIComponent('budget-left>=-1000%')}`,
    );
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ decision: 'unknown', exitCode: 2 });
    expect(down.body.reason).toMatch(/^cannot tell: availability: .*\((error|no-data|stale)\)/);

    // The documented pipeline script gives the same answers as exit codes.
    expect(await gateScript(urlOf(server), 'budget-left>=0%,not-paging')).toEqual({
      code: 1,
      out: 'blocked: availability: a page alert fires',
    });
    expect(await gateScript(urlOf(server), 'budget-left>=0%', 'availability')).toEqual({
      code: 0,
      out: 'allowed: 1 SLO(s) of component:default/checkout meet budget-left>=0%',
    });
    expect(await gateScript(urlOf(downServer), 'budget-left>=-1000%')).toEqual({
      code: 2,
      out: down.body.reason,
    });
    expect(await gateScript(urlOf(server), 'budget-left>=25')).toEqual({
      code: 2,
      out: expect.stringMatching(/^cannot tell: the portal answered 400: Invalid "policy": Policy term 1/),
    });
    const nobody = `http://127.0.0.1:${await closedPort()}`;
    expect(await gateScript(nobody, 'not-paging')).toEqual({
      code: 2,
      out: `cannot tell: ${nobody} did not answer`,
    });
  });
});
