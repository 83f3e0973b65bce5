import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { CatalogSloDefinitionLoader } from './CatalogSloDefinitionLoader';
import { OpenSloReader } from './OpenSloReader';

const openSlo = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: reco-availability
spec:
  service: reco
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 30d
      isRolling: true
  objectives:
    - target: 0.995
  indicator:
    metadata:
      name: reco-good
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="reco",code!~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="reco"}
`;

function entity(location: string, openslo: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'reco',
      annotations: {
        'backstage.io/managed-by-location': location,
        'slo-kit.dev/openslo': openslo,
      },
    },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  };
}

describe('CatalogSloDefinitionLoader', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-loader-'));
    await fs.mkdir(path.join(dir, 'catalog', 'openslo'), { recursive: true });
    await fs.writeFile(
      path.join(dir, 'catalog', 'openslo', 'reco.yaml'),
      openSlo,
    );
    await fs.writeFile(path.join(dir, 'outside.yaml'), openSlo);
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const loaderWith = (urlReader = mockServices.urlReader.mock()) =>
    new CatalogSloDefinitionLoader({
      knownSources: () => ['prometheus'],
      openSlo: new OpenSloReader(urlReader),
    });

  it('reads OpenSLO files relative to a file entity’s catalog file', async () => {
    const location = `file:${path.join(dir, 'catalog', 'catalog-info.yaml')}`;
    const loaded = await loaderWith().load(
      entity(location, './openslo/reco.yaml'),
    );
    expect(loaded.problems).toEqual([]);
    expect(loaded.definitions.map(d => d.id)).toEqual([
      'component:default/reco/reco-availability',
    ]);
    expect(loaded.definitions[0].objectives[0].target).toBe(0.995);
    // Where the catalog file says, not where the server keeps it.
    expect(loaded.definitions[0].origin.detail).toBe('openslo/reco.yaml');
    expect(JSON.stringify(loaded)).not.toContain(dir);
    expect(loaded.composites).toEqual([]);
  });

  it('returns the composites of OpenSLO files with their members as definitions, and no problem about them', async () => {
    const indicator = (service: string) => ({
      metadata: { name: `${service}-ok` },
      spec: {
        ratioMetric: {
          counter: true,
          good: { metricSource: { type: 'Prometheus', spec: { query: `http_requests_total{service="${service}",code!~"5.."}` } } },
          total: { metricSource: { type: 'Prometheus', spec: { query: `http_requests_total{service="${service}"}` } } },
        },
      },
    });
    await fs.writeFile(
      path.join(dir, 'catalog', 'openslo', 'journeys.yaml'),
      YAML.stringify({
        apiVersion: 'openslo/v1',
        kind: 'SLO',
        metadata: { name: 'checkout-journey' },
        spec: {
          service: 'reco',
          budgetingMethod: 'Occurrences',
          timeWindow: [{ duration: '28d', isRolling: true }],
          objectives: [
            { displayName: 'cart', target: 0.999, compositeWeight: 2, indicator: indicator('cart') },
            { displayName: 'payments', target: 0.99, indicator: indicator('payments') },
          ],
        },
      }),
    );
    const location = `file:${path.join(dir, 'catalog', 'catalog-info.yaml')}`;
    const loaded = await loaderWith().load(
      entity(location, './openslo/journeys.yaml'),
    );
    expect(loaded.composites?.map(c => c.id)).toEqual([
      'component:default/reco/checkout-journey',
    ]);
    expect(loaded.composites?.[0].members.map(m => m.sloId)).toEqual(
      loaded.definitions.map(d => d.id),
    );
    expect(loaded.definitions.map(d => d.name)).toEqual([
      'checkout-journey-cart',
      'checkout-journey-payments',
    ]);
    // Nothing asks to copy the composite into slo-kit.dev/composite-slos.
    expect(loaded.problems).toEqual([]);
  });

  it('refuses files outside the catalog file’s folder, with a problem that says where to look', async () => {
    const location = `file:${path.join(dir, 'catalog', 'catalog-info.yaml')}`;
    const loaded = await loaderWith().load(entity(location, '../outside.yaml'));
    expect(loaded.definitions).toEqual([]);
    expect(loaded.problems[0]).toMatchObject({
      entityRef: 'component:default/reco',
      annotation: 'slo-kit.dev/openslo',
      message:
        "The OpenSLO file ../outside.yaml could not be read: it lies outside the folder of the entity's catalog file. Check the path in slo-kit.dev/openslo (relative to the catalog file) and that the portal can read it.",
      found: '../outside.yaml',
    });
    expect(JSON.stringify(loaded)).not.toContain(dir);
  });

  it('reads URL locations through the UrlReader', async () => {
    const urlReader = mockServices.urlReader.mock({
      readUrl: async () =>
        ({ buffer: async () => Buffer.from(openSlo) } as never),
    });
    const loaded = await loaderWith(urlReader).load(
      entity(
        'url:https://git.example.com/org/repo/blob/main/catalog-info.yaml',
        './openslo/reco.yaml',
      ),
    );
    expect(urlReader.readUrl).toHaveBeenCalledWith(
      'https://git.example.com/org/repo/blob/main/openslo/reco.yaml',
    );
    expect(loaded.definitions).toHaveLength(1);
    expect(loaded.definitions[0].origin.detail).toBe(
      'https://git.example.com/org/repo/blob/main/openslo/reco.yaml',
    );
  });

  it('reports a file that cannot be read instead of throwing', async () => {
    const location = `file:${path.join(dir, 'catalog', 'catalog-info.yaml')}`;
    const loaded = await loaderWith().load(
      entity(location, './openslo/missing.yaml'),
    );
    expect(loaded.definitions).toEqual([]);
    expect(loaded.problems[0].message).toBe(
      'The OpenSLO file openslo/missing.yaml could not be read: there is no such file. Check the path in slo-kit.dev/openslo (relative to the catalog file) and that the portal can read it.',
    );
    expect(JSON.stringify(loaded)).not.toContain(dir);
  });
});
