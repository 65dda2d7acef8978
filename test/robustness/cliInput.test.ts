// Bad CLI input (issue 7): missing files, unreadable folders, unknown options, an unknown --format:
// exit 2 with a message on stderr, nothing written to stdout. test/unit/cli/cli.test.ts has the first cases
// (unknown command, --colour, a stray argument, a missing --sources folder); these are the rest.
// The "check" command is the checker's (server/src/cli/checkCommand.ts): while it is a placeholder, the tests
// that need a real check are marked TODO, and they bite when it lands.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, promises as fsp, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canRunAsNobody, cli, cliAsNobody, errnoError, isRoot, openToAll, patch, tempDir, type CliResult } from './support/helpers';

const ROOT = join(__dirname, '..', '..');

function workspace(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'a.md'), '“We will keep every promise we made to the voters,” said Jane Roe.\n');
  writeFileSync(join(dir, 'draft.md'), 'Jane Roe said: “We will keep every promise we made to the voters.”\n');
  return dir;
}

function assertUsageFailure(r: CliResult, what: string, message: RegExp): void {
  assert.equal(r.code, 2, `${what}: exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '', `${what}: nothing on stdout`);
  assert.match(r.stderr, message, `${what}: the message`);
}

/** While "check" is the placeholder, its contract tests are TODO (failures reported, not counted). */
function checkerPending(t: TestContext, r: CliResult): void {
  if (/check is not implemented yet/.test(r.stderr)) t.todo('the "check" command is still a placeholder (issue 3)');
}

test('unknown options and options without their value: exit 2, usage on stderr, nothing on stdout', async () => {
  const dir = workspace();
  const cases: [string[], RegExp][] = [
    [['quotes', '-x'], /Unknown option '-x'/],
    [['entities', '--bogus'], /Unknown option '--bogus'/],
    [['check', '--colour', 'draft.md'], /Unknown option '--colour'/],
    [['quotes', '--sources'], /--sources.*argument missing/],
    [['check', 'draft.md', '--format'], /--format.*argument missing/],
    [['quotes', '--json=yes'], /--json.*does not take an argument/],
    [['check', '--json', 'draft.md'], /use --format json with "check"/],
    [['quotes', '--min-words', '3'], /--format and --min-words belong to "check"/],
    [['check'], /"check" needs at least one draft FILE/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(args, dir);
    assertUsageFailure(r, args.join(' '), message);
    assert.match(r.stderr, /Usage:/, `${args.join(' ')}: the usage follows the message`);
  }
});

test('an unknown --format is refused before anything is checked', async () => {
  const dir = workspace();
  for (const format of ['xml', 'JSON', '', 'sarif']) {
    const r = await cli(['check', '--no-bundled', '--sources', 'src', '--format', format, 'draft.md'], dir);
    assertUsageFailure(r, `--format ${JSON.stringify(format)}`, new RegExp(`unknown --format "${format}" \\(use text or json\\)`));
  }
});

test('sources that cannot be used: exit 2 naming each, nothing on stdout even when other sources are fine', async () => {
  const dir = workspace();
  const cases: [string[], RegExp][] = [
    [['quotes', '--no-bundled', '--sources', 'src', '--sources', 'missing.md'], /verbatim: missing\.md: error: no such file or folder\n/],
    [['quotes', '--no-bundled', '--sources', 'nothing/**/*.md'], /verbatim: nothing\/\*\*\/\*\.md: error: no file matches this pattern\n/],
    [['entities', '--sources', 'src/*.pdf'], /verbatim: src\/\*\.pdf: error: no file matches this pattern\n/],
    [['quotes', '--sources', ''], /verbatim: "": error: an empty path was given; name a file, a folder or a glob pattern\n/],
    [['quotes', '--sources', 'src/a.md/inner.md'], /verbatim: src\/a\.md\/inner\.md: error: no such file or folder\n/],
    [['check', '--no-bundled', '--sources', 'missing-folder', 'draft.md'], /verbatim: missing-folder: error: no such file or folder\n/],
  ];
  for (const [args, message] of cases) assertUsageFailure(await cli(args, dir), args.join(' '), message);
});

test('a named sources folder that cannot be read: exit 2 (injected EACCES; the real one is in permissions.test.ts)', async () => {
  const dir = workspace();
  const src = join(dir, 'src');
  const realReaddir = fsp.readdir;
  const restore = patch(fsp, 'readdir', ((p: string, ...rest: unknown[]) =>
    String(p) === src ? Promise.reject(errnoError('EACCES', 'scandir', src)) : (realReaddir as (...a: unknown[]) => unknown)(p, ...rest)) as typeof fsp.readdir);
  try {
    for (const command of ['quotes', 'entities']) {
      const r = await cli([command, '--no-bundled', '--sources', 'src'], dir);
      assertUsageFailure(r, command, /verbatim: src: error: this folder cannot be read \(permission denied\); the files in it were not indexed\n/);
    }
  } finally {
    restore();
  }
});

test('check: a draft that does not exist, or is a folder, exits 2 naming it and writes nothing', async (t) => {
  const dir = workspace();
  for (const [draft, message] of [
    ['missing-draft.md', /missing-draft\.md/],
    ['src', /src/],
  ] as const) {
    for (const format of ['text', 'json']) {
      const r = await cli(['check', '--no-bundled', '--sources', 'src', '--format', format, draft], dir);
      checkerPending(t, r);
      assertUsageFailure(r, `check ${draft} (${format})`, message);
      assert.doesNotMatch(r.stderr, /not implemented/, 'the message is about the draft');
    }
  }
  // One bad draft among good ones still fails the run: the writer named it.
  const r = await cli(['check', '--no-bundled', '--sources', 'src', 'draft.md', 'missing-draft.md'], dir);
  checkerPending(t, r);
  assertUsageFailure(r, 'a good and a missing draft', /missing-draft\.md/);
});

test('check: --min-words must be a whole number', async (t) => {
  const dir = workspace();
  for (const value of ['abc', '-1', '2.5', '']) {
    const r = await cli(['check', '--no-bundled', '--sources', 'src', '--min-words', value, 'draft.md'], dir);
    checkerPending(t, r);
    assertUsageFailure(r, `--min-words ${JSON.stringify(value)}`, /--min-words/);
  }
});

test('check: a draft that cannot be read (real EACCES) exits 2 naming it', async (t) => {
  if (process.platform === 'win32') return t.skip('POSIX permissions only');
  const dir = workspace();
  openToAll(dir, join(dir, 'src'));
  chmodSync(join(dir, 'draft.md'), 0o000);
  const args = ['check', '--no-bundled', '--sources', 'src', 'draft.md'];
  let r: CliResult;
  if (!isRoot) r = await cli(args, dir);
  else if (canRunAsNobody()) r = cliAsNobody(args, dir);
  else return t.skip('running as root without a way to become "nobody": chmod 000 cannot stop root');
  checkerPending(t, r);
  assertUsageFailure(r, 'unreadable draft', /draft\.md.*permission denied/);
});

test('the installed entry point (dist/cli.js) passes exit 2 to the shell and writes nothing to stdout', (t) => {
  const bin = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(bin)) return t.skip('dist/cli.js not built (npm test builds it first)');
  const dir = workspace();
  for (const args of [['quotes', '--bogus'], ['quotes', '--no-bundled', '--sources', 'missing'], ['check', '--format', 'xml', 'draft.md']]) {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /^verbatim: /);
  }
});
