// Exact event counts of the demo Prometheus data, computed from the same
// scenario the fixture backfills: the independent truth the UI is checked against.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The fixture is TypeScript; Backstage's transform runs it without a build.
require('@backstage/cli/config/nodeTransform.cjs');
const fixture = require('../packages/prometheus-fixture/src/index.ts');

let scenario;

/** `{ good, total }` for a ground-truth series name over [start, end), epoch seconds. */
export function demoEvents(name, start, end) {
  scenario ??= fixture.generateScenario(fixture.demoScenarioSpec());
  return scenario.groundTruth.events(name, start, end);
}

/** The demo data's fixed "now": the end of the backfilled history. */
export const DEMO_END = fixture.DEMO_END;
