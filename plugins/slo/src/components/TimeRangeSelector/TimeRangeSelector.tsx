import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { TIME_RANGES, type TimeRange } from '../../hooks';

/** Props of {@link TimeRangeSelector}. */
export interface TimeRangeSelectorProps {
  value: TimeRange['id'];
  onChange: (range: TimeRange) => void;
  /** Names the charts the range applies to, for screen readers. */
  label?: string;
}

/**
 * Picks the charts' time range: 24 hours, 7, 30 or 90 days. Each button is
 * named by what it shows ("7d"), so speech input can say it; the words are
 * its title.
 */
export function TimeRangeSelector(props: TimeRangeSelectorProps) {
  const { value, onChange, label = 'Chart time range' } = props;
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      aria-label={label}
      data-testid="slo-range-selector"
      onChange={(_event, id: TimeRange['id'] | null) => {
        // Clicking the selected button deselects it; keep a range selected.
        const range = TIME_RANGES.find(candidate => candidate.id === id);
        if (range) {
          onChange(range);
        }
      }}
    >
      {TIME_RANGES.map(range => (
        <ToggleButton
          key={range.id}
          value={range.id}
          title={range.label}
          sx={{ textTransform: 'none', px: 1.25 }}
        >
          {range.id}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
