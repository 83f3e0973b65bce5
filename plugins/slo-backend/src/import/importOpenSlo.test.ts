import type { Entity } from '@backstage/catalog-model';
import {
  parseCompositeSlos,
  parseEntitySlos,
  parseOpenSlo,
  validateCompositeMembers,
} from '@slo-kit/plugin-slo-common';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { formatAnnotations } from './formatImport';
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

  it('imports a composite SLO\'s objectives as SLOs and writes the composite to slo-kit.dev/composite-slos of their entity', async () => {
    // The conformance corpus' v1 composite: its Timeslices and broken composites are refused.
    const file = path.join(__dirname, '../../../slo-common/src/openslo/__fixtures__/v1-composite.yaml');
    const { items, notes, entities } = await run([file], { entityName: 'shop' });
    expect(items.shop.map(item => [item.name, item.objectives])).toEqual([
      ['checkout-journey-cart', [{ name: 'cart', target: 99.9 }]],
      ['checkout-journey-payments', [{ name: 'payments', target: 99 }]],
    ]);
    expect(notes).toContainEqual(
      note(
        'changed',
        'spec.objectives',
        /the composite SLO "checkout-journey": each objective is imported as an SLO \(checkout-journey-cart, checkout-journey-payments\), and the composite is written to slo-kit.dev\/composite-slos of their entity \(semantics: weighted, objective 99.95238095238/,
      ),
    );
    expect(notes).toContainEqual(note('refused', 'spec.budgetingMethod', /Timeslices composite/));

    // The written entity declares the composite over the imported SLOs, on the entity they were imported to.
    const [document] = YAML.parseAllDocuments(formatAnnotations(entities)).map(d => d.toJS() as Entity);
    const annotations = document.metadata.annotations!;
    const declared = parseCompositeSlos(annotations['slo-kit.dev/composite-slos'], { entityRef: 'component:default/shop' });
    expect(declared.problems).toEqual([]);
    const slos = parseEntitySlos({ ...document, metadata: { ...document.metadata, namespace: 'default' } });
    const validated = validateCompositeMembers(
      declared.composites[0],
      new Map([['component:default/shop', { definitions: slos.slos, compositeNames: [], visible: true }]]),
    );
    expect(validated.problems).toEqual([]);
    const read = parseOpenSlo(readFileSync(file, 'utf8'), { entityRef: 'component:default/shop', location: 'x.yaml' }).composites[0];
    expect(declared.composites[0]).toMatchObject({
      name: 'checkout-journey',
      semantics: 'weighted',
      window: read.window,
      members: read.members,
    });
    expect(Math.abs(declared.composites[0].objective - read.objective)).toBeLessThanOrEqual(1e-12);
  });

  it('says how to declare a composite when the output is OpenSLO, which holds SLOs only', async () => {
    const file = path.join(__dirname, '../../../slo-common/src/openslo/__fixtures__/v1-composite.yaml');
    const { notes } = await run([file], { format: 'openslo' });
    expect(notes).toContainEqual(
      note('not carried', 'spec.objectives', /the composite SLO "checkout-journey": .*declare the composite itself in slo-kit.dev\/composite-slos/),
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
