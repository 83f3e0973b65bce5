export { AttainmentFigure } from './AttainmentFigure';
export type { AttainmentFigureProps } from './AttainmentFigure';
export { BudgetFigure } from './BudgetFigure';
export type { BudgetFigureProps } from './BudgetFigure';
export { BurnNowFigure } from './BurnNowFigure';
export type { BurnNowFigureProps } from './BurnNowFigure';
export { ForecastFigure } from './ForecastFigure';
export type { ForecastFigureProps } from './ForecastFigure';
