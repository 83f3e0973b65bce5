import { act, renderHook } from '@testing-library/react';
import { useProgressiveCount } from './useProgressiveCount';

describe('useProgressiveCount', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows the first items at once and the rest a step per task, never more than there are', () => {
    const { result } = renderHook(() => useProgressiveCount(7, { first: 3, step: 3 }));
    expect(result.current).toBe(3);
    act(() => jest.runOnlyPendingTimers());
    expect(result.current).toBe(6);
    act(() => jest.runOnlyPendingTimers());
    expect(result.current).toBe(7);
    act(() => jest.runOnlyPendingTimers());
    expect(result.current).toBe(7);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('starts over when the list changes, and keeps its count when only the data refreshes', () => {
    const { result, rerender } = renderHook(
      (props: { total: number; resetKey: string }) =>
        useProgressiveCount(props.total, { first: 2, step: 10, resetKey: props.resetKey }),
      { initialProps: { total: 12, resetKey: 'page 1' } },
    );
    act(() => jest.runOnlyPendingTimers());
    expect(result.current).toBe(12);

    rerender({ total: 12, resetKey: 'page 1' });
    expect(result.current).toBe(12);

    rerender({ total: 12, resetKey: 'page 2' });
    expect(result.current).toBe(2);
    act(() => jest.runOnlyPendingTimers());
    expect(result.current).toBe(12);
  });
});
