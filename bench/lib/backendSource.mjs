// The SLO backend's TypeScript source, loaded in a bench process without a
// build: through Backstage's node transform, with the backend package's own
// dependencies. BENCH_BACKEND_SRC names another copy of
// plugins/slo-backend/src (inside the repo, so that its imports resolve), to
// compare two versions of the plugin at the same load.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
);

/** `require` as the backend package resolves it (knex, @backstage/config, …). */
export const backendRequire = createRequire(
  path.join(repoRoot, 'plugins/slo-backend/package.json'),
);
backendRequire('@backstage/cli/config/nodeTransform.cjs');

/** The plugin source directory loaded: BENCH_BACKEND_SRC or the repo's own. */
export const backendSrc = path.resolve(
  process.env.BENCH_BACKEND_SRC ??
    path.join(repoRoot, 'plugins/slo-backend/src'),
);

/** Loads a module of the plugin's source, e.g. `database/DatabaseSloStore.ts`. */
export const backend = file => backendRequire(path.join(backendSrc, file));
