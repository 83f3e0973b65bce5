import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cliConfigFiles, loadCliConfig } from './loadCliConfig';

describe('cliConfigFiles', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-cli-config-'));
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('uses the files given with --config', () => {
    expect(cliConfigFiles(['a.yaml', 'b.yaml'], dir)).toEqual(['a.yaml', 'b.yaml']);
  });

  it('finds nothing where the working directory has no app-config.yaml', () => {
    expect(cliConfigFiles([], dir)).toEqual([]);
  });

  it("falls back to the working directory's app-config.yaml, as the backend reads it", async () => {
    const file = path.join(dir, 'app-config.yaml');
    await fs.writeFile(file, 'slo:\n  templates:\n    web: {slo: {name: web}}\n');
    expect(cliConfigFiles([], dir)).toEqual([file]);
    const config = await loadCliConfig(cliConfigFiles([], dir));
    expect(config.getOptional('slo.templates.web.slo.name')).toBe('web');
  });
});
