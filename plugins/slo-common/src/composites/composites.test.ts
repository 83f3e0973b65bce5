import YAML from 'yaml';
import { evaluateSlo } from '../math/evaluateSlo';
import { periodHistory } from '../math/periodHistory';
import { makeBuckets, testDefinition } from '../math/testDefinitions';
import type { SloDefinition } from '../model/SloDefinition';
import { compositeAsSloDefinition } from './compositeAsSloDefinition';
import { evaluateWeightedComposite, weightedSli } from './evaluateWeightedComposite';
import { parseCompositeSlos } from './parseCompositeSlos';
import { BucketPool, poolBuckets } from './poolBuckets';
import { validateCompositeMembers, type CompositeMemberEntity } from './validateCompositeMembers';

const SYSTEM = 'system:default/shop';
const DAY = 86400;
const AT = 1_763_596_800; // 2025-11-20T00:00:00Z, on every grid below

function parse(value: unknown) {
  return parseCompositeSlos(YAML.stringify(value), { entityRef: SYSTEM });
}

const journey = {
  name: 'checkout-journey',
  description: 'People can buy',
  objective: 99.5,
  window: '30d',
  semantics: 'events',
  members: [
    { slo: 'component:default/checkout/availability' },
    { entity: 'payments', name: 'availability', weight: 2 },
  ],
};

function member(entityRef: string, name: string, window = '30d'): SloDefinition {
  const definition = testDefinition({ window });
  return { ...definition, id: `${entityRef}/${name}`, entityRef, name };
}

describe('parseCompositeSlos', () => {
  it('reads both member spellings, defaults and normalises refs', () => {
    const { composites, problems } = parse([journey]);
    expect(problems).toEqual([]);
    expect(composites).toEqual([
      expect.objectContaining({
        id: 'system:default/shop/checkout-journey',
        objective: 0.995,
        semantics: 'events',
        window: expect.objectContaining({ type: 'rolling', durationSeconds: 30 * DAY }),
        members: [
          { entityRef: 'component:default/checkout', sloName: 'availability', sloId: 'component:default/checkout/availability', weight: 1 },
          { entityRef: 'component:default/payments', sloName: 'availability', sloId: 'component:default/payments/availability', weight: 2 },
        ],
      }),
    ]);
  });

  it('reports weights that are not positive numbers, misspelt semantics and keys, with paths', () => {
    const { composites, problems } = parse([
      {
        ...journey,
        semantics: 'event',
        members: [
          { slo: 'component:default/checkout/availability', weight: 0 },
          { slo: 'component:default/payments/availability', weight: 'heavy' },
          { entty: 'component:default/search', name: 'availability' },
        ],
      },
    ]);
    expect(composites).toEqual([]);
    expect(problems.map(p => [p.path, p.message, p.didYouMean])).toEqual([
      ['[0].semantics', 'The semantics "event" is not one of "events", "weighted". Did you mean "events"?', 'events'],
      ['[0].members[0].weight', 'The weight 0 is not a positive number.', undefined],
      ['[0].members[1].weight', 'The weight heavy is not a positive number.', undefined],
      ['[0].members[2].entty', 'Unknown key "entty" in a member. Did you mean "entity"?', 'entity'],
      ['[0].members[2].entity', 'The member entity is missing.', undefined],
    ]);
    expect(problems.every(p => p.sloName === 'checkout-journey' && p.annotation === 'slo-kit.dev/composite-slos')).toBe(true);
  });

  it('refuses a composite without window, objective or members', () => {
    const { problems } = parse([{ name: 'x', semantics: 'weighted' }]);
    expect(problems.map(p => p.path)).toEqual(['[0].objective', '[0].window', '[0].members']);
  });

  it('takes 300 members in an events composite, and caps weighted ones lower', () => {
    const members = Array.from({ length: 300 }, (_, i) => ({ slo: `component:default/service-${i}/availability` }));
    const events = parse([{ ...journey, members }]);
    expect(events.problems).toEqual([]);
    expect(events.composites[0].members).toHaveLength(300);
    const weighted = parse([{ ...journey, semantics: 'weighted', members }]);
    expect(weighted.composites).toEqual([]);
    expect(weighted.problems).toEqual([
      expect.objectContaining({ path: '[0].members', message: expect.stringMatching(/^A weighted composite may have at most 100 members, not 300: .* Use "semantics: events"/) }),
    ]);
    const tooMany = parse([{ ...journey, members: Array.from({ length: 1001 }, (_, i) => ({ slo: `component:default/s${i}/availability` })) }]);
    expect(tooMany.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/^A composite may have at most 1000 members, not 1001\./) })]);
  });
});

