// Neovim 0.7 and Emacs (eglot) against the real language server: the package's bin `verbatim-language-server`
// (dist/server.js) started with --stdio, on a fresh copy of the fixture workspace. Each editor opens the draft and
// must show its findings (code and message), complete Biden's quote after `“I don`, and hover a quotation with its
// speaker and source.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { hasEmacs, runEmacs } from './emacs';
import { BIDEN_QUOTE, CORPUS_TITLE, missing, positionOf, ROOT, WORKSPACE } from './env';
import { DRAFT_FINDINGS, DRAFT_TEXT } from './expected';
import { hasNvim, runNvim, type ProbeOptions, type ProbeResult } from './nvim';

const TYPED = '\nBiden told reporters: “I don';

/** A fresh workspace whose draft ends in an opened quotation, and the bin on a path of its own. */
function session(t: TestContext): ProbeOptions & { text: string } {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const server = join(ROOT, manifest.bin['verbatim-language-server']);
  assert.ok(existsSync(server), `${server} is missing: run npm run build`);
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-e2e-editor-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(WORKSPACE, join(dir, 'workspace'), { recursive: true });
  // As a user runs it: the bin by its name (its shebang picks node from PATH), not `node dist/server.js`.
  mkdirSync(join(dir, 'bin'));
  symlinkSync(server, join(dir, 'bin', 'verbatim-language-server'));
  const text = DRAFT_TEXT + TYPED;
  const file = join(dir, 'workspace', 'draft.md');
  writeFileSync(file, text);
  const lines = text.split('\n');
  return {
    text,
    serverCmd: [join(dir, 'bin', 'verbatim-language-server'), '--stdio'],
    file,
    rootDir: join(dir, 'workspace'),
    minDiagnostics: DRAFT_FINDINGS.length,
    completionAt: { line: lines.length - 1, character: lines[lines.length - 1].length },
    hoverAt: positionOf(text, 'accept anybody'),
    timeoutMs: 30_000,
  };
}

/** Asserts the editor's findings, completion and hover; `shown` turns a finding's message into the editor's text. */
function assertSession(r: ProbeResult, shown: (code: string, message: string) => string): void {
  const got = r.diagnostics.map((d) => ({ code: d.code, line: d.line, severity: d.severity, message: d.message.split('\n')[0] }));
  const want = DRAFT_FINDINGS.map((f) => ({ code: f.code, line: f.line, severity: f.severity, message: shown(f.code, f.message) }));
  const order = (a: { line: number }, b: { line: number }) => a.line - b.line;
  assert.deepEqual(got.sort(order), want.sort(order), `${r.client}: the draft's findings`);

  const labels = r.completions.map((c) => c.label);
  const biden = r.completions.find((c) => c.label === BIDEN_QUOTE);
  assert.ok(biden, `${r.client}: no completion "${BIDEN_QUOTE}" after “I don; got ${JSON.stringify(labels)}`);
  assert.equal(biden.insertText, `${BIDEN_QUOTE}”`, 'the completion inserts the exact words and the closing mark');
  assert.equal(labels[0], BIDEN_QUOTE, `${r.client}: Biden's quote comes first; got ${JSON.stringify(labels)}`);

  const hover = r.hover ?? '';
  for (const want of ['Verified quotation', 'Joe Biden', 'US President', CORPUS_TITLE, 'bne IntelliNews']) {
    assert.ok(hover.includes(want), `${r.client}: the hover over Biden's quotation lacks "${want}": ` +
      (hover ? `\n${hover}` : 'no hover at all (the server answered null)'));
  }
}

test('Neovim 0.7 + verbatim-language-server --stdio: findings, completion, hover', { timeout: 90_000 }, async (t) => {
  if (!hasNvim()) return missing(t, 'nvim is not installed');
  const r = await runNvim(session(t));
  assert.match(r.client, /^nvim 0\./);
  assertSession(r, (_code, message) => message);
});

test('Emacs + eglot + verbatim-language-server --stdio: findings, completion, hover', { timeout: 90_000 }, async (t) => {
  if (!hasEmacs()) return missing(t, 'emacs is not installed');
  const r = await runEmacs(session(t));
  assert.match(r.client, /^emacs \d+.*eglot/);
  // flymake shows "source [code]: message".
  assertSession(r, (code, message) => `verbatim [${code}]: ${message}`);
});
