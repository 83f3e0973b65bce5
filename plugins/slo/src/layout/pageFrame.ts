import type { CSSObject, Theme } from '@mui/material/styles';

/**
 * The widest the plugin's pages grow: on a 2560 px screen a table or a row of
 * charts stretched to 2,300 px is read with the head, not the eyes.
 */
export const MAX_CONTENT_WIDTH = 1600;

/**
 * A visible focus ring on every control inside the plugin's pages, whatever
 * the app's theme does: MUI's own focus cue is a faint ripple on buttons and
 * nothing on table sort headers. The theme's primary colour passes 3:1 on
 * Backstage's light and dark backgrounds.
 */
export const focusRingSx = (theme: Theme): CSSObject => ({
  '& :focus-visible': {
    outline: `2px solid ${theme.palette.primary.main}`,
    outlineOffset: 2,
  },
});

/** The root of a plugin page or tab: focus ring and maximum width. */
export const pageFrameSx = (theme: Theme): CSSObject => ({
  ...focusRingSx(theme),
  maxWidth: MAX_CONTENT_WIDTH,
  minWidth: 0,
});

/**
 * A wide table's first column stays in view while the rest scrolls sideways
 * (at 390 px), on the surface colour so scrolled cells pass under it. The
 * first cell of each row, whether a header (`th`) or data cell (`td`).
 */
export const stickyFirstColumnSx = (theme: Theme): CSSObject => ({
  '& tr > :first-child': {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
    boxShadow: `inset -1px 0 0 ${theme.palette.divider}`,
  },
});

/**
 * The box a wide table scrolls in: a scrollbar that stays visible, and
 * keyboard focus so arrow keys can scroll it.
 */
export const horizontalScrollSx = (theme: Theme): CSSObject => ({
  overflowX: 'auto',
  scrollbarWidth: 'thin',
  scrollbarColor: `${theme.palette.text.secondary} transparent`,
  '&::-webkit-scrollbar': { height: 8 },
  '&::-webkit-scrollbar-thumb': {
    backgroundColor: theme.palette.text.secondary,
    borderRadius: 4,
  },
});
