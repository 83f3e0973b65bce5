import { scorecardResponse } from '../testing';
import { slosToCsv } from './scorecardCsv';

describe('slosToCsv', () => {
  it("marks composite rows in the kind column as the page names them ('composite, events')", () => {
    const [slo] = scorecardResponse().slos;
    const lines = slosToCsv([
      slo,
      { ...slo, entityRef: 'system:default/shop', name: 'checkout-journey', composite: 'events' },
      { ...slo, entityRef: 'system:default/shop', name: 'weighted-journey', composite: 'weighted' },
    ]).split('\r\n');
    const header = lines[0].split(',');
    const kind = header.indexOf('Kind');
    expect(header[kind - 1]).toBe('SLO');
    const kindOf = (line: string) => line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map(cell => cell.replace(/,$/, ''))[kind];
    expect(lines.slice(1, 4).map(kindOf)).toEqual(['slo', '"composite, events"', '"composite, weighted"']);
  });
});
