// The portal wired to a real local Prometheus (Debian's prometheus, backfilled
// with the demo history by packages/prometheus-fixture), with the backend's
// "now" fixed inside that history and its own SQLite database; started once
// per test file, after a collection cycle has stored every SLO's history.
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPortal, waitForEntities, guestToken, repoRoot, freePorts } from './portal.mjs';

async function startDemoPrometheus(workDir) {
  const [port] = await freePorts(1);
  const child = spawn(
    process.execPath,
    ['packages/prometheus-fixture/bin/prometheus-demo', '--port', String(port), '--data-dir', path.join(workDir, 'prometheus')],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout.on('data', c => (output += c));
  child.stderr.on('data', c => (output += c));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // gone
    }
  };
  const deadline = Date.now() + 180000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus-demo exited: ${output}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // starting
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`Prometheus not ready in time: ${output}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
  return { url, stop };
}

/**
 * Starts Prometheus and the portal with `slo.now` at `at` (epoch seconds),
 * waits for `entities` and the first collection cycle, and resolves with the
 * portal's URLs, `api(pathname)` (a GET on the SLO API as the guest, asserted
 * 200), `workDir` (a scratch folder) and `stop()`.
 */
export async function startPrometheusPortal({ at, entities, prefix }) {
  const workDir = mkdtempSync(path.join(tmpdir(), prefix));
  let prometheus;
  let portal;
  const stop = async () => {
    await portal?.stop();
    prometheus?.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    prometheus = await startDemoPrometheus(workDir);
    const dbConfig = path.join(workDir, 'app-config.e2e.yaml');
    writeFileSync(
      dbConfig,
      `backend:\n  database:\n    client: better-sqlite3\n    connection:\n      directory: ${JSON.stringify(path.join(workDir, 'sqlite'))}\n` +
        `slo:\n  now: ${new Date(at * 1000).toISOString()}\n` +
        // A cycle that failed an SLO (a query timing out on a loaded machine) is retried a minute later.
        `  collector:\n    frequency: { minutes: 1 }\n`,
    );
    portal = await startPortal({
      configs: ['app-config.prometheus.yaml', dbConfig],
      env: { SLO_DEMO_PROMETHEUS_URL: prometheus.url },
    });
    console.log(`# portal ready after ${(portal.startupMs / 1000).toFixed(1)} s on ${portal.frontendUrl} and ${portal.backendUrl}`);
    await waitForEntities(portal.backendUrl, entities);
    const token = await guestToken(portal.backendUrl);
    const api = async pathname => {
      const res = await fetch(`${portal.backendUrl}/api/slo${pathname}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200, `${pathname} answered ${res.status}`);
      return res.json();
    };
    // The first collection cycle that collects every SLO backfills the demo
    // history from Prometheus: until then an SLO's history may be missing.
    const deadline = Date.now() + 480000;
    for (;;) {
      const { lastRun } = await api('/collector');
      if (lastRun && lastRun.sloCount > 0 && lastRun.failedCount === 0) break;
      if (lastRun?.failedCount) console.log(`# a collection cycle failed ${lastRun.failedCount} of ${lastRun.sloCount} SLOs; waiting for the next`);
      if (Date.now() > deadline) throw new Error(`no collection cycle collected every SLO within 8 minutes: ${JSON.stringify(lastRun)}`);
      await new Promise(r => setTimeout(r, lastRun ? 5000 : 1000));
    }
    return { frontendUrl: portal.frontendUrl, backendUrl: portal.backendUrl, api, workDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
