// `verbatim check`: text and JSON output, 1-based text positions and 0-based UTF-16 JSON ranges, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../../server/src/cli/main';
import type { JsonFinding } from '../../../server/src/cli/checkCommand';
import { ROOT } from './support/handSources';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-check-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'a.md'), '---\nid: roe-2024\n---\n"We will not back down from this fight, whatever it costs us," Jane Roe said.\n');
  writeFileSync(join(dir, 'good.md'), 'Jane Roe said: “We will not back down from this fight, whatever it costs us.”\n');
  // An emoji (two UTF-16 units) before the quotation: JSON characters count UTF-16 units.
  writeFileSync(join(dir, 'bad.md'), '# Draft\n\n😀 Roe said: “We will back down from this fight, whatever it costs us.”\n\n“Words that no source has anywhere at all.” [@nope]\n');
  return dir;
}

test('check: a clean draft exits 0 and prints nothing on stdout', async () => {
  const dir = workspace();
  const r = await run(['check', '--no-bundled', '--sources', 'src', 'good.md'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /1 quotation checked in 1 draft: no problems/);
});

test('check: text output is file:line:column: severity code message (1-based), with the source location, exit 1', async () => {
  const dir = workspace();
  const r = await run(['check', '--no-bundled', '--sources', 'src', 'bad.md', 'good.md'], dir);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3, r.stdout);
  const src = join('src', 'a.md').replace(/[\\.]/g, (c) => `\\${c}`);
  assert.match(lines[0], new RegExp(`^bad\\.md:3:15: error misquote Misquote of Jane Roe \\(roe-2024\\): “not” is left out without an ellipsis\\. This changes the meaning \\(a negation\\)\\. \\(source: ${src}:4:2\\)$`));
  assert.match(lines[1], /^bad\.md:5:2: warning unverified-quote /);
  assert.match(lines[2], /^bad\.md:5:47: warning unknown-source Unknown source @nope: no source has this id\.$/);
});

test('check --format json: the issue’s shape with 0-based UTF-16 ranges, source and fixes', async () => {
  const dir = workspace();
  const r = await run(['check', '--no-bundled', '--sources', 'src', '--format', 'json', 'bad.md'], dir);
  assert.equal(r.code, 1, r.stderr);
  const rows = JSON.parse(r.stdout) as JsonFinding[];
  assert.deepEqual(rows.map((x) => x.code), ['misquote', 'unverified-quote', 'unknown-source']);
  const m = rows[0];
  assert.equal(m.file, 'bad.md');
  assert.deepEqual(m.range, { start: { line: 2, character: 14 }, end: { line: 2, character: 70 } });
  assert.equal(m.severity, 'error');
  assert.deepEqual(m.source, { path: join('src', 'a.md'), id: 'roe-2024', speaker: m.source!.speaker, range: { start: { line: 3, character: 1 }, end: { line: 3, character: 60 } } });
  assert.equal(m.fixes?.[0].title, 'Restore the source wording');
  assert.deepEqual(m.fixes?.[0], { title: 'Restore the source wording', range: { start: { line: 2, character: 21 }, end: { line: 2, character: 22 } }, newText: ' not ' });
  assert.equal(rows[1].fixes, undefined, 'no fixes key when there are none');
  assert.equal(rows[2].fixes, undefined, 'no source is near “nope” and the quotation is nowhere');
});

test('check --min-words changes what is reported as unverified', async () => {
  const dir = workspace();
  writeFileSync(join(dir, 'short.md'), 'She called it “a plan for ages”.\n');
  assert.equal((await run(['check', '--no-bundled', '--sources', 'src', 'short.md'], dir)).code, 0);
  const r = await run(['check', '--no-bundled', '--sources', 'src', '--min-words', '4', '--format', 'json', 'short.md'], dir);
  assert.equal(r.code, 1);
  assert.equal(JSON.parse(r.stdout)[0].code, 'unverified-quote');
  assert.equal((await run(['check', '--no-bundled', '--sources', 'src', '--min-words', '5', 'short.md'], dir)).code, 0);
});

test('check: an unreadable draft is exit 2 with its name, nothing on stdout, even among good drafts', async () => {
  const dir = workspace();
  const r = await run(['check', '--no-bundled', '--sources', 'src', 'good.md', 'missing.md', 'src'], dir);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /missing\.md: error: cannot be read \(no such file\)/);
  assert.match(r.stderr, /src: error: is a folder/);
});

test('the built CLI (dist/cli.js) runs the check with the bundled corpus', (t) => {
  const bin = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(bin)) return t.skip('dist/cli.js is not built (node scripts/build.mjs)');
  const dir = workspace();
  writeFileSync(join(dir, 'seed.md'), 'Ash said: “The overwhelming message is the West cannot bow to bullying from Putin.”\n');
  const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json', 'seed.md'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
});
