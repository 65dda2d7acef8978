// The packaged extension: packs the built bundles with the repo's @vscode/vsce as `npm run package` does (from a staged
// copy of the repo without its git-ignored caches, which vsce would otherwise walk file by file) and checks what the
// .vsix holds with scripts/package-check.ts; and checks that check itself on packages that are wrong.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { MAX_VSIX_BYTES, packStaged, readVsix, readZipEntries, readZipEntry, vsixProblems, type VsixContents } from '../../../scripts/package-check';

const ROOT = join(__dirname, '..', '..', '..');

test('the .vsix holds the bundles (with the analysis worker), corpus, grammars, manifest, README and LICENSE, and nothing else', { timeout: 330_000 }, (t) => {
  for (const b of ['client', 'server', 'cli', 'analyzeWorker']) {
    assert.ok(existsSync(join(ROOT, 'dist', `${b}.js`)), `dist/${b}.js is missing: run npm run build first`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'verbatim-vsix-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const vsix = join(tmp, 'verbatim.vsix');
  packStaged(ROOT, vsix);

  const v = readVsix(vsix);
  const paths = v.files.map((f) => f.path).sort();
  assert.deepEqual(vsixProblems(v), [], `package-check found problems; the .vsix holds:\n${paths.join('\n')}`);

  // The same, spelled out, so a failure names the file.
  for (const p of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/analyzeWorker.js', 'package.json', 'readme.md', 'LICENSE.txt',
    'corpus/bne-2021-12-07-putin-biden-summit.txt', 'syntaxes/verbatim.injection.tmLanguage.json', 'syntaxes/verbatim.plaintext.tmLanguage.json']) {
    assert.ok(paths.includes(p), `${p} is not in the .vsix: ${paths.join(', ')}`);
  }
  assert.deepEqual(paths.filter((p) => /node_modules|\.ts$|\.map$|(^|\/)test\//.test(p)), []);
  assert.ok(v.bytes < MAX_VSIX_BYTES, `the .vsix is ${v.bytes} bytes`);

  // The shipped manifest is the repo's, and the shipped bundles are the built ones.
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(`${v.manifest.publisher}.${v.manifest.name}@${v.manifest.version}`, `${manifest.publisher}.${manifest.name}@${manifest.version}`);
  assert.equal(v.bundles['dist/server.js'], readFileSync(join(ROOT, 'dist', 'server.js'), 'utf8'));

  // Unpacked, the shipped CLI analyses many sources in the shipped worker (a worker that cannot start is reported).
  const ext = join(tmp, 'unpacked');
  const zip = readFileSync(vsix);
  for (const e of readZipEntries(zip).filter((z) => z.name.startsWith('extension/') && !z.name.endsWith('/'))) {
    const to = join(ext, e.name.slice('extension/'.length));
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, readZipEntry(zip, e));
  }
  const sources = join(tmp, 'sources');
  mkdirSync(sources);
  for (let i = 0; i < 12; i++) writeFileSync(join(sources, `s${i}.md`), `“Prices will fall by ${i} per cent,” said Ann Smith.\n`);
  const run = spawnSync(process.execPath, [join(ext, 'dist', 'cli.js'), 'quotes', '--json', '--no-bundled', '--sources', sources], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /could not start|analysis worker/, 'the packaged CLI started its analysis worker');
  assert.equal((JSON.parse(run.stdout) as unknown[]).length, 12, 'every source was analysed');
});

function contents(overrides: Partial<VsixContents> = {}, extra: string[] = []): VsixContents {
  const files = ['package.json', 'readme.md', 'LICENSE.txt', 'dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/analyzeWorker.js',
    'corpus/a.txt', 'syntaxes/g.tmLanguage.json', ...extra].map((path) => ({ path, size: 1 }));
  return {
    files,
    bytes: 1000,
    manifest: { main: './dist/client.js', bin: { v: 'dist/cli.js' }, contributes: { grammars: [{ scopeName: 's', path: './syntaxes/g.tmLanguage.json' }] } },
    bundles: { 'dist/client.js': 'require("vscode"); require("node:fs"); require("path")', 'dist/server.js': 'require("fs")', 'dist/cli.js': '', 'dist/analyzeWorker.js': 'require("worker_threads")' },
    ...overrides,
  };
}

test('package-check accepts a right package', () => {
  assert.deepEqual(vsixProblems(contents()), []);
});

test('package-check names every file that should not ship', () => {
  const problems = vsixProblems(contents({}, [
    'node_modules/yaml/index.js', 'server/src/server.ts', 'dist/server.js.map', 'test/unit/x.test.ts', 'tsconfig.json', 'old.vsix',
  ]));
  for (const [file, why] of [
    ['node_modules/yaml/index.js', 'node_modules'], ['server/src/server.ts', 'TypeScript'], ['dist/server.js.map', 'source map'],
    ['test/unit/x.test.ts', 'test'], ['tsconfig.json', 'config'], ['old.vsix', 'packaged extension'],
  ]) {
    assert.ok(problems.some((p) => p.startsWith(`${file} should not be packaged`) && p.includes(why)), `${file}: ${JSON.stringify(problems)}`);
  }
});

test('package-check names what is missing, too big, or loaded from outside the package', () => {
  const v = contents({ bytes: MAX_VSIX_BYTES + 1, bundles: { 'dist/client.js': 'require("vscode-languageclient/node")', 'dist/server.js': 'require("vscode")' } });
  v.files = v.files.filter((f) => !['dist/cli.js', 'dist/analyzeWorker.js', 'readme.md', 'corpus/a.txt', 'syntaxes/g.tmLanguage.json'].includes(f.path));
  const problems = vsixProblems(v);
  for (const want of [
    /missing dist\/cli\.js \(a bundle\)/, /missing dist\/analyzeWorker\.js \(a bundle\)/, /missing dist\/cli\.js \(the bin "v"\)/, /missing README/, /missing corpus\//, /missing syntaxes\//,
    /missing syntaxes\/g\.tmLanguage\.json \(a grammar/, /over the limit/,
    /dist\/client\.js requires modules that are not packaged: vscode-languageclient\/node/, /dist\/server\.js requires .*: vscode$/,
  ]) {
    assert.ok(problems.some((p) => want.test(p)), `${want}: ${JSON.stringify(problems)}`);
  }
});
