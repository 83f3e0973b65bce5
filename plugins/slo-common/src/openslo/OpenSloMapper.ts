import { sloId } from '../math/sloId';
import { SLO_OPENSLO_ANNOTATION } from '../model/annotations';
import type { SloDefinition, SloObjective } from '../model/SloDefinition';
import { showValue } from '../parse/ProblemCollector';
import { kebabCase, NAME_PATTERN, MAX_NAME_LENGTH } from '../parse/readFields';
import { didYouMean } from '../util/didYouMean';
import { findIndicator } from './findIndicator';
import { mapIndicator } from './mapIndicator';
import { firstString, isRecord, OpenSloDocument, OpenSloProblems } from './openSloDocuments';
import { MINIMUM_EVENTS_ANNOTATION } from './openSloQueries';
import { readBudgetingMethod } from './readBudgetingMethod';
import type { MetricContext } from './readMetricSource';
import { readTimeWindow } from './readTimeWindow';
import { checkOpenSloTypes } from './checkOpenSloTypes';
import { readAlertPolicies } from './readAlertPolicies';
import type { IndexedSli } from './findIndicator';
import type { IndexedDataSource } from './readMetricSource';
import { isCompositeSlo, MemberView, readCompositeSlo } from './readCompositeSlo';
import type { CompositeSloDefinition } from '../composites/CompositeSlo';
import { ALL_KINDS, API_VERSIONS, apiVersionProblem, fieldsOf, kindsOf, OPENSLO_V2ALPHA } from './openSloVersions';


/** Maps a set of OpenSLO documents to SLO definitions: index first, then read each SLO. */
export class OpenSloMapper {
  /** SLIs by name; `broken` when the SLI's types are wrong (its problems are reported already). */
  readonly slis = new Map<string, IndexedSli>();
  readonly dataSources = new Map<string, IndexedDataSource>();
  /** BudgetAdjustment documents, applied to the SLOs they match once those are read. */
  readonly adjustments: OpenSloDocument[] = [];
  /** Composite SLOs read (their members are among the definitions `read` gives). */
  readonly composites: CompositeSloDefinition[] = [];
  readonly alerts = { policies: new Map<string, OpenSloDocument>(), conditions: new Map<string, OpenSloDocument>(), broken: new Set<string>() };

  constructor(
    readonly problems: OpenSloProblems,
    readonly entityRef: string,
    private readonly knownSources: readonly string[] | undefined,
  ) {}

  /** First pass: index SLIs and DataSources by name; check apiVersion and kind. */
  index(documents: OpenSloDocument[]): OpenSloDocument[] {
    const slos: OpenSloDocument[] = [];
    for (const document of documents) {
      const { apiVersion, kind, metadata } = document.value;
      if (typeof apiVersion !== 'string' || !API_VERSIONS.includes(apiVersion)) {
        const problem = apiVersionProblem(apiVersion);
        this.problems.report(document, 'apiVersion', problem.message, {
          found: apiVersion,
          expected: API_VERSIONS.join(', '),
          didYouMean: problem.didYouMean,
        });
        continue;
      }
      const kinds = kindsOf(apiVersion);
      if (typeof kind !== 'string' || !kinds.includes(kind)) {
        const otherVersion = typeof kind === 'string' && ALL_KINDS.includes(kind);
        this.problems.report(document, 'kind', otherVersion
          ? `kind "${kind}" is a kind of ${OPENSLO_V2ALPHA}, not of ${apiVersion}.`
          : `kind ${JSON.stringify(kind ?? null)} is not an OpenSLO kind.`, {
          found: kind,
          expected: otherVersion ? `apiVersion: ${OPENSLO_V2ALPHA}` : kinds.join(', '),
          didYouMean: typeof kind === 'string' && !otherVersion ? didYouMean(kind, kinds) : undefined,
        });
        continue;
      }
      const name = isRecord(metadata) && typeof metadata.name === 'string' ? metadata.name : undefined;
      if (!checkOpenSloTypes(this.problems, document, apiVersion, kind, kind === 'SLO' ? name : undefined)) {
        // What names it must not read it as missing: it is there, with the problems just reported.
        if (name && kind === 'SLI') this.slis.set(name, { document, spec: undefined, broken: true });
        if (name && kind === 'DataSource') this.dataSources.set(name, { document, broken: true });
        if (name) this.alerts.broken.add(`${kind}/${name}`);
        continue;
      }
      if (!name) {
        this.problems.report(document, 'metadata.name', `the ${kind} has no metadata.name.`, { expected: 'metadata: {name: checkout-availability}' });
        continue;
      }
      if (kind === 'SLI') this.slis.set(name, { document, spec: document.value.spec });
      else if (kind === 'DataSource') this.dataSources.set(name, { document, type: isRecord(document.value.spec) ? document.value.spec.type : undefined });
      else if (kind === 'SLO') slos.push(document);
      else if (kind === 'AlertPolicy') this.alerts.policies.set(name, document);
      else if (kind === 'AlertCondition') this.alerts.conditions.set(name, document);
      else if (kind === 'BudgetAdjustment') this.adjustments.push(document);
      // Service and AlertNotificationTarget are accepted and ignored; AlertPolicies and AlertConditions are read with the SLOs that name them.
    }
    return slos;
  }