describe('validateCompositeMembers', () => {
  const [composite] = parse([journey]).composites;
  const entity = (definitions: SloDefinition[], compositeNames: string[] = [], visible = true): CompositeMemberEntity => ({
    definitions,
    compositeNames,
    visible,
  });

  it('resolves members that exist with the composite window', () => {
    const result = validateCompositeMembers(
      composite,
      new Map([
        ['component:default/checkout', entity([member('component:default/checkout', 'availability')])],
        ['component:default/payments', entity([member('component:default/payments', 'availability')])],
      ]),
    );
    expect(result.problems).toEqual([]);
    expect(result.members?.map(m => m.definition.id)).toEqual([
      'component:default/checkout/availability',
      'component:default/payments/availability',
    ]);
  });

  it('names unknown members, mixed windows and composites of composites', () => {
    const result = validateCompositeMembers(
      composite,
      new Map([
        ['component:default/checkout', entity([member('component:default/checkout', 'availablity', '7d')])],
        ['component:default/payments', entity([member('component:default/payments', 'availability', '7d')])],
      ]),
    );
    expect(result.members).toBeUndefined();
    expect(result.problems.map(p => [p.path, p.message])).toEqual([
      ['[0].members[0]', 'Unknown member: entity component:default/checkout has no SLO named "availability". Did you mean "availablity"?'],
      ['[0].members[1]', 'Mixed windows: the member component:default/payments/availability is measured over 7d, the composite over 30d. Every member must have the composite\'s window.'],
    ]);
    const nested = validateCompositeMembers(
      composite,
      new Map([
        ['component:default/checkout', entity([], ['availability'])],
        ['component:default/payments', undefined],
      ]),
    );
    expect(nested.problems.map(p => p.message)).toEqual([
      'The member component:default/checkout/availability is itself a composite: composites of composites not supported yet. List its members instead.',
      'Unknown member: there is no entity component:default/payments in the catalog. Check the ref (kind:namespace/name).',
    ]);
  });

  it('suggests no SLO name of an entity the caller may not read', () => {
    const result = validateCompositeMembers(
      composite,
      new Map([
        ['component:default/checkout', entity([member('component:default/checkout', 'availablity')], [], false)],
        ['component:default/payments', entity([member('component:default/payments', 'availability')])],
      ]),
    );
    expect(result.problems).toEqual([
      expect.objectContaining({ expected: 'the name of an SLO of that entity' }),
    ]);
    expect(result.problems[0].didYouMean).toBeUndefined();
  });
});

