import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import { horizontalScrollSx } from './pageFrame';

/**
 * The box a table wider than the screen scrolls in: focusable, so arrow keys
 * scroll it, and named after its table ("Most-missed SLOs, table").
 */
export function TableScrollRegion(props: { title: string; children: ReactNode }) {
  return (
    <Box role="region" tabIndex={0} aria-label={`${props.title}, table`} sx={horizontalScrollSx}>
      {props.children}
    </Box>
  );
}
