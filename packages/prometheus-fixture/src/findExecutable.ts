import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Finds `prometheus` or `promtool` on PATH. Throws an error that says how to
 * install them when missing: tests that need a real Prometheus must fail
 * loudly, never skip.
 *
 * @public
 */
export function findExecutable(name: 'prometheus' | 'promtool'): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  throw new Error(
    `'${name}' was not found on PATH. Install Debian's 'prometheus' package, which provides prometheus and promtool: apt-get install --no-install-recommends prometheus (.ci/run does this for CI).`,
  );
}
