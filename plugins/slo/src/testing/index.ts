export * from './fixtures';
export { FakeSloApi } from './FakeSloApi';
