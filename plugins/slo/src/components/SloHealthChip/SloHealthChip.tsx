import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import ErrorOutline from '@mui/icons-material/ErrorOutline';
import HelpOutline from '@mui/icons-material/HelpOutline';
import NotificationsActive from '@mui/icons-material/NotificationsActive';
import WarningAmber from '@mui/icons-material/WarningAmber';
import Chip from '@mui/material/Chip';
import { useTheme } from '@mui/material/styles';
import Tooltip from '@mui/material/Tooltip';
import type { SloHealth } from '@slo-kit/plugin-slo-common';
import {
  HEALTH_DESCRIPTIONS,
  HEALTH_LABELS,
  healthPaletteName,
} from '../../status';
import { statusChipSx } from './statusChipSx';

// Inline, so the icon takes the chip's text colour whatever the theme's chip styles say.
const ICON_STYLE = { color: 'inherit' };

const ICONS: Record<SloHealth, JSX.Element> = {
  paging: <NotificationsActive style={ICON_STYLE} />,
  met: <CheckCircleOutline style={ICON_STYLE} />,
  'at-risk': <WarningAmber style={ICON_STYLE} />,
  breaching: <ErrorOutline style={ICON_STYLE} />,
  unknown: <HelpOutline style={ICON_STYLE} />,
};

/** Props of {@link SloHealthChip}. */
export interface SloHealthChipProps {
  health: SloHealth;
  size?: 'small' | 'medium';
}

/**
 * An SLO's status: colour, icon shape and a word, so it reads without colour.
 * The chip takes keyboard focus, so its tooltip (what the status means) opens
 * without a mouse; its name starts with the visible word.
 */
export function SloHealthChip(props: SloHealthChipProps) {
  const { health, size = 'small' } = props;
  const theme = useTheme();
  const variant = health === 'met' ? 'outlined' : 'filled';
  return (
    <Tooltip title={HEALTH_DESCRIPTIONS[health]} describeChild>
      <Chip
        data-testid="slo-health"
        data-health={health}
        size={size}
        icon={ICONS[health]}
        label={HEALTH_LABELS[health]}
        variant={variant}
        tabIndex={0}
        sx={statusChipSx(theme, healthPaletteName(health), variant)}
      />
    </Tooltip>
  );
}
