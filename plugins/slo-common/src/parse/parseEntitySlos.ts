import type { Entity } from '@backstage/catalog-model';
import { parseCorrections } from '../corrections/parseCorrections';
import { correctionTargets } from '../corrections/readCorrection';
import { SLO_CORRECTIONS_ANNOTATION } from '../corrections/SloCorrection';
import { normalizeEntityRef } from '../math/sloId';
import {
  SLO_ANNOTATION,
  SLO_ANNOTATIONS,
  SLO_OPENSLO_ANNOTATION,
  SLO_TEMPLATES_ANNOTATION,
} from '../model/annotations';
import type { SloDefinition } from '../model/SloDefinition';
import type { ValidationProblem } from '../model/ValidationProblem';
import type { CompositeSloDefinition } from '../composites/CompositeSlo';
import { resolveOpenSloTargets } from '../openslo/getOpenSloTargets';
import { mapOpenSloDocuments, OpenSloDocument, readOpenSloFile } from '../openslo/parseOpenSlo';
import { applySliTemplates } from './applySliTemplates';
import { BUILTIN_SLI_TEMPLATES } from './templates';
import { parseSloAnnotation } from './parseSloAnnotation';
import { ProblemCollector } from './ProblemCollector';
import type { SliTemplate } from './SliTemplate';

/**
 * Most SLOs one entity may declare across its annotations; the rest are left
 * out with a problem. 2,000 SLOs in one 150 KiB annotation made a collection
 * cycle take two minutes and one page view twenty seconds.
 *
 * @public
 */
export const MAX_SLOS_PER_ENTITY = 100;

/**
 * Options of {@link parseEntitySlos}.
 *
 * @public
 */
export interface ParseEntitySlosOptions {
  /** Templates for `slo-kit.dev/templates`; default the built-in ones. Use `parseSliTemplates` for app-config's. */
  templates?: readonly SliTemplate[];
  /** The OpenSLO files the backend read for `slo-kit.dev/openslo` (see `getOpenSloTargets`). */
  openSloDocuments?: ReadonlyArray<{ location: string; content: string }>;
  /** Source instance names from app-config; `source` values are checked against them when given. */
  knownSources?: readonly string[];
  /**
   * Now, epoch seconds: corrections other than planned maintenance may not
   * start after it. Without it that check is left out.
   */
  now?: number;
}

/**
 * An entity's SLOs and every problem found in their declarations.
 *
 * @public
 */
export interface EntitySlos {
  slos: SloDefinition[];
  /**
   * Composite SLOs read from the entity's OpenSLO files (`weighted`, their
   * members among `slos`); the backend computes them with those of
   * `slo-kit.dev/composite-slos`. Their members are not checked here: see
   * `validateCompositeMembers`.
   */
  composites: CompositeSloDefinition[];
  problems: ValidationProblem[];
}

/** The entity's ref for messages and ids; never throws on a broken entity. */
function entityRefOf(entity: Entity): string {
  const kind = typeof entity?.kind === 'string' ? entity.kind : 'component';
  const namespace = typeof entity?.metadata?.namespace === 'string' ? entity.metadata.namespace : 'default';
  const name = typeof entity?.metadata?.name === 'string' ? entity.metadata.name : 'unknown';
  return normalizeEntityRef({ kind, namespace, name });
}

/**
 * Whether the entity declares SLOs in any of the SLO annotations.
 *
 * @public
 */
export function hasSloAnnotations(entity: Entity): boolean {
  const annotations = entity?.metadata?.annotations ?? {};
  return SLO_ANNOTATIONS.some(key => typeof annotations[key] === 'string' && annotations[key].trim() !== '');
}

/**
 * Reads all SLOs of an entity: the `slo-kit.dev/slos` list, SLI templates
 * applied with `slo-kit.dev/templates`, and OpenSLO files from
 * `slo-kit.dev/openslo` (given as `openSloDocuments`; I/O is the caller's).
 *
 * Returns every valid SLO and every problem at once, each problem with the
 * entity ref, annotation, field path, what was found, what is expected and a
 * did-you-mean for misspelled keys. An SLO with a problem is left out; the
 * others still count. Names must be unique across all three annotations.
 * Never throws.
 *
 * @public
 */
