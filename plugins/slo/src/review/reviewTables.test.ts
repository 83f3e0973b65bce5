import type {
  ReliabilityReviewResponse,
  ReviewSlo,
} from '@slo-kit/plugin-slo-common';
import { gridCsv, rankingCsv } from './reviewTables';

const slo = (name: string, composite?: ReviewSlo['composite']): ReviewSlo => ({
  entityRef: composite ? 'system:default/shop' : 'component:default/checkout',
  entityTitle: composite ? 'Shop' : 'Checkout',
  name,
  ownerRefs: ['group:default/payments'],
  system: null,
  labels: {},
  objective: 0.999,
  window: '30d',
  periods: [],
  missedPeriods: 0,
  judgedPeriods: 0,
  worstBudgetSpent: null,
  pagingHours: 0,
  episodes: 0,
  ...(composite ? { composite } : {}),
});

const slos = [
  slo('availability'),
  slo('checkout-journey', 'events'),
  slo('weighted-journey', 'weighted'),
];

const review = {
  periods: [{ start: 0, end: 1, label: '2026-Q4', current: true }],
  slos,
} as unknown as ReliabilityReviewResponse;

/** The `kind` cell of each data line (the values hold no quotes of their own). */
function kinds(csv: string): string[] {
  const [header, ...lines] = csv.trim().split('\r\n');
  const column = header.split(',').indexOf('kind');
  return lines.map(
    line =>
      line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map(cell => cell.replace(/,$/, ''))[
        column
      ],
  );
}

describe('review CSV exports', () => {
  it("mark composite rows in a kind column after the SLO's name, as the page names them", () => {
    expect(gridCsv(review, slos).split('\r\n')[0]).toMatch(/^entity,slo,kind,/);
    expect(kinds(gridCsv(review, slos))).toEqual([
      'slo',
      '"composite, events"',
      '"composite, weighted"',
    ]);
    expect(rankingCsv(slos).split('\r\n')[0]).toMatch(/^entity,slo,kind,/);
    expect(kinds(rankingCsv(slos))).toEqual([
      'slo',
      '"composite, events"',
      '"composite, weighted"',
    ]);
  });
});
