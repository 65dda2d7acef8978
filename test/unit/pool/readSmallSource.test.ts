// readSmallSource (server/src/node/readSource.ts), the blocking reader the server uses for small files on a cold
// index: for every kind of file it gives what the asynchronous readSource gives (source and problems), and it leaves
// a file over its limit to the caller (undefined) instead of reading it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readSmallSource, readSource } from '../../../server/src/node/readSource';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-small-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a small file of any kind reads as readSource reads it', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'article.md'), '---\ntitle: "Taxes"\n---\n“We will not raise taxes,” said Ann Smith, the finance minister.\n');
  writeFileSync(join(dir, 'empty.md'), '');
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from('“Caf\xe9 prices will rise,” said Bob Jones.\n', 'latin1'));
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
  mkdirSync(join(dir, 'folder.md'));
  symlinkSync(join(dir, 'nowhere.md'), join(dir, 'broken.md'));
  const names = ['article.md', 'empty.md', 'latin1.txt', 'binary.txt', 'folder.md', 'missing.md', 'broken.md'];
  try {
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    names.push('pipe.md');
  } catch {
    // no mkfifo here: the other kinds still count
  }
  for (const name of names) {
    const file = join(dir, name);
    const here = readSmallSource(file, 64 * 1024);
    assert.ok(here, `${name} is read, not left to the caller`);
    assert.deepEqual(here, await readSource(file), name);
  }
  assert.equal(readSmallSource(join(dir, 'article.md'), 64 * 1024)?.source?.quotes[0]?.speaker, 'Ann Smith');
});

test('a file over the limit is left to the caller', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'big.md');
  writeFileSync(file, 'x'.repeat(101));
  assert.equal(readSmallSource(file, 100), undefined);
  assert.ok(readSmallSource(file, 101)?.source, 'at the limit it is read');
});
