import type { Entity } from '@backstage/catalog-model';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { generatePrometheusRules } from '../../rules/generatePrometheusRules';
import { parseEntitySlos } from '../parseEntitySlos';
import { BUILTIN_SLI_TEMPLATES } from './index';

/** Debian's promtool; a missing one fails the test (it must never skip). */
function findPromtool(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, 'promtool'), constants.X_OK);
      return join(dir, 'promtool');
    } catch {
      // Not here.
    }
  }
  throw new Error("promtool was not found on PATH. Install Debian's 'prometheus' package, which provides promtool.");
}

jest.setTimeout(60_000);

describe('every built-in template gives rules promtool accepts', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slo-template-rules-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('checks one rules file per template', () => {
    const promtool = findPromtool();
    const files = BUILTIN_SLI_TEMPLATES.map(template => {
      const values = Object.fromEntries(
        template.parameters.map(parameter => [parameter.name, parameter.default ?? parameter.example]),
      );
      const entity: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'service', annotations: { 'slo-kit.dev/templates': stringify({ [template.name]: values }) } },
      };
      const { slos, problems } = parseEntitySlos(entity);
      expect({ template: template.name, problems }).toEqual({ template: template.name, problems: [] });
      const text = generatePrometheusRules(slos);
      const rules = parse(text).groups.flatMap((group: { rules: unknown[] }) => group.rules);
      // Recording rules for every window plus four burn-rate alerts.
      expect(rules.filter((rule: { alert?: string }) => rule.alert)).toHaveLength(4);
      const file = `${template.name}.yaml`;
      writeFileSync(join(dir, file), text);
      return { file, count: rules.length };
    });
    const result = spawnSync(promtool, ['check', 'rules', ...files.map(f => f.file)], { cwd: dir, encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`;
    expect({ status: result.status, output }).toEqual({ status: 0, output: expect.any(String) });
    for (const { file, count } of files) {
      expect(output).toContain(`Checking ${file}\n  SUCCESS: ${count} rules found`);
    }
  });
});