  /** Reads one SLO document into one or more definitions. */
  read(document: OpenSloDocument): SloDefinition[] {
    const problems = this.problems;
    const { metadata, spec } = document.value as { metadata: Record<string, unknown>; spec: unknown };
    const name = String(metadata.name);
    const nameOk = NAME_PATTERN.test(name) && name.length <= MAX_NAME_LENGTH;
    if (!nameOk) {
      // Shortened: a name of 100,000 characters must not come back whole in every message.
      problems.report(document, 'metadata.name', `"${showValue(name)}" is not a valid SLO name: use lowercase kebab-case of at most ${MAX_NAME_LENGTH} characters.`, {
        found: name,
        expected: 'lowercase letters, digits and hyphens',
        didYouMean: kebabCase(name) || undefined,
      }, showValue(name));
    }
    if (!isRecord(spec)) {
      problems.report(document, 'spec', 'the SLO has no spec.', { expected: 'spec: {indicatorRef, timeWindow, budgetingMethod, objectives}' }, name);
      return [];
    }
    if (isCompositeSlo(spec)) {
      const composite = readCompositeSlo(this, document, spec, name);
      if (!composite || !nameOk) return [];
      this.composites.push({ ...composite.composite, position: this.composites.length });
      return composite.members;
    }
    const definitions = this.readSlo(document, spec, name);
    return nameOk ? definitions : [];
  }