describe('poolBuckets', () => {
  it('sums good and total per bucket start', () => {
    const pooled = poolBuckets([
      { sloId: 'a', buckets: [{ start: 0, durationSeconds: 300, good: 9, total: 10 }, { start: 300, durationSeconds: 300, good: 5, total: 5 }] },
      { sloId: 'b', buckets: [{ start: 300, durationSeconds: 300, good: 1, total: 3 }, { start: 600, durationSeconds: 300, good: 2, total: 2 }] },
    ]);
    expect(pooled).toEqual({
      buckets: [
        { start: 0, durationSeconds: 300, good: 9, total: 10 },
        { start: 300, durationSeconds: 300, good: 6, total: 8 },
        { start: 600, durationSeconds: 300, good: 2, total: 2 },
      ],
      gridMismatch: null,
    });
  });

  it('says so when members are on different grids', () => {
    const sameStart = poolBuckets([
      { sloId: 'a', buckets: [{ start: 0, durationSeconds: 300, good: 1, total: 1 }] },
      { sloId: 'b', buckets: [{ start: 0, durationSeconds: 3600, good: 1, total: 1 }] },
    ]);
    expect(sameStart.gridMismatch).toMatch(/a has a bucket of 300 s and b one of 3600 s/);
    const overlapping = poolBuckets([
      { sloId: 'a', buckets: [{ start: 0, durationSeconds: 3600, good: 1, total: 1 }] },
      { sloId: 'b', buckets: [{ start: 300, durationSeconds: 300, good: 1, total: 1 }] },
    ]);
    expect(overlapping.gridMismatch).toMatch(/overlaps/);
  });

  it('pools members added one at a time to the same bits as all at once', () => {
    // (0.1 + 0.2) + 0.3 !== (0.3 + 0.2) + 0.1: the order of additions shows in the bits.
    const members = [0.1, 0.2, 0.3].map((good, m) => ({
      sloId: `m${m}`,
      buckets: makeBuckets(AT - DAY, AT, 300, () => ({ good, total: 1 })),
    }));
    const pool = new BucketPool();
    for (const added of members) pool.add(added.sloId, added.buckets);
    expect(pool.result()).toEqual(poolBuckets(members));
    const differentOrder = new BucketPool();
    for (const added of [...members].reverse()) differentOrder.add(added.sloId, added.buckets);
    expect(differentOrder.result().buckets.some((b, i) => b.good !== pool.result().buckets[i].good)).toBe(true);
  });

  it('gives the ordinary evaluation and history of all members\' events together', () => {
    const a = makeBuckets(AT - 35 * DAY, AT, 300, i => ({ good: 1000 - (i % 7), total: 1000 }));
    const b = makeBuckets(AT - 35 * DAY, AT, 300, i => ({ good: 40 - (i % 3 === 0 ? 2 : 0), total: 40 }));
    const [composite] = parse([journey]).composites;
    const definition = compositeAsSloDefinition(composite, [{ definition: member('component:default/checkout', 'availability') }]);
    const { buckets } = poolBuckets([{ sloId: 'a', buckets: a }, { sloId: 'b', buckets: b }]);
    const evaluation = evaluateSlo({ definition, buckets, at: AT, bucketSeconds: 300 });
    const sum = (list: typeof a, from: number) =>
      list.filter(x => x.start >= from).reduce((s, x) => ({ good: s.good + x.good, total: s.total + x.total }), { good: 0, total: 0 });
    const truthA = sum(a, AT - 30 * DAY);
    const truthB = sum(b, AT - 30 * DAY);
    expect(evaluation.good).toBe(truthA.good + truthB.good);
    expect(evaluation.total).toBe(truthA.total + truthB.total);
    expect(evaluation.sli).toBe((truthA.good + truthB.good) / (truthA.total + truthB.total));
    expect(evaluation.objective.target).toBe(0.995);
    const history = periodHistory({ definition, buckets, at: AT, period: 'week', count: 2 });
    const weekStart = history[1].start;
    const week = { good: sum(a, weekStart).good + sum(b, weekStart).good, total: sum(a, weekStart).total + sum(b, weekStart).total };
    expect(history[1].sli).toBe(week.good / week.total);
  });
});

describe('evaluateWeightedComposite', () => {
  it('is the weighted mean of SLIs over members with data', () => {
    expect(weightedSli([{ weight: 1, sli: 0.99 }, { weight: 3, sli: 0.95 }, { weight: 5, sli: null }])).toBeCloseTo((0.99 + 3 * 0.95) / 4, 15);
    expect(weightedSli([{ weight: 1, sli: null }])).toBeNull();
  });

  it('computes budget and burn rates from the weighted SLI of each window', () => {
    // a: 0.1% bad all along; b: 1% bad, and 50% bad over the last hour.
    const a = makeBuckets(AT - 31 * DAY, AT, 300, () => ({ good: 999, total: 1000 }));
    const b = makeBuckets(AT - 31 * DAY, AT, 300, (_i, start) => (start >= AT - 3600 ? { good: 5, total: 10 } : { good: 99, total: 100 }));
    const window = { type: 'rolling' as const, durationSeconds: 30 * DAY, label: '30d' };
    const result = evaluateWeightedComposite({ objective: 0.99, window, at: AT, bucketSeconds: 300, members: [{ weight: 3, buckets: a }, { weight: 1, buckets: b }] });
    const slisOver = (seconds: number) => {
      const sli = (buckets: typeof a) => {
        const inside = buckets.filter(x => x.start >= AT - seconds);
        return inside.reduce((s, x) => s + x.good, 0) / inside.reduce((s, x) => s + x.total, 0);
      };
      return (3 * sli(a) + sli(b)) / 4;
    };
    const sli = slisOver(30 * DAY);
    expect(result.sli).toBeCloseTo(sli, 14);
    expect(result.errorBudgetRemaining).toBeCloseTo(1 - (1 - sli) / 0.01, 10);
    expect(result.burnRates['1h']).toBeCloseTo((1 - slisOver(3600)) / 0.01, 10);
    expect(result.burnRates['1h']).toBeCloseTo((1 - (3 * 0.999 + 0.5) / 4) / 0.01, 10);
    expect(result.burnRates['5m']).toBeCloseTo(result.burnRates['1h']!, 10);
    expect(result.alerts[0]).toEqual(expect.objectContaining({ severity: 'page', factor: 14.4, firing: false }));
    expect(result.memberSlis).toHaveLength(2);
  });
});
