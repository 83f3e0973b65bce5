import { queueChartDraw } from './chartDrawQueue';

describe('queueChartDraw', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('draws one chart per task, the next only once the one before has drawn', () => {
    const drawn: string[] = [];
    const first = queueChartDraw(() => drawn.push('first'));
    const second = queueChartDraw(() => drawn.push('second'));
    expect(drawn).toEqual([]);

    jest.runOnlyPendingTimers();
    expect(drawn).toEqual(['first']);
    // The first chart has not committed yet: the second waits, however many tasks pass.
    jest.runOnlyPendingTimers();
    expect(drawn).toEqual(['first']);

    first.drawn();
    expect(drawn).toEqual(['first']);
    jest.runOnlyPendingTimers();
    expect(drawn).toEqual(['first', 'second']);
    second.drawn();
  });

  it('skips a chart that went away, and moves on when the one drawing goes away', () => {
    const drawn: string[] = [];
    const first = queueChartDraw(() => drawn.push('first'));
    const second = queueChartDraw(() => drawn.push('second'));
    const third = queueChartDraw(() => drawn.push('third'));
    second.cancel();

    jest.runOnlyPendingTimers();
    expect(drawn).toEqual(['first']);
    // Unmounted while drawing: it never reports drawn, and must not hold the queue.
    first.cancel();
    jest.runOnlyPendingTimers();
    expect(drawn).toEqual(['first', 'third']);
    third.drawn();
    jest.runOnlyPendingTimers();
    expect(drawn).toEqual(['first', 'third']);
  });
});
