/**
 * The `slo` command line's entry point, built into `dist/cli.cjs.js` so that
 * `bin/slo` runs from the published package without the Backstage CLI.
 *
 * @packageDocumentation
 */
export { main, type CliIo } from './main';
