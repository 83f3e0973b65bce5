import type { Entity } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { parseEntitySlos } from '../parse/parseEntitySlos';
import { SLO_CORRECTIONS_ANNOTATION } from './SloCorrection';

/** docs/annotations.md promises that its corrections example works and quotes the parser's messages. */
const DOC = path.resolve(__dirname, '../../../../docs/annotations.md');
const text = fs.readFileSync(DOC, 'utf8');
const blocks = [...text.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(match => ({ language: match[1], body: match[2] }));
const exampleIndex = blocks.findIndex(block => block.language === 'yaml' && block.body.includes(`${SLO_CORRECTIONS_ANNOTATION}: |`));
const wrongIndex = blocks.findIndex(block => block.body.startsWith('# corrections wrong on purpose'));
/** The day the wrong example's messages are quoted for. */
const NOW = DateTime.fromISO('2026-11-18T00:00:00Z').toSeconds();

describe('the corrections of docs/annotations.md', () => {
  it('parse without problems, each applying to the SLOs it says', () => {
    expect(exampleIndex).toBeGreaterThanOrEqual(0);
    const entity = parse(blocks[exampleIndex].body) as Entity;
    const { slos, problems } = parseEntitySlos(entity, { now: NOW });
    expect(problems).toEqual([]);
    expect(slos.map(slo => [slo.name, slo.corrections?.map(c => c.name)])).toEqual([
      ['orders-availability', ['payment-provider-outage', 'sunday-maintenance', 'bad-scrape']],
      ['orders-latency', ['sunday-maintenance']],
    ]);
  });

  it('list exactly the messages of the example that is wrong on purpose', () => {
    expect(wrongIndex).toBeGreaterThan(exampleIndex);
    const entity = parse(blocks[exampleIndex].body) as Entity;
    entity.metadata.annotations![SLO_CORRECTIONS_ANNOTATION] = blocks[wrongIndex].body;
    const { slos, problems } = parseEntitySlos(entity, { now: NOW });
    expect(slos.every(slo => slo.corrections === undefined)).toBe(true);
    expect(blocks[wrongIndex + 1].language).toBe('text');
    expect(problems.map(p => `${p.path}: ${p.message}`)).toEqual(blocks[wrongIndex + 1].body.trim().split('\n'));
  });
});
