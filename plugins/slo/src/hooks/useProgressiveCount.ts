import { useEffect, useState } from 'react';

/**
 * How many of a list's `total` items to render now: `first` at once, then
 * `step` more in each following browser task until all are shown. Ten SLO
 * cards, or fifty scorecard rows, each built from dozens of styled MUI
 * components, took one main-thread task of 200-600 ms to render together
 * (docs/performance.md, felt speed); in slices, the page answers input and
 * paints between them, and the first items are on screen sooner.
 *
 * Starts over from `first` whenever `resetKey` changes (a new page, sort or
 * filter), since the next list is as costly to render as the first.
 */
export function useProgressiveCount(
  total: number,
  options: { first: number; step: number; resetKey?: string },
): number {
  const { first, step, resetKey = '' } = options;
  const [state, setState] = useState({ key: resetKey, shown: first });
  const shown = state.key === resetKey ? state.shown : first;
  if (state.key !== resetKey) {
    // Adjusting state while rendering, as React documents for a changed prop.
    setState({ key: resetKey, shown: first });
  }
  useEffect(() => {
    if (shown >= total) {
      return undefined;
    }
    // A new task, so the browser paints what is there and handles input first.
    const timer = setTimeout(
      () => setState(current => ({ key: current.key, shown: current.shown + step })),
      0,
    );
    return () => clearTimeout(timer);
  }, [shown, total, step]);
  return Math.min(shown, total);
}
