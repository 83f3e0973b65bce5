import {
  generatePrometheusRules,
  parseSliTemplates,
  storageBucketSeconds,
} from '@slo-kit/plugin-slo-common';
import { Command, CommanderError } from 'commander';
import { IANAZone } from 'luxon';
import { readSloBackendConfig } from '../config/readSloBackendConfig';
import { addGateCommand } from '../gate/gateCommand';
import { addImportCommand } from '../import/importCommand';
import { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { createCliSources } from './createCliSources';
import { evaluateFromSources, type CliEvaluation } from './evaluateFromSources';
import { reportFromSources } from './reportFromSources';
import { cliConfigFiles, loadCliConfig } from './loadCliConfig';
import { formatProblem, loadSlos } from './loadSlos';
import { parseAt } from './parseAt';
import { readCatalogFiles } from './readCatalogFiles';
import { formatSuggestionsYaml, suggestFromSources } from './suggestFromSources';

/** Where the CLI writes, and the directory it looks for app-config.yaml in; tests set both. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Default `process.cwd()`. */
  cwd?: string;
}

const percent = (value: number | null) =>
  value === null ? '-' : `${(value * 100).toFixed(3)}%`;

function formatText(rows: CliEvaluation[]): string {
  return rows
    .map(row => {
      const burn = row.burnRates['1h'];
      const paging = row.alerts.some(a => a.severity === 'page' && a.firing);
      return [
        `${row.entityRef}/${row.name}`,
        `${percent(row.sli)} of ${percent(row.objective)} over ${row.window}`,
        `budget left ${percent(row.errorBudgetRemaining)}`,
        `burn 1h ${
          burn === null || burn === undefined ? '-' : `${burn.toFixed(2)}x`
        }`,
        paging ? 'PAGE' : '',
        row.state !== 'ok' ? `[${row.state}]` : '',
        row.error ?? '',
      ]
        .filter(Boolean)
        .join('  ');
    })
    .join('\n');
}

/**
 * The `slo` command line: validate, evaluate and export rules for SLOs
 * declared in catalog files, with the backend's own engine and sources.
 * Resolves to the exit code.
 *
 * @internal
 */
