export { RulesButton } from './RulesButton';
export type { RulesButtonProps } from './RulesButton';
