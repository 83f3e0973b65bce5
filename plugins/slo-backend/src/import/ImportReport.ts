/**
 * What happened to a setting of an imported file:
 *
 * - `refused`: the SLO (or document) was not imported; the message says why and how to fix it.
 * - `not carried`: the SLO was imported without this setting, which has no place in the portal.
 * - `changed`: the setting was carried, written differently; the message says what changed.
 *
 * @internal
 */
export type ImportNoteKind = 'refused' | 'not carried' | 'changed';

/**
 * One line of the import report.
 *
 * @internal
 */
export interface ImportNote {
  kind: ImportNoteKind;
  /** The file as given on the command line. */
  file: string;
  /** 1-based document number, when the file holds several documents. */
  document?: number;
  /** Path inside the document, e.g. `slos[0].alerting.page_alert.labels`; empty for the whole document. */
  path: string;
  message: string;
}

/** Where in the input a note points: a file and, for multi-document files, a document. */
export interface NoteLocation {
  file: string;
  document?: number;
}

/**
 * Writes notes for one place in the input; `refused`, `notCarried` and
 * `changed` take the path inside the document.
 *
 * @internal
 */
export class NoteWriter {
  constructor(
    private readonly report: { add(note: ImportNote): void },
    readonly location: NoteLocation,
  ) {}

  refused(path: string, message: string): void {
    this.report.add({ kind: 'refused', ...this.location, path, message });
  }

  notCarried(path: string, message: string): void {
    this.report.add({ kind: 'not carried', ...this.location, path, message });
  }

  changed(path: string, message: string): void {
    this.report.add({ kind: 'changed', ...this.location, path, message });
  }
}

/**
 * Collects the notes of one import, in the order they were found.
 *
 * @internal
 */
export class ImportReport {
  readonly notes: ImportNote[] = [];

  /** A writer of notes for one file (and document). */
  at(location: NoteLocation): NoteWriter {
    return new NoteWriter(this, location);
  }

  add(note: ImportNote): void {
    this.notes.push(note);
  }

  count(kind: ImportNoteKind): number {
    return this.notes.filter(note => note.kind === kind).length;
  }
}

/**
 * One report line: `file (document 2): path: kind: message`.
 *
 * @internal
 */
export function formatImportNote(note: ImportNote): string {
  const where = `${note.file}${
    note.document !== undefined ? ` (document ${note.document})` : ''
  }`;
  return `${where}: ${note.path ? `${note.path}: ` : ''}${note.kind}: ${
    note.message
  }`;
}
