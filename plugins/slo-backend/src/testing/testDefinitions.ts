import type { Entity } from '@backstage/catalog-model';
import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import type {
  EntitySlos,
  SloDefinitionLoader,
} from '../definitions/SloDefinitionLoader';

/** A ratio SLO of an entity, rolling 30 days. */
export function ratioSlo(
  entityRef: string,
  name: string,
  overrides: Partial<SloDefinition> = {},
): SloDefinition {
  return {
    id: `${entityRef}/${name}`,
    entityRef,
    name,
    sli: {
      kind: 'ratio',
      good: { selector: `requests_total{slo="${name}",code!~"5.."}` },
      total: { selector: `requests_total{slo="${name}"}` },
    },
    objectives: [{ name: '', target: 0.99 }],
    window: { type: 'rolling', durationSeconds: 30 * 86400, label: '30d' },
    labels: {},
    origin: { kind: 'annotation', annotation: 'slo-kit.dev/slos' },
    ...overrides,
  };
}

/** A component with an SLO annotation (content ignored by {@link MapLoader}). */
export function component(
  name: string,
  options: { owner?: string; title?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: options.title,
      annotations: { 'slo-kit.dev/slos': '[]' },
    },
    spec: {
      type: 'service',
      owner: options.owner ?? 'group:default/team-a',
      lifecycle: 'production',
    },
  };
}

/** A loader that returns fixed definitions by entity ref. */
export class MapLoader implements SloDefinitionLoader {
  constructor(public definitions: Record<string, SloDefinition[]>) {}

  async load(entity: Entity): Promise<EntitySlos> {
    const entityRef = `${entity.kind}:${
      entity.metadata.namespace ?? 'default'
    }/${entity.metadata.name}`.toLocaleLowerCase('en-US');
    return {
      entityRef,
      definitions: this.definitions[entityRef] ?? [],
      problems: [],
    };
  }
}
