import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compositeAnnotationOf } from '../openslo/compositeAnnotationOf';
import { parseOpenSlo } from '../openslo/parseOpenSlo';
import { mergeEntityComposites } from './mergeEntityComposites';
import { parseCompositeSlos } from './parseCompositeSlos';

const ENTITY = 'component:default/checkout';
const openSlo = parseOpenSlo(readFileSync(path.join(__dirname, '../openslo/__fixtures__/v1-composite.yaml'), 'utf8'), {
  entityRef: ENTITY,
  location: 'openslo/journeys.yaml',
});
const [fromOpenSlo] = openSlo.composites;

const OTHER = `- name: other
  objective: 99
  window: 30d
  semantics: events
  members:
    - slo: component:default/search/availability
`;

describe('mergeEntityComposites', () => {
  it('computes OpenSLO composites next to the annotation\'s, after them', () => {
    expect(openSlo.composites.map(c => c.name)).toEqual(['checkout-journey']);
    const merged = mergeEntityComposites(parseCompositeSlos(OTHER, { entityRef: ENTITY }), openSlo.composites);
    expect(merged.problems).toEqual([]);
    expect(merged.composites.map(c => c.id)).toEqual([`${ENTITY}/other`, `${ENTITY}/checkout-journey`]);
    expect(merged.composites[1]).toBe(fromOpenSlo);
  });

  it('keeps the annotation\'s composite on a name clash and says which entry and how to fix it', () => {
    const clashing = OTHER.replace('name: other', 'name: checkout-journey');
    const merged = mergeEntityComposites(parseCompositeSlos(`${OTHER}${clashing}`, { entityRef: ENTITY }), openSlo.composites);
    expect(merged.composites.map(c => [c.name, c.semantics])).toEqual([
      ['other', 'events'],
      ['checkout-journey', 'events'],
    ]);
    expect(merged.problems).toEqual([
      {
        entityRef: ENTITY,
        annotation: 'slo-kit.dev/openslo',
        path: '',
        sloName: 'checkout-journey',
        message:
          'The composite SLO name "checkout-journey" is used both by an OpenSLO composite SLO and by slo-kit.dev/composite-slos (entry 2), with different definitions; the entry of slo-kit.dev/composite-slos is the one computed. Give each composite of an entity its own name: rename the OpenSLO SLO (metadata.name) or the entry (name).',
        found: 'checkout-journey',
        expected: 'a composite name not used in slo-kit.dev/composite-slos',
      },
    ]);
  });

  it('says the entry once advised for an OpenSLO composite is no longer needed', () => {
    const annotated = parseCompositeSlos(compositeAnnotationOf(fromOpenSlo), { entityRef: ENTITY });
    expect(annotated.problems).toEqual([]);
    const merged = mergeEntityComposites(annotated, openSlo.composites);
    expect(merged.composites).toEqual(annotated.composites);
    expect(merged.problems).toHaveLength(1);
    expect(merged.problems[0].message).toBe(
      'The OpenSLO composite SLO "checkout-journey" is also declared, identically, in slo-kit.dev/composite-slos (entry 1). The portal now computes OpenSLO composites directly: remove that entry from slo-kit.dev/composite-slos.',
    );
  });

  it('keeps the annotation\'s problems', () => {
    const merged = mergeEntityComposites(parseCompositeSlos('- name: x', { entityRef: ENTITY }), openSlo.composites);
    expect(merged.problems.length).toBeGreaterThan(0);
    expect(merged.problems.every(p => p.annotation === 'slo-kit.dev/composite-slos')).toBe(true);
    expect(merged.composites).toEqual(openSlo.composites);
  });
});
