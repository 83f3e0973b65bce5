export { DataStateNotice } from './DataStateNotice';
export type { DataStateNoticeProps } from './DataStateNotice';