export function parseEntitySlos(entity: Entity, options: ParseEntitySlosOptions = {}): EntitySlos {
  const entityRef = entityRefOf(entity);
  const problems: ValidationProblem[] = [];
  const slos: SloDefinition[] = [];
  const composites: CompositeSloDefinition[] = [];
  const annotations: Record<string, unknown> = entity?.metadata?.annotations ?? {};
  const context = { entityRef, knownSources: options.knownSources, now: options.now };

  const collect = (annotation: string, read: (collector: ProblemCollector) => SloDefinition[]) => {
    const collector = new ProblemCollector(entityRef, annotation);
    try {
      slos.push(...read(collector));
    } catch (error) {
      // A bug here must not take the catalog or the backend down with it.
      collector.add('', `The SLO declarations could not be read: ${error instanceof Error ? error.message : String(error)}.`);
    }
    problems.push(...collector.problems);
  };

  const textOf = (annotation: string, collector: ProblemCollector): string | undefined => {
    const value = annotations[annotation];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      collector.add('', 'Annotation values must be text; write the YAML as a block scalar (annotation: |).', { found: value });
      return undefined;
    }
    return value.trim() === '' ? undefined : value;
  };

  collect(SLO_ANNOTATION, collector => {
    const text = textOf(SLO_ANNOTATION, collector);
    return text === undefined ? [] : parseSloAnnotation(text, collector, context);
  });
  collect(SLO_TEMPLATES_ANNOTATION, collector => {
    const text = textOf(SLO_TEMPLATES_ANNOTATION, collector);
    return text === undefined ? [] : applySliTemplates(text, options.templates ?? BUILTIN_SLI_TEMPLATES, collector, context);
  });
  collect(SLO_OPENSLO_ANNOTATION, collector => {
    if (textOf(SLO_OPENSLO_ANNOTATION, collector) === undefined) return [];
    resolveOpenSloTargets(entity, collector);
    const documents: OpenSloDocument[] = (options.openSloDocuments ?? []).flatMap(file =>
      readOpenSloFile(file.content, file.location, collector),
    );
    const read = mapOpenSloDocuments(documents, collector, context);
    composites.push(...read.composites);
    return read.slos;
  });

  // Names identify SLOs (ids, URLs, rules): the first declaration wins.
  const seen = new Map<string, SloDefinition>();
  const unique: SloDefinition[] = [];
  for (const slo of slos) {
    const first = seen.get(slo.name);
    if (first) {
      problems.push({
        entityRef,
        annotation: slo.origin.annotation,
        path: slo.origin.detail ?? '',
        message: `The SLO name "${slo.name}" is already used by an SLO from ${first.origin.annotation}${first.origin.detail ? ` (${first.origin.detail})` : ''}; give each SLO of an entity its own name.`,
        found: slo.name,
        expected: 'a name not used by another SLO of this entity',
        sloName: slo.name,
      });
      continue;
    }
    seen.set(slo.name, slo);
    unique.push(slo);
  }
  if (unique.length > MAX_SLOS_PER_ENTITY) {
    // Each SLO costs source queries every cycle, stored buckets and work on
    // every page view: one annotation must not be able to take the backend down.
    const first = unique[MAX_SLOS_PER_ENTITY];
    problems.push({
      entityRef,
      annotation: first.origin.annotation,
      path: '',
      message: `The entity declares ${unique.length} SLOs; at most ${MAX_SLOS_PER_ENTITY} are read, so "${first.name}" and the ones after it are left out. Split the SLOs across the entities they measure.`,
      found: `${unique.length} SLOs`,
      expected: `at most ${MAX_SLOS_PER_ENTITY} SLOs per entity`,
    });
    return { ...withCorrections(entity, entityRef, unique.slice(0, MAX_SLOS_PER_ENTITY), problems, options), composites };
  }
  return { ...withCorrections(entity, entityRef, unique, problems, options), composites };
}

/** Reads the entity's corrections and gives each SLO those that target it. */
function withCorrections(
  entity: Entity,
  entityRef: string,
  slos: SloDefinition[],
  problems: ValidationProblem[],
  options: ParseEntitySlosOptions,
): Omit<EntitySlos, 'composites'> {
  const text = entity?.metadata?.annotations?.[SLO_CORRECTIONS_ANNOTATION];
  if (text === undefined) return { slos, problems };
  if (typeof text !== 'string') {
    problems.push({ entityRef, annotation: SLO_CORRECTIONS_ANNOTATION, path: '', message: 'Annotation values must be text; write the YAML as a block scalar (annotation: |).' });
    return { slos, problems };
  }
  const read = parseCorrections(text, { entityRef, slos, now: options.now });
  problems.push(...read.problems);
  if (read.corrections.length === 0) return { slos, problems };
  return {
    slos: slos.map(slo => {
      const applying = read.corrections.filter(c => correctionTargets(c, slo));
      return applying.length > 0 ? { ...slo, corrections: [...(slo.corrections ?? []), ...applying] } : slo;
    }),
    problems,
  };
}
