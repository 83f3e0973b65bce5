import { parseEntitySlos } from '../parse/parseEntitySlos';

const entity = (corrections: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: {
      'slo-kit.dev/slos': `
- name: checkout-availability
  objective: 99.9
  window: 30d
  labels: {tier: critical}
  sli: {ratio: {good: 'http_requests_total{code!~"5.."}', total: http_requests_total}}
- name: checkout-latency
  objective: 99
  window: 30d
  sli: {latency: {histogram: http_request_duration_seconds, threshold: 0.5s}}
`,
      'slo-kit.dev/corrections': corrections,
    },
  },
});

describe('parseEntitySlos with corrections', () => {
  it('gives each SLO the corrections that target it, and no others', () => {
    const { slos, problems } = parseEntitySlos(entity(`
- {name: all, category: planned-maintenance, reason: r, start: 2026-01-01T00:00:00Z, duration: 1h}
- {name: critical, category: bad-data, reason: r, start: 2026-01-02T00:00:00Z, duration: 1h, labels: {tier: critical}}
- {name: latency-only, category: bad-data, reason: r, start: 2026-01-03T00:00:00Z, duration: 1h, slos: [checkout-latency]}
`));
    expect(problems).toEqual([]);
    expect(slos.map(s => [s.name, s.corrections?.map(c => c.name)])).toEqual([
      ['checkout-availability', ['all', 'critical']],
      ['checkout-latency', ['all', 'latency-only']],
    ]);
  });

  it('keeps the SLOs when a correction is broken, and reports it', () => {
    const { slos, problems } = parseEntitySlos(entity('- {name: x, category: bad-data, reason: r, start: 2026-01-01T00:00:00Z, duration: 1h, slos: [nope]}'));
    expect(slos.map(s => [s.name, s.corrections])).toEqual([['checkout-availability', undefined], ['checkout-latency', undefined]]);
    expect(problems).toEqual([expect.objectContaining({ annotation: 'slo-kit.dev/corrections', path: '[0].slos[0]' })]);
  });
});
