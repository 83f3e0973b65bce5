export * from './ReviewApi';
export * from './reviewTables';
export * from './useReview';
