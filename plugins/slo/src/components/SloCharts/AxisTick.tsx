import type { BaseTickContentProps } from 'recharts';

// Where recharts' own Text puts a single line for each vertical anchor.
const DY = { start: '0.71em', middle: '0.355em', end: '0' } as const;

/**
 * An axis label as a plain SVG `<text>`. Recharts' default tick is its Text
 * component, which, given the axis width, measures every label's words in a
 * hidden DOM node to wrap them; each measurement forces a layout of the whole
 * page, and on the SLO tab they were the largest share of a chart's
 * main-thread task (docs/performance.md, felt speed). Our labels are short
 * and never wrap, so nothing needs measuring.
 */
export function axisTick(style: { fill: string; fontSize: number }) {
  return function AxisTick(props: BaseTickContentProps) {
    const { x, y, index, payload, textAnchor, verticalAnchor, className, tickFormatter } = props;
    const label = tickFormatter ? tickFormatter(payload.value, index) : String(payload.value);
    return (
      <text
        x={x}
        y={y}
        dy={DY[verticalAnchor] ?? DY.end}
        textAnchor={textAnchor}
        fill={style.fill}
        fontSize={style.fontSize}
        className={className}
      >
        {label}
      </text>
    );
  };
}
