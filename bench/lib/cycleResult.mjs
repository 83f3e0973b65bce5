// One collection cycle's figures as the bench records them: the
// collector's own account, Prometheus' query count and the database's size.
import { log } from './runRecord.mjs';

/** What the plugin logged after the cycle: how long computing every scorecard figure ahead took. */
function warmUpOf(portal) {
  const lines = portal
    .collectionLogLines()
    .filter(line => line.includes('SLO scorecard figures'));
  const match = /figures of (\d+) SLOs computed in (\d+) ms/.exec(
    lines.at(-1) ?? '',
  );
  return match
    ? { slos: Number(match[1]), seconds: Number(match[2]) / 1000 }
    : undefined;
}

/** The figures of one cycle the bench ran (`run` from runCollectionCycle), logged and returned. */
export async function cycleResult({
  run,
  queries,
  commitsBefore,
  database,
  label,
  portal,
}) {
  const result = {
    warmUp: warmUpOf(portal),
    seconds: run.durationMs / 1000,
    slos: run.sloCount,
    failed: run.failedCount,
    rowsWritten: run.bucketsWritten,
    queries,
    bytes: await database.size(),
    bucketRows: await database.bucketRows(),
    // PostgreSQL's transactions committed from before the cycle to its end
    // (the backfill's include the backend's start: its migrations).
    ...(commitsBefore === undefined
      ? {}
      : { commits: (await database.commits()) - commitsBefore }),
  };
  log(
    `${database.name}: ${label} ${result.seconds.toFixed(1)} s, ${
      result.slos
    } SLOs (${result.failed} failed), ` +
      `${result.queries} Prometheus queries, ${
        result.rowsWritten
      } rows written, ${(result.bytes / 2 ** 20).toFixed(0)} MiB${
        result.commits === undefined ? '' : `, ${result.commits} commits`
      }`,
  );
  return result;
}
