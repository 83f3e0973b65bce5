import { ConfigReader, type Config } from '@backstage/config';
import { ConfigSources, FileConfigSource } from '@backstage/config-loader';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The config files the CLI reads: those given with `--config`, else the
 * working directory's `app-config.yaml` when there is one — so that
 * `yarn slo validate` at a Backstage repo's root knows its SLI templates, as
 * the backend would. Empty when neither exists.
 *
 * @internal
 */
export function cliConfigFiles(given: string[], cwd: string = process.cwd()): string[] {
  if (given.length > 0) return given;
  const fallback = path.join(cwd, 'app-config.yaml');
  return existsSync(fallback) ? [fallback] : [];
}

/**
 * Reads app-config files the way the backend does (`${ENV}` substitution,
 * later files override earlier ones). No files: an empty config.
 *
 * @internal
 */
export async function loadCliConfig(files: string[]): Promise<Config> {
  if (files.length === 0) {
    return new ConfigReader({});
  }
  const source = ConfigSources.merge(
    files.map(file =>
      FileConfigSource.create({ path: path.resolve(file), watch: false }),
    ),
  );
  const config = await ConfigSources.toConfig(source);
  config.close();
  return config;
}
