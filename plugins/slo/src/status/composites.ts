import { parseEntityRef } from '@backstage/catalog-model';
import type {
  CompositeMemberStatus,
  CompositeSloStatus,
} from '@slo-kit/plugin-slo-common';
import { formatObjective } from '../format';
import { DATA_STATE_LABELS, type DataStateExplanation } from './dataState';
import { formatWindow } from './describeSli';
import { HEALTH_RANK } from './health';

/** A member the caller may read, with its figures. */
export type VisibleCompositeMember = Extract<CompositeMemberStatus, { visible: true }>;

/** How members combine, as a headline says it. */
export const SEMANTICS_LABELS: Record<CompositeSloStatus['semantics'], string> = {
  events: 'pooled events',
  weighted: 'weighted SLIs',
};

/**
 * What kind of row a scorecard or review row is, as the pages name it after
 * a composite's name and as the CSV exports' kind column says it: `slo`, or
 * `composite, events` / `composite, weighted`.
 */
export function sloKind(composite: CompositeSloStatus['semantics'] | undefined): string {
  return composite ? `composite, ${composite}` : 'slo';
}

/** `events composite · 99.9% · rolling 30d · 3 members` */
export function compositeHeadline(composite: CompositeSloStatus): string {
  const members = composite.members.length;
  return [
    `${composite.semantics} composite`,
    formatObjective(composite.objective),
    formatWindow(composite.window),
    `${members} member${members === 1 ? '' : 's'}`,
  ].join(' · ');
}

/**
 * A member entity's name as people read it: `checkout` for a Component in
 * the default namespace, `api:payments/cards` otherwise.
 */
export function memberEntityName(entityRef: string): string {
  try {
    const ref = parseEntityRef(entityRef);
    const kind = ref.kind.toLocaleLowerCase('en-US');
    const namespace = ref.namespace === 'default' ? '' : `${ref.namespace}/`;
    return `${kind === 'component' ? '' : `${kind}:`}${namespace}${ref.name}`;
  } catch {
    return entityRef;
  }
}

/**
 * Members in the order the contributions table shows them: the largest share
 * of the bad events first, then worst status, then as declared; members the
 * caller may not read last, as declared.
 */
export function membersByContribution(
  members: readonly CompositeMemberStatus[],
): CompositeMemberStatus[] {
  const order = (member: CompositeMemberStatus) => members.indexOf(member);
  return [...members].sort((a, b) => {
    if (!a.visible || !b.visible) {
      return Number(!a.visible) - Number(!b.visible) || order(a) - order(b);
    }
    const share = (b.badShare ?? -1) - (a.badShare ?? -1);
    if (share !== 0) {
      return share;
    }
    return HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || order(a) - order(b);
  });
}

/**
 * Why a composite's figures are incomplete or approximate: members without
 * data or with stale collection (named, or "another entity"), and members
 * whose buckets are not on one grid. Undefined when neither applies.
 */
export function explainComposite(
  composite: CompositeSloStatus,
): DataStateExplanation | undefined {
  const partial = composite.partialMembers;
  if (partial.length > 0) {
    const names = partial.join(', ');
    return {
      state: 'partial',
      title: `${DATA_STATE_LABELS.partial}: ${partial.length} member${
        partial.length === 1 ? ' is' : 's are'
      } incomplete`,
      detail: `${names} ${
        partial.length === 1 ? 'has' : 'have'
      } no data, partial data or a stale or failing collection, so the composite counts only the events stored so far. Open ${
        partial.length === 1 ? 'that member' : 'those members'
      } below for the reason.${
        composite.gridMismatch ? ` ${composite.gridMismatch}` : ''
      }`,
      severity: 'warning',
    };
  }
  if (composite.gridMismatch) {
    return {
      state: composite.dataState,
      title: 'Members on different grids: the figures may be approximate',
      detail: composite.gridMismatch,
      severity: 'warning',
    };
  }
  if (composite.dataState !== 'ok') {
    return {
      state: composite.dataState,
      title: DATA_STATE_LABELS[composite.dataState],
      detail:
        composite.dataState === 'no-data'
          ? 'None of the members recorded events in the window, so there is no attainment to show.'
          : 'Some of the window has no events stored yet; the figures count what is stored.',
      severity: 'warning',
    };
  }
  return undefined;
}
