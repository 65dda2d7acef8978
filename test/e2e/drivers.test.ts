// Self-tests of the Neovim and Emacs drivers against a stub LSP server (clients/stub-server.js), so a broken driver
// is told apart from a broken Verbatim server; the real server is tested in editors.test.ts, the packaged extension
// in vscode.test.ts. Missing editors skip these tests, unless VERBATIM_E2E=1 (as in CI after setup.sh).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { hasEmacs, runEmacs } from './emacs';
import { missing } from './env';
import { hasNvim, runNvim, type ProbeOptions } from './nvim';

const FIXTURE = join(__dirname, 'fixtures', 'stub-workspace');
const STUB_SERVER = join(__dirname, 'clients', 'stub-server.js');

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
