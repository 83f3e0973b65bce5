import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import ErrorOutline from '@mui/icons-material/ErrorOutline';
import HelpOutline from '@mui/icons-material/HelpOutline';
import NotificationsActive from '@mui/icons-material/NotificationsActive';
import WarningAmber from '@mui/icons-material/WarningAmber';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import type { SloHealth } from '@slo-kit/plugin-slo-common';
import {
  HEALTH_DESCRIPTIONS,
  HEALTH_LABELS,
  healthPaletteName,
} from '../../status';

const ICONS: Record<SloHealth, JSX.Element> = {
  paging: <NotificationsActive />,
  met: <CheckCircleOutline />,
  'at-risk': <WarningAmber />,
  breaching: <ErrorOutline />,
  unknown: <HelpOutline />,
};

/** Props of {@link SloHealthChip}. */
export interface SloHealthChipProps {
  health: SloHealth;
  size?: 'small' | 'medium';
}

/**
 * An SLO's status: colour, icon shape and a word, so it reads without colour.
 */
export function SloHealthChip(props: SloHealthChipProps) {
  const { health, size = 'small' } = props;
  return (
    <Tooltip title={HEALTH_DESCRIPTIONS[health]}>
      <Chip
        data-testid="slo-health"
        data-health={health}
        size={size}
        icon={ICONS[health]}
        label={HEALTH_LABELS[health]}
        color={healthPaletteName(health)}
        variant={health === 'met' ? 'outlined' : 'filled'}
      />
    </Tooltip>
  );
}
