import type { Entity } from '@backstage/catalog-model';
import fs from 'fs';
import path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { getOpenSloTargets } from './openslo/getOpenSloTargets';
import { hasSloAnnotations, parseEntitySlos } from './parse/parseEntitySlos';
import { parseSliTemplates } from './parse/parseSliTemplates';

/**
 * The demo catalog (examples/*.yaml at the repository root) must declare its
 * SLOs without a single problem, with the templates of the root app-config
 * (or the built-ins when it defines none). OpenSLO files are read the way the
 * backend reads them: resolved against the entity's own location.
 */

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(ROOT, 'examples');

const files = fs.existsSync(EXAMPLES)
  ? fs.readdirSync(EXAMPLES).filter(file => file.endsWith('.yaml')).map(file => path.join(EXAMPLES, file))
  : [];

const appConfigPath = path.join(ROOT, 'app-config.yaml');
const appConfig = fs.existsSync(appConfigPath) ? parse(fs.readFileSync(appConfigPath, 'utf8')) : {};
const templates = parseSliTemplates(appConfig?.slo?.templates);

const components = files.flatMap(file =>
  parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(document => document.toJS() as Entity | null)
    .filter((entity): entity is Entity => entity?.kind === 'Component' && hasSloAnnotations(entity))
    .map(entity => {
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        'backstage.io/managed-by-location': `file:${file}`,
      };
      return [entity.metadata.name, entity] as const;
    }),
);

const describeIfCatalog = components.length > 0 ? describe : describe.skip;

describeIfCatalog('the demo catalog', () => {
  it('has valid templates in app-config', () => {
    expect(templates.problems).toEqual([]);
  });

  it.each(components)('%s declares its SLOs without problems', (_, entity) => {
    const openSloDocuments = getOpenSloTargets(entity).map(location => ({
      location,
      content: fs.readFileSync(location, 'utf8'),
    }));
    const result = parseEntitySlos(entity, { templates: templates.templates, openSloDocuments });
    expect(result.problems).toEqual([]);
    expect(result.slos.length).toBeGreaterThan(0);
  });
});
