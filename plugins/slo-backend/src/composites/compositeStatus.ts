import {
  evaluateSlo,
  evaluateWeightedComposite,
  normalizeEntityRef,
  type BucketSums,
  type CompositeMemberStatus,
  type CompositeSloDefinition,
  type CompositeSloStatus,
  type EventBucket,
  type PooledBuckets,
  type ResolvedCompositeMember,
  type SloDataState,
  type SloDefinition,
  type SloStatus,
} from '@slo-kit/plugin-slo-common';
import { HIDDEN_MEMBER } from './compositeMembers';

/** Member states that make a composite partial: its events are missing or old. */
const INCOMPLETE_STATES: readonly SloDataState[] = [
  'no-data',
  'partial',
  'stale',
  'error',
];

/**
 * A composite's status with every member shown, and which members make it
 * partial: computed once for every caller, then shown to each by
 * {@link statusForCaller}.
 */
export interface CompositeStatusFigures {
  status: CompositeSloStatus;
  /** Indexes of the members whose data is missing or old. */
  partialMembers: number[];
  /** Each member's SLO id, in member order: what a hidden member's name is masked by. */
  memberSloIds: string[];
}

/** What a composite's status is computed from. */
export interface CompositeStatusInput {
  composite: CompositeSloDefinition;
  members: readonly ResolvedCompositeMember[];
  /** The composite as an SLO definition, for the ordinary math. */
  definition: SloDefinition;
  /** Each member's own status, in member order. */
  statuses: readonly SloStatus[];
  /** The members' distinct bucket lengths, and the longest. */
  sizes: readonly number[];
  bucketSeconds: number;
  /** The aligned "now". */
  at: number;
  coverageThreshold?: number;
  /** Each member's good and total over the window, in member order. */
  windowSums: readonly BucketSums[];
  /** `events`: the members' buckets over the status range, pooled. */
  pooled?: PooledBuckets;
  /** `weighted`: each member's buckets over the status range. */
  memberBuckets?: ReadonlyArray<readonly EventBucket[]>;
}

/**
 * A composite's status: `events` by the ordinary evaluation of the pooled
 * buckets, `weighted` by the weighted mean of the members' SLIs; each
 * member's contribution is its share of the composite's shortfall (bad
 * events, or weighted SLI shortfall).
 */
export function compositeStatus(
  input: CompositeStatusInput,
): CompositeStatusFigures {
  const { composite, members, statuses, sizes, at, windowSums } = input;
  const partialMembers = members.flatMap((_m, i) =>
    INCOMPLETE_STATES.includes(
      statuses[i].evaluations[0]?.dataState ?? 'no-data',
    )
      ? [i]
      : [],
  );
  let gridMismatch =
    sizes.length > 1
      ? `Members are collected in buckets of different lengths (${sizes.join(
          ', ',
        )} s): pool only SLOs collected at one resolution.`
      : null;
  let shortfalls: number[];
  let result: Pick<
    CompositeSloStatus,
    'evaluation' | 'weighted' | 'health' | 'dataState'
  >;
  if (composite.semantics === 'events') {
    const pooled = input.pooled ?? { buckets: [], gridMismatch: null };
    gridMismatch = gridMismatch ?? pooled.gridMismatch;
    const evaluation = evaluateSlo({
      definition: input.definition,
      buckets: pooled.buckets,
      at,
      bucketSeconds: input.bucketSeconds,
      coverageThreshold: input.coverageThreshold,
    });
    shortfalls = windowSums.map(s =>
      Math.max(0, s.total - Math.min(s.good, s.total)),
    );
    result = {
      evaluation,
      health: evaluation.health,
      dataState: evaluation.dataState,
    };
  } else {
    const memberBuckets = input.memberBuckets ?? [];
    const weighted = evaluateWeightedComposite({
      objective: composite.objective,
      window: composite.window,
      at,
      bucketSeconds: input.bucketSeconds,
      members: members.map((m, i) => ({
        weight: m.weight,
        buckets: memberBuckets[i] ?? [],
      })),
    });
    shortfalls = weighted.memberSlis.map((sli, i) =>
      sli === null ? 0 : members[i].weight * (1 - sli),
    );
    result = {
      weighted,
      health: weighted.health,
      dataState: weighted.sli === null ? 'no-data' : 'ok',
    };
  }
  const shortfall = shortfalls.reduce((sum, value) => sum + value, 0);
  const memberStatuses: CompositeMemberStatus[] = members.map((member, i) => {
    const own = statuses[i].evaluations[0];
    const sums = windowSums[i];
    const good = Math.min(sums.good, sums.total);
    return {
      visible: true,
      entityRef: normalizeEntityRef(member.entityRef),
      sloName: member.sloName,
      weight: member.weight,
      good,
      total: sums.total,
      sli: sums.total > 0 ? good / sums.total : null,
      badShare: shortfall > 0 ? shortfalls[i] / shortfall : null,
      health: own?.health ?? 'unknown',
      dataState: own?.dataState ?? 'no-data',
    };
  });
  return {
    partialMembers,
    memberSloIds: members.map(m => m.sloId),
    status: {
      name: composite.name,
      ...(composite.description !== undefined
        ? { description: composite.description }
        : {}),
      objective: composite.objective,
      window: composite.window,
      semantics: composite.semantics,
      ...result,
      dataState: partialMembers.length > 0 ? 'partial' : result.dataState,
      partialMembers: partialMembers.map(i => members[i].sloId),
      gridMismatch,
      members: memberStatuses,
    },
  };
}

/**
 * A composite's status as one caller may see it: a member whose entity the
 * caller may not read keeps counting in the figures but is shown as
 * "another entity", without its name, SLI or share, in the member list, in
 * `partialMembers`, in a grid mismatch's message and in a weighted
 * composite's member SLIs.
 */
export function statusForCaller(
  figures: CompositeStatusFigures,
  visible: readonly boolean[],
): CompositeSloStatus {
  const { status, partialMembers, memberSloIds } = figures;
  // A grid mismatch names the members whose buckets disagree.
  const gridMismatch = memberSloIds.reduce<string | null>(
    (message, sloId, i) =>
      message !== null && !visible[i]
        ? message.split(sloId).join(HIDDEN_MEMBER)
        : message,
    status.gridMismatch,
  );
  return {
    ...status,
    gridMismatch,
    ...(status.weighted
      ? {
          weighted: {
            ...status.weighted,
            memberSlis: status.weighted.memberSlis.map((sli, i) =>
              visible[i] ? sli : null,
            ),
          },
        }
      : {}),
    partialMembers: partialMembers.map((i, j) =>
      visible[i] ? status.partialMembers[j] : HIDDEN_MEMBER,
    ),
    members: status.members.map((member, i) =>
      visible[i] ? member : { visible: false, label: HIDDEN_MEMBER },
    ),
  };
}
