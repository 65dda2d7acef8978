// The paths a listing gives are normalized however the spec was written (the walk builds them from normalized
// folders and names instead of normalizing each file), and a glob matches as picomatch's matcher does.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import picomatch from 'picomatch';
import { resolveSourceFiles } from '../../../server/src/node/loadSources';

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-listed-'));
  for (const f of ['src/a.md', 'src/deep/b.md', 'src/deep/c.txt', 'src/.hidden/d.md', 'other/e.md']) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'text\n');
  }
  return dir;
}

test('files listed from folders, files and globs written in odd ways have normalized paths', async () => {
  const dir = tree();
  const want = [join(dir, 'src', 'a.md'), join(dir, 'src', 'deep', 'b.md'), join(dir, 'src', 'deep', 'c.txt')];
  for (const spec of ['src', './src/', 'other/../src//', join(dir, 'src') + '/']) {
    assert.deepEqual((await resolveSourceFiles([spec], dir)).files, want, spec);
  }
  assert.deepEqual((await resolveSourceFiles(['./src/../src/a.md'], dir)).files, [join(dir, 'src', 'a.md')]);
  for (const spec of ['src/**/*.md', './src/**/*.md', 'other/../src/**/*.md', `${dir}//src/**/*.md`]) {
    assert.deepEqual((await resolveSourceFiles([spec], dir)).files, [want[0], want[1]], spec);
  }
});

test('a glob matches the files picomatch matches (hidden ones left out), and a pattern naming one file matches it', async () => {
  const dir = tree();
  for (const glob of ['**/*.md', '*/deep/*', 'src/*.{md,txt}', '**/[bc].*', 'src/deep/b.md', '!(other)/**']) {
    const isMatch = picomatch(glob, { dot: false });
    const all = ['src/a.md', 'src/deep/b.md', 'src/deep/c.txt', 'other/e.md'];
    const want = all.filter((f) => isMatch(f)).map((f) => join(dir, f)).sort();
    const got = await resolveSourceFiles([glob], dir);
    assert.deepEqual(got.files, want, glob);
  }
});
