import path from 'node:path';
import type { ImportNote } from '../import/ImportReport';
import { importFiles, type ImportFilesOptions } from '../import/importFiles';

/** The documented examples `yarn slo import` is tested with. */
export const IMPORT_FIXTURES = path.join(
  __dirname,
  '..',
  'import',
  '__fixtures__',
);

/** A file of the documented examples: `sloth/getting-started.yml`. */
export const importFixture = (name: string) => path.join(IMPORT_FIXTURES, name);

/**
 * Imports files as `yarn slo import` does: the annotation items per entity
 * name, the notes, and `where(kind)`, each note of that kind as
 * `<document>:<path>`.
 */
export async function runImport(
  files: string[],
  options: Partial<ImportFilesOptions> = {},
) {
  const result = await importFiles(files, {
    format: 'annotations',
    slothWindow: '30d',
    ...options,
  });
  const items = Object.fromEntries(
    result.entities.map(group => [
      group.entity.name,
      group.slos.map(({ imported }) => imported.item),
    ]),
  );
  const notes = result.report.notes;
  const where = (kind: ImportNote['kind']) =>
    notes
      .filter(note => note.kind === kind)
      .map(note => `${note.document ?? ''}:${note.path}`);
  return { ...result, items, notes, where };
}

/** Matches a note of this kind at this path whose message matches. */
export const importNote = (
  kind: ImportNote['kind'],
  notePath: string,
  message: string | RegExp = /./,
) =>
  expect.objectContaining({
    kind,
    path: notePath,
    message: expect.stringMatching(message),
  });
