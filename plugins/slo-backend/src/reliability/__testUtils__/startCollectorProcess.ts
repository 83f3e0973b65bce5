import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  COLLECTOR_JOB_ENV,
  CYCLE_DONE,
  type CollectorJob,
} from './collectorProcess';

/** A collector running in a child process. */
export interface CollectorProcess {
  /** Clock times of the cycles it finished. */
  readonly cyclesDone: number[];
  /** Its stderr so far (log lines and crashes). */
  readonly stderr: () => string;
  /** Kills it at once, as a crash or an OOM killer would. */
  kill(): void;
  /** Resolves when it has exited, however. */
  readonly exited: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>;
}

const packageDir = path.resolve(__dirname, '../../..');

/**
 * Starts `collectorProcess.ts` with Node directly (the Backstage CLI's
 * on-the-fly TypeScript transform, as `bin/slo` uses), so SIGKILL hits a
 * real process with real database connections and open transactions.
 */
export function startCollectorProcess(job: CollectorJob): CollectorProcess {
  const entry = path.join(__dirname, 'collectorProcess.ts');
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('@backstage/cli/config/nodeTransform.cjs'); require(${JSON.stringify(
        entry,
      )});`,
    ],
    {
      cwd: packageDir,
      env: { ...process.env, [COLLECTOR_JOB_ENV]: JSON.stringify(job) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const cyclesDone: number[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', data => {
    stdout += String(data);
    let newline = stdout.indexOf('\n');
    while (newline >= 0) {
      const match = CYCLE_DONE.exec(stdout.slice(0, newline));
      if (match) cyclesDone.push(Number(match[1]));
      stdout = stdout.slice(newline + 1);
      newline = stdout.indexOf('\n');
    }
  });
  child.stderr!.on('data', data => {
    stderr = (stderr + String(data)).slice(-20_000);
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>(resolve => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // Never leave one behind when the test run ends.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  exited.then(() => process.removeListener('exit', killOnExit));
  return {
    cyclesDone,
    stderr: () => stderr,
    kill: () => child.kill('SIGKILL'),
    exited,
  };
}
