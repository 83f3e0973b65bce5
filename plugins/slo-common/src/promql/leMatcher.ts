/**
 * A regular expression (RE2, as Prometheus anchors it) that matches every
 * common spelling of `threshold` as an `le` label value.
 *
 * Exporters and Prometheus versions spell the same bucket boundary
 * differently: Go clients write `0.3`, `1` and `1e+06`; Prometheus 3
 * normalises classic histograms to OpenMetrics floats (`1.0`, `5.0`);
 * Python and Java clients write `1.0`, `1000000.0` or `1.0E7`; some exporters
 * pad (`0.300`). `le="1"` does not match `le="1.0"`, so an exact matcher
 * silently loses every event. This expression accepts the plain decimal form
 * with any trailing zeros and the exponent form in any case, with or without
 * `+` and leading zeros in the exponent, and nothing else.
 *
 * Uses `[.]` and `[+]` rather than backslashes so the result can be put in a
 * double-quoted PromQL string (and YAML) without further escaping.
 *
 * @public
 */
export function leRegex(threshold: number): string {
  if (!Number.isFinite(threshold)) {
    return threshold > 0 ? '[+]Inf' : '-Inf';
  }
  const sign = threshold < 0 ? '-' : '';
  // toExponential() without digits gives the shortest round-tripping digits.
  const [mantissa, exponentText] = Math.abs(threshold)
    .toExponential()
    .split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);

  let integerPart: string;
  let fractionPart: string;
  if (exponent >= 0) {
    integerPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    fractionPart = digits.slice(exponent + 1);
  } else {
    integerPart = '0';
    fractionPart = '0'.repeat(-exponent - 1) + digits;
  }
  const integerPattern = integerPart === '0' ? '0?' : integerPart;
  const plain =
    fractionPart === ''
      ? `${integerPart}(?:[.]0*)?`
      : `${integerPattern}[.]${fractionPart}0*`;

  const mantissaFraction = digits.slice(1);
  const mantissaPattern =
    mantissaFraction === ''
      ? `${digits[0]}(?:[.]0*)?`
      : `${digits[0]}[.]${mantissaFraction}0*`;
  const exponentPattern =
    exponent >= 0 ? `[eE][+]?0*${exponent}` : `[eE]-0*${-exponent}`;

  return `${sign}(?:${plain}|${mantissaPattern}${exponentPattern})`;
}
