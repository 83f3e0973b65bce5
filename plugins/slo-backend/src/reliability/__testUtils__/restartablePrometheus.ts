import {
  backfillTsdb,
  startPrometheus,
  type RunningPrometheus,
  type Scenario,
} from '@internal/prometheus-fixture';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real Prometheus that a test can stop and start again on the same port and data. */
export interface RestartablePrometheus {
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * Backfills `scenario` once and serves it from `count` real Prometheus
 * servers, each on its own copy of the data (a TSDB directory is locked by
 * the server using it), each stoppable and restartable on the same port so
 * the sources' configured URLs stay valid. `dispose()` stops them all and
 * deletes the data.
 */
export async function startRestartablePrometheus(
  scenario: Scenario,
  count: number,
): Promise<{ servers: RestartablePrometheus[]; dispose(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'slo-reliability-'));
  const template = join(root, 'template');
  const servers: RestartablePrometheus[] = [];
  const dispose = async () => {
    for (const server of servers) await server.stop();
    await rm(root, { recursive: true, force: true });
  };
  try {
    await backfillTsdb({ scenario, dataDir: template });
    for (let i = 0; i < count; i++) {
      const dataDir = join(root, `data-${i}`);
      await cp(template, dataDir, { recursive: true });
      let current: RunningPrometheus | undefined = await startPrometheus({
        dataDir,
      });
      const port = current.port;
      servers.push({
        url: current.url,
        async stop() {
          await current?.stop();
          current = undefined;
        },
        async start() {
          current ??= await startPrometheus({ dataDir, port });
        },
      });
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return { servers, dispose };
}
