export * from './fixtures';
export { FakeSloApi } from './FakeSloApi';
export { renderSlo } from './renderSlo';
