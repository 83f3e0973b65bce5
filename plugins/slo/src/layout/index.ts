export {
  focusRingSx,
  horizontalScrollSx,
  MAX_CONTENT_WIDTH,
  pageFrameSx,
  stickyFirstColumnSx,
} from './pageFrame';
export { TableScrollRegion } from './TableScrollRegion';
