import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from './generateScenario';
import { findExecutable } from './findExecutable';

/**
 * What to load and how to run Prometheus.
 *
 * @public
 */
export interface StartPrometheusOptions {
  /** A scenario to backfill. */
  scenario?: Scenario;
  /** OpenMetrics text to backfill (`# EOF` at the end). */
  openMetricsText?: string;
  /**
   * An existing TSDB directory (e.g. from {@link backfillTsdb}) to serve as
   * it is. It is never deleted; without it a temporary one is used and
   * deleted on `stop()`.
   */
  dataDir?: string;
  /** Port on 127.0.0.1; default a free one. */
  port?: number;
  /** How long to wait for `/-/ready`; default 60 s. */
  readyTimeoutMs?: number;
  /** Called with Prometheus' own log lines. */
  log?: (line: string) => void;
}

/**
 * A Prometheus server started by {@link startPrometheus}.
 *
 * @public
 */
export interface RunningPrometheus {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server and deletes the temporary directories it used. */
  stop(): Promise<void>;
}

/**
 * Backfills OpenMetrics text into a TSDB directory with
 * `promtool tsdb create-blocks-from openmetrics`. The maximum block duration
 * covers the whole data set: with promtool's default of 2 h blocks, weeks of
 * data take minutes and leave hundreds of blocks to compact.
 *
 * @public
 */
export async function backfillTsdb(options: {
  scenario?: Scenario;
  openMetricsText?: string;
  dataDir: string;
}): Promise<void> {
  const promtool = findExecutable('promtool');
  const workDir = await mkdtemp(join(tmpdir(), 'slo-openmetrics-'));
  try {
    const file = join(workDir, 'data.om');
    let spanSeconds: number;
    if (options.scenario) {
      const handle = await open(file, 'w');
      try {
        for (const chunk of options.scenario.openMetricsChunks()) {
          await handle.write(chunk);
        }
      } finally {
        await handle.close();
      }
      spanSeconds = options.scenario.end - options.scenario.start;
    } else if (options.openMetricsText !== undefined) {
      await writeFile(file, options.openMetricsText);
      spanSeconds = timestampSpan(options.openMetricsText);
    } else {
      throw new Error('backfillTsdb needs a scenario or openMetricsText');
    }
    const hours = Math.max(2, Math.ceil(spanSeconds / 3600) + 1);
    await run(promtool, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      `--max-block-duration=${hours}h`,
      file,
      options.dataDir,
    ]);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Seconds between the smallest and largest sample timestamp in the text. */
function timestampSpan(text: string): number {
  let min = Infinity;
  let max = -Infinity;
  for (const match of text.matchAll(/ (\d+(?:\.\d+)?)\n/g)) {
    const time = Number(match[1]);
    if (time < min) min = time;
    if (time > max) max = time;
  }
  return Number.isFinite(min) ? max - min : 0;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', data => {
      stderr = (stderr + String(data)).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `${command} ${args.join(' ')} exited with ${code}:\n${stderr}`,
            ),
          ),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`prometheus exited before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(
    `prometheus was not ready within ${timeoutMs} ms:\n${output()}`,
  );
}

/**
 * Starts a real Prometheus (Debian's `prometheus` on PATH) on 127.0.0.1,
 * serving a backfilled scenario or an existing TSDB: no scraping (empty
 * configuration), retention long enough that nothing is ever deleted, ready
 * when this resolves. Query it at fixed times inside the data, never "now".
 *
 * @public
 */
export async function startPrometheus(
  options: StartPrometheusOptions,
): Promise<RunningPrometheus> {
  const prometheus = findExecutable('prometheus');
  const workDir = await mkdtemp(join(tmpdir(), 'slo-prometheus-'));
  const cleanup = () => rm(workDir, { recursive: true, force: true });
  try {
    const dataDir = options.dataDir ?? join(workDir, 'data');
    if (!options.dataDir) {
      await backfillTsdb({
        scenario: options.scenario,
        openMetricsText: options.openMetricsText,
        dataDir,
      });
    }
    const configFile = join(workDir, 'prometheus.yml');
    await writeFile(configFile, 'global: {}\nscrape_configs: []\n');

    // A port picked by the OS can be taken before Prometheus binds it; retry.
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      const url = `http://127.0.0.1:${port}`;
      const child = spawn(
        prometheus,
        [
          `--config.file=${configFile}`,
          `--storage.tsdb.path=${dataDir}`,
          '--storage.tsdb.retention.time=100y',
          `--web.listen-address=127.0.0.1:${port}`,
          '--log.level=warn',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let output = '';
      child.stderr!.on('data', data => {
        const text = String(data);
        output = (output + text).slice(-8000);
        for (const line of text.split('\n')) if (line) options.log?.(line);
      });
      const killOnExit = () => child.kill('SIGKILL');
      process.once('exit', killOnExit);
      try {
        await waitUntilReady(
          url,
          child,
          options.readyTimeoutMs ?? 60_000,
          () => output,
        );
      } catch (error) {
        process.removeListener('exit', killOnExit);
        await stopChild(child);
        if (
          attempt < 3 &&
          options.port === undefined &&
          /address already in use/.test(output)
        ) {
          continue;
        }
        throw error;
      }
      let stopped: Promise<void> | undefined;
      return {
        url,
        port,
        dataDir,
        stop() {
          stopped ??= (async () => {
            process.removeListener('exit', killOnExit);
            await stopChild(child);
            await cleanup();
          })();
          return stopped;
        },
      };
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
