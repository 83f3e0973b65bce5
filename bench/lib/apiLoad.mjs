// API load with autocannon from the bench's own process (the backend is
// another process): bounded in requests and in time, 127.0.0.1 only.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

/**
 * Runs `paths` in rotation at `connections` concurrent clients until
 * `amount` requests are done or `maxSeconds` have passed, whichever is
 * first. Returns latency percentiles in ms and throughput in requests/s.
 */
export function loadTest({
  baseUrl,
  paths,
  token,
  connections,
  amount,
  maxSeconds,
  timeoutSeconds = 60,
}) {
  const url = new URL(baseUrl);
  if (url.hostname !== '127.0.0.1')
    throw new Error(
      `load tests only run against 127.0.0.1, not ${url.hostname}`,
    );
  let next = 0;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        amount,
        timeout: timeoutSeconds,
        headers: { authorization: `Bearer ${token}` },
        requests: [
          {
            setupRequest: request => ({
              ...request,
              path: paths[next++ % paths.length],
            }),
          },
        ],
      },
      (error, result) => {
        clearTimeout(timer);
        if (error) {
          reject(error);
          return;
        }
        const seconds = (performance.now() - started) / 1000;
        const done = result.requests.total;
        resolve({
          connections,
          requests: done,
          seconds,
          stoppedByTime: stopped,
          p50: result.latency.p50,
          p99: result.latency.p99,
          max: result.latency.max,
          throughput: done / Math.max(seconds, 1e-9),
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
        });
      },
    );
    let stopped = false;
    const timer = setTimeout(() => {
      stopped = true;
      instance.stop();
    }, maxSeconds * 1000);
  });
}

/** Issues each path once, sequentially: warms caches and checks that every answer is a 200. */
export async function warmUp({ baseUrl, paths, token, timeoutSeconds = 180 }) {
  const timings = [];
  for (const path of paths) {
    const started = performance.now();
    const res = await fetch(`${baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    });
    const body = await res.text();
    timings.push(performance.now() - started);
    if (!res.ok)
      throw new Error(
        `GET ${path} answered ${res.status}: ${body.slice(0, 500)}`,
      );
  }
  return timings;
}

/** CPU seconds (user + system) a process has used, from /proc. */
async function cpuSeconds(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Waits until the backend has worked off requests that a time-bound level
 * left behind (the server finishes them after the clients hang up): until it
 * uses under 10% of a core for a second, at most `maxSeconds`.
 */
export async function waitForIdle(pid, maxSeconds = 120) {
  const deadline = Date.now() + maxSeconds * 1000;
  let last = await cpuSeconds(pid);
  while (Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 1000));
    const now = await cpuSeconds(pid);
    if (now - last < 0.1) return;
    last = now;
  }
}
