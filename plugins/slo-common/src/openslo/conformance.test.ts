import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { CompositeSloDefinition } from '../composites/CompositeSlo';
import type { SloDefinition } from '../model/SloDefinition';
import { parseOpenSlo } from './parseOpenSlo';
import { toOpenSlo } from './toOpenSlo';
import { toOpenSloComposite } from './toOpenSloComposite';

/**
 * The OpenSLO conformance corpus (issue 23): files written from the public
 * specification, each with its expected SLOs and problems in `#|` comment
 * lines at the top.
 */
const FIXTURES = path.join(__dirname, '__fixtures__');
const files = readdirSync(FIXTURES).filter(name => name.endsWith('.yaml')).sort();
const options = (file: string) => ({ entityRef: 'component:default/checkout', location: `openslo/${file}` });

interface ExpectedComposite extends Omit<Partial<CompositeSloDefinition>, 'members'> {
  members: Array<{ sloId: string; weight: number }>;
}

interface Expected {
  slos: Array<Partial<SloDefinition>>;
  /** Composites read, their objective and weights to a relative 1e-12 (they are computed from targets). */
  composites?: ExpectedComposite[];
  problems: Array<{ path: string; message: string; didYouMean?: string }>;
}

function expectedOf(content: string): Expected {
  const lines = content.split('\n').filter(line => line.startsWith('#|')).map(line => line.slice(3));
  return parse(lines.join('\n')) as Expected;
}

const withoutOrigin = (slos: SloDefinition[]) => slos.map(({ origin: _origin, ...rest }) => rest);

/** Relative difference, for figures computed from the file's numbers. */
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** A composite with its members' definitions, in member order, as the export takes them. */
function membersOf(composite: CompositeSloDefinition, slos: readonly SloDefinition[]): SloDefinition[] {
  return composite.members.map(member => slos.find(slo => slo.id === member.sloId)!);
}

