export { sloApiRef } from './SloApi';
export type { SloApi, SloHistoryRequest, SloSeriesRequest } from './SloApi';
export { SloClient } from './SloClient';
