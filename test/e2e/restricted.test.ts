// Restricted mode in a real VS Code (code-server, workspace trust on) with the packaged verbatim.vsix. The workspace
// is not trusted, so it opens in Restricted Mode (code-server asks nothing at startup: the banner and the status bar
// say so). The workspace's sources/ holds a source; `verbatim.sources` names, besides it, "/etc/**/*.txt" and a folder
// outside the workspace holding a source, both in the workspace's .vscode/settings.json (which VS Code does not apply
// in Restricted Mode: package.json lists verbatim.sources under restrictedConfigurations) and in the user settings
// (which it does apply, so the server itself must refuse them). A draft quotes the workspace source, the outside
// source and the bundled corpus.
//
// In Restricted Mode: the Extensions view lists Verbatim under "Limited In Restricted Mode" (not disabled); it runs
// (status bar, diagnostics), its status tooltip says restricted mode; only the bundled corpus is indexed (status bar
// count, Sources view); both quotations from the sources it may not read are underlined as unverified, the bundled one
// is not. Then the user trusts the workspace (banner → Manage → Trust): the same settings now bring in the workspace
// source and the outside source, and both underlines go: the restricted result came from the restriction, not from a
// setup that could not have read them. Screenshots under test-results/e2e/restricted-NN-<step>.png.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findCodeServer, installVsix, startCodeServer, type CodeServerSession } from './codeServer';
import { CORPUS_TITLE, REQUIRED, WORKSPACE } from './env';
import { packagedVsix } from './vsix';
import { codeLenses, expandSource, parkMouse, showSourcesView, sourcesRows, squiggles, STATUS_ITEM, statusText, waitUntil } from './workbench';

const INSIDE = {
  file: 'desk-memo.md',
  title: 'How the desk checks quotations',
  words: 'Every quotation in this draft was checked against its source before publication,',
  text: `---
id: desk-memo-2021-12-08
title: How the desk checks quotations
outlet: Verbatim Desk
date: 2021-12-08
---
The desk's managing editor, Ada Quill, explained the rule to new reporters on Wednesday.

"Every quotation in this draft was checked against its source before publication," said Ada Quill, the managing editor.
`,
};

const OUTSIDE = {
  file: 'auditor.md',
  title: 'Read only when trusted',
  words: 'Nothing outside the workspace folder may ever be read in restricted mode,',
  text: `---
id: auditor-2021-12-09
title: Read only when trusted
outlet: Outside Weekly
date: 2021-12-09
---
The auditor, Rex Border, spoke to the committee on Thursday.

"Nothing outside the workspace folder may ever be read in restricted mode," said Rex Border, the auditor.
`,
};

const DRAFT = `# Restricted

“${INSIDE.words}” said Ada Quill.

“${OUTSIDE.words}” said Rex Border.

“I don’t accept anybody’s red lines,” Biden told reporters.
`;

