import { parseEntityRef } from '@backstage/catalog-model';
import { parseWindow } from '@slo-kit/plugin-slo-common';
import { Command, CommanderError } from 'commander';
import { isEntityName } from './entityName';
import {
  formatAnnotations,
  formatImportReport,
  formatOpenSlo,
} from './formatImport';
import { importFiles } from './importFiles';

/** Where the command writes. */
export interface ImportIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

interface ImportCommandOptions {
  format: string;
  entity?: string;
  slothWindow: string;
}

function usage(code: string, message: string): CommanderError {
  return new CommanderError(2, `slo.${code}`, message);
}

/**
 * Adds `slo import <file...>` to the command line: reads Sloth, Pyrra and
 * OpenSLO files and prints catalog annotations (or an OpenSLO file) on
 * stdout, the report of what was refused, not carried over or changed on
 * stderr. The exit code is 1 when anything was refused.
 *
 * @internal
 */
export function addImportCommand(
  program: Command,
  io: ImportIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command('import')
    .description(
      'Import Sloth (prometheus/v1, PrometheusServiceLevel), Pyrra (ServiceLevelObjective) and OpenSLO files: print catalog annotations or OpenSLO, and report what cannot be carried over',
    )
    .argument('<file...>')
    .option(
      '--format <format>',
      'annotations (catalog-info.yaml fragments) or openslo',
      'annotations',
    )
    .option(
      '--entity <ref>',
      'put every SLO on this entity (name or kind:namespace/name) instead of the service each file names',
    )
    .option(
      '--sloth-window <window>',
      "window of Sloth SLOs, whose files have none (sloth's --default-slo-period)",
      '30d',
    )
    .action(async (files: string[], options: ImportCommandOptions) => {
      if (options.format !== 'annotations' && options.format !== 'openslo') {
        throw usage(
          'invalidFormat',
          `Invalid --format "${options.format}". Use annotations or openslo.`,
        );
      }
      const window = parseWindow(options.slothWindow);
      if (!window.ok) {
        throw usage(
          'invalidWindow',
          `Invalid --sloth-window "${options.slothWindow}": ${window.message}`,
        );
      }
      let entity: { kind: string; namespace: string; name: string } | undefined;
      if (options.entity !== undefined) {
        try {
          entity = parseEntityRef(options.entity, {
            defaultKind: 'Component',
            defaultNamespace: 'default',
          });
        } catch {
          entity = undefined;
        }
        if (!entity || !isEntityName(entity.name)) {
          throw usage(
            'invalidEntity',
            `Invalid --entity "${options.entity}". Use an entity name (checkout) or reference (component:default/checkout).`,
          );
        }
      }
      const { entities, report } = await importFiles(files, {
        format: options.format,
        slothWindow: options.slothWindow,
        entityName: entity?.name,
        entityKind: entity
          ? entity.kind.charAt(0).toUpperCase() + entity.kind.slice(1)
          : undefined,
        entityNamespace: entity?.namespace,
      });
      if (entities.length > 0) {
        io.out(
          (options.format === 'openslo'
            ? formatOpenSlo(entities)
            : formatAnnotations(entities)
          ).trimEnd(),
        );
      }
      formatImportReport(report, entities).forEach(line => io.err(line));
      if (report.count('refused') > 0) setExitCode(1);
    });
}
