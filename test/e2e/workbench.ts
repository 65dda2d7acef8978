// Reading Verbatim's parts of the VS Code workbench in code-server (on top of codeServer.ts): squiggles with the text
// they underline, Problems rows by file, the code lens, the status bar item, the Sources view; moving the cursor; and
// waiting for any of these to reach a state, with the last state seen and a screenshot when it does not.
import type { CodeServerSession } from './codeServer';

// page.evaluate() bodies are strings: tsx would wrap named functions in a helper (__name) that the page lacks.

export interface Squiggle {
  line: number; // 1-based, as the editor shows it
  severity: string; // error, warning, info, hint
  text: string; // the characters under it
}

/** The squiggles of the active editor, top to bottom, with the text each one underlines. */
export async function squiggles(s: CodeServerSession): Promise<Squiggle[]> {
  const found: Squiggle[] = await s.page.evaluate(`(() => {
    const editor = document.querySelector('.editor-instance .monaco-editor');
    if (!editor) return [];
    const lines = [...editor.querySelectorAll('.view-lines .view-line')];
    const numbers = [...editor.querySelectorAll('.margin-view-overlays > div')];
    const out = [];
    for (const sq of editor.querySelectorAll('.view-overlays [class*="squiggly-"]')) {
      const top = sq.parentElement.style.top;
      const line = lines.find((l) => l.style.top === top);
      const number = numbers.find((n) => n.style.top === top);
      const box = sq.getBoundingClientRect();
      let text = '';
      if (line) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (let i = 0; i < n.textContent.length; i++) {
            range.setStart(n, i);
            range.setEnd(n, i + 1);
            const r = range.getBoundingClientRect();
            const mid = r.left + r.width / 2;
            if (mid >= box.left && mid <= box.right) text += n.textContent[i];
          }
        }
      }
      out.push({
        line: Number(number ? number.textContent : NaN),
        severity: (sq.className.match(/squiggly-(\\w+)/) || [])[1],
        text: text.replace(/\\u00a0/g, ' '),
      });
    }
    return out;
  })()`);
  return found.sort((a, b) => a.line - b.line);
}

export interface Problem {
  file: string;
  label: string; // the row's aria-label: "Error: <message> at line L and character C. …"
  text: string; // what the row shows: message, source, code, [Ln L, Col C]
}

/** The Problems panel's markers (not the related-information rows), with the file each belongs to. */
export async function problems(s: CodeServerSession): Promise<Problem[]> {
  const rows: { label: string; text: string }[] = await s.page.evaluate(`[...document.querySelectorAll('.markers-panel .monaco-list-row')]
    .map((e) => ({ label: e.getAttribute('aria-label') || '', text: e.innerText.replace(/\\n/g, ' ') }))`);
  const out: Problem[] = [];
  let file = '';
  for (const r of rows) {
    const header = /problems? in file (\S+)/.exec(r.label);
    if (header) file = header[1];
    else if (/^(Error|Warning|Info):/.test(r.label)) out.push({ file, ...r });
  }
  return out;
}

/** Opens the Problems panel unless it is open (Ctrl+Shift+M toggles it). */
export async function showProblems(s: CodeServerSession): Promise<void> {
  if (!(await s.page.locator('.markers-panel').first().isVisible())) await s.openProblemsPanel();
}

/** Types a filter into the Problems panel (e.g. `**\/later.md` for one file's rows; '' clears it). The panel's list
 * renders only the rows in view, so a long list would hide a file's rows from problems(). */
export async function filterProblems(s: CodeServerSession, filter: string): Promise<void> {
  await showProblems(s);
  await s.page.locator('.markers-panel-container input[aria-label="Filter Problems"], input[aria-label="Filter Problems"]').first().fill(filter);
}

export async function codeLenses(s: CodeServerSession): Promise<string[]> {
  return s.page.locator('.editor-instance .codelens-decoration').allInnerTexts();
}

export const STATUS_ITEM = '[id="verbatim-dev.verbatim.verbatim.status"]';

export async function statusText(s: CodeServerSession): Promise<string> {
  const item = s.page.locator(STATUS_ITEM);
  return (await item.count()) ? (await item.innerText()).replace(/\s+/g, ' ').trim() : '';
}

