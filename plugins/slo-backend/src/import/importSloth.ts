import type { ImportedSlo, ImportOptions } from './ImportedSlo';
import type { NoteWriter } from './ImportReport';
import { entityNameFor } from './entityName';
import {
  childPath,
  isRecord,
  noteUnknownKeys,
  pick,
  readStringMap,
  shown,
} from './readInput';
import { noteSlothAlerting } from './slothAlerting';
import { mapSlothSli } from './slothSli';
import { sloNameFor } from './sloName';

/** Which of Sloth's two spellings a document uses. */
export type SlothStyle = 'prometheus/v1' | 'PrometheusServiceLevel';

const SPEC_KEYS: Record<SlothStyle, string[]> = {
  'prometheus/v1': ['version', 'service', 'labels', 'slo_plugins', 'slos'],
  PrometheusServiceLevel: ['service', 'labels', 'sloPlugins', 'slos'],
};
const SLO_KEYS = [
  'name',
  'description',
  'objective',
  'labels',
  'sli',
  'alerting',
  'plugins',
];

function pluginIds(value: unknown): string {
  const chain =
    isRecord(value) && Array.isArray(value.chain) ? value.chain : [];
  const ids = chain.map(plugin => (isRecord(plugin) ? String(plugin.id) : '?'));
  return ids.length > 0 ? ids.join(', ') : 'none listed';
}

function readSlo(
  value: unknown,
  path: string,
  context: {
    entityName: string;
    labels: Record<string, string>;
    labelsPath: string;
    window: string;
    format: string;
  },
  notes: NoteWriter,
): ImportedSlo | undefined {
  if (!isRecord(value)) {
    notes.refused(
      path,
      `an SLO must be a mapping with name, objective and sli, not ${shown(
        value,
      )}.`,
    );
    return undefined;
  }
  noteUnknownKeys(value, SLO_KEYS, path, notes, 'a Sloth SLO');
  const fieldPaths: Record<string, string> = {};
  const item: Record<string, unknown> = {};
  if (value.name === undefined) {
    notes.refused(childPath(path, 'name'), 'the SLO has no name.');
    return undefined;
  }
  item.name = sloNameFor(value.name, childPath(path, 'name'), notes);
  fieldPaths.name = childPath(path, 'name');
  if (value.description !== undefined && value.description !== '') {
    item.description = value.description;
    fieldPaths.description = childPath(path, 'description');
  }
  const sli = mapSlothSli(value.sli, childPath(path, 'sli'), notes);
  if (!sli) return undefined;
  item.sli = sli;
  fieldPaths.sli = childPath(path, 'sli');
  item.objective = value.objective;
  fieldPaths.objective = childPath(path, 'objective');
  item.window = context.window;
  const own = readStringMap(
    value.labels,
    childPath(path, 'labels'),
    notes,
    'labels',
  );
  if (!own) return undefined;
  // Sloth merges the service's labels with the SLO's, the SLO's winning.
  const labels = { ...context.labels, ...own };
  if (Object.keys(labels).length > 0) {
    item.labels = labels;
    fieldPaths.labels =
      Object.keys(own).length > 0
        ? childPath(path, 'labels')
        : context.labelsPath;
  }
  if (value.plugins !== undefined) {
    notes.notCarried(
      childPath(path, 'plugins'),
      `Sloth SLO plugins (${pluginIds(
        value.plugins,
      )}) change the rules Sloth generates; the portal computes its own figures and \`yarn slo rules\` writes its own rules.`,
    );
  }
  noteSlothAlerting(value.alerting, childPath(path, 'alerting'), notes);
  return {
    entityName: context.entityName,
    item,
    notes,
    path,
    fieldPaths,
    format: context.format,
  };
}

/**
 * Reads a Sloth spec, either a `prometheus/v1` service level file or the
 * Kubernetes `PrometheusServiceLevel` resource (`sloth.slok.dev/v1`), into
 * annotation items: one per SLO, on the entity named by `service`.
 *
 * Sloth files have no SLO period (the `sloth` command line's
 * `--default-slo-period` sets it, 30d by default), so every SLO gets
 * `options.slothWindow`.
 */
export function importSloth(
  document: Record<string, unknown>,
  style: SlothStyle,
  notes: NoteWriter,
  options: ImportOptions,
): ImportedSlo[] {
  const format =
    style === 'prometheus/v1'
      ? 'Sloth prometheus/v1'
      : 'Sloth PrometheusServiceLevel';
  const base = style === 'prometheus/v1' ? '' : 'spec';
  const spec = style === 'prometheus/v1' ? document : document.spec;
  if (!isRecord(spec)) {
    notes.refused(
      'spec',
      `a PrometheusServiceLevel needs a spec with service and slos, not ${shown(
        spec,
      )}.`,
    );
    return [];
  }
  if (style === 'PrometheusServiceLevel') {
    noteUnknownKeys(
      document,
      ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
      '',
      notes,
      'a PrometheusServiceLevel',
    );
    const metadata = isRecord(document.metadata) ? document.metadata : {};
    if (isRecord(metadata.labels) && Object.keys(metadata.labels).length > 0) {
      notes.notCarried(
        'metadata.labels',
        `the resource's labels ${shown(
          metadata.labels,
        )} choose which Prometheus loads the rules Sloth generates; the portal's rules come from \`yarn slo rules\`, labelled as you deploy them.`,
      );
    }
  }
  noteUnknownKeys(spec, SPEC_KEYS[style], base, notes, `a Sloth ${style} spec`);
  const entityName =
    options.entityName ??
    entityNameFor(
      spec.service,
      childPath(base, 'service'),
      notes,
      'Add service: <the service name>, or pass --entity <name>.',
    );
  if (entityName === undefined) return [];
  const labelsPath = childPath(base, 'labels');
  const labels = readStringMap(spec.labels, labelsPath, notes, 'labels');
  if (!labels) return [];
  const plugins = pick(spec, 'slo_plugins', 'sloPlugins');
  if (plugins) {
    notes.notCarried(
      childPath(base, plugins.key),
      `Sloth SLO plugins (${pluginIds(
        plugins.value,
      )}) change the rules Sloth generates; the portal computes its own figures and \`yarn slo rules\` writes its own rules.`,
    );
  }
  const slosPath = childPath(base, 'slos');
  if (!Array.isArray(spec.slos) || spec.slos.length === 0) {
    notes.refused(
      slosPath,
      `the spec has no SLOs: slos must be a non-empty list${
        spec.slos === undefined ? '' : `, not ${shown(spec.slos)}`
      }.`,
    );
    return [];
  }
  notes.changed(
    slosPath,
    `Sloth files have no SLO period (sloth's --default-slo-period sets it, 30d unless changed): the SLOs get window: ${
      options.slothWindow
    }${
      options.slothWindow === '30d'
        ? '; pass --sloth-window 28d (say) if you generate with another period'
        : ', from --sloth-window'
    }. Sloth's page and ticket alerts are carried: they are the portal's burn-rate alerts (SRE Workbook, 14.4× and 6× page, 3× and 1× ticket), which \`yarn slo rules\` writes for every SLO.`,
  );
  return spec.slos.flatMap((slo, index) => {
    const imported = readSlo(
      slo,
      childPath(slosPath, index),
      { entityName, labels, labelsPath, window: options.slothWindow, format },
      notes,
    );
    return imported ? [imported] : [];
  });
}
