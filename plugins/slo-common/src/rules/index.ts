export {
  generatePrometheusRules,
  errorRatioRecordName,
  BURN_RATE_ALERT_NAME,
  WEIGHTED_COMPOSITE_NOT_EXPORTED,
  type PrometheusRulesComposite,
  type PrometheusRulesOptions,
} from './generatePrometheusRules';
