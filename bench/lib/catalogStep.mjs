// Step 2 of a run (docs/performance.md): the catalog, ingested by the
// backend in a start of its own, or taken over from a kept run's work
// directory (--catalog-from DIR), because ingesting 10,000 components takes
// 20 minutes and more on two shared cores and does not change between runs
// of the same size.
import { existsSync } from 'node:fs';
import { copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  guestToken,
  startBenchPortal,
  waitForCatalog,
} from './benchPortal.mjs';
import { log, noteLoad } from './runRecord.mjs';

/** The SLO plugin's SQLite database and its write-ahead log: a stale log must not outlive its file. */
export async function removeSloSqlite(sqliteDir) {
  for (const suffix of ['', '-wal', '-shm']) {
    await rm(path.join(sqliteDir, `slo.sqlite${suffix}`), { force: true });
  }
}

/**
 * Starts the backend on the catalog file, waits until it serves every
 * component and stops it. Returns the seconds that took and the start's
 * memory figures.
 */
export async function ingestCatalog({
  writeConfig,
  port,
  workDir,
  sqliteDir,
  count,
  verbose,
}) {
  noteLoad('catalog');
  const portal = await startBenchPortal({
    configFile: await writeConfig('catalog', {}),
    port,
    workDir,
    log: verbose,
  });
  try {
    log(
      `catalog start: backend ready in ${portal.startupSeconds.toFixed(
        1,
      )} s (pid ${portal.pid})`,
    );
    const started = performance.now();
    await waitForCatalog({
      baseUrl: portal.baseUrl,
      token: await guestToken(portal.baseUrl),
      count,
      log,
    });
    const seconds = (performance.now() - started) / 1000;
    log(`the catalog has every component after ${seconds.toFixed(1)} s`);
    return { seconds, portal };
  } finally {
    await portal.stop();
    await removeSloSqlite(sqliteDir);
  }
}

/**
 * Takes over the catalog database of a kept run with the same catalog:
 * copies its `catalog.sqlite` into `sqliteDir` and returns the kept
 * catalog file, which the stored location names (a different path would
 * register a new location and orphan every entity of the old one).
 */
export async function reuseCatalog({ from, sqliteDir, text }) {
  const file = path.join(from, 'catalog.yaml');
  const database = path.join(from, 'sqlite', 'catalog.sqlite');
  if (!existsSync(file) || !existsSync(database))
    throw new Error(
      `--catalog-from ${from}: no catalog.yaml or sqlite/catalog.sqlite there; pass the work directory of a --keep run`,
    );
  if ((await readFile(file, 'utf8')) !== text)
    throw new Error(
      `--catalog-from ${from}: its catalog.yaml is not the catalog of this run (another --services?)`,
    );
  await copyFile(database, path.join(sqliteDir, 'catalog.sqlite'));
  log(`catalog: taken over from ${from} (not ingested again)`);
  return file;
}