  /**
   * Reads an SLO's spec into definitions. For a composite's member `view`
   * gives the spec as that member sees it (its objective's indicator, that
   * one objective) and where its objective and indicator are written.
   */
  readSlo(document: OpenSloDocument, spec: Record<string, unknown>, name: string, view?: MemberView): SloDefinition[] {
    const problems = this.problems;
    const before = problems.count;
    const { apiVersion, metadata } = document.value as { apiVersion: string; metadata: Record<string, unknown> };
    const fields = fieldsOf(apiVersion);
    const budgetingMethod = readBudgetingMethod(problems, document, spec.budgetingMethod, name);
    const window = readTimeWindow(problems, document, spec, apiVersion);
    const objectives = Array.isArray(spec.objectives) ? spec.objectives : [];
    const indicator = findIndicator(problems, this.slis, document, spec, name, fields, view?.indicatorAt);
    if (objectives.length === 0) {
      problems.report(document, 'spec.objectives', 'the SLO has no objectives.', { expected: 'objectives: [{displayName: standard, target: 0.999}]' }, name);
    }

    // Objectives that share a threshold share one definition; others split off.
    const groups = new Map<string, Array<{ objective: SloObjective; raw: Record<string, unknown>; index: number }>>();
    objectives.forEach((raw: unknown, position: number) => {
      const index = view?.objectiveIndex ?? position;
      const path = `spec.objectives[${index}]`;
      if (!isRecord(raw)) {
        problems.report(document, path, 'an objective must be a mapping.', { found: raw }, name);
        return;
      }
      let target: number | undefined;
      if (typeof raw.target === 'number') target = raw.target;
      else if (typeof raw.targetPercent === 'number') target = Number((raw.targetPercent / 100).toPrecision(12));
      if (target === undefined || !(target > 0.01 && target < 1)) {
        problems.report(document, `${path}.target`, target === undefined
          ? 'the objective has no target.'
          : `the target ${target} is not a fraction between 0.01 and 1 (exclusive); use targetPercent for percentages.`, {
          found: raw.target ?? raw.targetPercent,
          expected: 'target: 0.999 or targetPercent: 99.9',
        }, name);
        return;
      }
      const objectiveName = firstString(raw.displayName, raw.name) ?? '';
      const key = JSON.stringify([raw.op ?? null, raw.value ?? null, raw.timeSliceTarget ?? null, raw.timeSliceWindow ?? null, raw.ratioMetrics ?? null]);
      const group = groups.get(key) ?? [];
      group.push({ objective: { name: objectiveName, target }, raw, index });
      groups.set(key, group);
    });
    if (problems.count > before || !window || !indicator || !budgetingMethod) return [];
    const metrics: MetricContext = { problems, dataSources: this.dataSources, fields };

    const minimumEvents = Number((isRecord(metadata.annotations) ? metadata.annotations : {})[MINIMUM_EVENTS_ANNOTATION]);
    const labels: Record<string, string> = {};
    if (isRecord(metadata.labels)) {
      for (const [key, value] of Object.entries(metadata.labels)) {
        if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key)) {
          problems.report(document, `metadata.labels.${key}`, `"${key}" is not a valid label name: use letters, digits and underscores.`, { found: key }, name);
          continue;
        }
        labels[key] = Array.isArray(value) ? value.map(String).join(',') : String(value);
      }
    }
    const description = firstString(spec.description, metadata.displayName);

    const definitions: SloDefinition[] = [];
    const groupList = [...groups.values()];
    for (const group of groupList) {
      const first = group[0];
      const sloName =
        groupList.length === 1 ? name : `${name}-${kebabCase(first.objective.name) || `objective-${first.index + 1}`}`;
      const mapped = mapIndicator(metrics, indicator, {
        sloDocument: document,
        budgetingMethod: budgetingMethod!,
        objective: first.raw,
        objectivePath: `spec.objectives[${first.index}]`,
        sloName,
      });
      if (!mapped) continue;
      if (mapped.source && this.knownSources && !this.knownSources.includes(mapped.source)) {
        problems.report(document, 'metricSourceRef', `no source named "${mapped.source}" is configured in app-config.`, {
          found: mapped.source,
          expected: this.knownSources.length > 0 ? `one of ${this.knownSources.join(', ')}` : 'a configured source name',
          didYouMean: didYouMean(mapped.source, this.knownSources),
        }, sloName);
        continue;
      }
      const definition: SloDefinition = {
        id: sloId(this.entityRef, sloName),
        entityRef: this.entityRef,
        name: sloName,
        sli: mapped.sli,
        objectives: group.map(entry => entry.objective),
        window,
        labels: { ...labels },
        origin: { kind: 'openslo', annotation: SLO_OPENSLO_ANNOTATION, detail: document.location },
      };
      if (description !== undefined) definition.description = description;
      if (mapped.source !== undefined) definition.source = mapped.source;
      if (mapped.sourceType !== undefined) definition.sourceType = mapped.sourceType;
      if (Number.isInteger(minimumEvents) && minimumEvents >= 0) definition.minimumEvents = minimumEvents;
      definitions.push(definition);
    }
    if (definitions.length > 0 && !view) {
      readAlertPolicies({ problems, alerts: this.alerts, document, sloName: name, window, sli: definitions[0].sli }, spec.alertPolicies);
    }
    return definitions;
  }
}
