import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  evaluateGate,
  parseGatePolicy,
  type GateResponse,
  type GateSloInput,
} from '@slo-kit/plugin-slo-common';
import { Command, CommanderError } from 'commander';
import path from 'node:path';
import { readSloBackendConfig } from '../config/readSloBackendConfig';
import { createCliSources } from '../cli/createCliSources';
import {
  evaluateFromSources,
  type CliEvaluation,
} from '../cli/evaluateFromSources';
import { cliConfigFiles, loadCliConfig } from '../cli/loadCliConfig';
import { formatProblem, loadSlos } from '../cli/loadSlos';
import { parseAt } from '../cli/parseAt';
import { problemDetails } from '../cli/problemDetails';
import { SloSourceRegistry } from '../sources/SloSourceRegistry';

/** Where the command writes, and where it looks for catalog-info.yaml and app-config.yaml. */
export interface GateIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd?: string;
}

interface GateCommandOptions {
  policy: string[];
  slo?: string;
  catalog: string[];
  config: string[];
  at?: string;
  format: string;
}

/** Exit 2 with the message: a gate that cannot run cannot tell. */
function cannotRun(code: string, message: string): CommanderError {
  return new CommanderError(2, `slo.${code}`, message);
}

/**
 * The gate's figures of an SLO evaluated straight from its source. The CLI
 * reads the source now, so its data is never stale; a source that cannot be
 * read is `error`, with its message.
 */
export function gateSloInputFromCli(row: CliEvaluation): GateSloInput {
  return {
    name: row.name,
    dataState: row.state,
    ...(row.error ? { dataDetail: row.error } : {}),
    sli: row.sli,
    budgetRemaining: row.errorBudgetRemaining,
    burnRates: row.burnRates,
    alerts: row.alerts,
    health: row.health,
  };
}

/**
 * Adds `slo gate <entity-ref> --policy ...` to the command line: judges the
 * entity's SLOs (or one, `--slo`) against an error-budget policy, computed
 * straight from the sources like `slo evaluate`, and exits 0 (allowed), 1
 * (blocked) or 2 (cannot tell: a source down, data missing, a bad policy or
 * ref), printing one line that says why.
 *
 * @internal
 */
export function addGateCommand(
  program: Command,
  io: GateIo,
  setExitCode: (code: number) => void,
): void {
  const collect = (value: string, previous: string[]) => [...previous, value];
  program
    .command('gate')
    .description(
      'Deploy gate: exit 0 (allowed), 1 (blocked) or 2 (cannot tell) by an error-budget policy, with a one-line reason',
    )
    .argument('<entity-ref>', 'the entity, e.g. component:default/checkout or checkout')
    .option(
      '--policy <terms>',
      'policy terms, comma-separated or repeated: budget-left>=X%, attainment>=X%, burn-rate-<window><X, not-paging, not-alerting, state!=<state>',
      collect,
      [],
    )
    .option('--slo <name>', 'judge only this SLO of the entity')
    .option(
      '--catalog <catalog-file>',
      'catalog file that declares the entity (repeatable; default ./catalog-info.yaml)',
      collect,
      [],
    )
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
    .option('--format <format>', 'text (the reason line) or json', 'text')
    .action(async (ref: string, options: GateCommandOptions) => {
      if (options.format !== 'text' && options.format !== 'json') {
        throw cannotRun(
          'invalidFormat',
          `Invalid --format "${options.format}". Use text or json.`,
        );
      }
      if (options.policy.length === 0) {
        throw cannotRun(
          'missingPolicy',
          'Missing --policy. Give the terms a deploy must meet, e.g. --policy budget-left>=0%,not-paging. See docs/error-budget-policy.md.',
        );
      }
      const parsed = parseGatePolicy(options.policy);
      if (!parsed.policy) {
        // The message already says what a term looks like; only a guess adds to it.
        parsed.problems.forEach(problem =>
          io.err(
            `--policy ${problem.message}${problemDetails({
              didYouMean: problem.didYouMean,
            })}`,
          ),
        );
        throw cannotRun(
          'invalidPolicy',
          `cannot tell: ${parsed.problems.length} problem(s) in --policy`,
        );
      }
      let compound: CompoundEntityRef;
      try {
        compound = parseEntityRef(ref, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        });
      } catch {
        throw cannotRun(
          'invalidEntityRef',
          `Invalid entity ref "${ref}". Use kind:namespace/name or a component's name, e.g. component:default/checkout.`,
        );
      }
      const entityRef = stringifyEntityRef(compound);

      const cwd = io.cwd ?? process.cwd();
      const catalogFiles =
        options.catalog.length > 0
          ? options.catalog
          : [path.join(cwd, 'catalog-info.yaml')];
      const config = await loadCliConfig(cliConfigFiles(options.config, cwd));
      const settings = readSloBackendConfig(config);
      const at = parseAt(options.at, config);
      const sources = new SloSourceRegistry(
        createCliSources(config, { at }),
        settings.defaultSource,
      );
      const loaded = await loadSlos(
        catalogFiles,
        config,
        sources.list().map(s => s.name),
        io,
        at,
      );
      loaded.readErrors.forEach(error => io.err(error));
      if (!loaded.entityRefs.includes(entityRef)) {
        throw cannotRun(
          'unknownEntity',
          `cannot tell: no entity ${entityRef} in ${catalogFiles.join(', ')}. Pass the file that declares it with --catalog.`,
        );
      }
      const problems = loaded.problems.filter(p => p.entityRef === entityRef);
      problems.forEach(problem => io.err(formatProblem(problem)));
      const definitions = loaded.definitions.filter(
        d =>
          d.entityRef === entityRef &&
          (options.slo === undefined || d.name === options.slo),
      );
      const rows = await evaluateFromSources({
        definitions,
        sources,
        at,
        config: settings,
      });
      const result = evaluateGate(
        parsed.policy,
        rows.map(gateSloInputFromCli),
        {
          entityRef,
          sloName: options.slo,
          sloNames: loaded.definitions
            .filter(d => d.entityRef === entityRef)
            .map(d => d.name),
          problems,
        },
      );
      if (options.format === 'json') {
        const response: GateResponse = {
          entityRef,
          policy: parsed.policy.text,
          ...(options.slo !== undefined ? { slo: options.slo } : {}),
          at: new Date((rows[0]?.at ?? at) * 1000).toISOString(),
          ...result,
        };
        io.out(JSON.stringify(response, null, 2));
      } else {
        io.out(result.reason);
      }
      setExitCode(result.exitCode);
    });
}
