export {
  generatePrometheusRules,
  errorRatioRecordName,
  BURN_RATE_ALERT_NAME,
} from './generatePrometheusRules';
export {
  WEIGHTED_COMPOSITE_NOT_EXPORTED,
  type PrometheusRulesComposite,
  type PrometheusRulesOptions,
} from './PrometheusRulesOptions';
