import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Largest OpenSLO file read; the engine refuses larger ones anyway. */
const MAX_BYTES = 256 * 1024;

/**
 * Reads the OpenSLO files entities point to: URLs through the portal's
 * UrlReader (so integrations' credentials apply), plain paths from disk for
 * entities registered from `file:` locations. Answers are cached briefly so
 * page views do not re-read files the collector just read.
 *
 * @internal
 */
export class OpenSloReader {
  private readonly cache = new Map<
    string,
    { at: number; content: Promise<string> }
  >();

  constructor(
    private readonly urlReader: Pick<UrlReaderService, 'readUrl'>,
    private readonly cacheTtlMs = 60_000,
  ) {}

  /**
   * Reads one file. `allowedRoot` bounds plain paths: a `file:` entity may only
   * point below its own catalog file's folder.
   */
  async read(location: string, allowedRoot?: string): Promise<string> {
    const cached = this.cache.get(location);
    if (cached && Date.now() - cached.at < this.cacheTtlMs) {
      return cached.content;
    }
    const content = this.readUncached(location, allowedRoot);
    this.cache.set(location, { at: Date.now(), content });
    content.catch(() => this.cache.delete(location));
    return content;
  }

  private async readUncached(
    location: string,
    allowedRoot?: string,
  ): Promise<string> {
    if (/^https?:\/\//i.test(location)) {
      const response = await this.urlReader.readUrl(location);
      const buffer = await response.buffer();
      if (buffer.length > MAX_BYTES) {
        throw new Error(
          `it is ${buffer.length} bytes; at most ${MAX_BYTES} are read`,
        );
      }
      return buffer.toString('utf8');
    }
    const resolved = path.resolve(location);
    if (allowedRoot) {
      const root = path.resolve(allowedRoot);
      if (resolved !== root && !resolved.startsWith(root + path.sep)) {
        throw new Error(
          "it lies outside the folder of the entity's catalog file",
        );
      }
    }
    if (!/\.ya?ml$/i.test(resolved)) {
      throw new Error('only .yaml and .yml files are read');
    }
    // The file system's own messages name the server's paths.
    const content = await readFile(resolved).catch(
      (error: NodeJS.ErrnoException) => {
        throw new Error(
          error.code === 'ENOENT'
            ? 'there is no such file'
            : `the file system refused it (${error.code ?? 'unknown error'})`,
        );
      },
    );
    if (content.length > MAX_BYTES) {
      throw new Error(
        `it is ${content.length} bytes; at most ${MAX_BYTES} are read`,
      );
    }
    return content.toString('utf8');
  }
}
