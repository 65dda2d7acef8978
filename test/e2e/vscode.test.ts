// The packaged extension in a real VS Code: verbatim.vsix installed into a fresh extensions folder of code-server
// (VS Code in the browser, with a real Node extension host), driven through headless Chromium on a fresh copy of
// fixtures/verbatim-workspace (autosave off). One session, one step a test, in the order a writer would go; every step
// saves a screenshot under test-results/e2e/ (vscode-NN-<step>.png). What each step must show is in its assertions;
// the expected counts come from the packaged CLI (dist/cli.js in the installed extension) on the same sources.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findCodeServer, installVsix, RESULTS_DIR, SEL, startCodeServer, type CodeServerSession } from './codeServer';
import { BIDEN_QUOTE, CORPUS_ID, CORPUS_TITLE, positionOf, REQUIRED, WORKSPACE } from './env';
import { DRAFT_FINDINGS, DRAFT_LENS, DRAFT_TEXT } from './expected';
import { packagedVsix } from './vsix';
import {
  codeLenses, expandSource, filterProblems, goTo, parkMouse, problems, showProblems, showSourcesView, sourcesRows, squiggles, statusText,
  waitUntil, type Squiggle,
} from './workbench';

interface IndexedQuote {
  text: string;
  speaker: string | null;
  kind: 'statement' | 'fragment';
  source: { id: string; title?: string };
}

/** What the packaged CLI indexes for the workspace (bundled corpus + sources/): the oracle for the counts. */
function indexedQuotes(cli: string, workspace: string): IndexedQuote[] {
  const res = spawnSync(process.execPath, [cli, 'quotes', '--json', '--sources', join(workspace, 'sources')], { encoding: 'utf8', timeout: 60_000 });
  if (res.status !== 0) throw new Error(`${cli} quotes failed (${res.status ?? res.signal}): ${res.stderr}`);
  return JSON.parse(res.stdout) as IndexedQuote[];
}

const sources = (quotes: IndexedQuote[]) => new Set(quotes.map((q) => q.source.id)).size;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const editorLine = async (s: CodeServerSession, line: number) => (await s.editorText()).split('\n')[line - 1];

