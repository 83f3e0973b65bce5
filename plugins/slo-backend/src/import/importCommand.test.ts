import type { Entity } from '@backstage/catalog-model';
import {
  parseEntitySlos,
  parseOpenSlo,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import { mkdtempSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { main } from '../cli/main';

const FIXTURES = path.join(__dirname, '__fixtures__');
// An empty working directory, so that no app-config.yaml is picked up by `validate`.
const cwd = mkdtempSync(path.join(os.tmpdir(), 'slo-import-cwd-'));

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: text => (out += `${text}\n`),
    err: text => (err += `${text}\n`),
    cwd,
  });
  return { code, out, err };
}

/** What a definition says, without where it came from. */
const meaning = ({
  name,
  description,
  sli,
  objectives,
  window,
  labels,
}: SloDefinition) => ({
  name,
  description,
  sli,
  objectives: objectives.map(objective => objective.target),
  window: window.type === 'rolling' ? window.durationSeconds : window.unit,
  labels,
});

describe('yarn slo import', () => {
  const files = [
    path.join(FIXTURES, 'sloth', 'kubernetes-apiserver.yml'),
    path.join(FIXTURES, 'pyrra', 'prometheus-probe-success.yaml'),
    path.join(FIXTURES, 'openslo', 'web-shop.yaml'),
  ];

  it('prints catalog annotations that `yarn slo validate` accepts, and the report on stderr', async () => {
    const result = await run(['import', ...files]);
    expect(result.code).toBe(0);
    const entities = YAML.parseAllDocuments(result.out).map(
      document => document.toJS() as Entity,
    );
    expect(entities.map(entity => entity.metadata.name)).toEqual([
      'k8s-apiserver',
      'blackbox',
      'web-shop',
    ]);
    expect(result.out).toContain(
      '# component:default/k8s-apiserver: 2 SLO(s) imported by `yarn slo import`',
    );
    expect(result.err).toContain(
      'kubernetes-apiserver.yml: slos[0].alerting.name: not carried: the alert name "K8sApiserverAvailabilityAlert"',
    );
    expect(result.err).toMatch(
      /Imported 5 SLO\(s\) for 3 entities; 0 refused, \d+ setting\(s\) not carried over, \d+ changed/,
    );

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-import-'));
    const catalog = path.join(dir, 'catalog-info.yaml');
    await fs.writeFile(catalog, result.out);
    expect(await run(['validate', catalog])).toMatchObject({
      code: 0,
      out: '5 SLO(s) valid.\n',
    });
  });

  it('prints OpenSLO that reads back as the same SLOs', async () => {
    const annotations = await run(['import', ...files]);
    const openslo = await run(['import', '--format', 'openslo', ...files]);
    expect(openslo.code).toBe(0);
    const fromAnnotations = YAML.parseAllDocuments(annotations.out).flatMap(
      document => parseEntitySlos(document.toJS() as Entity).slos.map(meaning),
    );
    const parsed = parseOpenSlo(openslo.out, {
      entityRef: 'component:default/any',
      location: 'import',
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.slos.map(meaning)).toEqual(fromAnnotations);
    expect(
      YAML.parseAllDocuments(openslo.out).map(
        document => document.toJS().spec.service,
      ),
    ).toEqual([
      'k8s-apiserver',
      'k8s-apiserver',
      'blackbox',
      'web-shop',
      'web-shop',
    ]);
  });

  it('puts every SLO on --entity, in its kind and namespace', async () => {
    const result = await run([
      'import',
      '--entity',
      'system:payments/shop',
      ...files,
    ]);
    const entities = YAML.parseAllDocuments(result.out).map(
      document => document.toJS() as Entity,
    );
    expect(
      entities.map(entity => [
        entity.kind,
        entity.metadata.namespace,
        entity.metadata.name,
      ]),
    ).toEqual([['System', 'payments', 'shop']]);
    expect(parseEntitySlos(entities[0]).slos).toHaveLength(5);
  });

  it('gives Sloth SLOs the window of --sloth-window', async () => {
    const result = await run(['import', '--sloth-window', '28d', files[0]]);
    expect(
      YAML.parse(
        YAML.parse(result.out).metadata.annotations['slo-kit.dev/slos'],
      )[0].window,
    ).toBe('28d');
  });

  it('exits 1 when it refuses anything, and still prints what it could import', async () => {
    const result = await run([
      'import',
      path.join(FIXTURES, 'sloth', 'plugin-getting-started.yml'),
      path.join(cwd, 'missing.yml'),
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('- name: requests-availability-events');
    expect(result.err).toContain(
      'plugin-getting-started.yml: slos[0].sli.plugin: refused: SLI plugin "getting_started_availability" runs Go code',
    );
    expect(result.err).toContain(
      'missing.yml: refused: the file cannot be read',
    );
    expect(result.err).toContain('Imported 1 SLO(s) for 1 entity; 2 refused');
  });

  it('exits 2 on bad options, saying what to use', async () => {
    expect(await run(['import', '--format', 'xml', files[0]])).toMatchObject({
      code: 2,
      err: 'Invalid --format "xml". Use annotations or openslo.\n',
      out: '',
    });
    expect(
      await run(['import', '--entity', 'not a name', files[0]]),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining('Invalid --entity "not a name"'),
    });
    expect(
      await run(['import', '--sloth-window', 'fortnight', files[0]]),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining('Invalid --sloth-window "fortnight"'),
    });
    expect((await run(['import'])).code).toBe(2);
  });
});
