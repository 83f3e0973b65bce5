export { parseOpenSlo } from './parseOpenSlo';
export type { ParseOpenSloOptions, ParsedSlos } from './parseOpenSlo';
export { toOpenSlo } from './toOpenSlo';
export type { ToOpenSloOptions } from './toOpenSlo';
export { getOpenSloTargets } from './getOpenSloTargets';
export { toOpenSloComposite } from './toOpenSloComposite';
export type { OpenSloCompositeExport } from './toOpenSloComposite';
