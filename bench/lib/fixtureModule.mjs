// The TypeScript workspace packages the bench uses, loaded with the Backstage
// CLI's on-the-fly transform (as `yarn slo` and the demo Prometheus do), so
// the bench needs no build step and always runs the current code.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const loaded = new Map();

function load(name) {
  if (!loaded.has(name)) {
    require('@backstage/cli/config/nodeTransform.cjs');
    loaded.set(name, require(name));
  }
  return loaded.get(name);
}

/** `@internal/prometheus-fixture`: generateScenario, seriesValues, startPrometheus, findExecutable... */
export function fixture() {
  return load('@internal/prometheus-fixture');
}

/** `@slo-kit/plugin-slo-common`: parseEntitySlos, sliRatioQuery... */
export function sloCommon() {
  return load('@slo-kit/plugin-slo-common');
}
