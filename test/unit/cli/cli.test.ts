// The CLI's contract: arguments, exit codes, JSON shapes and messages on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../server/src/cli/main';

async function run(args: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-cli-'));
  mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
  writeFileSync(join(dir, 'src', 'a.md'), '---\nid: a-source\ntitle: A\n---\n"We will not back down from this fight," Jane Roe said.\n');
  writeFileSync(join(dir, 'src', 'deep', 'b.txt'), 'Intro.\n\n“Prices will rise again next year,” said John Doe.\n');
  writeFileSync(join(dir, 'src', 'ignored.json'), '{"not": "a source"}');
  return dir;
}

test('quotes --json lists every quote with source, text, kind and a range into the file', async () => {
  const dir = workspace();
  const r = await run(['quotes', '--no-bundled', '--sources', 'src', '--json'], dir);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout);
  assert.equal(rows.length, 2, 'a folder is read recursively, .md and .txt only');
  const a = rows.find((q: { source: { id: string } }) => q.source.id === 'a-source');
  assert.equal(a.text, 'We will not back down from this fight,');
  assert.equal(a.source.path, join('src', 'a.md'));
  assert.deepEqual(a.range.start, { line: 4, character: 1 }, 'front matter lines count: positions map to the file');
  assert.ok(['statement', 'fragment'].includes(a.kind));
  const b = rows.find((q: { source: { id: string } }) => q.source.id === 'b');
  assert.deepEqual(b.range, { start: { line: 2, character: 1 }, end: { line: 2, character: 34 } });
});

test('the bundled corpus is included unless --no-bundled', async () => {
  const withCorpus = JSON.parse((await run(['quotes', '--json'])).stdout);
  assert.ok(withCorpus.some((q: { source: { id: string } }) => q.source.id === 'bne-2021-12-07-putin-biden-summit'));
  const dir = workspace();
  const without = JSON.parse((await run(['quotes', '--json', '--no-bundled', '--sources', 'src/**/*.md'], dir)).stdout);
  assert.deepEqual(without.map((q: { source: { id: string } }) => q.source.id), ['a-source'], 'a glob selects files');
});

test('the readable listing groups quotes by speaker and counts them', async () => {
  const r = await run(['quotes']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /\d+ quotes in 1 source\n$/);
});

test('bad usage exits 2 with a message and writes nothing to stdout', async () => {
  for (const args of [['frobnicate'], ['quotes', '--colour'], ['quotes', 'extra-arg'], ['entities', '--format', 'json'], []]) {
    const r = await run(args);
    assert.equal(r.code, 2, `exit code for ${JSON.stringify(args)}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Usage:/);
  }
});

test('a missing source path exits 2 naming it', async () => {
  const r = await run(['quotes', '--sources', 'no/such/folder']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no\/such\/folder: error: no such file or folder/);
  assert.equal(r.stdout, '');
});

test('a bad source file is reported on stderr and the others are still indexed', async (t) => {
  const dir = workspace();
  writeFileSync(join(dir, 'src', 'image.txt'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  writeFileSync(join(dir, 'src', 'locked.md'), '"secret words here," said X.');
  chmodSync(join(dir, 'src', 'locked.md'), 0o000);
  const r = await run(['quotes', '--json', '--no-bundled', '--sources', 'src'], dir);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /image\.txt: warning: This file is binary/);
  if (process.getuid?.() !== 0) assert.match(r.stderr, /locked\.md: warning: cannot be read \(permission denied\)/);
  else t.diagnostic('running as root: the unreadable-file case cannot be produced with chmod');
  assert.equal(JSON.parse(r.stdout).filter((q: { source: { id: string } }) => q.source.id !== 'locked').length, 2);
});

test('entities --json has the contract fields', async () => {
  const r = await run(['entities', '--json']);
  assert.equal(r.code, 0);
  const rows = JSON.parse(r.stdout);
  assert.ok(Array.isArray(rows));
  for (const e of rows) {
    assert.equal(typeof e.name, 'string');
    assert.ok(['person', 'organization', 'place'].includes(e.type));
    assert.ok(Array.isArray(e.aliases));
    assert.equal(typeof e.mentions, 'number');
  }
});
