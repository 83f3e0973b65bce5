export { SloCorrections, CORRECTION_CATEGORY_LABELS } from './SloCorrections';
export type { SloCorrectionsProps } from './SloCorrections';
