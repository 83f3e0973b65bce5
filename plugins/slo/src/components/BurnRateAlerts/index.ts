export { BurnRateAlerts } from './BurnRateAlerts';
export type { BurnRateAlertsProps } from './BurnRateAlerts';
