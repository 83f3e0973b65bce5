import { parseEntitySlos } from '@slo-kit/plugin-slo-common';
import { readdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  IMPORT_FIXTURES as FIXTURES,
  importNote as note,
  runImport as run,
} from '../__testUtils__/importFixtures';
import { entityWith } from './validateImported';

describe('importFiles: what it refuses', () => {
  let dir: string;
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'slo-import-'));
  });

  it('names the file, the document and the path, and says how to fix it', async () => {
    const files = [
      await write('v2.yml', 'version: prometheus/v2\nservice: x\n'),
      await write(
        'kind.yml',
        'apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjectiv\n',
      ),
      await write(
        'entity.yml',
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: x}\n',
      ),
      await write(
        'other.yml',
        'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n',
      ),
      await write('broken.yml', 'foo: [1,\n'),
      await write('empty.yml', '\n'),
      path.join(dir, 'missing.yml'),
    ];
    const { entities, notes } = await run(files);
    expect(entities).toEqual([]);
    expect(notes.map(n => [path.basename(n.file), n.kind, n.path])).toEqual([
      ['v2.yml', 'refused', 'version'],
      ['kind.yml', 'refused', 'kind'],
      ['entity.yml', 'refused', 'apiVersion'],
      ['other.yml', 'refused', 'apiVersion'],
      ['broken.yml', 'refused', ''],
      ['empty.yml', 'refused', ''],
      ['missing.yml', 'refused', ''],
    ]);
    expect(notes[0].message).toMatch(/Did you mean "prometheus\/v1"/);
    expect(notes[1].message).toMatch(/Did you mean "ServiceLevelObjective"/);
    expect(notes[2].message).toMatch(/yarn slo validate/);
    expect(notes[3].message).toMatch(/Expected a Sloth spec/);
    expect(notes[4].message).toMatch(/cannot be read as YAML.*line 2/);
    expect(notes[6].message).toMatch(/cannot be read/);
  });

  it('refuses each broken SLO of a file and keeps the good ones, with every problem at once', async () => {
    const file = await write(
      'mixed.yml',
      [
        'version: "prometheus/v1"',
        'service: "my service!"',
        'slos:',
        '  - name: Requests Availability',
        '    objectve: 99.9',
        '    sli:',
        '      events:',
        '        error_query: sum(irate(x[{{.window}}]))',
        '        total_querry: sum(rate(x[5m]))',
        '  - name: b',
        '    objective: 100',
        '    sli: {events: {error_query: "sum(rate(x{c=\\"5\\"}[{{.window}}]))", total_query: "sum(rate(x[{{.window}}]))"}}',
        '  - name: c',
        '    objective: 99',
        '    sli: {raw: {error_ratio_query: "avg_over_time(ratio[{{.window}}])"}}',
        '  - name: d',
        '    objective: 99',
        '    sli: {events: {error_query: "sum(rate(x{c=\\"5\\"}[{{.window}}]))", total_query: "sum(rate(x[{{ .window }}]))"}}',
        '  - name: d',
        '    objective: 99.5',
        '    sli: {events: {error_query: "sum(rate(x{c=\\"5\\"}[{{.window}}]))", total_query: "sum(rate(x[{{.window}}]))"}}',
      ].join('\n'),
    );
    const { items, notes, where } = await run([file]);
    expect(items).toEqual({
      'my-service': [expect.objectContaining({ name: 'd', objective: 99 })],
    });
    expect(where('refused')).toEqual([
      ':slos[0].sli.events.total_query',
      ':slos[0].sli.events.error_query',
      ':slos[2].sli.raw.error_ratio_query',
      ':slos[1].objective',
      ':slos[4].name',
    ]);
    expect(notes).toContainEqual(
      note('not carried', 'slos[0].objectve', /did you mean "objective"/),
    );
    expect(notes).toContainEqual(
      note(
        'not carried',
        'slos[0].sli.events.total_querry',
        /did you mean "total_query"/,
      ),
    );
    expect(notes).toContainEqual(
      note('changed', 'service', /entity "my-service"/),
    );
    expect(notes).toContainEqual(
      note('refused', 'slos[1].objective', /100 is out of range/),
    );
    expect(notes).toContainEqual(
      note(
        'refused',
        'slos[4].name',
        /already used on component:default\/my-service by the SLO from .*mixed.yml slos\[3\]/,
      ),
    );
  });

  it('survives hostile YAML', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 20 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(
            98 + i,
          )} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(
            97 + i,
          )}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(
            97 + i,
          )}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(
            97 + i,
          )}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(
            97 + i,
          )}]`,
      ),
    ].join('\n');
    const files = [
      await write('bomb.yml', bomb),
      await write('deep.yml', `${'['.repeat(5000)}${']'.repeat(5000)}`),
      await write('list.yml', '- 1\n- two\n'),
      await write(
        'null-spec.yml',
        'apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata: {name: x}\nspec:\n',
      ),
      await write(
        'spaces.yml',
        `version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: 99\n    sli: {events: {error_query: "sum(rate(x[{{.window}}]))${' '.repeat(
          5000,
        )}/ 1", total_query: "sum(rate(x[{{.window}}]))"}}\n`,
      ),
    ];
    const { entities, where } = await run(files);
    expect(entities).toEqual([]);
    expect(where('refused').length).toBeGreaterThanOrEqual(5);
  });
});

describe('importFiles: output', () => {
  it('writes items that the annotation parser reads back with no problem, for every documented example', async () => {
    const files = ['sloth', 'pyrra', 'openslo'].flatMap(folder =>
      readdirSync(path.join(FIXTURES, folder)).map(name =>
        path.join(FIXTURES, folder, name),
      ),
    );
    expect(files.length).toBeGreaterThanOrEqual(15);
    const refused: string[] = [];
    for (const file of files) {
      // One at a time: several examples share a service and an SLO name.
      const { entities, report } = await run([file]);
      refused.push(
        ...report.notes
          .filter(n => n.kind === 'refused')
          .map(n => path.basename(n.file)),
      );
      expect({ file, imported: entities.length > 0 }).toEqual({
        file,
        imported: !file.endsWith('pyrra-connect-latency.yaml'),
      });
      for (const group of entities) {
        const parsed = parseEntitySlos(
          entityWith(
            group.entity,
            group.slos.map(({ imported }) => imported.item),
          ),
        );
        expect({ file, problems: parsed.problems }).toEqual({
          file,
          problems: [],
        });
        expect(parsed.slos).toHaveLength(group.slos.length);
      }
    }
    // Refused on purpose: Pyrra's native-histogram latency and the Sloth SLI plugin.
    expect(refused.sort()).toEqual([
      'plugin-getting-started.yml',
      'pyrra-connect-latency.yaml',
    ]);
  });
});