export async function main(
  argv: string[],
  io: CliIo = {
    out: text => process.stdout.write(`${text}\n`),
    err: text => process.stderr.write(`${text}\n`),
  },
): Promise<number> {
  let exitCode = 0;
  const collect = (value: string, previous: string[]) => [...previous, value];
  const program = new Command('slo')
    .description(
      'Validate, evaluate and export SLOs declared in Backstage catalog files',
    )
    .exitOverride()
    .configureOutput({
      writeOut: text => io.out(text.trimEnd()),
      writeErr: text => io.err(text.trimEnd()),
    });

  program
    .command('validate')
    .description(
      'Check the SLO declarations of catalog files; exit 1 with every problem',
    )
    .argument('<catalog-file...>')
    .option(
      '--config <app-config.yaml>',
      'app-config with slo.templates and sources (repeatable; default ./app-config.yaml)',
      collect,
      [],
    )
    .action(async (files: string[], options: { config: string[] }) => {
      const config = await loadCliConfig(cliConfigFiles(options.config, io.cwd));
      const knownSources =
        cliConfigFiles(options.config, io.cwd).length > 0
          ? createCliSources(config, { at: 0 }).map(s => s.name)
          : undefined;
      const { definitions, problems, readErrors } = await loadSlos(
        files,
        config,
        knownSources,
        io,
      );
      readErrors.forEach(error => io.err(error));
      problems.forEach(problem => io.err(formatProblem(problem)));
      if (problems.length > 0 || readErrors.length > 0) {
        io.err(
          `${problems.length + readErrors.length} problem(s); ${
            definitions.length
          } valid SLO(s).`,
        );
        exitCode = 1;
      } else {
        io.out(`${definitions.length} SLO(s) valid.`);
      }
    });

  program
    .command('evaluate')
    .description(
      'Evaluate SLOs straight from their sources (no database) and print the figures',
    )
    .argument('<catalog-file...>')
    .option(
      '--config <app-config.yaml>',
      'app-config with the sources (repeatable; default ./app-config.yaml)',
      collect,
      [],
    )
    .option(
      '--at <time>',
      'evaluation time: ISO-8601 or epoch seconds (default slo.now, else now)',
    )
    .option('--format <format>', 'json or text', 'json')
    .action(
      async (
        files: string[],
        options: { config: string[]; at?: string; format: string },
      ) => {
        if (options.format !== 'json' && options.format !== 'text') {
          throw new CommanderError(
            2,
            'slo.invalidFormat',
            `Invalid --format "${options.format}". Use json or text.`,
          );
        }
        const config = await loadCliConfig(cliConfigFiles(options.config, io.cwd));
        const settings = readSloBackendConfig(config);
        const at = parseAt(options.at, config);
        const sources = new SloSourceRegistry(
          createCliSources(config, { at }),
          settings.defaultSource,
        );
        const knownSources = sources.list().map(s => s.name);
        const { definitions, problems, readErrors } = await loadSlos(
          files,
          config,
          knownSources,
          io,
          at,
        );
        readErrors.forEach(error => io.err(error));
        problems.forEach(problem => io.err(formatProblem(problem)));
        const rows = await evaluateFromSources({
          definitions,
          sources,
          at,
          config: settings,
        });
        io.out(
          options.format === 'json'
            ? JSON.stringify(rows, null, 2)
            : formatText(rows),
        );
        const failed = rows.filter(row => row.error);
        failed.forEach(row =>
          io.err(`${row.entityRef}/${row.name}: ${row.error}`),
        );
        if (failed.length > 0 || readErrors.length > 0) {
          exitCode = 1;
        }
      },
    );

  program
    .command('report')
    .description(
      'Period history straight from the sources (no database): one object per SLO and calendar period',
    )
    .argument('<catalog-file...>')
    .option(
      '--config <app-config.yaml>',
      'app-config with the sources (repeatable; default ./app-config.yaml)',
      collect,
      [],
    )
    .option(
      '--at <time>',
      'evaluation time: ISO-8601 or epoch seconds (default slo.now, else now)',
    )
    .option('--period <period>', 'week, month or quarter', 'month')
    .option('--periods <n>', 'number of periods, the current one included', '3')
    .option(
      '--time-zone <zone>',
      "IANA zone of rolling-window SLOs' periods (default slo.review.timeZone, else UTC)",
    )
    .option('--format <format>', 'json', 'json')
    .action(
      async (
        files: string[],
        options: {
          config: string[];
          at?: string;
          period: string;
          periods: string;
          timeZone?: string;
          format: string;
        },
      ) => {
        const usage = (code: string, message: string) =>
          new CommanderError(2, `slo.${code}`, message);
        if (options.format !== 'json') {
          throw usage(
            'invalidFormat',
            `Invalid --format "${options.format}". Use json.`,
          );
        }
        const period = options.period;
        if (period !== 'week' && period !== 'month' && period !== 'quarter') {
          throw usage(
            'invalidPeriod',
            `Invalid --period "${period}". Use week, month or quarter.`,
          );
        }
        const count = Number(options.periods);
        if (!Number.isInteger(count) || count < 1 || count > 60) {
          throw usage(
            'invalidPeriods',
            `Invalid --periods "${options.periods}". Use a whole number from 1 to 60.`,
          );
        }
        const config = await loadCliConfig(cliConfigFiles(options.config, io.cwd));
        const settings = readSloBackendConfig(config);
        const timeZone = options.timeZone ?? settings.review.timeZone;
        if (!IANAZone.isValidZone(timeZone)) {
          throw usage(
            'invalidTimeZone',
            `Invalid --time-zone "${timeZone}". Use an IANA time zone such as UTC or Europe/Berlin.`,
          );
        }
        const at = parseAt(options.at, config);
        const sources = new SloSourceRegistry(
          createCliSources(config, { at }),
          settings.defaultSource,
        );
        const { definitions, problems, readErrors } = await loadSlos(
          files,
          config,
          sources.list().map(s => s.name),
          io,
          at,
        );
        readErrors.forEach(error => io.err(error));
        problems.forEach(problem => io.err(formatProblem(problem)));
        const rows = await reportFromSources({
          definitions,
          sources,
          at,
          period,
          count,
          timeZone,
          config: settings,
        });
        io.out(JSON.stringify(rows, null, 2));
        const failed = new Set(
          rows
            .filter(row => row.error)
            .map(row => `${row.entityRef}/${row.name}: ${row.error}`),
        );
        failed.forEach(message => io.err(message));
        if (failed.size > 0 || readErrors.length > 0) {
          exitCode = 1;
        }
      },
    );

  program
    .command('suggest')
    .description(
      'Suggest SLOs for services that declare none: templates with data, and an objective each met over the last 30 days',
    )
    .argument('<catalog-file...>')
    .option(
      '--config <app-config.yaml>',
      'app-config with the sources and slo.templates (repeatable; default ./app-config.yaml)',
      collect,
      [],
    )
    .option(
      '--at <time>',
      'end of the 30 days: ISO-8601 or epoch seconds (default slo.now, else now)',
    )
    .option(
      '--template <name>',
      'only these templates (repeatable); says "no data for" each that has none',
      collect,
      [],
    )
    .option('--format <format>', 'yaml or json', 'yaml')
    .action(
      async (
        files: string[],
        options: { config: string[]; at?: string; template: string[]; format: string },
      ) => {
        if (options.format !== 'json' && options.format !== 'yaml') {
          throw new CommanderError(2, 'slo.invalidFormat', `Invalid --format "${options.format}". Use yaml or json.`);
        }
        const config = await loadCliConfig(cliConfigFiles(options.config, io.cwd));
        const settings = readSloBackendConfig(config);
        const at = parseAt(options.at, config);
        const sources = new SloSourceRegistry(createCliSources(config, { at }), settings.defaultSource);
        const { entities, errors } = await readCatalogFiles(files);
        errors.forEach(error => io.err(error));
        let templates = parseSliTemplates(config.getOptional('slo.templates')).templates;
        if (options.template.length > 0) {
          const unknown = options.template.filter(name => !templates.some(t => t.name === name));
          if (unknown.length > 0) {
            throw new CommanderError(2, 'slo.unknownTemplate', `Unknown template ${unknown.join(', ')}. Templates: ${templates.map(t => t.name).join(', ')}.`);
          }
          templates = templates.filter(t => options.template.includes(t.name));
        }
        const results = await suggestFromSources({ entities, templates, sources, at });
        io.out(options.format === 'json' ? JSON.stringify(results, null, 2) : formatSuggestionsYaml(results, entities).trimEnd());
        for (const result of results) {
          if (options.template.length > 0) {
            result.misses.forEach(miss => io.err(`${result.entityRef}: ${miss}`));
          } else if (result.suggestions.length === 0 && result.queryCount > 0) {
            io.err(`${result.entityRef}: no suggestion (${result.misses.filter(m => !m.startsWith('no data for')).join('; ') || 'no template has data'})`);
          }
        }
        if (errors.length > 0) exitCode = 1;
      },
    );

  program
    .command('rules')
    .description(
      'Print the Prometheus recording and burn-rate alerting rules for the SLOs and events composite SLOs',
    )
    .argument('<catalog-file...>')
    .option(
      '--config <app-config.yaml>',
      'app-config with slo.templates (repeatable; default ./app-config.yaml)',
      collect,
      [],
    )
    .action(async (files: string[], options: { config: string[] }) => {
      const config = await loadCliConfig(cliConfigFiles(options.config, io.cwd));
      const settings = readSloBackendConfig(config);
      const { definitions, composites, problems, readErrors } =
        await loadSlos(files, config, undefined, io);
      readErrors.forEach(error => io.err(error));
      problems.forEach(problem => io.err(formatProblem(problem)));
      io.out(
        generatePrometheusRules(definitions, {
          composites,
          // The CLI has no sources to ask: each SLO's bucket from the configured length.
          bucketSeconds: definition =>
            storageBucketSeconds(
              definition.sli,
              0,
              settings.collector.bucketSeconds,
            ).storage,
        }).trimEnd(),
      );
      if (readErrors.length > 0) {
        exitCode = 1;
      }
    });

  addImportCommand(program, io, code => {
    exitCode = code;
  });
  addGateCommand(program, io, code => {
    exitCode = code;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
      ) {
        return 0;
      }
      if (error.code.startsWith('slo.')) {
        io.err(error.message);
      }
      return error.exitCode === 0 ? 0 : 2;
    }
    io.err(error instanceof Error ? error.message : String(error));
    return 2;
  }
  return exitCode;
}
