export { SloFigure } from './SloFigure';
export type { SloFigureProps } from './SloFigure';
