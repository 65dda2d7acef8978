// "Permission denied" from the real kernel (issue 7: a permission-denied folder under the sources glob).
// chmod does not stop root, so when the tests run as root the CLI runs in a child process as user "nobody";
// otherwise it runs in this process. badSources.test.ts covers the same messages with injected errors everywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canRunAsNobody, cli, cliAsNobody, isRoot, openToAll, tempDir, type CliResult } from './support/helpers';

function workspace(): string {
  const dir = tempDir();
  const src = join(dir, 'src');
  mkdirSync(join(src, 'locked'), { recursive: true });
  writeFileSync(join(src, 'good.md'), '“We will keep every promise we made to the voters,” said Jane Roe.\n');
  writeFileSync(join(src, 'locked', 'inside.md'), '“Nobody can read the words in this file,” said Sam Poe.\n');
  writeFileSync(join(src, 'unreadable.txt'), '“Nor the words in this one, whoever asks,” said Sam Poe.\n');
  openToAll(dir, src);
  chmodSync(join(src, 'locked'), 0o000);
  chmodSync(join(src, 'unreadable.txt'), 0o000);
  return dir;
}

async function run(t: { skip(message: string): void; diagnostic(message: string): void }, args: string[], cwd: string): Promise<CliResult | undefined> {
  if (process.platform === 'win32') {
    t.skip('POSIX permissions only');
    return undefined;
  }
  if (!isRoot) return cli(args, cwd);
  if (!canRunAsNobody()) {
    t.skip('running as root and a child process cannot switch to user "nobody": the injected-error tests in badSources.test.ts cover this');
    return undefined;
  }
  t.diagnostic('running as root: the CLI runs in a child process as user "nobody" so that chmod 000 takes effect');
  return cliAsNobody(args, cwd);
}

test('a folder and a file that cannot be read under the sources are reported by name; the rest is indexed', async (t) => {
  const dir = workspace();
  const r = await run(t, ['quotes', '--no-bundled', '--json', '--sources', 'src'], dir);
  if (!r) return;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /verbatim: src\/locked: warning: this folder cannot be read \(permission denied\); the files in it were not indexed\n/);
  assert.match(r.stderr, /verbatim: src\/unreadable\.txt: warning: cannot be read \(permission denied\); it was not indexed\n/);
  assert.deepEqual(
    JSON.parse(r.stdout).map((q: { text: string }) => q.text),
    ['We will keep every promise we made to the voters,'],
  );
});

test('the same under a glob pattern', async (t) => {
  const dir = workspace();
  const r = await run(t, ['quotes', '--no-bundled', '--json', '--sources', 'src/**/*.{md,txt}'], dir);
  if (!r) return;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /src\/locked: warning: this folder cannot be read \(permission denied\)/);
  assert.equal(JSON.parse(r.stdout).length, 1);
});

test('a named folder that cannot be read is unusable input: exit 2, a message, nothing on stdout', async (t) => {
  const dir = workspace();
  const r = await run(t, ['quotes', '--no-bundled', '--sources', 'src/locked'], dir);
  if (!r) return;
  assert.equal(r.code, 2);
  assert.match(r.stderr, /verbatim: src\/locked: error: this folder cannot be read \(permission denied\)/);
  assert.equal(r.stdout, '');
});
