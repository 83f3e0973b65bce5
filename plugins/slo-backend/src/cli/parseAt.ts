import type { Config } from '@backstage/config';
import { CommanderError } from 'commander';
import { parseFixedNow } from '../config/readSloBackendConfig';

/**
 * The evaluation time of a command: `--at` (ISO-8601 or epoch seconds),
 * else the config's `slo.now`, else now; a usage error (exit 2) that says
 * how to write it otherwise.
 *
 * @internal
 */
export function parseAt(value: string | undefined, config: Config): number {
  if (value === undefined) {
    const fixed = config.getOptional<string | number>('slo.now');
    return fixed === undefined
      ? Math.floor(Date.now() / 1000)
      : parseFixedNow(fixed);
  }
  try {
    return parseFixedNow(value);
  } catch {
    throw new CommanderError(
      2,
      'slo.invalidAt',
      `Invalid --at "${value}". Use an ISO-8601 time (2025-03-01T00:00:00Z) or epoch seconds (1740787200).`,
    );
  }
}
