import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/**
 * How far above or below the viewport an element counts as near, in pixels:
 * half a screen, so what the user scrolls to next is usually loaded by the
 * time it is in view.
 */
export const NEAR_VIEWPORT_MARGIN_PX = 500;

/** Near by its layout now; an element without a box (hidden, or jsdom) is left to the observer. */
function isNearNow(element: Element, marginPx: number): boolean {
  const rect = element.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) {
    return false;
  }
  return rect.top < window.innerHeight + marginPx && rect.bottom > -marginPx;
}

/**
 * Whether the element has come near the viewport; once true it stays true,
 * so content loaded for it is kept when the user scrolls on. Where there is
 * no IntersectionObserver (old browsers, jsdom) everything counts as near.
 */
export function useNearViewport(
  ref: RefObject<Element>,
  options: { marginPx?: number } = {},
): boolean {
  const { marginPx = NEAR_VIEWPORT_MARGIN_PX } = options;
  const [near, setNear] = useState(
    () => typeof IntersectionObserver === 'undefined',
  );
  // Already near when it mounts: say so before the first paint, rather than
  // a frame later when the observer first reports, so loading starts at once.
  useLayoutEffect(() => {
    if (!near && ref.current && isNearNow(ref.current, marginPx)) {
      setNear(true);
    }
    // Only on mount: later changes are the observer's to report.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) {
      return undefined;
    }
    const observer = new IntersectionObserver(
      entries => {
        if (entries.some(entry => entry.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: `${marginPx}px 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, near, marginPx]);
  return near;
}
