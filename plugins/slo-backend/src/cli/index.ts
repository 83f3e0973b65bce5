/**
 * The `slo` command line's entry point, built into `dist/cli.cjs.js` so that
 * `bin/slo` runs from the published package without the Backstage CLI.
 *
 * @packageDocumentation
 */
import { main as runCli } from './main';

/**
 * Runs the `slo` command line with these arguments (without `node` and the
 * script), writing to stdout and stderr; resolves to the exit code.
 *
 * @public
 */
export function main(argv: string[]): Promise<number> {
  return runCli(argv);
}