/** The number of quotes the packaged CLI finds in the bundled corpus alone (an empty sources folder). */
function bundledQuotes(cli: string, empty: string): { sources: number; quotes: number } {
  const res = spawnSync(process.execPath, [cli, 'quotes', '--json', '--sources', empty], { encoding: 'utf8', timeout: 60_000 });
  if (res.status !== 0) throw new Error(`${cli} quotes failed (${res.status ?? res.signal}): ${res.stderr}`);
  const quotes = JSON.parse(res.stdout) as { source: { id: string } }[];
  return { sources: new Set(quotes.map((q) => q.source.id)).size, quotes: quotes.length };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const install = findCodeServer();

describe('VS Code (code-server) in Restricted Mode with the packaged verbatim.vsix', {
  skip: !install && !REQUIRED ? 'code-server is not installed in .vscode-test/code-server (run: bash test/e2e/setup.sh)' : false,
}, () => {
  let s: CodeServerSession;
  let tmp = '';
  let bundled = { sources: 0, quotes: 0 };

  before(async () => {
    if (!install) throw new Error('VERBATIM_E2E=1 but code-server is not installed in .vscode-test/code-server (run: bash test/e2e/setup.sh)');
    tmp = mkdtempSync(join(tmpdir(), 'verbatim-e2e-restricted-'));
    const { vsix } = packagedVsix(tmp);
    const extensions = join(tmp, 'extensions');
    installVsix(vsix, extensions);
    const installed = readdirSync(extensions).find((d) => d.startsWith('verbatim-dev.verbatim-'));
    assert.ok(installed, 'the .vsix installed a verbatim-dev.verbatim folder');
    mkdirSync(join(tmp, 'empty'));
    bundled = bundledQuotes(join(extensions, installed, 'dist', 'cli.js'), join(tmp, 'empty'));

    // The source outside the workspace, and the workspace (a copy of the fixture with a source, settings and a draft).
    const outside = join(tmp, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, OUTSIDE.file), OUTSIDE.text);
    const ws = join(tmp, 'workspace-fixture');
    cpSync(WORKSPACE, ws, { recursive: true });
    writeFileSync(join(ws, 'sources', INSIDE.file), INSIDE.text);
    writeFileSync(join(ws, 'restricted.md'), DRAFT);
    const sources = ['sources/**/*.{md,txt}', '/etc/**/*.txt', `${outside}/**/*.md`];
    mkdirSync(join(ws, '.vscode'));
    writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'verbatim.sources': sources }, null, 2));

    s = await startCodeServer({
      workspace: ws, extensionsDir: extensions, name: 'restricted', workspaceTrust: true,
      settings: { 'editor.minimap.enabled': false, 'verbatim.sources': sources },
    });
  }, { timeout: 300_000 });

  after(async () => {
    await s?.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the workspace opens in Restricted Mode', { timeout: 120_000 }, async () => {
    await s.waitForText('.part.banner', 'Restricted Mode is intended for safe code browsing', 'the Restricted Mode banner');
    await s.waitForText('.part.statusbar', 'Restricted Mode', 'Restricted Mode in the status bar');
  });

  it('reads only the bundled corpus: the quotations from the workspace source and the outside one are unverified', { timeout: 240_000 }, async () => {
    await s.openFile('restricted.md');
    const want = [
      { line: 3, severity: 'warning', text: INSIDE.words },
      { line: 5, severity: 'warning', text: OUTSIDE.words },
    ];
    await waitUntil(s, 'the two quotations from unread sources to be underlined (and the bundled one not)', async () =>
      JSON.stringify(await squiggles(s)) === JSON.stringify(want) || undefined, () => squiggles(s), 180_000);
    const status = `${plural(bundled.sources, 'source')} · ${plural(bundled.quotes, 'quote')}`;
    await waitUntil(s, `the status bar item "${status}"`, async () => (await statusText(s)) === status || undefined, () => statusText(s));

    // The status item's tooltip says why.
    await s.page.locator(STATUS_ITEM).hover();
    await s.waitForText('.monaco-hover, .workbench-hover, .custom-hover', 'Restricted mode: only the bundled corpus and open documents are read',
      'the status tooltip to name restricted mode');
    await s.screenshot('restricted draft and status tooltip');
    await parkMouse(s);

    await showSourcesView(s);
    await waitUntil(s, 'the Sources view to list the bundled source alone', async () => {
      const top = (await sourcesRows(s)).filter((r) => r.level === 1);
      return (top.length === 1 && top[0].label.startsWith(CORPUS_TITLE)) || undefined;
    }, () => sourcesRows(s));
    await s.screenshot('sources view bundled corpus only');
  });

  it('the Extensions view lists Verbatim as limited in Restricted Mode, not disabled', { timeout: 120_000 }, async () => {
    await s.runCommand('Extensions: Show Extensions Unsupported By Workspace');
    const search = await s.waitFor('.extensions-viewlet .suggest-input-container', 'the Extensions search box');
    await search.click();
    await s.press('Control+A');
    await s.page.keyboard.type('@workspaceUnsupported Verbatim');
    // Waited for together: the view lists every unsupported extension (3 built-in ones disabled) until the typed
    // filter applies, and a CI run once read it in between.
    await s.waitForText('.extensions-viewlet', /Disabled In Restricted Mode\s*0[\s\S]*Limited In Restricted Mode\s*1\s*Verbatim — source-linked writing/,
      'none disabled, and Verbatim under "Limited In Restricted Mode"');
    // Its status icon (the shield) explains, with the description from package.json.
    await s.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Verbatim' }).locator('.extension-status.codicon-extension-workspace-trust').first().hover();
    await s.waitForText('.monaco-hover, .workbench-hover', 'In restricted mode Verbatim reads only the bundled corpus and open documents.',
      'the limited-support description in the hover of Verbatim\'s status icon');
    await s.screenshot('extensions view limited in restricted mode');
    await parkMouse(s);
  });

  it('once the workspace is trusted, the same settings bring in both sources and the underlines go', { timeout: 240_000 }, async () => {
    await s.page.locator('.part.banner a', { hasText: 'Manage' }).first().click();
    const trust = await s.waitFor('.workspace-trust-editor .workspace-trust-buttons .monaco-button:text-is("Trust")', 'the Trust button');
    await s.screenshot('workspace trust editor');
    await trust.click();
    await waitUntil(s, 'the Restricted Mode banner to go', async () =>
      !(await s.page.locator('.part.banner').first().isVisible().catch(() => false)) ||
      !(await s.page.locator('.part.banner').first().innerText().catch(() => '')).includes('Restricted Mode') || undefined);
    // The trust editor is a modal over the workbench: close it and go back to the draft.
    await s.openFile('restricted.md');
    await waitUntil(s, 'the underlines to go (both quotations now verified)', async () => (await squiggles(s)).length === 0 || undefined, () => squiggles(s), 120_000);
    await s.runCommand('View: Show Explorer');
    await showSourcesView(s);
    await waitUntil(s, 'the Sources view to list the workspace source and the outside one', async () => {
      const top = (await sourcesRows(s)).filter((r) => r.level === 1).map((r) => r.label);
      return (top.some((l) => l.startsWith(INSIDE.title)) && top.some((l) => l.startsWith(OUTSIDE.title))) || undefined;
    }, () => sourcesRows(s));
    await expandSource(s, OUTSIDE.title);
    await s.focusEditor();
    const lens = '3 quotations · 3 verified · 0 misquoted · 0 unverified';
    await waitUntil(s, `the code lens "${lens}"`, async () => (await codeLenses(s)).includes(lens) || undefined, () => codeLenses(s), 60_000);
    await parkMouse(s);
    await s.screenshot('trusted both sources indexed');
    assert.notEqual(await statusText(s), `${plural(bundled.sources, 'source')} · ${plural(bundled.quotes, 'quote')}`);
  });
});
