import type { SliTemplate } from '../SliTemplate';
import { jobParameter, latencyTemplate, ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'CoreDNS',
  serviceParameter: 'job',
  documentation: [
    { title: 'CoreDNS plugin: prometheus (Metrics)', url: 'https://coredns.io/plugins/metrics/' },
  ],
  parameters: [
    jobParameter('coredns'),
    { name: 'zone', description: 'A regular expression for the zone label (default: every zone).', default: '.+', required: false },
  ],
};

/**
 * CoreDNS's prometheus plugin: `coredns_dns_responses_total{rcode}` and
 * `coredns_dns_request_duration_seconds`.
 */
export const COREDNS_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'coredns-availability',
    description: 'DNS responses that are not SERVFAIL (CoreDNS coredns_dns_responses_total, rcode).',
    sloDescription: 'DNS queries to {{job}} answered without SERVFAIL.',
    bad: 'coredns_dns_responses_total{job="{{job}}",zone=~"{{zone}}",rcode="SERVFAIL"}',
    total: 'coredns_dns_responses_total{job="{{job}}",zone=~"{{zone}}"}',
    objective: 99.9,
  }),
  latencyTemplate(family, {
    name: 'coredns-latency',
    description: 'DNS requests answered within a latency threshold (CoreDNS coredns_dns_request_duration_seconds; buckets 0.25 ms doubling to 8.192 s).',
    sloDescription: 'DNS queries to {{job}} answered within the {{threshold}} latency threshold.',
    histogram: 'coredns_dns_request_duration_seconds{job="{{job}}",zone=~"{{zone}}"}',
    threshold: 0.128,
    unit: 'seconds',
    objective: 99,
  }),
];
