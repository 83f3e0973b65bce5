import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { testDefinition } from '../math/testDefinitions';
import type { SloDefinition } from '../model/SloDefinition';
import { COMPOSITE_SLOS_ANNOTATION } from './CompositeSlo';
import { parseCompositeSlos } from './parseCompositeSlos';
import { validateCompositeMembers } from './validateCompositeMembers';

/** docs/annotations.md promises that its composite example parses and resolves. */
const DOC = path.resolve(__dirname, '../../../../docs/annotations.md');
const text = fs.readFileSync(DOC, 'utf8');
const example = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map(match => match[1])
  .find(body => body.includes(COMPOSITE_SLOS_ANNOTATION));

function availability(entityRef: string): SloDefinition {
  return { ...testDefinition(), id: `${entityRef}/availability`, entityRef, name: 'availability' };
}

describe('the composite example of docs/annotations.md', () => {
  it('parses without problems and resolves against its members', () => {
    expect(example).toBeDefined();
    const entity = parse(example!);
    const parsed = parseCompositeSlos(entity.metadata.annotations[COMPOSITE_SLOS_ANNOTATION], {
      entityRef: `system:default/${entity.metadata.name}`,
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.composites.map(c => [c.name, c.semantics, c.members.map(m => `${m.sloId} ×${m.weight}`)])).toEqual([
      ['checkout-journey', 'events', ['component:default/checkout/availability ×1', 'component:default/payments-api/availability ×1']],
      ['checkout-journey-weighted', 'weighted', ['component:default/checkout/availability ×3', 'component:default/payments-api/availability ×1']],
    ]);
    const entities = new Map(
      ['component:default/checkout', 'component:default/payments-api'].map(ref => [
        ref,
        { definitions: [availability(ref)], compositeNames: [], visible: true },
      ]),
    );
    for (const composite of parsed.composites) {
      expect(validateCompositeMembers(composite, entities).problems).toEqual([]);
    }
  });

  it('quotes the messages the parser gives', () => {
    const { problems } = parseCompositeSlos(
      '- {name: x, objective: 99, window: 30d, semantics: event, members: [{slo: a/b}, {slo: a/c, weight: 0}]}',
      { entityRef: 'system:default/shop' },
    );
    for (const problem of problems) {
      expect(text.replace(/\s+/g, ' ')).toContain(`${problem.path}: ${problem.message}`);
    }
    expect(problems).toHaveLength(2);
  });
});