const SOURCES_PANE = '.pane:has(> .pane-header[aria-label^="Sources Section"])';

export interface TreeRow {
  label: string; // aria-label (for a source: its tooltip, title / @id / N quotes)
  text: string;
  level: number;
  expanded: string | null;
}

export async function sourcesRows(s: CodeServerSession): Promise<TreeRow[]> {
  return s.page.evaluate(`[...document.querySelectorAll('${SOURCES_PANE} .monaco-list-row')].map((e) => ({
    label: (e.getAttribute('aria-label') || '').replace(/\\s+/g, ' '),
    text: e.innerText.replace(/\\s+/g, ' ').trim(),
    level: Number(e.getAttribute('aria-level')),
    expanded: e.getAttribute('aria-expanded'),
  }))`);
}

/** Shows the Explorer's Sources view with room for its rows: the folder tree above it is collapsed. */
export async function showSourcesView(s: CodeServerSession): Promise<void> {
  const folders = s.page.locator('.pane-header[aria-label^="Explorer Section"]').first();
  if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
  const header = s.page.locator(`${SOURCES_PANE} > .pane-header`);
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await s.waitFor(`${SOURCES_PANE} .monaco-list-row`, 'a row in the Sources view');
}

/** Expands the Sources view's row whose label starts with `label`. */
export async function expandSource(s: CodeServerSession, label: string): Promise<void> {
  const row = s.page.locator(`${SOURCES_PANE} .monaco-list-row[aria-level="1"][aria-label^=${JSON.stringify(label)}]`).first();
  await row.waitFor({ state: 'visible', timeout: s.timeoutMs });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await waitUntil(s, `the source "${label}" to expand`, async () => (await row.getAttribute('aria-expanded')) === 'true' || undefined);
}

/** Puts the cursor at a 1-based line and column with Go to Line (Ctrl+G), as a person would. */
export async function goTo(s: CodeServerSession, line: number, column: number): Promise<void> {
  await s.focusEditor();
  await s.press('Control+G');
  await s.waitFor(`${'.quick-input-widget'} input`, 'Go to Line');
  await s.page.keyboard.type(`${line}:${column}`);
  await s.press('Enter');
  // Go to Line moves the cursor as a preview while it is still open: wait for it to close and the editor to have
  // the keyboard again, or the next key goes to the closing widget.
  await waitUntil(s, 'Go to Line to close', async () => !(await s.page.locator('.quick-input-widget').first().isVisible()) || undefined);
  await s.focusEditor();
  await waitUntil(s, `the cursor at ${line}:${column}`, async () => {
    const at = await s.page.locator('[id="status.editor.selection"]').innerText();
    return at.includes(`Ln ${line}, Col ${column}`) ? at : undefined;
  });
}

/** Moves the mouse onto empty editor space, so no hover or tooltip covers a screenshot. */
export async function parkMouse(s: CodeServerSession): Promise<void> {
  const box = await s.page.locator('.editor-instance').first().boundingBox();
  await s.page.mouse.move(box ? box.x + box.width - 40 : 1, box ? box.y + box.height - 40 : 1);
}

/**
 * Polls fn (every 100 ms: a poll interval, not a wait for the condition) until it returns a value, or fails after
 * timeoutMs naming what was awaited, the last state seen (describe()) and a screenshot.
 */
export async function waitUntil<T>(
  s: CodeServerSession,
  what: string,
  fn: () => Promise<T | undefined>,
  describe?: () => Promise<unknown>,
  timeoutMs = s.timeoutMs,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let error = '';
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== null && (v as unknown) !== false) return v;
    } catch (e) {
      error = (e as Error).message;
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const last = describe ? await describe().catch((e) => `(could not read: ${(e as Error).message})`) : undefined;
  const shot = await s.screenshot(`FAILED ${what}`).catch(() => '(no screenshot)');
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}` +
    (last !== undefined ? `\nlast seen: ${JSON.stringify(last, null, 2)}` : '') + (error ? `\nlast error: ${error}` : '') +
    `\nscreenshot: ${shot}`);
}
