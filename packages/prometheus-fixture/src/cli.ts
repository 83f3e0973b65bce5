/**
 * Runs a real Prometheus loaded with the demo data set in the foreground:
 *
 *   node packages/prometheus-fixture/bin/prometheus-demo [--port 9090] [--data-dir DIR]
 *
 * The data (35 days of the demo catalog's services, ending
 * 2026-11-20T00:00:00Z) is backfilled once into a cache directory and reused
 * on later runs. Stop with Ctrl-C.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_END, demoScenarioSpec } from './demoScenario';
import { generateScenario } from './generateScenario';
import { backfillTsdb, startPrometheus } from './startPrometheus';

/** Bump when the generator changes in a way the spec does not show. */
const DATA_VERSION = 1;
const COMPLETE_MARKER = '.slo-kit-backfill-complete';

function parseArgs(argv: string[]): { port: number; dataDir?: string } {
  let port = 9090;
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') {
      port = Number(argv[++i]);
      if (!Number.isInteger(port) || port <= 0 || port > 65535) {
        throw new Error(`--port needs a port number, got '${argv[i]}'`);
      }
    } else if (arg === '--data-dir') {
      dataDir = argv[++i];
      if (!dataDir) throw new Error('--data-dir needs a directory');
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'Usage: prometheus-demo [--port 9090] [--data-dir DIR]\n' +
          'Starts Prometheus on 127.0.0.1 with 35 days of demo metrics (cached in DIR).\n',
      );
      process.exit(0);
    } else {
      throw new Error(`Unknown argument '${arg}'; try --help`);
    }
  }
  return { port, dataDir };
}

async function main() {
  const { port, dataDir: requestedDir } = parseArgs(process.argv.slice(2));
  const spec = demoScenarioSpec();
  const key = createHash('sha256')
    .update(JSON.stringify({ spec, DATA_VERSION }))
    .digest('hex')
    .slice(0, 12);
  const dataDir = resolve(
    requestedDir ?? join(tmpdir(), `slo-kit-prometheus-demo-${key}`),
  );

  if (!existsSync(join(dataDir, COMPLETE_MARKER))) {
    const started = Date.now();
    process.stdout.write(
      `Backfilling 35 days of demo metrics into ${dataDir} (once; about 15 s)...\n`,
    );
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    await backfillTsdb({ scenario: generateScenario(spec), dataDir });
    await writeFile(join(dataDir, COMPLETE_MARKER), `${key}\n`);
    process.stdout.write(
      `Backfilled in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }

  const prometheus = await startPrometheus({
    dataDir,
    port,
    log: line => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(
    `Prometheus with demo data is ready at ${prometheus.url}\n` +
      `Data ends at ${new Date(
        DEMO_END * 1000,
      ).toISOString()}: query at or before that time.\n`,
  );
  const stop = async () => {
    await prometheus.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
