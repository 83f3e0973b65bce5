import type { SliSpec } from '../../model';
import { bucketEventQueries } from '../sliQueries';
import { batchedSli } from './batchedSli';
import { sliBatchVariants } from './sliBatchVariants';

const ratio = (service: string, extra = ''): SliSpec => ({
  kind: 'ratio',
  good: {
    selector: `http_requests_total{service=${JSON.stringify(
      service,
    )},code!~"5.."${extra}}`,
  },
  total: {
    selector: `http_requests_total{service=${JSON.stringify(service)}}`,
  },
});

describe('sliBatchVariants', () => {
  it('gives SLIs that differ only in one label value the same key', () => {
    const [a] = sliBatchVariants(ratio('checkout'));
    const [b] = sliBatchVariants(ratio('api.v2'));
    expect(a).toMatchObject({ label: 'service', value: 'checkout' });
    expect(b).toMatchObject({ label: 'service', value: 'api.v2' });
    expect(a.key).toBe(b.key);
    // Matchers written in another order and spacing are the same SLI.
    const reordered: SliSpec = {
      kind: 'ratio',
      good: { selector: 'http_requests_total{ code!~"5..", service="x" }' },
      total: { selector: 'http_requests_total{service="x"}' },
    };
    expect(sliBatchVariants(reordered)[0].key).toBe(a.key);
  });

  it('keeps SLIs apart that differ in anything else', () => {
    const [a] = sliBatchVariants(ratio('checkout'));
    const [other] = sliBatchVariants(ratio('checkout', ',env="prod"'));
    expect(other.key).not.toBe(a.key);
    const latency = (threshold: number): SliSpec => ({
      kind: 'latency',
      mode: 'histogram',
      metric: 'http_request_duration_seconds{service="checkout"}',
      threshold,
    });
    expect(sliBatchVariants(latency(0.25))[0].key).not.toBe(
      sliBatchVariants(latency(0.5))[0].key,
    );
  });

  it('offers no batch where a single query could not be split back exactly', () => {
    // The label only in some selectors, a regex, an empty value, full queries.
    expect(
      sliBatchVariants({
        kind: 'ratio',
        good: { selector: 'x{code="200"}' },
        total: { selector: 'x{service="a"}' },
      }),
    ).toEqual([]);
    expect(
      sliBatchVariants({
        kind: 'ratio',
        good: { selector: 'x{service=~"a.*"}' },
        total: { selector: 'x{service=~"a.*"}' },
      }),
    ).toEqual([]);
    expect(sliBatchVariants(ratio(''))).toEqual([]);
    expect(
      sliBatchVariants({
        kind: 'ratio',
        good: { query: 'sum(rate(x{service="a"}[{{window}}]))' },
        total: { selector: 'x{service="a"}' },
      }),
    ).toEqual([]);
    expect(
      sliBatchVariants({
        kind: 'latency',
        mode: 'gauge',
        query: 'x{service="a"}',
        operator: '<',
        threshold: 1,
      }),
    ).toEqual([]);
  });
});

describe('batchedSli with sumBy', () => {
  it('asks every value with one query that single queries equal series by series', () => {
    const sli = batchedSli(ratio('checkout'), 'service', [
      'checkout',
      'a|b',
      'x"y',
    ])!;
    const batched = bucketEventQueries(sli, 300, { sumBy: 'service' });
    expect(batched.good).toBe(
      'sum by (service) (increase(http_requests_total{service=~"checkout|a\\\\|b|x\\"y", code!~"5.."}[5m]))',
    );
    // Without sumBy the single query is unchanged.
    expect(bucketEventQueries(ratio('checkout'), 300).good).toBe(
      'sum(increase(http_requests_total{service="checkout",code!~"5.."}[5m]))',
    );
  });

  it('groups every sum of a time slice by the label', () => {
    const slice: SliSpec = {
      kind: 'timeSlice',
      sliceSeconds: 300,
      operator: '>=',
      threshold: 0.99,
      value: {
        good: { selector: 'x{service="a",code!~"5.."}' },
        total: { selector: 'x{service="a"}' },
      },
    };
    const queries = bucketEventQueries(
      batchedSli(slice, 'service', ['a', 'b'])!,
      300,
      { sumBy: 'service' },
    );
    expect(queries.good).not.toMatch(/sum\(/);
    expect(queries.total).not.toMatch(/sum\(/);
    expect(queries.good).toContain('service=~"a|b"');
  });
});
