import { SLO_ANNOTATION } from '@slo-kit/plugin-slo-common';

/**
 * A minimal, valid SLO annotation for an entity, ready to paste into its
 * catalog-info.yaml: one availability SLO on request counters.
 */
export function exampleAnnotation(entityName: string): string {
  const service = entityName || 'my-service';
  return [
    'metadata:',
    '  annotations:',
    `    ${SLO_ANNOTATION}: |`,
    `      - name: ${service}-availability`,
    '        description: Requests served without a server error',
    '        objective: 99.9',
    '        window: 30d',
    '        sli:',
    '          ratio:',
    `            good: http_requests_total{service="${service}",code!~"5.."}`,
    `            total: http_requests_total{service="${service}"}`,
    '',
  ].join('\n');
}
