export {
  generatePrometheusRules,
  errorRatioRecordName,
  BURN_RATE_ALERT_NAME,
  type PrometheusRulesOptions,
} from './generatePrometheusRules';
