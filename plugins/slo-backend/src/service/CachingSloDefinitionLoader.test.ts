import type { Entity } from '@backstage/catalog-model';
import type {
  EntitySlos,
  SloDefinitionLoader,
} from '../definitions/SloDefinitionLoader';
import { CachingSloDefinitionLoader } from './CachingSloDefinitionLoader';

function entity(
  annotations: Record<string, string>,
  name = 'checkout',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {},
  };
}

class CountingLoader implements SloDefinitionLoader {
  calls = 0;
  async load(e: Entity): Promise<EntitySlos> {
    this.calls++;
    return {
      entityRef: `component:default/${e.metadata.name}`,
      definitions: [],
      problems: [],
    };
  }
}

describe('CachingSloDefinitionLoader', () => {
  it('parses an entity again only when its ref or SLO annotations change', async () => {
    const inner = new CountingLoader();
    const loader = new CachingSloDefinitionLoader(inner);
    const slos = { 'slo-kit.dev/slos': '- name: availability' };
    const first = await loader.load(entity(slos));
    // Unrelated annotations and a fresh copy of the entity do not matter.
    const same = await loader.load(
      entity({ ...slos, 'backstage.io/view-url': 'https://example.com' }),
    );
    expect(same).toBe(first);
    expect(inner.calls).toBe(1);

    await loader.load(entity({ 'slo-kit.dev/slos': '- name: latency' }));
    await loader.load(entity(slos, 'payments'));
    expect(inner.calls).toBe(3);
  });

  it('always reads entities that point to OpenSLO files', async () => {
    const inner = new CountingLoader();
    const loader = new CachingSloDefinitionLoader(inner);
    const openSlo = entity({ 'slo-kit.dev/openslo': './slos.yaml' });
    await loader.load(openSlo);
    await loader.load(openSlo);
    expect(inner.calls).toBe(2);
  });

  it('keeps at most the given number of entities', async () => {
    const inner = new CountingLoader();
    const loader = new CachingSloDefinitionLoader(inner, 1);
    const slos = { 'slo-kit.dev/slos': '[]' };
    await loader.load(entity(slos, 'a'));
    await loader.load(entity(slos, 'b'));
    await loader.load(entity(slos, 'a'));
    expect(inner.calls).toBe(3);
  });
});
