// The catalog of the scale fixture, as one entity YAML file the portal's
// catalog ingests like any other location: an organisation with a
// 200-service team and a 300-service division, every service with three SLOs
// (ratio, latency, time-slice) and a flagship service with ten.
import { writeFile } from 'node:fs/promises';
import { sloCommon } from './fixtureModule.mjs';

/** Team names and sizes; `team-large` is the 200-service team, `division-a` holds 300. */
export function teamLayout(serviceCount) {
  const teams = [];
  let next = 0;
  const take = (name, parent, size) => {
    const count = Math.max(0, Math.min(size, serviceCount - next));
    teams.push({ name, parent, first: next, count });
    next += count;
  };
  take('team-large', 'division-a', Math.round(serviceCount / 5));
  take('team-a2', 'division-a', Math.round(serviceCount / 10));
  let b = 1;
  while (next < serviceCount) {
    take(
      `team-b${String(b).padStart(2, '0')}`,
      'division-b',
      Math.max(1, Math.round(serviceCount / 20)),
    );
    b++;
  }
  return teams;
}

/** The 300-service division (at 1,000 services): its ref and how many services it owns, the first of the fleet. */
export function divisionOf(serviceCount) {
  return {
    ref: 'group:default/division-a',
    services: teamLayout(serviceCount)
      .filter(team => team.parent === 'division-a')
      .reduce((sum, team) => sum + team.count, 0),
  };
}

export function threeSlos(service) {
  const good = `http_requests_total{service="${service}",code!~"5.."}`;
  const total = `http_requests_total{service="${service}"}`;
  return [
    {
      name: 'availability',
      description: 'Requests served without a server error',
      objective: 99.9,
      window: '30d',
      sli: { ratio: { good, total } },
    },
    {
      name: 'latency',
      description: 'Requests served within 250 ms',
      objective: 99,
      window: '30d',
      sli: {
        latency: {
          histogram: `http_request_duration_seconds{service="${service}"}`,
          threshold: 0.25,
        },
      },
    },
    {
      name: 'good-five-minutes',
      description: 'Five-minute slices with at least 99% successful requests',
      objective: 95,
      window: '30d',
      sli: {
        timeSlice: { slice: '5m', ratio: { good, total }, threshold: 0.99 },
      },
    },
  ];
}

/** Ten SLOs over 90 days: every latency boundary, three window kinds, a time slice. */
export function flagshipSlos(service) {
  const good = `http_requests_total{service="${service}",code!~"5.."}`;
  const total = `http_requests_total{service="${service}"}`;
  const histogram = `http_request_duration_seconds{service="${service}"}`;
  const latency = (name, threshold, objective, window = '30d') => ({
    name,
    description: `Requests served within ${threshold * 1000} ms`,
    objective,
    window,
    sli: { latency: { histogram, threshold } },
  });
  return [
    {
      name: 'availability',
      description: 'Requests served without a server error',
      objective: 99.9,
      window: '30d',
      sli: { ratio: { good, total } },
    },
    {
      name: 'availability-7d',
      description: 'The same over a week',
      objective: 99.5,
      window: '7d',
      sli: { ratio: { good, total } },
    },
    {
      name: 'availability-monthly',
      description: 'The same per calendar month',
      objective: 99.9,
      window: { calendar: 'month', timeZone: 'Europe/Berlin' },
      sli: { ratio: { good, total } },
    },
    latency('latency-100ms', 0.1, 90),
    latency('latency-250ms', 0.25, 99),
    latency('latency-500ms', 0.5, 99.5),
    latency('latency-1s', 1, 99.9),
    latency('latency-2500ms', 2.5, 99.95, '90d'),
    latency('latency-quarterly', 0.25, 99, { calendar: 'quarter' }),
    {
      name: 'good-five-minutes',
      description: 'Five-minute slices with at least 99% successful requests',
      objective: 95,
      window: '30d',
      sli: {
        timeSlice: { slice: '5m', ratio: { good, total }, threshold: 0.99 },
      },
    },
  ];
}

function yamlString(value) {
  return JSON.stringify(value);
}

/** Block-literal YAML for an annotation value (JSON is valid YAML, one SLO per line). */
function slosAnnotation(slos) {
  return `|\n${slos.map(slo => `      - ${JSON.stringify(slo)}`).join('\n')}`;
}

function component(name, owner, slos) {
  return [
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    `  title: ${yamlString(name.replace(/^svc-/, 'Service '))}`,
    '  annotations:',
    `    slo-kit.dev/slos: ${slosAnnotation(slos)}`,
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: ${owner}`,
  ].join('\n');
}

function group(name, type, parent, children) {
  return [
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  type: ${type}`,
    ...(parent ? [`  parent: ${parent}`] : []),
    `  children: [${children.join(', ')}]`,
  ].join('\n');
}

/**
 * Writes the catalog file and returns what the bench needs to know about it:
 * entity refs, the big team, the division and the flagship.
 */
export async function writeScaleCatalog({ file, serviceNames, flagship }) {
  const { text, ...catalog } = scaleCatalog({ serviceNames, flagship });
  await writeFile(file, text);
  return catalog;
}

/** The catalog file's text and what the bench needs to know about it (see {@link writeScaleCatalog}). */
export function scaleCatalog({ serviceNames, flagship }) {
  const teams = teamLayout(serviceNames.length);
  const divisions = ['division-a', 'division-b'];
  const docs = [group('engineering', 'department', undefined, divisions)];
  for (const division of divisions) {
    docs.push(
      group(
        division,
        'division',
        'engineering',
        teams.filter(t => t.parent === division).map(t => t.name),
      ),
    );
  }
  for (const team of teams)
    docs.push(group(team.name, 'team', team.parent, []));
  docs.push(
    [
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: User',
      'metadata:',
      '  name: guest',
      'spec:',
      '  memberOf: [team-large]',
    ].join('\n'),
  );
  const ownerOf = index =>
    teams.find(t => index >= t.first && index < t.first + t.count).name;
  serviceNames.forEach((name, index) =>
    docs.push(component(name, ownerOf(index), threeSlos(name))),
  );
  // The flagship belongs to the last team, outside division-a, so the 300-service division stays 300.
  const flagshipOwner = teams[teams.length - 1].name;
  if (flagship)
    docs.push(component(flagship, flagshipOwner, flagshipSlos(flagship)));
  const largeTeam = teams[0];
  return {
    text: `${docs.join('\n')}\n`,
    entityRefs: [
      ...serviceNames.map(name => `component:default/${name}`),
      ...(flagship ? [`component:default/${flagship}`] : []),
    ],
    sloCount: serviceNames.length * 3 + (flagship ? 10 : 0),
    largeTeam: {
      ref: `group:default/${largeTeam.name}`,
      services: largeTeam.count,
    },
    division: divisionOf(serviceNames.length),
    flagship: flagship
      ? { ref: `component:default/${flagship}`, slos: 10 }
      : undefined,
    teams: teams.length,
  };
}

/** The plugin's SLO definitions of a component with `slos` (as its annotation), for the Prometheus baseline. */
export function definitionsOf(name, slos) {
  const parsed = sloCommon().parseEntitySlos(
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: { 'slo-kit.dev/slos': JSON.stringify(slos) },
      },
      spec: {},
    },
    {},
  );
  if (parsed.problems.length > 0)
    throw new Error(
      `the bench's own SLOs of ${name} are invalid: ${JSON.stringify(
        parsed.problems,
      )}`,
    );
  return parsed.slos;
}