describe('OpenSLO conformance corpus', () => {
  it('covers every kind, both versions and every budgeting method', () => {
    const all = files.map(file => readFileSync(path.join(FIXTURES, file), 'utf8')).join('\n');
    for (const term of ['kind: SLO', 'kind: SLI', 'kind: DataSource', 'kind: Service', 'kind: AlertPolicy', 'kind: AlertCondition', 'kind: AlertNotificationTarget', 'kind: BudgetAdjustment', 'apiVersion: openslo/v1\n', 'apiVersion: openslo.com/v2alpha', 'budgetingMethod: Occurrences', 'budgetingMethod: Timeslices', 'budgetingMethod: RatioTimeslices', 'counter: true', 'counter: false', 'thresholdMetric', 'isRolling: false', 'startTime', 'timeZone', '\n- apiVersion', 'compositeWeight']) {
      expect({ term, found: all.includes(term) }).toEqual({ term, found: true });
    }
  });

  it('covers, in each of v1 and v2alpha, every kind, budgeting method, metric and window, and the list form', () => {
    const seen = new Set<string>();
    for (const file of files) {
      const content = readFileSync(path.join(FIXTURES, file), 'utf8');
      for (const document of parseAllDocuments(content)) {
        const value = document.toJS() as unknown;
        const items = (Array.isArray(value) ? value : [value]) as Array<Record<string, any>>;
        for (const item of items) {
          if (!item?.kind) continue;
          const version = item.apiVersion;
          const mark = (what: string) => seen.add(`${version} ${what}`);
          mark(item.kind);
          if (Array.isArray(value)) mark('list form');
          const text = JSON.stringify(item);
          for (const term of ['"counter":true', '"counter":false', 'thresholdMetric', 'compositeWeight']) if (text.includes(term)) mark(term);
          if (item.kind !== 'SLO') continue;
          mark(`budgetingMethod ${item.spec?.budgetingMethod ?? 'Occurrences'}`);
          const window = item.spec?.timeWindow?.[0] ?? {};
          if (window.isRolling === true) mark('rolling');
          if (window.calendar?.startTime && window.calendar?.timeZone) mark('calendar with startTime and timeZone');
        }
      }
    }
    const wanted = ['SLO', 'SLI', 'DataSource', 'Service', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget', 'budgetingMethod Occurrences', 'budgetingMethod Timeslices', 'budgetingMethod RatioTimeslices', '"counter":true', '"counter":false', 'thresholdMetric', 'compositeWeight', 'rolling', 'calendar with startTime and timeZone', 'list form'];
    const missing = ['openslo/v1', 'openslo.com/v2alpha'].flatMap(version => wanted.map(what => `${version} ${what}`)).filter(key => !seen.has(key));
    expect(missing).toEqual([]);
    expect(seen.has('openslo.com/v2alpha BudgetAdjustment')).toBe(true);
  });

  describe.each(files)('%s', file => {
    const content = readFileSync(path.join(FIXTURES, file), 'utf8');
    const expected = expectedOf(content);
    const result = parseOpenSlo(content, options(file));

    it('gives the expected SLOs', () => {
      expect(result.slos).toMatchObject(expected.slos);
    });

    it('gives the expected composites, and no others', () => {
      const composites = expected.composites ?? [];
      expect(result.composites.map(c => c.id)).toEqual(composites.map(c => c.id));
      composites.forEach(({ objective, members, ...rest }, index) => {
        const read = result.composites[index];
        expect(read).toMatchObject(rest);
        expect(relative(read.objective, objective!)).toBeLessThan(1e-12);
        expect(read.members.map(m => m.sloId)).toEqual(members.map(m => m.sloId));
        read.members.forEach((member, at) => expect(relative(member.weight, members[at].weight)).toBeLessThan(1e-12));
        expect(membersOf(read, result.slos).every(Boolean)).toBe(true);
      });
    });

    it('gives equal composites after a round trip through its own version', () => {
      const apiVersion = content.includes('apiVersion: openslo.com/v2alpha') ? 'openslo.com/v2alpha' : 'openslo/v1';
      for (const composite of result.composites) {
        const written = toOpenSloComposite(composite, membersOf(composite, result.slos), { apiVersion });
        if (!('yaml' in written)) throw new Error(written.notExported);
        const back = parseOpenSlo(written.yaml, options(file));
        expect(back.problems).toEqual([]);
        const [again] = back.composites;
        // The export writes the composite's objective as every target and weights summing to 1.
        expect(relative(again.objective, composite.objective)).toBeLessThan(1e-12);
        const sum = composite.members.reduce((total, member) => total + member.weight, 0);
        expect(again.members.map(member => member.sloId)).toEqual(composite.members.map(member => member.sloId));
        again.members.forEach((member, index) => expect(relative(member.weight, composite.members[index].weight / sum)).toBeLessThan(1e-12));
        expect(withoutOrigin(membersOf(again, back.slos)).map(slo => slo.sli)).toEqual(withoutOrigin(membersOf(composite, result.slos)).map(slo => slo.sli));
        // Written again, it is the same document: v2alpha → model → v2alpha is a fixed point.
        const twice = toOpenSloComposite(again, membersOf(again, back.slos), { apiVersion });
        expect(twice).toEqual(written);
      }
    });

    it('gives the expected problems, and no others', () => {
      expect(result.problems.map(problem => problem.path)).toEqual(expected.problems.map(problem => problem.path.replace(/\\/g, '')));
      expected.problems.forEach((problem, index) => {
        expect(result.problems[index].message).toMatch(new RegExp(problem.message));
        expect(result.problems[index].didYouMean).toBe(problem.didYouMean);
        expect(result.problems[index].location).toBe(`openslo/${file}`);
      });
    });

    it('gives equal SLOs after a round trip through its own version', () => {
      const apiVersion = content.includes('apiVersion: openslo.com/v2alpha') ? 'openslo.com/v2alpha' : 'openslo/v1';
      const written = toOpenSlo(result.slos, { apiVersion });
      expect(result.slos.length === 0 || written.includes(`apiVersion: ${apiVersion}\n`)).toBe(true);
      const back = parseOpenSlo(written, options(file));
      expect(back.problems).toEqual([]);
      expect(withoutOrigin(back.slos)).toEqual(withoutOrigin(result.slos));
    });

    it('gives equal SLOs and no problems when the export also writes the alert policies', () => {
      const apiVersion = content.includes('apiVersion: openslo.com/v2alpha') ? 'openslo.com/v2alpha' : 'openslo/v1';
      const written = toOpenSlo(result.slos, { apiVersion, alertPolicies: true });
      expect(result.slos.length === 0 || written.includes('kind: burnrate')).toBe(true);
      const back = parseOpenSlo(written, options(file));
      expect(back.problems).toEqual([]);
      expect(withoutOrigin(back.slos)).toEqual(withoutOrigin(result.slos));
    });
  });
});
