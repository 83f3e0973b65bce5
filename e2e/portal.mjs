// Starts the demo portal (frontend dev server + backend) as a child process
// group and stops it again. Used by the end-to-end tests and the screenshots.
// Each portal gets ports no other process holds, so a test never talks to a
// portal it did not start (one already answering on :3000 or :7007, say).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Ports the system hands out as free, `count` distinct ones held open together until all are known. */
export async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map(server => server.address().port);
  } finally {
    await Promise.all(servers.map(server => new Promise(resolve => server.close(resolve))));
  }
}

async function waitFor(url, { timeoutMs, isReady = res => res.ok, child }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the portal exited with code ${child.exitCode} before ${url} was ready`);
    }
    try {
      const res = await fetch(url);
      if (isReady(res)) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`${url} was not ready within ${timeoutMs / 1000} s`);
}

/**
 * Starts `yarn start` with the given extra config files (paths relative to the
 * repo root) on two free ports, and resolves once the backend is ready and the
 * frontend answers, with the URLs of both.
 */
export async function startPortal({ configs = [], env = {}, log = () => {} } = {}) {
  const [frontendPort, backendPort] = await freePorts(2);
  const frontendUrl = `http://localhost:${frontendPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const portsDir = mkdtempSync(path.join(tmpdir(), 'slo-e2e-ports-'));
  const portsConfig = path.join(portsDir, 'app-config.ports.yaml');
  writeFileSync(
    portsConfig,
    JSON.stringify({
      app: { baseUrl: frontendUrl },
      backend: { baseUrl: backendUrl, listen: { port: backendPort }, cors: { origin: frontendUrl } },
    }),
  );
  const args = ['start'];
  // The ports last, so no other config file moves them.
  for (const config of ['app-config.yaml', ...configs, portsConfig]) {
    // backstage-cli resolves --config relative to each package folder.
    args.push('--config', path.resolve(repoRoot, config));
  }
  const started = Date.now();
  const child = spawn('yarn', args, {
    cwd: repoRoot,
    env: { ...process.env, BROWSER: 'none', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = chunk => {
    output = (output + chunk.toString()).slice(-20000);
    log(chunk.toString());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const stop = async () => {
    rmSync(portsDir, { recursive: true, force: true });
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10000);
    await once(child, 'exit');
    clearTimeout(timer);
  };

  try {
    await waitFor(`${backendUrl}/.backstage/health/v1/readiness`, { timeoutMs: 180000, child });
    await waitFor(frontendUrl, { timeoutMs: 180000, child });
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- portal output (tail) ---\n${output.slice(-4000)}`);
  }
  return { frontendUrl, backendUrl, stop, startupMs: Date.now() - started, output: () => output };
}

/**
 * Starts the portal as {@link startPortal} does, on its own SQLite files in
 * `workDir` (a fresh database for each test file, which the caller removes),
 * and says how long it took to start.
 */
export async function startPortalOnSqlite(workDir) {
  const dbConfig = path.join(workDir, 'app-config.e2e.yaml');
  writeFileSync(
    dbConfig,
    `backend:\n  database:\n    client: better-sqlite3\n    connection:\n      directory: ${JSON.stringify(path.join(workDir, 'sqlite'))}\n`,
  );
  const portal = await startPortal({ configs: [dbConfig] });
  console.log(`# portal ready after ${(portal.startupMs / 1000).toFixed(1)} s on ${portal.frontendUrl}`);
  return portal;
}

/** A guest user's Backstage token from the backend at `backendUrl`, as the sign-in page would get it. */
export async function guestToken(backendUrl) {
  const res = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: HTTP ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/**
 * Waits until the catalog has processed the given entities: on a fresh
 * database the catalog ingests the demo files some seconds after start.
 */
export async function waitForEntities(backendUrl, refs, { timeoutMs = 180000 } = {}) {
  const token = await guestToken(backendUrl);
  const deadline = Date.now() + timeoutMs;
  for (const ref of refs) {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    for (;;) {
      const res = await fetch(`${backendUrl}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.ok) break;
      if (Date.now() > deadline) throw new Error(`the catalog did not ingest ${ref} within ${timeoutMs / 1000} s`);
      await new Promise(r => setTimeout(r, 1000));
    }
  }
}
