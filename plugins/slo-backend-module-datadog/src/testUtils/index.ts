/**
 * Test helpers: a local stand-in for Datadog's metrics query API, so tests of
 * the collector, the API or the CLI can run Datadog SLOs without the internet.
 *
 * @packageDocumentation
 */

export {
  FakeDatadogServer,
  metricsApi,
  queryResponse,
  type FakeReply,
  type RecordedRequest,
  type SeriesValues,
} from './FakeDatadogServer';
