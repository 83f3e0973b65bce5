export { sliBatchVariants, type SliBatchVariant } from './sliBatchVariants';
export { batchedSli } from './batchedSli';
