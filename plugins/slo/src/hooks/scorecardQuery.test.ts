import { parseScorecardQuery, scorecardQueryToParams } from './scorecardQuery';

describe('scorecard query', () => {
  it('reads every field', () => {
    expect(
      parseScorecardQuery(
        new URLSearchParams(
          'group=group:default/payments&sort=budget&dir=desc&q=check&health=breaching&page=2&teamSort=meeting&teamDir=desc',
        ),
      ),
    ).toEqual({
      group: 'group:default/payments',
      sort: 'budget',
      dir: 'desc',
      teamSort: 'meeting',
      teamDir: 'desc',
      q: 'check',
      health: 'breaching',
      page: 2,
    });
  });

  it('filters on every status, paging included', () => {
    expect(parseScorecardQuery(new URLSearchParams('health=paging')).health).toBe('paging');
  });

  it('falls back to defaults on bad values', () => {
    expect(
      parseScorecardQuery(new URLSearchParams('dir=sideways&health=green&page=-1')),
    ).toEqual({
      group: undefined,
      sort: undefined,
      dir: 'asc',
      teamSort: undefined,
      teamDir: 'asc',
      q: '',
      health: 'all',
      page: 0,
    });
  });

  it('round-trips and leaves defaults out', () => {
    const query = parseScorecardQuery(new URLSearchParams('group=group:default/search&q=x'));
    expect(scorecardQueryToParams(query)).toEqual({ group: 'group:default/search', q: 'x' });
    expect(
      scorecardQueryToParams({
        sort: 'slo',
        dir: 'desc',
        teamSort: 'paging',
        teamDir: 'asc',
        q: '',
        health: 'met',
        page: 1,
      }),
    ).toEqual({ sort: 'slo', dir: 'desc', teamSort: 'paging', health: 'met', page: '1' });
  });
});
