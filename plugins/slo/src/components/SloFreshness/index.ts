export { SloFreshness, type SloFreshnessProps } from './SloFreshness';
