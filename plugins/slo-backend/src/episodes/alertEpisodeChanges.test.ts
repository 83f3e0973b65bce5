import type { BurnEpisode } from '@slo-kit/plugin-slo-common';
import { alertEpisodeChanges } from './alertEpisodeChanges';

const episode = (over: Partial<BurnEpisode>): BurnEpisode => ({
  start: 1000,
  end: 1600,
  ongoing: true,
  startedBefore: false,
  severity: 'ticket',
  peakBurnRate: 4,
  badEvents: 10,
  pageMinutes: 0,
  pageRuns: [],
  ...over,
});
const changesOf = (
  replaced: BurnEpisode[],
  recorded: BurnEpisode[],
  firstRecording = false,
) =>
  alertEpisodeChanges(replaced, recorded, { firstRecording }).map(c => [
    c.change,
    c.episode.start,
  ]);

describe('alertEpisodeChanges', () => {
  it('reports a new firing episode as started, and nothing when it stays the same', () => {
    expect(changesOf([], [episode({})])).toEqual([['started', 1000]]);
    expect(changesOf([episode({})], [episode({ end: 2200 })])).toEqual([]);
  });

  it('reports a page after a ticket and a higher peak as changed, a lower one not', () => {
    expect(
      changesOf(
        [episode({})],
        [episode({ severity: 'page', peakBurnRate: 4 })],
      ),
    ).toEqual([['changed', 1000]]);
    expect(changesOf([episode({})], [episode({ peakBurnRate: 5 })])).toEqual([
      ['changed', 1000],
    ]);
    expect(
      changesOf(
        [episode({ severity: 'page', peakBurnRate: 20 })],
        [episode({ severity: 'page', peakBurnRate: 20 })],
      ),
    ).toEqual([]);
  });

  it('reports a resolved episode as ended once', () => {
    const ended = episode({ ongoing: false, end: 4000 });
    expect(changesOf([episode({})], [ended])).toEqual([['ended', 1000]]);
    expect(changesOf([ended], [ended])).toEqual([]);
  });

  it('reports an episode that came and went between two recordings as ended, except in the backfill', () => {
    const past = episode({ start: 5000, end: 5600, ongoing: false });
    expect(changesOf([], [past])).toEqual([['ended', 5000]]);
    expect(changesOf([], [past, episode({ start: 9000 })], true)).toEqual([
      ['started', 9000],
    ]);
  });
});
