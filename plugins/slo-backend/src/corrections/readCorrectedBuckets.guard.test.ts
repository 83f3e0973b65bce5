import fs from 'node:fs';
import path from 'node:path';

/** Every TypeScript file under `dir`, tests left out. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('readCorrectedBuckets is the one way figures read buckets', () => {
  it('no code outside the store reads store.readBuckets directly', () => {
    const root = path.resolve(__dirname, '..');
    const allowed = new Set(['database/SloStore.ts', 'database/DatabaseSloStore.ts', 'corrections/readCorrectedBuckets.ts']);
    const offenders = sources(root)
      .map(file => path.relative(root, file).split(path.sep).join('/'))
      .filter(file => !allowed.has(file) && !file.includes('__testUtils__'))
      .filter(file => /\.readBuckets\(\s*[^,)]*\.id\b|store\.readBuckets\(/.test(fs.readFileSync(path.join(root, file), 'utf8')));
    // A file listed here reads buckets that no correction excludes: use readCorrectedBuckets.
    expect(offenders).toEqual([]);
  });
});
