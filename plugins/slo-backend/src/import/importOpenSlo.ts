import {
  COMPOSITE_SLOS_ANNOTATION,
  parseOpenSlo,
  type ValidationProblem,
} from '@slo-kit/plugin-slo-common';
import YAML from 'yaml';
import type { ImportedSlo, ImportOptions } from './ImportedSlo';
import { problemDetails } from '../cli/problemDetails';
import type { ImportReport, NoteWriter } from './ImportReport';
import { entityNameFor } from './entityName';
import { isRecord } from './readInput';
import { mapSlothQuery } from './slothQuery';
import { kebabName } from './sloName';
import { toAnnotationItem } from './toAnnotationItem';

/** An OpenSLO document of a file, with its 1-based number among the file's documents. */
export interface NumberedDocument {
  number: number;
  value: Record<string, unknown>;
}

/** OpenSLO kinds about alerting: the portal alerts with its own burn-rate rules. */
const ALERTING_KINDS = [
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
];

/** Go template actions as Sloth writes them in OpenSLO queries. */
const SLOTH_ACTION = /\{\{-?\s*\.[a-zA-Z]/;

/** Rewrites every query string that uses Sloth's `{{.window}}` the way Sloth specs are mapped. */
function mapSlothDialect(value: unknown): { value: unknown; mapped: boolean } {
  if (typeof value === 'string' && SLOTH_ACTION.test(value)) {
    const result = mapSlothQuery(value);
    if (!result.ok) return { value, mapped: false };
    return {
      value:
        'selector' in result.events
          ? result.events.selector
          : result.events.query,
      mapped: true,
    };
  }
  if (Array.isArray(value)) {
    const items = value.map(mapSlothDialect);
    return {
      value: items.map(item => item.value),
      mapped: items.some(item => item.mapped),
    };
  }
  if (isRecord(value)) {
    let mapped = false;
    const record: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      const result = mapSlothDialect(entry);
      record[key] = result.value;
      mapped ||= result.mapped;
    }
    return { value: record, mapped };
  }
  return { value, mapped: false };
}

/** Where an OpenSLO problem points: `[2].spec.x` is document 3, path spec.x. */
function problemPlace(
  problem: ValidationProblem,
  documents: NumberedDocument[],
): { index?: number; document?: number; path: string; message: string } {
  const match = /^\[(\d+)\](?:\.(.*))?$/.exec(problem.path);
  const message = problem.message.replace(/^.*?, document \d+: /, '');
  if (!match) return { path: problem.path, message };
  const index = Number(match[1]);
  return {
    index,
    document: documents[index]?.number,
    path: match[2] ?? '',
    message,
  };
}

/** Notes the documents and keys about alerting and services, which the annotation has no place for. */
function noteAlerting(
  values: Array<Record<string, unknown>>,
  documents: NumberedDocument[],
  notesOf: (number?: number) => NoteWriter,
): void {
  for (const { value, number } of values.map((v, index) => ({
    value: v,
    number: documents[index].number,
  }))) {
    const notes = notesOf(number);
    if (ALERTING_KINDS.includes(String(value.kind))) {
      notes.notCarried(
        'kind',
        `${value.kind}: the portal alerts with its own burn-rate rules (SRE Workbook, written by \`yarn slo rules\`); the policy's conditions and notification targets are not carried over.`,
      );
    } else if (value.kind === 'Service') {
      notes.notCarried(
        'kind',
        'Service: in the portal the service is the catalog entity the SLOs are declared on.',
      );
    } else if (
      value.kind === 'SLO' &&
      isRecord(value.spec) &&
      value.spec.alertPolicies !== undefined
    ) {
      notes.notCarried(
        'spec.alertPolicies',
        'the portal alerts with its own burn-rate rules (SRE Workbook, written by `yarn slo rules`); alert policies are not carried over.',
      );
    }
  }
}

/**
 * Reads a file's OpenSLO documents with the portal's own OpenSLO parser
 * (`parseOpenSlo`, the one `slo-kit.dev/openslo` uses) and writes each SLO as
 * an annotation item on the entity named by its `spec.service`. Queries in
 * Sloth's dialect (`{{.window}}`, `rate`) are mapped first, as in Sloth specs.
 */
export function importOpenSlo(
  file: string,
  documents: NumberedDocument[],
  report: ImportReport,
  options: ImportOptions & {
    format: 'annotations' | 'openslo';
    several: boolean;
  },
): ImportedSlo[] {
  const notesOf = (number?: number) =>
    report.at({ file, document: options.several ? number : undefined });
  const dialect = mapSlothDialect(documents.map(document => document.value));
  const values = dialect.value as Array<Record<string, unknown>>;
  if (dialect.mapped) {
    notesOf().changed(
      '',
      "queries in Sloth's dialect: {{.window}} is written {{window}} and rate(…) is counted as increase(…), as for Sloth specs (the portal stores the events of each bucket).",
    );
  }
  const content = values
    .map(value => YAML.stringify(value, { lineWidth: 0 }))
    .join('---\n');
  const parsed = parseOpenSlo(content, {
    entityRef: 'component:default/openslo-import',
    location: file,
  });
  // A problem refuses an SLO unless the SLO was read all the same (say, about an alert
  // condition the portal's own alerts replace): then it only says what was not carried over.
  const wasRead = (problem: ValidationProblem, index: number | undefined) =>
    (index !== undefined &&
      ALERTING_KINDS.includes(String(values[index]?.kind))) ||
    (problem.sloName !== undefined &&
      parsed.slos.some(
        slo =>
          slo.name === problem.sloName ||
          slo.name.startsWith(`${problem.sloName}-`),
      ));
  for (const problem of parsed.problems) {
    const place = problemPlace(problem, documents);
    const notes = notesOf(place.document);
    const text = `${place.message}${problemDetails(problem)}`;
    if (wasRead(problem, place.index)) notes.notCarried(place.path, text);
    else notes.refused(place.path, text);
  }

  // Each SLO document's name and service; split objectives are named `<slo>-<objective>`.
  const sloDocuments = values
    .map((value, index) => ({ value, number: documents[index].number }))
    .filter(
      ({ value }) =>
        value.kind === 'SLO' &&
        isRecord(value.metadata) &&
        typeof value.metadata.name === 'string',
    );
  noteAlerting(values, documents, notesOf);
  for (const composite of parsed.composites) {
    const source = sloDocuments.find(
      ({ value }) =>
        (value.metadata as { name: string }).name === composite.name,
    );
    // The members are imported as SLOs below. In annotations, the composite is written to
    // slo-kit.dev/composite-slos of their entity (formatAnnotations); OpenSLO output has SLOs only.
    const figures = `semantics: weighted, objective ${Number((composite.objective * 100).toPrecision(15))}, weights ${composite.members.map(member => member.weight).join(', ')}`;
    if (options.format === 'annotations') {
      notesOf(source?.number).changed(
        'spec.objectives',
        `the composite SLO "${composite.name}": each objective is imported as an SLO (${composite.members.map(member => member.sloName).join(', ')}), and the composite is written to ${COMPOSITE_SLOS_ANNOTATION} of their entity (${figures}).`,
      );
    } else {
      notesOf(source?.number).notCarried(
        'spec.objectives',
        `the composite SLO "${composite.name}": each objective is imported as an SLO (${composite.members.map(member => member.sloName).join(', ')}); declare the composite itself in ${COMPOSITE_SLOS_ANNOTATION} (${figures}), naming those SLOs on the entity they are imported to, or reference the OpenSLO file with slo-kit.dev/openslo.`,
      );
    }
  }

  const imported: ImportedSlo[] = [];
  for (const definition of parsed.slos) {
    const source = sloDocuments
      .filter(({ value }) => {
        const name = (value.metadata as { name: string }).name;
        return (
          definition.name === name || definition.name.startsWith(`${name}-`)
        );
      })
      .sort(
        (a, b) =>
          String((b.value.metadata as { name: string }).name).length -
          String((a.value.metadata as { name: string }).name).length,
      )[0];
    const notes = notesOf(source?.number);
    const spec = isRecord(source?.value.spec) ? source!.value.spec : {};
    const entityName =
      options.entityName ??
      entityNameFor(
        spec.service,
        'spec.service',
        notes,
        'Add spec.service: <the service name>, or pass --entity <name>.',
      );
    if (entityName === undefined) continue;
    if (
      definition.sourceType !== undefined &&
      options.format === 'annotations'
    ) {
      notes.notCarried(
        'spec',
        `the source type "${definition.sourceType}" (metricSource.type): the annotation has no such key, so the SLO is answered by its named source, else the default one. Use --format openslo, or reference the file with slo-kit.dev/openslo, to keep it.`,
      );
    }
    const renamed = definition.objectives.filter(
      objective =>
        objective.name !== '' && kebabName(objective.name) !== objective.name,
    );
    if (renamed.length > 0) {
      notes.changed(
        'spec.objectives',
        `objective names are lowercase kebab-case in the portal: ${renamed
          .map(o => `"${o.name}" is written "${kebabName(o.name)}"`)
          .join(', ')}.`,
      );
    }
    const item = toAnnotationItem(definition);
    if (definition.source !== undefined) {
      // A DataSource's name is rarely the name of a source instance in the portal's app-config.
      delete item.source;
      notes.notCarried(
        'spec',
        `the data source "${definition.source}": the SLO is read from the portal's default source. If it lives in another source instance of app-config (slo.sources), add source: <its name> to the SLO.`,
      );
    }
    imported.push({
      entityName,
      item,
      notes,
      path: '',
      fieldPaths: {},
      format: 'OpenSLO',
      definition,
      memberOf: parsed.composites.find(composite =>
        composite.members.some(member => member.sloId === definition.id),
      ),
    });
  }
  return imported;
}
