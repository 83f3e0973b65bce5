export { parseOpenSlo } from './parseOpenSlo';
export type { ParseOpenSloOptions, ParsedSlos } from './parseOpenSlo';
export { toOpenSlo } from './toOpenSlo';
export type { ToOpenSloOptions } from './toOpenSlo';
export { getOpenSloTargets } from './getOpenSloTargets';
