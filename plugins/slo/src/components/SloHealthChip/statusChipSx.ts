import type { Theme } from '@mui/material/styles';
import type { SxProps } from '@mui/material/styles';
import { statusColors, type StatusTone } from '../../status';

/**
 * Colours of a chip in a status tone, readable in both themes: a filled chip
 * gets the tone's fill with text that passes 4.5:1 on it, an outlined chip the
 * tone's text colour and a 3:1 outline. Icons inherit the text colour (set
 * inline on the icon), so the chip needs no palette-name class.
 */
export function statusChipSx(
  theme: Theme,
  tone: StatusTone | 'default',
  variant: 'filled' | 'outlined',
): SxProps<Theme> {
  if (tone === 'default') {
    return {};
  }
  const colors = statusColors(theme, tone);
  return variant === 'filled'
    ? { bgcolor: colors.fill, color: colors.onFill }
    : { color: colors.text, borderColor: colors.shape };
}
