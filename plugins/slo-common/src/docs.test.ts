import type { Entity } from '@backstage/catalog-model';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { parseEntitySlos } from './parse/parseEntitySlos';
import { parseSliTemplates } from './parse/parseSliTemplates';

/**
 * docs/annotations.md promises that its examples work. This test reads every
 * ```yaml block in it: entities must parse with zero problems, the app-config
 * example must give valid templates, and the one example marked
 * "# wrong on purpose" must give exactly the messages listed after it.
 */

const DOC = path.resolve(__dirname, '../../../docs/annotations.md');
const text = fs.readFileSync(DOC, 'utf8');

interface Block {
  language: string;
  body: string;
}
const blocks: Block[] = [...text.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(match => ({ language: match[1], body: match[2] }));

const isEntity = (block: Block) => block.language === 'yaml' && /^(# .*\n)*apiVersion: backstage\.io\/v1alpha1/.test(block.body);
const isBad = (block: Block) => block.body.startsWith('# wrong on purpose');
const entities = blocks.filter(block => isEntity(block) && !isBad(block));
const openSlo = blocks.filter(block => block.language === 'yaml' && block.body.startsWith('apiVersion: openslo/'));
const appConfig = blocks.filter(block => block.language === 'yaml' && block.body.startsWith('slo:'));

const parsedConfig = parseSliTemplates(parse(appConfig[0]?.body ?? 'slo: {}').slo.templates);

function parseEntity(body: string) {
  const entity = parse(body) as Entity;
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    'backstage.io/managed-by-location': 'file:/catalog/catalog-info.yaml',
  };
  return parseEntitySlos(entity, {
    templates: parsedConfig.templates,
    openSloDocuments: openSlo.map(block => ({ location: '/catalog/openslo/recommendations.yaml', content: block.body })),
    knownSources: ['prometheus-eu', 'prometheus'],
  });
}

describe('docs/annotations.md', () => {
  it('has examples of every form', () => {
    expect(entities.length).toBeGreaterThanOrEqual(12);
    expect(openSlo).toHaveLength(1);
    expect(appConfig).toHaveLength(1);
    for (const form of ['ratio:', 'badQuery:', 'histogram:', 'gauge:', 'timeSlice:', 'calendar:', 'objectives:', 'slo-kit.dev/templates', 'slo-kit.dev/openslo']) {
      expect(entities.some(block => block.body.includes(form))).toBe(true);
    }
  });

  it('has a valid app-config template example', () => {
    expect(parsedConfig.problems).toEqual([]);
    expect(parsedConfig.templates.map(template => template.name)).toContain('grpc-availability');
  });

  it.each(entities.map(block => [parse(block.body).metadata.name as string, block.body]))(
    'entity %s parses without problems',
    (_, body) => {
      const result = parseEntity(body);
      expect(result.problems).toEqual([]);
      expect(result.slos.length).toBeGreaterThan(0);
    },
  );

  it('lists exactly the messages of the example that is wrong on purpose', () => {
    const index = blocks.findIndex(isBad);
    const expected = blocks[index + 1];
    expect(expected.language).toBe('text');
    const result = parseEntity(blocks[index].body);
    expect(result.slos).toEqual([]);
    const actual = result.problems.map(problem => `${problem.path}: ${problem.message}`).sort();
    expect(actual).toEqual(expected.body.trim().split('\n').sort());
  });
});
