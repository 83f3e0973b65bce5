import { ConfigReader, type Config } from '@backstage/config';
import { ConfigSources, FileConfigSource } from '@backstage/config-loader';
import path from 'node:path';

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
