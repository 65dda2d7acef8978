// Proves the end-to-end infrastructure itself: code-server + Chromium opens the fixture draft, and the
// Neovim and Emacs drivers talk LSP to a stub server. Missing infrastructure skips these tests, unless
// VERBATIM_E2E=1 (as in CI after setup.sh), where it fails them.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { findCodeServer, installVsix, packVsix, SEL, startCodeServer } from './codeServer';
import { hasEmacs, runEmacs } from './emacs';
import { hasNvim, runNvim, type ProbeOptions } from './nvim';

const FIXTURE = join(__dirname, 'fixtures', 'workspace');
const STUB_SERVER = join(__dirname, 'clients', 'stub-server.js');
const STUB_EXTENSION = join(__dirname, 'fixtures', 'stub-extension');
const REQUIRED = process.env.VERBATIM_E2E === '1';

/** Skips the test with a reason, or fails it when VERBATIM_E2E=1 says the infrastructure must be there. */
function missing(t: TestContext, what: string): void {
  const msg = `${what} (run: bash test/e2e/setup.sh)`;
  if (REQUIRED) throw new Error(`VERBATIM_E2E=1 but ${msg}`);
  t.skip(msg);
}

test('code-server opens the fixture draft in a real VS Code', { timeout: 120_000 }, async (t) => {
  if (!findCodeServer()) return missing(t, 'code-server is not installed in .vscode-test/code-server');
  const session = await startCodeServer({ workspace: FIXTURE, name: 'smoke' });
  try {
    await session.screenshot('workbench ready');
    await session.openFile('draft.md');
    const draft = readFileSync(join(FIXTURE, 'draft.md'), 'utf8');
    const firstSentence = draft.split('\n')[2];
    await session.waitForText(SEL.editorLines, firstSentence, 'the draft text in the editor');
    assert.equal((await session.editorText()).trimEnd(), draft.trimEnd());
    await session.screenshot('draft open');
  } finally {
    await session.dispose();
  }
});

test('code-server helpers on an installed .vsix: squiggle, Problems, hover, suggest, command', { timeout: 180_000 }, async (t) => {
  if (!findCodeServer()) return missing(t, 'code-server is not installed in .vscode-test/code-server');
  const tmp = mkdtempSync(join(tmpdir(), 'verbatim-e2e-ext-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  packVsix(STUB_EXTENSION, join(tmp, 'stub.vsix'));
  installVsix(join(tmp, 'stub.vsix'), join(tmp, 'extensions'));
  const session = await startCodeServer({ workspace: FIXTURE, extensionsDir: join(tmp, 'extensions'), name: 'stub-extension' });
  try {
    await session.openFile('draft.md');
    await session.waitFor(SEL.squiggle, 'the stub warning squiggle');
    await session.screenshot('squiggle on line 1');

    const rows = await session.openProblemsPanel('stub extension: first line checked');
    assert.equal(rows.filter((r) => r.includes('stub extension')).length, 1, JSON.stringify(rows));
    await session.screenshot('problems panel');

    const hover = await session.hoverAt('Ukraine', 'stub extension hover');
    assert.match(hover, /stub extension hover on line 4/);
    await session.screenshot('hover');

    await session.focusEditor(); // the Problems panel took the focus
    await session.press('Control+End');
    await session.typeText('Stub ');
    const labels = await session.triggerSuggest('stub-extension-completion');
    assert.ok(labels.includes('stub-extension-completion'), JSON.stringify(labels));
    await session.screenshot('suggestions');
    await session.press('Enter');
    await session.waitForText(SEL.editorLines, 'Stub stub-extension-completion', 'the accepted suggestion');

    await session.runCommand('Verbatim Stub: Insert Hello');
    await session.waitForText(SEL.editorLines, 'stub-extension-completionhello from the stub command', 'the command\'s text');
    await session.screenshot('after command');
    // autosave is off: nothing typed reaches the disk.
    assert.equal(readFileSync(join(session.workspaceDir, 'draft.md'), 'utf8'), readFileSync(join(FIXTURE, 'draft.md'), 'utf8'));
  } finally {
    await session.dispose();
  }
});

/** A fresh copy of the fixture workspace for one editor run, and the probe options for the stub server. */
function stubProbe(t: TestContext): ProbeOptions {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-e2e-ws-'));
  cpSync(FIXTURE, dir, { recursive: true });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return {
    serverCmd: [process.execPath, STUB_SERVER, '--stdio'],
    file: join(dir, 'draft.md'),
    completionAt: { line: 2, character: 5 },
    hoverAt: { line: 2, character: 1 },
  };
}

function assertStubSession(r: Awaited<ReturnType<typeof runNvim>>): void {
  assert.equal(r.diagnostics.length, 1, JSON.stringify(r));
  assert.equal(r.diagnostics[0].line, 0);
  assert.equal(r.diagnostics[0].severity, 2);
  assert.match(r.diagnostics[0].message, /stub diagnostic: markdown, 5 lines/);
  assert.deepEqual(r.completions.map((c) => c.label), ['stub-completion']);
  assert.equal(r.hover, '**stub hover** at 2:1');
}

test('Neovim 0.7 driver: diagnostics, completion and hover from an LSP server', { timeout: 60_000 }, async (t) => {
  if (!hasNvim()) return missing(t, 'nvim is not installed');
  const r = await runNvim(stubProbe(t));
  assert.match(r.client, /^nvim 0\./);
  assertStubSession(r);
});

test('Emacs eglot driver: diagnostics, completion and hover from an LSP server', { timeout: 60_000 }, async (t) => {
  if (!hasEmacs()) return missing(t, 'emacs is not installed');
  const r = await runEmacs(stubProbe(t));
  assert.match(r.client, /^emacs \d+.*eglot/);
  assertStubSession(r);
});

test('a server that dies is reported at once, not after the deadline', { timeout: 60_000 }, async (t) => {
  if (!hasNvim()) return missing(t, 'nvim is not installed');
  const opts = { ...stubProbe(t), serverCmd: [process.execPath, '-e', 'process.exit(3)'], timeoutMs: 20_000 };
  const started = Date.now();
  await assert.rejects(runNvim(opts), /nvim: server exited \(code 3/);
  assert.ok(Date.now() - started < 10_000, 'failed fast');
});
