import { parseYamlSafely } from '@slo-kit/plugin-slo-common';
import { readFile } from 'node:fs/promises';
import { classifyDocument } from './classifyDocument';
import type { ImportedSlo, ImportOptions } from './ImportedSlo';
import { ImportReport } from './ImportReport';
import { importOpenSlo, type NumberedDocument } from './importOpenSlo';
import { importPyrra } from './importPyrra';
import { importSloth } from './importSloth';
import { isRecord } from './readInput';
import {
  validateImported,
  type EntityName,
  type ImportedEntity,
} from './validateImported';

/**
 * Options of {@link importFiles}.
 *
 * @internal
 */
export interface ImportFilesOptions extends ImportOptions {
  /** What will be printed: OpenSLO keeps the source type, the annotation cannot. */
  format: 'annotations' | 'openslo';
  /** Kind and namespace of the entities written (default Component, default). */
  entityKind?: string;
  entityNamespace?: string;
}

/**
 * What an import found: the SLOs per entity, and the report of what was
 * refused, not carried or changed.
 *
 * @internal
 */
export interface ImportResult {
  entities: ImportedEntity[];
  report: ImportReport;
}

/** The documents of a file, numbered from 1; a document that is a list counts as its items. */
function documentsOf(
  values: unknown[],
): Array<{ number: number; value: unknown }> {
  const documents: Array<{ number: number; value: unknown }> = [];
  values.forEach((value, index) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value))
      value.forEach(item => documents.push({ number: index + 1, value: item }));
    else documents.push({ number: index + 1, value });
  });
  return documents;
}

/** Reads one file's documents and imports each by its format. */
async function importFile(
  file: string,
  report: ImportReport,
  options: ImportFilesOptions,
): Promise<ImportedSlo[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    report
      .at({ file })
      .refused('', `the file cannot be read (${(error as Error).message}).`);
    return [];
  }
  const yaml = parseYamlSafely(text);
  if (yaml.errors.length > 0) {
    yaml.errors.forEach(error =>
      report
        .at({ file })
        .refused('', `the file cannot be read as YAML: ${error}`),
    );
    return [];
  }
  const documents = documentsOf(yaml.documents);
  if (documents.length === 0) {
    report
      .at({ file })
      .refused(
        '',
        'the file holds no document: expected Sloth, Pyrra or OpenSLO YAML.',
      );
    return [];
  }
  const several = yaml.documents.length > 1;
  const imported: ImportedSlo[] = [];
  const openSlo: NumberedDocument[] = [];
  for (const { number, value } of documents) {
    const notes = report.at({ file, document: several ? number : undefined });
    const kind = classifyDocument(value);
    if (kind.kind === 'unknown') notes.refused(kind.path, kind.message);
    else if (kind.kind === 'openslo' && isRecord(value))
      openSlo.push({ number, value });
    else if (kind.kind === 'sloth' && isRecord(value))
      imported.push(...importSloth(value, kind.style, notes, options));
    else if (kind.kind === 'pyrra' && isRecord(value))
      imported.push(...importPyrra(value, notes, options));
  }
  if (openSlo.length > 0) {
    imported.push(
      ...importOpenSlo(file, openSlo, report, { ...options, several }),
    );
  }
  return imported;
}

/**
 * Imports Sloth specs (`prometheus/v1` files and `PrometheusServiceLevel`
 * resources), Pyrra `ServiceLevelObjective` resources and OpenSLO files:
 * every SLO that can be carried over, checked by the portal's own annotation
 * parser and grouped by the entity (service) it belongs to, and a report of
 * everything else. Never throws on bad input.
 *
 * @internal
 */
export async function importFiles(
  files: string[],
  options: ImportFilesOptions,
): Promise<ImportResult> {
  const report = new ImportReport();
  const imported: ImportedSlo[] = [];
  for (const file of files)
    imported.push(...(await importFile(file, report, options)));
  const entityOf = (name: string): EntityName => ({
    kind: options.entityKind ?? 'Component',
    namespace: options.entityNamespace ?? 'default',
    name,
  });
  return { entities: validateImported(imported, entityOf), report };
}
