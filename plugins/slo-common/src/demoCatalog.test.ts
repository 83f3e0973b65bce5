import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import fs from 'fs';
import path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import {
  COMPOSITE_SLOS_ANNOTATION,
  parseCompositeSlos,
  validateCompositeMembers,
  type CompositeMemberEntity,
} from './composites';
import { getOpenSloTargets } from './openslo/getOpenSloTargets';
import { hasSloAnnotations, parseEntitySlos } from './parse/parseEntitySlos';
import { parseSliTemplates } from './parse/parseSliTemplates';

/**
 * The demo catalog (examples/*.yaml at the repository root) must declare its
 * SLOs without a single problem, with the templates of the root app-config
 * (or the built-ins when it defines none). OpenSLO files are read the way the
 * backend reads them: resolved against the entity's own location. Its
 * composite SLOs must resolve against those SLOs as the backend resolves them.
 */

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(ROOT, 'examples');

const files = fs.existsSync(EXAMPLES)
  ? fs.readdirSync(EXAMPLES).filter(file => file.endsWith('.yaml')).map(file => path.join(EXAMPLES, file))
  : [];

const appConfigPath = path.join(ROOT, 'app-config.yaml');
const appConfig = fs.existsSync(appConfigPath) ? parse(fs.readFileSync(appConfigPath, 'utf8')) : {};
const templates = parseSliTemplates(appConfig?.slo?.templates);

const entities = files.flatMap(file =>
  parseAllDocuments(fs.readFileSync(file, 'utf8')).flatMap(document => {
    const entity = document.toJS() as Entity | null;
    if (!entity) return [];
    entity.metadata.annotations = {
      ...entity.metadata.annotations,
      'backstage.io/managed-by-location': `file:${file}`,
    };
    return [entity];
  }),
);

const components = entities
  .filter(entity => entity.kind === 'Component' && hasSloAnnotations(entity))
  .map(entity => [entity.metadata.name, entity] as const);

const withComposites = entities
  .filter(entity => entity.metadata.annotations?.[COMPOSITE_SLOS_ANNOTATION])
  .map(entity => [`${entity.kind} ${entity.metadata.name}`, entity] as const);

function slosOf(entity: Entity) {
  const openSloDocuments = getOpenSloTargets(entity).map(location => ({
    location,
    content: fs.readFileSync(location, 'utf8'),
  }));
  return parseEntitySlos(entity, { templates: templates.templates, openSloDocuments });
}

const describeIfCatalog = components.length > 0 ? describe : describe.skip;

describeIfCatalog('the demo catalog', () => {
  it('has valid templates in app-config', () => {
    expect(templates.problems).toEqual([]);
  });

  it.each(components)('%s declares its SLOs without problems', (_, entity) => {
    const result = slosOf(entity);
    expect(result.problems).toEqual([]);
    expect(result.slos.length).toBeGreaterThan(0);
  });

  it('has composite SLOs of both semantics on its Systems and its Domain', () => {
    const kinds = new Set(withComposites.map(([, entity]) => entity.kind));
    expect(kinds).toEqual(new Set(['System', 'Domain']));
    const semantics = withComposites.flatMap(
      ([, entity]) =>
        parseCompositeSlos(entity.metadata.annotations![COMPOSITE_SLOS_ANNOTATION], {
          entityRef: stringifyEntityRef(entity),
        }).composites.map(c => c.semantics),
    );
    expect(new Set(semantics)).toEqual(new Set(['events', 'weighted']));
  });

  it.each(withComposites)('%s declares composite SLOs whose members resolve', (_, entity) => {
    const parsed = parseCompositeSlos(entity.metadata.annotations![COMPOSITE_SLOS_ANNOTATION], {
      entityRef: stringifyEntityRef(entity),
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.composites.length).toBeGreaterThan(0);
    const catalog = new Map<string, CompositeMemberEntity>(
      components.map(([, component]) => [
        stringifyEntityRef(component).toLocaleLowerCase('en-US'),
        { definitions: slosOf(component).slos, compositeNames: [], visible: true },
      ]),
    );
    for (const composite of parsed.composites) {
      const validated = validateCompositeMembers(composite, catalog);
      expect(validated.problems).toEqual([]);
      expect(validated.members).toHaveLength(composite.members.length);
    }
  });
});
