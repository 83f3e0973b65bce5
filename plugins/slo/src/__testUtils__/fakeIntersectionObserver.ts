import { act } from '@testing-library/react';

/** One observer; its targets intersect when the test says so. */
class FakeObserver implements IntersectionObserver {
  readonly root = null;
  readonly rootMargin: string;
  readonly thresholds = [0];
  readonly targets = new Set<Element>();

  constructor(
    private readonly callback: IntersectionObserverCallback,
    options: IntersectionObserverInit | undefined,
    private readonly registry: Set<FakeObserver>,
  ) {
    this.rootMargin = options?.rootMargin ?? '0px';
    registry.add(this);
  }

  observe(target: Element) {
    this.targets.add(target);
  }

  unobserve(target: Element) {
    this.targets.delete(target);
  }

  disconnect() {
    this.targets.clear();
    this.registry.delete(this);
  }

  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }

  report(targets: Element[]) {
    const entries = targets.map(
      target =>
        ({
          target,
          isIntersecting: true,
          intersectionRatio: 1,
          time: 0,
          boundingClientRect: target.getBoundingClientRect(),
          intersectionRect: target.getBoundingClientRect(),
          rootBounds: null,
        }) as IntersectionObserverEntry,
    );
    this.callback(entries, this);
  }
}

/**
 * An IntersectionObserver for jsdom (which has none) whose intersections the
 * test decides: nothing is in view until {@link FakeIntersectionObservers.scrollIntoView}.
 * `install()` in a test, `uninstall()` after it.
 */
export class FakeIntersectionObservers {
  private readonly observers = new Set<FakeObserver>();
  private original: typeof IntersectionObserver | undefined;

  install() {
    const observers = this.observers;
    this.original = (globalThis as { IntersectionObserver?: typeof IntersectionObserver })
      .IntersectionObserver;
    class Observer extends FakeObserver {
      constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
        super(callback, options, observers);
      }
    }
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = Observer;
  }

  uninstall() {
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = this.original;
    this.observers.clear();
  }

  /** Elements currently observed (not yet seen, or still watched). */
  observed(): Element[] {
    return [...this.observers].flatMap(observer => [...observer.targets]);
  }

  /** Reports `element` (or an observed element inside it) as intersecting, as scrolling to it would. */
  scrollIntoView(element: Element) {
    act(() => {
      for (const observer of [...this.observers]) {
        const hits = [...observer.targets].filter(
          target => target === element || element.contains(target),
        );
        if (hits.length > 0) {
          observer.report(hits);
        }
      }
    });
  }
}