const NEW_SOURCE = {
  file: 'desk-memo.md',
  id: 'desk-memo-2021-12-08',
  title: 'How the desk checks quotations',
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

const install = findCodeServer();

describe('VS Code (code-server) with the packaged verbatim.vsix', {
  skip: !install && !REQUIRED ? 'code-server is not installed in .vscode-test/code-server (run: bash test/e2e/setup.sh)' : false,
}, () => {
  let s: CodeServerSession;
  let tmp = '';
  let cli = '';
  let corpusQuotes: IndexedQuote[] = [];

  before(async () => {
    if (!install) throw new Error('VERBATIM_E2E=1 but code-server is not installed in .vscode-test/code-server (run: bash test/e2e/setup.sh)');
    const t0 = Date.now();
    tmp = mkdtempSync(join(tmpdir(), 'verbatim-e2e-vscode-'));
    const { vsix, packedNow } = packagedVsix(tmp);
    const t1 = Date.now();
    const extensions = join(tmp, 'extensions');
    installVsix(vsix, extensions);
    const installed = readdirSync(extensions).find((d) => d.startsWith('verbatim-dev.verbatim-'));
    assert.ok(installed, `the .vsix did not install a verbatim-dev.verbatim folder: ${readdirSync(extensions).join(', ')}`);
    cli = join(extensions, installed, 'dist', 'cli.js');
    corpusQuotes = indexedQuotes(cli, WORKSPACE);
    const t2 = Date.now();
    s = await startCodeServer({ workspace: WORKSPACE, extensionsDir: extensions, name: 'vscode', settings: {
      'editor.minimap.enabled': false,
      'verbatim.trace.server': 'messages', // the LSP traffic in the Verbatim output channel, kept in logs/vscode/
    } });
    const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`vscode e2e: ${packedNow ? 'packed a .vsix' : 'verbatim.vsix is up to date'} (${secs(t1 - t0)}), installed in ${secs(t2 - t1)}, workbench up in ${secs(Date.now() - t2)}`);
  }, { timeout: 300_000 });

  after(async () => {
    // The window's logs (extension host, and the Verbatim output channel with the traced LSP messages) go with the
    // screenshots, to explain a failure after the session's folder is gone.
    if (s) {
      const logs = join(s.tmpDir, 'user-data', 'logs');
      const dest = join(RESULTS_DIR, 'logs', 'vscode'); // not vscode-*: startCodeServer clears those as screenshots
      rmSync(dest, { recursive: true, force: true });
      if (existsSync(logs)) cpSync(logs, dest, { recursive: true });
    }
    await s?.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('underlines the findings (a misquote, a wrong speaker, an unverified quote, an unknown source) and lists them in the Problems panel with their messages', { timeout: 240_000 }, async () => {
    await s.openFile('draft.md');
    const want: Squiggle[] = DRAFT_FINDINGS.map((f) => ({ line: f.line + 1, severity: f.severity === 1 ? 'error' : 'warning', text: f.underlined }));
    // The first diagnostics wait for the extension host, the server and the first indexing: allow for a loaded machine.
    await waitUntil(s, `the ${want.length} findings to be underlined`, async () => {
      const got = await squiggles(s);
      return JSON.stringify(got) === JSON.stringify(want) || undefined;
    }, () => squiggles(s), 180_000);

    await showProblems(s);
    const rowFor = (list: Awaited<ReturnType<typeof problems>>, f: (typeof DRAFT_FINDINGS)[number]) =>
      list.find((p) => p.file === 'draft.md' &&
        p.label.startsWith(`${f.severity === 1 ? 'Error' : 'Warning'}: ${f.message}`) &&
        p.text.includes(`verbatim ${f.code} [Ln ${f.line + 1}, Col ${f.character + 1}]`));
    const listed = await waitUntil(s, `the ${DRAFT_FINDINGS.length} findings in the Problems panel`, async () => {
      const list = await problems(s);
      return DRAFT_FINDINGS.every((f) => rowFor(list, f)) ? list : undefined;
    }, () => problems(s));
    assert.equal(listed.filter((p) => p.file === 'draft.md').length, DRAFT_FINDINGS.length, JSON.stringify(listed, null, 2));
    // The misquote's row goes on with the source's wording beside the draft's.
    const peskov = DRAFT_FINDINGS.find((f) => f.message.startsWith('Misquote of Dmitry Peskov'))!;
    assert.match(rowFor(listed, peskov)!.text, /source: “This is not news, but rather a continuation of the media hysteria”/);
    await parkMouse(s);
    await s.screenshot('findings underlined and in problems');
  });

  it('hovering a quotation shows its speaker and source', { timeout: 120_000 }, async () => {
    const hover = await s.hoverAt('accept anybody', 'Verified quotation');
    for (const want of ['✓ Verified quotation', 'Joe Biden, US President', `${CORPUS_TITLE} · bne IntelliNews · 2021-12-07`,
      `"${BIDEN_QUOTE}" he told reporters`, 'Open the source at line']) {
      assert.ok(hover.includes(want), `the hover lacks "${want}":\n${hover}`);
    }
    await s.screenshot('hover quotation speaker and source');
  });

  it('hovering an entity shows its role', { timeout: 120_000 }, async () => {
    const hover = await s.hoverAt('Tim Ash', 'Tim Ash — person');
    assert.ok(hover.includes('senior sovereign strategist, BlueBay Asset Management'), `the hover lacks Tim Ash's role:\n${hover}`);
    await s.screenshot('hover entity role');
    await parkMouse(s);
  });

  it('the status bar item, the code lens and the Sources view show the right counts', { timeout: 120_000 }, async () => {
    const n = corpusQuotes.length;
    const status = `${plural(sources(corpusQuotes), 'source')} · ${plural(n, 'quote')}`;
    await waitUntil(s, `the status bar item "${status}"`, async () => (await statusText(s)) === status || undefined, () => statusText(s));
    // VS Code asks for code lenses while the editor has focus (a blur cancels the pending request; the Problems panel
    // took the focus in the first step), as for a writer looking at the draft.
    await s.focusEditor();
    await waitUntil(s, `the code lens "${DRAFT_LENS}"`, async () => (await codeLenses(s)).includes(DRAFT_LENS) || undefined, () => codeLenses(s));

    // Sources view: the source with its quote count, then one row a speaker with that speaker's count.
    const groups = new Map<string, number>();
    for (const q of corpusQuotes) {
      const key = q.speaker ?? (q.kind === 'fragment' ? 'Fragments and scare quotes' : 'Unattributed');
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const wantSpeakers = [...groups].map(([name, count]) => `${name} ${count}`).sort();
    assert.equal(groups.get('Joe Biden'), 1, 'the index gives Biden his one quotation');
    await showSourcesView(s);
    await expandSource(s, CORPUS_TITLE);
    await waitUntil(s, 'the Sources view to list the source and its speakers with their counts', async () => {
      const rows = await sourcesRows(s);
      const source = rows.find((r) => r.level === 1 && r.label.startsWith(CORPUS_TITLE));
      const speakers = rows.filter((r) => r.level === 2).map((r) => r.label).sort();
      return source?.label.includes(`@${CORPUS_ID} ${n} quotes`) && JSON.stringify(speakers) === JSON.stringify(wantSpeakers) || undefined;
    }, async () => ({ want: wantSpeakers, rows: await sourcesRows(s) }));
    await s.screenshot('status bar code lens and sources view counts');
  });

  it('typing “I don and Ctrl+Space offers Biden’s quote; accepting inserts the exact words and the closing mark', { timeout: 120_000 }, async () => {
    await s.openFile('completion.md');
    await s.press('Control+End');
    await s.typeText('“I don');
    await s.triggerSuggest(BIDEN_QUOTE);
    // The list the opening mark brought up (every quote) narrows as the server answers each keystroke: wait until
    // Biden's quote is the first and selected row, so Enter accepts it.
    const first = `${SEL.suggestRows}.focused[data-index="0"]`;
    await waitUntil(s, 'Biden’s quote to be the first, selected suggestion', async () =>
      (await s.page.locator(`${first} .label-name`).allInnerTexts())[0] === BIDEN_QUOTE || undefined,
    () => s.page.locator(`${SEL.suggestRows} .label-name`).allInnerTexts());
    const row = await s.page.locator(first).innerText();
    assert.match(row, /Joe Biden/, `the suggestion names its speaker: ${row}`);
    await s.screenshot('completion offers biden quote');
    await s.press('Enter');
    const want = `“${BIDEN_QUOTE}”`;
    await waitUntil(s, `line 3 to read ${want}`, async () => (await editorLine(s, 3)) === want || undefined, () => s.editorText());
    await waitUntil(s, 'the code lens to count one verified quotation', async () =>
      (await codeLenses(s)).includes('1 quotation · 1 verified · 0 misquoted · 0 unverified') || undefined, () => codeLenses(s));
    await parkMouse(s);
    await s.screenshot('completion accepted exact words and closing mark');
  });

  it('the quick fix (Ctrl+.) corrects a misquote and its warning disappears', { timeout: 120_000 }, async () => {
    await s.openFile('draft.md');
    const misquote = DRAFT_FINDINGS.find((f) => f.code === 'misquote')!;
    const at = positionOf(DRAFT_TEXT, 'frenzy', 2);
    await goTo(s, at.line + 1, at.character + 1);
    await s.press('Control+.');
    const fix = await s.waitFor('.action-widget .monaco-list-row.action[aria-label^="Restore the source wording"]', 'the quick fix "Restore the source wording"');
    await s.screenshot('quick fix offered');
    await fix.click();

    const fixed = '“This is not news, but rather a continuation of the media hysteria,” Peskov said.';
    await waitUntil(s, 'the misquote to be corrected', async () => (await editorLine(s, at.line + 1)) === fixed || undefined, () => s.editorText());
    const rest = DRAFT_FINDINGS.filter((f) => f !== misquote)
      .map((f) => ({ line: f.line + 1, severity: f.severity === 1 ? 'error' : 'warning', text: f.underlined }));
    await waitUntil(s, 'the misquote\'s squiggle to go (and the others to stay)', async () =>
      JSON.stringify(await squiggles(s)) === JSON.stringify(rest) || undefined, () => squiggles(s));
    await waitUntil(s, 'the misquote to leave the Problems panel', async () => {
      const draft = (await problems(s)).filter((p) => p.file === 'draft.md');
      return (draft.length === rest.length && !draft.some((p) => p.text.includes('verbatim misquote'))) || undefined;
    }, () => problems(s));
    await waitUntil(s, 'the code lens to count the fixed quotation as verified', async () =>
      (await codeLenses(s)).includes('6 quotations · 4 verified · 0 misquoted · 1 wrong speaker · 1 unverified') || undefined, () => codeLenses(s));
    // Autosave is off: the fix is in the editor only.
    assert.equal(readFileSync(join(s.workspaceDir, 'draft.md'), 'utf8'), DRAFT_TEXT);
    await parkMouse(s);
    await s.screenshot('quick fix applied warning gone');
  });

  it('"Verbatim: Insert Quote…" inserts a quote with its speaker and citation', { timeout: 120_000 }, async () => {
    await s.openFile('insert.md');
    await s.press('Control+End');
    await s.runCommand('Verbatim: Insert Quote…');
    await s.waitFor(`${SEL.quickInput} .quick-input-list .monaco-list-row`, 'the quotes to pick from');
    await s.page.keyboard.type('anybody’s red lines');
    const row = await s.waitFor(`${SEL.quickInputRow}[aria-label^=${JSON.stringify(`“${BIDEN_QUOTE}”, Joe Biden, ${CORPUS_TITLE}`)}]`, 'Biden’s quote in the picker');
    await s.screenshot('insert quote picker');
    await row.click();
    const want = `“${BIDEN_QUOTE}” Joe Biden said [@${CORPUS_ID}]`;
    await waitUntil(s, `line 3 to read ${want}`, async () => (await editorLine(s, 3)) === want || undefined, () => s.editorText());
    await waitUntil(s, 'the code lens to count the inserted quotation as verified', async () =>
      (await codeLenses(s)).includes('1 quotation · 1 verified · 0 misquoted · 0 unverified') || undefined, () => codeLenses(s));
    await parkMouse(s);
    await s.screenshot('insert quote inserted');
  });

  it('a source saved into sources/ is indexed without a restart, and a quote from it is then verified', { timeout: 180_000 }, async () => {
    await showSourcesView(s);
    await s.openFile('later.md');
    await filterProblems(s, '**/later.md');
    await s.focusEditor();
    const quote = 'Every quotation in this draft was checked against its source before publication,';
    await waitUntil(s, 'the quotation from the unknown source to be underlined as unverified', async () =>
      JSON.stringify(await squiggles(s)) === JSON.stringify([{ line: 3, severity: 'warning', text: quote }]) || undefined, () => squiggles(s));
    await waitUntil(s, 'the unverified quotation in the Problems panel (filtered to later.md)', async () => {
      const list = await problems(s);
      return (list.length === 1 && list[0].file === 'later.md' && list[0].text.includes('verbatim unverified-quote')) || undefined;
    }, () => problems(s));
    await parkMouse(s);
    await s.screenshot('new source before quote unverified');

    writeFileSync(join(s.workspaceDir, 'sources', NEW_SOURCE.file), NEW_SOURCE.text);
    const all = indexedQuotes(cli, s.workspaceDir);
    const fromNew = all.filter((q) => q.source.id === NEW_SOURCE.id);
    assert.equal(fromNew.length, 1, `the CLI finds the new source's one quotation: ${JSON.stringify(fromNew)}`);
    const status = `${plural(sources(all), 'source')} · ${plural(all.length, 'quote')}`;
    await waitUntil(s, `the status bar item "${status}"`, async () => (await statusText(s)) === status || undefined, () => statusText(s), 60_000);
    await waitUntil(s, 'the squiggle to go', async () => (await squiggles(s)).length === 0 || undefined, () => squiggles(s));
    await waitUntil(s, 'the Problems panel to drop later.md', async () =>
      !(await problems(s)).some((p) => p.file === 'later.md') || undefined, () => problems(s));
    await waitUntil(s, 'the Sources view to list the new source', async () =>
      (await sourcesRows(s)).some((r) => r.level === 1 && r.label.startsWith(NEW_SOURCE.title)) || undefined, () => sourcesRows(s));
    await waitUntil(s, 'the code lens to count the quotation as verified', async () =>
      (await codeLenses(s)).includes('1 quotation · 1 verified · 0 misquoted · 0 unverified') || undefined, () => codeLenses(s));
    const hover = await s.hoverAt('checked against', 'Verified quotation');
    for (const want of ['Ada Quill, managing editor', `${NEW_SOURCE.title} · Verbatim Desk · 2021-12-08`]) {
      assert.ok(hover.includes(want), `the hover lacks "${want}":\n${hover}`);
    }
    await s.screenshot('new source indexed quote verified');
    await filterProblems(s, '');
  });

  it('an unsaved edit to a source counts at once, and reverting it restores the check', { timeout: 180_000 }, async () => {
    const sourceFile = `sources/${NEW_SOURCE.file}`;
    await s.openFile(sourceFile);
    // The source's quote gains a word; the draft's quotation (later.md) no longer matches it word for word.
    const quoteLine = NEW_SOURCE.text.split('\n').findIndex((l) => l.includes('checked against')) + 1;
    await goTo(s, quoteLine, NEW_SOURCE.text.split('\n')[quoteLine - 1].indexOf('against') + 1);
    await s.typeText('twice ');
    await waitUntil(s, 'the source to show the unsaved word', async () => (await editorLine(s, quoteLine)).includes('checked twice against') || undefined, () => s.editorText());
    await s.openFile('later.md');
    await filterProblems(s, '**/later.md');
    // Back in the editor, as a writer would be: VS Code fetches an editor's code lenses only while its text has focus.
    await s.focusEditor();
    await waitUntil(s, 'the quotation to be flagged against the unsaved source', async () => {
      const list = await problems(s);
      return (list.length === 1 && list[0].text.includes('verbatim misquote')) || undefined;
    }, () => problems(s));
    await waitUntil(s, 'the code lens to count the quotation as misquoted', async () =>
      (await codeLenses(s)).includes('1 quotation · 0 verified · 1 misquoted · 0 unverified') || undefined, () => codeLenses(s));
    assert.equal(readFileSync(join(s.workspaceDir, sourceFile), 'utf8'), NEW_SOURCE.text, 'the source was not saved');
    await parkMouse(s);
    await s.screenshot('unsaved source edit flags the quotation');

    await s.openFile(sourceFile);
    await s.runCommand('File: Revert File');
    await waitUntil(s, 'the source to be back as saved', async () => !(await editorLine(s, quoteLine)).includes('twice') || undefined, () => s.editorText());
    await s.openFile('later.md');
    await s.focusEditor();
    await waitUntil(s, 'the Problems panel to drop later.md again', async () =>
      !(await problems(s)).some((p) => p.file === 'later.md') || undefined, () => problems(s));
    await waitUntil(s, 'the code lens to count the quotation as verified again', async () =>
      (await codeLenses(s)).includes('1 quotation · 1 verified · 0 misquoted · 0 unverified') || undefined, () => codeLenses(s));
    await parkMouse(s);
    await s.screenshot('reverted source quotation verified again');
    await filterProblems(s, '');
  });
});
