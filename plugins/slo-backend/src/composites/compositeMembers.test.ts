import type { Entity } from '@backstage/catalog-model';
import type { CompositeSloDefinition } from '@slo-kit/plugin-slo-common';
import YAML from 'yaml';
import type { SloDefinitionLoader } from '../definitions/SloDefinitionLoader';
import { compositesOf } from './compositeMembers';

const ENTITY = 'system:default/shop';

const fromOpenSlo = (name: string): CompositeSloDefinition => ({
  id: `${ENTITY}/${name}`,
  entityRef: ENTITY,
  name,
  objective: 0.99,
  window: { type: 'rolling', durationSeconds: 28 * 86400, label: '28d' },
  semantics: 'weighted',
  members: [
    { entityRef: ENTITY, sloName: `${name}-cart`, sloId: `${ENTITY}/${name}-cart`, weight: 1 },
  ],
  position: 0,
});

function system(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default', annotations },
    spec: { owner: 'team' },
  };
}

const annotation = YAML.stringify([
  {
    name: 'journey',
    objective: 99,
    window: '28d',
    semantics: 'events',
    members: [{ slo: 'component:default/checkout/availability' }],
  },
]);

function loaderOf(composites: CompositeSloDefinition[]) {
  const load = jest.fn(async () => ({ entityRef: ENTITY, definitions: [], composites, problems: [] }));
  return { loader: { load } as SloDefinitionLoader, load };
}

describe('compositesOf', () => {
  it('gives the annotation\'s composites and those the loader read from OpenSLO files', async () => {
    const { loader } = loaderOf([fromOpenSlo('checkout-journey')]);
    const parsed = await compositesOf(
      system({ 'slo-kit.dev/composite-slos': annotation, 'slo-kit.dev/openslo': './journeys.yaml' }),
      loader,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.composites.map(c => [c.id, c.semantics])).toEqual([
      [`${ENTITY}/journey`, 'events'],
      [`${ENTITY}/checkout-journey`, 'weighted'],
    ]);
  });

  it('computes the annotation\'s composite on a name clash, with a problem that names its entry', async () => {
    const { loader } = loaderOf([fromOpenSlo('journey')]);
    const parsed = await compositesOf(
      system({ 'slo-kit.dev/composite-slos': annotation, 'slo-kit.dev/openslo': './journeys.yaml' }),
      loader,
    );
    expect(parsed.composites.map(c => [c.name, c.semantics])).toEqual([['journey', 'events']]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({
      entityRef: ENTITY,
      annotation: 'slo-kit.dev/openslo',
      sloName: 'journey',
      found: 'journey',
    });
    expect(parsed.problems[0].message).toContain('slo-kit.dev/composite-slos (entry 1)');
  });

  it('does not load an entity without OpenSLO files', async () => {
    const { loader, load } = loaderOf([fromOpenSlo('checkout-journey')]);
    const parsed = await compositesOf(system({ 'slo-kit.dev/composite-slos': annotation }), loader);
    expect(load).not.toHaveBeenCalled();
    expect(parsed.composites.map(c => c.name)).toEqual(['journey']);
  });
});
