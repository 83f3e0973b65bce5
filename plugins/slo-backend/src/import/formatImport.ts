import {
  COMPOSITE_SLOS_ANNOTATION,
  SLO_ANNOTATION,
  toOpenSlo,
  type CompositeSloDefinition,
} from '@slo-kit/plugin-slo-common';
import YAML from 'yaml';
import { formatImportNote, type ImportReport } from './ImportReport';
import type { ImportedEntity } from './validateImported';

function refOf({ entity }: ImportedEntity): string {
  return `${entity.kind}:${entity.namespace}/${entity.name}`.toLowerCase();
}

/**
 * The `slo-kit.dev/composite-slos` entries of the OpenSLO composites whose
 * members were all imported to `group`, naming them on its entity (the
 * composite was read for the file's service, the members may be written to
 * another entity with `--entity`).
 */
function compositeEntries(group: ImportedEntity): Record<string, unknown>[] {
  const names = new Set(group.slos.map(({ imported }) => imported.item.name));
  const composites = new Map<string, CompositeSloDefinition>();
  for (const { imported } of group.slos) {
    if (imported.memberOf) composites.set(imported.memberOf.id, imported.memberOf);
  }
  return [...composites.values()]
    .filter(composite => composite.members.every(m => names.has(m.sloName)))
    .map(composite => ({
      name: composite.name,
      ...(composite.description ? { description: composite.description } : {}),
      // Percent, as the annotation writes objectives; 15 digits drop the float noise of × 100.
      objective: Number((composite.objective * 100).toPrecision(15)),
      window:
        composite.window.type === 'rolling'
          ? composite.window.label
          : { calendar: composite.window.unit, timeZone: composite.window.timeZone },
      semantics: composite.semantics,
      members: composite.members.map(member => ({
        slo: `${refOf(group)}/${member.sloName}`,
        weight: member.weight,
      })),
    }));
}

/**
 * The imported SLOs as catalog YAML: per entity a comment saying where its
 * SLOs came from and a document with only the `slo-kit.dev/slos`
 * annotation (and `slo-kit.dev/composite-slos` for OpenSLO composites whose
 * members it holds), to merge into the entity's catalog-info.yaml.
 *
 * @internal
 */
export function formatAnnotations(entities: ImportedEntity[]): string {
  return entities
    .map(group => {
      const sources = [
        ...new Set(
          group.slos.map(
            ({ imported }) =>
              `${imported.notes.location.file} (${imported.format})`,
          ),
        ),
      ];
      const comments = [
        `# ${refOf(group)}: ${
          group.slos.length
        } SLO(s) imported by \`yarn slo import\` from ${sources.join(', ')}.`,
        `# Merge metadata.annotations into this entity's catalog-info.yaml (append to an existing ${SLO_ANNOTATION} list).`,
      ];
      const metadata: Record<string, unknown> = { name: group.entity.name };
      if (group.entity.namespace !== 'default')
        metadata.namespace = group.entity.namespace;
      const composites = compositeEntries(group);
      metadata.annotations = {
        [SLO_ANNOTATION]: YAML.stringify(
          group.slos.map(({ imported }) => imported.item),
          { lineWidth: 0 },
        ),
        ...(composites.length > 0
          ? {
              [COMPOSITE_SLOS_ANNOTATION]: YAML.stringify(composites, {
                lineWidth: 0,
              }),
            }
          : {}),
      };
      const document = YAML.stringify(
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: group.entity.kind,
          metadata,
        },
        { lineWidth: 0 },
      );
      return `${comments.join('\n')}\n${document}`;
    })
    .join('---\n');
}

/**
 * The imported SLOs as one OpenSLO v1 file: an `SLO` document per SLO, its
 * `spec.service` the entity's name.
 *
 * @internal
 */
export function formatOpenSlo(entities: ImportedEntity[]): string {
  return toOpenSlo(
    entities.flatMap(group => group.slos.map(({ definition }) => definition)),
  );
}

/**
 * The report: one line per note, then a summary.
 *
 * @internal
 */
export function formatImportReport(
  report: ImportReport,
  entities: ImportedEntity[],
): string[] {
  const imported = entities.reduce((sum, group) => sum + group.slos.length, 0);
  const refused = report.count('refused');
  const notCarried = report.count('not carried');
  const changed = report.count('changed');
  // Grouped by file and document, in the order the files were read; notes found later (when
  // the SLOs are read back) join their file's.
  const fileOrder = [...new Set(report.notes.map(note => note.file))];
  const notes = report.notes
    .map((note, index) => ({ note, index }))
    .sort(
      (a, b) =>
        fileOrder.indexOf(a.note.file) - fileOrder.indexOf(b.note.file) ||
        (a.note.document ?? 0) - (b.note.document ?? 0) ||
        a.index - b.index,
    )
    .map(({ note }) => note);
  return [
    ...notes.map(formatImportNote),
    `Imported ${imported} SLO(s) for ${entities.length} entit${
      entities.length === 1 ? 'y' : 'ies'
    }; ${refused} refused, ${notCarried} setting(s) not carried over, ${changed} changed (see above).`,
  ];
}
