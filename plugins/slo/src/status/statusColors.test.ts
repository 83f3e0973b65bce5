import { themes } from '@backstage/theme';
import { getContrastRatio, type Theme } from '@mui/material/styles';
import { statusColors, type StatusTone } from './statusColors';

const TONES: StatusTone[] = ['success', 'warning', 'error'];

describe.each([
  ['light', themes.light.getTheme('v5') as Theme],
  ['dark', themes.dark.getTheme('v5') as Theme],
])('statusColors in Backstage’s %s theme', (_mode, theme) => {
  const backgrounds = [theme.palette.background.paper, theme.palette.background.default];

  it.each(TONES)('%s text passes 4.5:1 and shapes 3:1 on the page and on cards', tone => {
    const colors = statusColors(theme, tone);
    for (const background of backgrounds) {
      expect(getContrastRatio(colors.text, background)).toBeGreaterThanOrEqual(4.5);
      expect(getContrastRatio(colors.shape, background)).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(TONES)('%s filled chips carry text at 4.5:1', tone => {
    const colors = statusColors(theme, tone);
    expect(getContrastRatio(colors.onFill, colors.fill)).toBeGreaterThanOrEqual(4.5);
  });

});

describe('statusColors keeps the palette’s own colour where it already passes', () => {
  it('in the light theme: green text, red chips', () => {
    const theme = themes.light.getTheme('v5') as Theme;
    // Green text on white is 5.1:1 in MUI's light palette: nothing to change.
    expect(statusColors(theme, 'success').text).toBe(theme.palette.success.main);
    expect(statusColors(theme, 'error').fill).toBe(theme.palette.error.main);
  });

  it('in the dark theme: orange text', () => {
    const theme = themes.dark.getTheme('v5') as Theme;
    expect(statusColors(theme, 'warning').text).toBe(theme.palette.warning.main);
  });
});

describe('statusColors fixes the pairs the axe scan found (issue 21)', () => {
  it('gives the light theme’s orange chips dark text rather than white at 3.1:1', () => {
    const theme = themes.light.getTheme('v5') as Theme;
    const colors = statusColors(theme, 'warning');
    expect(colors.fill).toBe(theme.palette.warning.main);
    expect(getContrastRatio(colors.onFill, theme.palette.common.black)).toBe(1);
  });

  it('lightens the dark theme’s red text, which reads 2.7:1 on its cards', () => {
    const theme = themes.dark.getTheme('v5') as Theme;
    expect(getContrastRatio(theme.palette.error.main, theme.palette.background.paper)).toBeLessThan(3);
    expect(statusColors(theme, 'error').text).not.toBe(theme.palette.error.main);
  });
});
