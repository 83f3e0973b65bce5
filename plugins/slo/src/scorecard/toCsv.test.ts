import { csvPercent, toCsv } from './toCsv';

describe('toCsv', () => {
  it('quotes what needs quoting and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['name', 'note'],
        ['a,b', 'say "hi"'],
        ['multi\nline', null],
      ]),
    ).toBe('name,note\r\n"a,b","say ""hi"""\r\n"multi\nline",\r\n');
  });

  it('keeps numbers as numbers and disarms formulas in text', () => {
    expect(toCsv([[-30, '=HYPERLINK("x")', '-1', '@x', true, false, Number.NaN]])).toBe(
      `-30,"'=HYPERLINK(""x"")",'-1,'@x,yes,no,\r\n`,
    );
  });
});

describe('csvPercent', () => {
  it('turns fractions into percentages without float noise', () => {
    expect(csvPercent(0.998734)).toBe(99.8734);
    expect(csvPercent(0.999)).toBe(99.9);
    expect(csvPercent(-0.3)).toBe(-30);
    expect(csvPercent(null)).toBeNull();
  });
});
