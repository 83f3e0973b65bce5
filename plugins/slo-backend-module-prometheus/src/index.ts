/***/
/**
 * The prometheus backend module for the slo plugin.
 *
 * @packageDocumentation
 */

export { sloModulePrometheus as default } from './module';
