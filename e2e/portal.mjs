// Starts the demo portal (frontend dev server + backend) as a child process
// group and stops it again. Used by the end-to-end tests and the screenshots.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FRONTEND_URL = 'http://localhost:3000';
export const BACKEND_URL = 'http://localhost:7007';

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
 * repo root) and resolves once the backend is ready and the frontend answers.
 */
export async function startPortal({ configs = [], env = {}, log = () => {} } = {}) {
  const args = ['start'];
  for (const config of ['app-config.yaml', ...configs]) {
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
    await waitFor(`${BACKEND_URL}/.backstage/health/v1/readiness`, { timeoutMs: 180000, child });
    await waitFor(FRONTEND_URL, { timeoutMs: 180000, child });
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- portal output (tail) ---\n${output.slice(-4000)}`);
  }
  return { stop, startupMs: Date.now() - started, output: () => output };
}

/** A guest user's Backstage token, as the sign-in page would get it. */
export async function guestToken() {
  const res = await fetch(`${BACKEND_URL}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: HTTP ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/**
 * Waits until the catalog has processed the given entities: on a fresh
 * database the catalog ingests the demo files some seconds after start.
 */
export async function waitForEntities(refs, { timeoutMs = 180000 } = {}) {
  const token = await guestToken();
  const deadline = Date.now() + timeoutMs;
  for (const ref of refs) {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    for (;;) {
      const res = await fetch(`${BACKEND_URL}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.ok) break;
      if (Date.now() > deadline) throw new Error(`the catalog did not ingest ${ref} within ${timeoutMs / 1000} s`);
      await new Promise(r => setTimeout(r, 1000));
    }
  }
}
