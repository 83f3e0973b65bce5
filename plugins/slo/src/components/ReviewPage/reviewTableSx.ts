/**
 * Layout of the review's tables at any width: the figures stay on one line,
 * the name column wraps between words (or after a hyphen), never inside one;
 * the theme's `break-word` would otherwise split "recommendations" at 390 px.
 */
export const figuresTableSx = {
  '& th, & td': {
    whiteSpace: 'nowrap',
    wordBreak: 'normal',
    overflowWrap: 'normal',
  },
  '& tbody th': { whiteSpace: 'normal', minWidth: 120 },
} as const;

/** The teams' table: its cells wrap between words, never inside one. */
export const teamsTableSx = {
  '& th, & td': { wordBreak: 'normal', overflowWrap: 'normal' },
  '& thead th, & tbody th': { whiteSpace: 'nowrap' },
  '& td': { minWidth: 180 },
} as const;
