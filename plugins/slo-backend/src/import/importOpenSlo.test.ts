import path from 'node:path';
import {
  importFixture as fixture,
  importNote as note,
  runImport as run,
} from '../__testUtils__/importFixtures';

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

  it('imports a composite SLO\'s objectives as SLOs and says how to declare the composite', async () => {
    // The conformance corpus' v1 composite: its Timeslices and broken composites are refused.
    const { items, notes } = await run([
      path.join(__dirname, '../../../slo-common/src/openslo/__fixtures__/v1-composite.yaml'),
    ]);
    expect(items.checkout.map(item => [item.name, item.objectives])).toEqual([
      ['checkout-journey-cart', [{ name: 'cart', target: 99.9 }]],
      ['checkout-journey-payments', [{ name: 'payments', target: 99 }]],
    ]);
    expect(notes).toContainEqual(
      note(
        'not carried',
        'spec.objectives',
        /the composite SLO "checkout-journey": each objective is imported as an SLO \(checkout-journey-cart, checkout-journey-payments\); declare the composite itself in slo-kit.dev\/composite-slos \(semantics: weighted, objective 99.95238095238/,
      ),
    );
    expect(notes).toContainEqual(note('refused', 'spec.budgetingMethod', /Timeslices composite/));
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
