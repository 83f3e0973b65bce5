export * from './CompositeSlo';
export { parseCompositeSlos, MAX_COMPOSITE_MEMBERS } from './parseCompositeSlos';
export type { EntityComposites } from './parseCompositeSlos';
export { validateCompositeMembers, sameWindow } from './validateCompositeMembers';
export type { CompositeMemberEntity, ResolvedCompositeMember } from './validateCompositeMembers';
export * from './poolBuckets';
export * from './compositeAsSloDefinition';
export * from './evaluateWeightedComposite';
export * from './compositeApiTypes';
