import { scorecardSlos } from '../testing';
import { filterAndSortSlos, judgedPreviousSli } from './sloTable';

const names = (rows: { name: string }[]) => rows.map(row => row.name);

describe('filterAndSortSlos', () => {
  it('puts the worst first by default', () => {
    expect(names(filterAndSortSlos(scorecardSlos, { q: '', health: 'all', dir: 'asc' }))).toEqual([
      'checkout-availability',
      'query-latency',
      'query-availability',
      'checkout-latency',
      'scoring-availability',
    ]);
  });

  it('sorts by a column either way, missing values last', () => {
    const asc = filterAndSortSlos(scorecardSlos, { q: '', health: 'all', sort: 'attainment', dir: 'asc' });
    expect(names(asc)[0]).toBe('checkout-latency');
    expect(names(asc).at(-1)).toBe('query-latency');
    const desc = filterAndSortSlos(scorecardSlos, { q: '', health: 'all', sort: 'attainment', dir: 'desc' });
    expect(names(desc)[0]).toBe('query-availability');
    expect(names(desc).at(-1)).toBe('query-latency');
  });

  it('filters by text and status', () => {
    expect(
      names(filterAndSortSlos(scorecardSlos, { q: 'SEARCH', health: 'all', dir: 'asc' })),
    ).toEqual(['query-latency', 'query-availability']);
    expect(
      names(filterAndSortSlos(scorecardSlos, { q: '', health: 'breaching', dir: 'asc' })),
    ).toEqual(['checkout-availability']);
  });
});

describe('judgedPreviousSli', () => {
  it('is the previous attainment only when that period has a verdict', () => {
    expect(judgedPreviousSli(scorecardSlos[0])).toBe(0.9995);
    // scoring-availability: too little traffic last period.
    expect(judgedPreviousSli(scorecardSlos[2])).toBeNull();
  });
});
