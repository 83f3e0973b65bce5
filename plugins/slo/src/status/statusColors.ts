import {
  darken,
  getContrastRatio,
  lighten,
  type Theme,
} from '@mui/material/styles';

/** The theme palette entries that carry status. */
export type StatusTone = 'success' | 'warning' | 'error';

/** WCAG AA: normal text. */
export const TEXT_CONTRAST = 4.5;
/** WCAG AA: shapes (lines, outlines, bars) that carry meaning. */
export const SHAPE_CONTRAST = 3;

/**
 * The colours of one status tone, each checked against the theme's own
 * backgrounds so it passes WCAG AA in a light and a dark theme alike.
 */
export interface StatusColors {
  /** Text in this tone on the page or a card: at least 4.5:1 on both. */
  text: string;
  /** Lines, outlines and bars in this tone: at least 3:1 on both. */
  shape: string;
  /** Background of a filled chip. */
  fill: string;
  /** Text on `fill`: at least 4.5:1. */
  onFill: string;
}

function contrastOnAll(color: string, backgrounds: readonly string[]): number {
  return Math.min(...backgrounds.map(background => getContrastRatio(color, background)));
}

/**
 * The palette's colour first, then its shade towards more contrast (`dark`
 * on a light theme, `light` on a dark one), then ever stronger steps of it.
 */
function candidates(theme: Theme, tone: StatusTone): string[] {
  const entry = theme.palette[tone];
  const dark = theme.palette.mode === 'dark';
  const steps = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7].map(amount =>
    dark ? lighten(entry.main, amount) : darken(entry.main, amount),
  );
  return [entry.main, dark ? entry.light : entry.dark, ...steps];
}

const cache = new WeakMap<Theme, Map<StatusTone, StatusColors>>();

/**
 * A status tone's colours, taken from the theme's palette: the palette's own
 * colour where it passes AA, else its nearest stronger shade that does.
 * Backstage's dark theme puts `#f44336` red on `#424242` cards (2.72:1), so
 * its red text becomes a lighter red; its light theme puts white on `#ed6c02`
 * orange chips (3.11:1), so those chips carry dark text.
 */
export function statusColors(theme: Theme, tone: StatusTone): StatusColors {
  let byTone = cache.get(theme);
  if (!byTone) {
    byTone = new Map();
    cache.set(theme, byTone);
  }
  const known = byTone.get(tone);
  if (known) {
    return known;
  }
  const backgrounds = [theme.palette.background.paper, theme.palette.background.default];
  const options = candidates(theme, tone);
  const strongest = options[options.length - 1];
  const text = options.find(c => contrastOnAll(c, backgrounds) >= TEXT_CONTRAST) ?? strongest;
  const shape = options.find(c => contrastOnAll(c, backgrounds) >= SHAPE_CONTRAST) ?? strongest;

  // A filled chip keeps the palette's colour where it can: its own contrast
  // text first, then the opposite one (dark text on orange), then a shade.
  const entry = theme.palette[tone];
  const ownText = entry.contrastText;
  const otherText =
    getContrastRatio(ownText, theme.palette.common.black) > getContrastRatio(ownText, theme.palette.common.white)
      ? theme.palette.common.black
      : theme.palette.common.white;
  const pairs = [ownText, otherText].flatMap(candidateText =>
    [entry.main, entry.dark].map(candidateFill => ({ fill: candidateFill, onFill: candidateText })),
  );
  const { fill, onFill } =
    pairs.find(pair => getContrastRatio(pair.fill, pair.onFill) >= TEXT_CONTRAST) ??
    pairs.reduce((best, pair) =>
      getContrastRatio(pair.fill, pair.onFill) > getContrastRatio(best.fill, best.onFill) ? pair : best,
    );
  const colors = { text, shape, fill, onFill };
  byTone.set(tone, colors);
  return colors;
}
