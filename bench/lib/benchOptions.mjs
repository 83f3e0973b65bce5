// The bench's command line: `node bench/run.mjs --help` lists it, and
// docs/performance.md says what each option is for.
import path from 'node:path';

/** Days of data of the fleet, and of the division whose reliability review is measured. */
export const FLEET_DAYS = 35;
export const REVIEW_HISTORY_DAYS = 365;

/** The options of one run, from `process.argv.slice(2)`; throws on what it does not know. */
export function parseBenchOptions(argv) {
  const options = {
    quick: false,
    services: undefined,
    postgres: true,
    sqlite: true,
    days: undefined,
    frontend: true,
    fresh: false,
    keep: false,
    reuseBuild: false,
    trace: false,
    catalogFrom: undefined,
    synchronousCommit: 'on',
    frontendOnly: undefined,
    apiOnly: undefined,
    endpoints: undefined,
    port: 7341,
    composite: true,
    baseline: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--skip-postgres') options.postgres = false;
    else if (arg === '--skip-sqlite') options.sqlite = false;
    else if (arg === '--skip-frontend') options.frontend = false;
    else if (arg === '--skip-composite') options.composite = false;
    else if (arg === '--skip-baseline') options.baseline = false;
    else if (arg === '--fresh') options.fresh = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--reuse-build') options.reuseBuild = true;
    else if (arg === '--trace') options.trace = true;
    else if (arg === '--synchronous-commit') {
      if (!['on', 'off'].includes(argv[i + 1]))
        throw new Error(
          "--synchronous-commit needs on or off (PostgreSQL's synchronous_commit for the SLO database)",
        );
      options.synchronousCommit = argv[++i];
    } else if (arg === '--catalog-from') {
      if (!argv[i + 1])
        throw new Error(
          '--catalog-from needs the work directory of a --keep run',
        );
      options.catalogFrom = path.resolve(argv[++i]);
    } else if (arg === '--frontend-only' || arg === '--api-only') {
      if (!argv[i + 1])
        throw new Error(`${arg} needs the work directory of a --keep run`);
      options[arg === '--api-only' ? 'apiOnly' : 'frontendOnly'] = path.resolve(
        argv[++i],
      );
    } else if (arg === '--endpoints') {
      if (!argv[i + 1])
        throw new Error(
          '--endpoints needs a comma-separated list: entity, flagship, series, flagshipSeries, team, org, review',
        );
      options.endpoints = argv[++i].split(',');
    } else if (arg === '--services' || arg === '--port' || arg === '--days') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value <= 0)
        throw new Error(
          `${arg} needs a positive whole number, got '${argv[i]}'`,
        );
      options[arg.slice(2)] = value;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'Usage: yarn bench [--quick] [--services N] [--days N] [--catalog-from DIR] [--synchronous-commit on|off] [--skip-sqlite] [--skip-postgres] [--skip-frontend] [--skip-composite] [--skip-baseline] [--reuse-build] [--fresh] [--keep] [--port N]\n' +
          '       yarn bench --frontend-only DIR [--reuse-build] [--trace] [--port N]   (DIR: the work directory of a --keep run)\n' +
          '       yarn bench --api-only DIR [--endpoints review,team] [--quick] [--port N]\n',
      );
      process.exit(0);
    } else {
      throw new Error(`Unknown argument '${arg}'; try --help`);
    }
  }
  options.services ??= options.quick ? 60 : 1000;
  if (!options.sqlite && !options.postgres)
    throw new Error(
      '--skip-sqlite and --skip-postgres leave no database to measure',
    );
  return options;
}
