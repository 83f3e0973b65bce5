// What every run records beside its figures: a clock and a log line per
// step, the machine, and the load average at each phase (the machine is
// shared, so every timing is read beside the load it was measured at).
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { backendNodeOptions } from './benchPortal.mjs';

const startedAt = performance.now();

/** Seconds since the bench started. */
export function elapsedSeconds() {
  return (performance.now() - startedAt) / 1000;
}

/** Prints one line of progress, with the seconds since the start. */
export const log = message => {
  const seconds = elapsedSeconds().toFixed(0).padStart(4);
  process.stdout.write(`[${seconds} s] ${message}\n`);
};

function machine() {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    backendNodeOptions: backendNodeOptions().join(' '),
    backendNodeEnv: process.env.BENCH_NODE_ENV ?? 'production',
  };
}

/** Load averages seen during the run, to say how shared the machine was. */
const loads = [];
export function noteLoad(phase) {
  loads.push({
    phase,
    load1: loadavg()[0],
    freeMiB: Math.round(freemem() / 2 ** 20),
  });
}

/** The results of a run as it starts: when, with what options, on what machine. */
export function startResults(options) {
  noteLoad('start');
  return {
    startedAt: new Date().toISOString(),
    options,
    machine: machine(),
    loads,
  };
}
