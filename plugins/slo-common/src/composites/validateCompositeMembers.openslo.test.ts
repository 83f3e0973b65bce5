import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SLO_OPENSLO_ANNOTATION } from '../model/annotations';
import { parseOpenSlo } from '../openslo/parseOpenSlo';
import { COMPOSITE_SLOS_ANNOTATION } from './CompositeSlo';
import { compositeAsSloDefinition } from './compositeAsSloDefinition';
import { validateCompositeMembers } from './validateCompositeMembers';

const ENTITY = 'component:default/checkout';
const FILE = 'v1-composite.yaml';

function openSloComposite() {
  const text = readFileSync(path.join(__dirname, '..', 'openslo', '__fixtures__', FILE), 'utf8');
  const parsed = parseOpenSlo(text, { entityRef: ENTITY, location: FILE });
  const composite = parsed.composites.find(c => c.name === 'checkout-journey');
  if (!composite) throw new Error(`no composite: ${JSON.stringify(parsed.problems)}`);
  return { composite, text };
}

describe('member problems of an OpenSLO composite', () => {
  it('point to the objective in the OpenSLO file that makes the member, not to the composite-slos annotation', () => {
    const { composite, text } = openSloComposite();
    const documentIndex = text.split(/^---$/m).findIndex(doc => /name: checkout-journey\b/.test(doc) && /kind: SLO/.test(doc));
    // The second member's entity answers with no SLOs at all.
    const entities = new Map([[ENTITY, { definitions: [], compositeNames: [], visible: true }]]);
    const { problems } = validateCompositeMembers(composite, entities);

    expect(problems.length).toBe(composite.members.length);
    for (const [index, problem] of problems.entries()) {
      expect(problem.annotation).toBe(SLO_OPENSLO_ANNOTATION);
      expect(problem.location).toBe(FILE);
      expect(problem.path).toBe(`[${documentIndex}].spec.objectives[${index}]`);
      expect(problem.message).toMatch(new RegExp(`^${FILE}, document ${documentIndex + 1}: Unknown member`));
      expect(problem.message).not.toContain(COMPOSITE_SLOS_ANNOTATION);
    }
  });

  it('say where an annotation composite is written, as before', () => {
    const { composite } = openSloComposite();
    const annotated = { ...composite, openSlo: undefined, position: 2 };
    const { problems } = validateCompositeMembers(annotated, new Map());
    expect(problems.map(p => [p.annotation, p.path])).toEqual(
      composite.members.map((_, index) => [COMPOSITE_SLOS_ANNOTATION, `[2].members[${index}]`]),
    );
  });

  it('make the composite\'s SLO definition name its OpenSLO file as its origin', () => {
    const { composite } = openSloComposite();
    expect(compositeAsSloDefinition(composite, []).origin).toEqual({
      kind: 'openslo',
      annotation: SLO_OPENSLO_ANNOTATION,
      detail: FILE,
    });
  });
});
