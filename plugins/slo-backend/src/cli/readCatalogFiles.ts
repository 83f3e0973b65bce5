import { ANNOTATION_LOCATION, type Entity } from '@backstage/catalog-model';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';

/**
 * Entities read from catalog files, and what could not be read.
 *
 * @internal
 */
export interface CatalogFiles {
  entities: Entity[];
  /** One line per file that could not be read or parsed. */
  errors: string[];
}

function isEntity(value: unknown): value is Entity {
  const candidate = value as Entity | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.kind === 'string' &&
    typeof candidate.metadata?.name === 'string'
  );
}

/**
 * Reads catalog files (YAML, several documents each) as the catalog would
 * see them, with `backstage.io/managed-by-location` set to the file, so
 * OpenSLO paths resolve relative to it.
 *
 * @internal
 */
export async function readCatalogFiles(files: string[]): Promise<CatalogFiles> {
  const entities: Entity[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const absolute = path.resolve(file);
    let text: string;
    try {
      text = await readFile(absolute, 'utf8');
    } catch (error) {
      errors.push(`${file}: cannot be read (${(error as Error).message})`);
      continue;
    }
    const documents = YAML.parseAllDocuments(text);
    documents.forEach((document, index) => {
      if (document.errors.length > 0) {
        errors.push(
          `${file}: document ${index + 1} is not valid YAML: ${
            document.errors[0].message
          }`,
        );
        return;
      }
      const value = document.toJS();
      if (value === null || value === undefined) {
        return;
      }
      if (!isEntity(value)) {
        errors.push(
          `${file}: document ${
            index + 1
          } is not a catalog entity (it needs kind and metadata.name)`,
        );
        return;
      }
      entities.push({
        ...value,
        metadata: {
          ...value.metadata,
          namespace: value.metadata.namespace ?? 'default',
          annotations: {
            [ANNOTATION_LOCATION]: `file:${absolute}`,
            ...value.metadata.annotations,
          },
        },
      });
    });
  }
  return { entities, errors };
}
