// A real VS Code for tests: code-server (installed by test/e2e/setup.sh into .vscode-test/code-server/)
// driven through Debian's headless Chromium with playwright-core. See ../shared/notes/real-clients.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const CODE_SERVER_CACHE = join(REPO_ROOT, '.vscode-test', 'code-server');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');
const CHROMIUM = '/usr/bin/chromium';

/** A value for a CSS attribute selector: [aria-label*=${css(text)}]. */
const css = (text: string) => JSON.stringify(text);

/** Selectors that hold in code-server 4.139 (VS Code 1.139). */
export const SEL = {
  workbench: '.monaco-workbench',
  explorerRow: (name: string) => `.explorer-folders-view .monaco-list-row[aria-label=${css(name)}]`,
  activeTab: (name: string) => `.tabs-container .tab.active[aria-label^=${css(name)}]`,
  editorLines: '.editor-instance .monaco-editor .view-lines',
  suggestRows: '.editor-widget.suggest-widget.visible .monaco-list-row',
  hover: '.monaco-editor .monaco-hover:not(.hidden) .hover-contents',
  squiggle: '.view-overlays [class*="squiggly-"]',
  quickInput: '.quick-input-widget',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  problemRows: '.markers-panel .monaco-list-row',
};

// Fresh user settings for every run: the web build autosaves by default and would write typing into the fixture.
const DEFAULT_SETTINGS: Record<string, unknown> = {
  'files.autoSave': 'off',
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden', // the empty chat side bar takes a third of the window
  // One view line per model line, so editorText() and hoverAt() see whole lines.
  'editor.wordWrap': 'off',
  '[markdown]': { 'editor.wordWrap': 'off' },
  'editor.hover.delay': 100,
};

export interface CodeServerInstall {
  version: string;
  node: string; // the Node 24 that code-server 4.139 needs
  entry: string; // out/node/entry.js
}

/** The install that setup.sh finished (it writes paths.json last), or undefined. */
export function findCodeServer(): CodeServerInstall | undefined {
  const marker = join(CODE_SERVER_CACHE, 'paths.json');
  if (!existsSync(marker)) return undefined;
  const install = JSON.parse(readFileSync(marker, 'utf8')) as CodeServerInstall;
  return existsSync(install.node) && existsSync(install.entry) ? install : undefined;
}

function requireCodeServer(): CodeServerInstall {
  const install = findCodeServer();
  if (!install) throw new Error(`code-server is not installed in ${CODE_SERVER_CACHE}: run bash test/e2e/setup.sh`);
  return install;
}

// code-server and Chromium write configs, logs, caches and crash reports under ~ (whatever --user-data-dir
// says): a throwaway HOME keeps them out of the real one. An empty gallery URL stops code-server from
// querying open-vsx.org, which this machine cannot reach.
function isolatedEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: join(dir, 'home'), EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }) };
  for (const k of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) delete env[k];
  mkdirSync(join(dir, 'home'), { recursive: true });
  return env;
}

/** Installs a .vsix into extensionsDir (code-server --install-extension). */
export function installVsix(vsix: string, extensionsDir: string): void {
  const install = requireCodeServer();
  const tmp = mkdtempSync(join(tmpdir(), 'verbatim-vsix-'));
  try {
    mkdirSync(extensionsDir, { recursive: true });
    const res = spawnSync(
      install.node,
      [install.entry, '--config', join(tmp, 'config.yaml'), '--user-data-dir', join(tmp, 'udd'),
        '--extensions-dir', extensionsDir, '--install-extension', resolve(vsix)],
      { env: isolatedEnv(tmp), encoding: 'utf8', timeout: 120_000 },
    );
    const out = `${res.stdout}\n${res.stderr}`;
    if (res.status !== 0 || !/successfully installed/i.test(out)) {
      throw new Error(`installing ${vsix} failed (exit ${res.status ?? res.signal}):\n${out.trim()}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Packs an extension folder into outFile with the repo's @vscode/vsce (for test-only extensions). */
export function packVsix(extensionDir: string, outFile: string): void {
  const vsce = join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const res = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', resolve(outFile)],
    { cwd: extensionDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (res.status !== 0) throw new Error(`vsce package in ${extensionDir} failed (exit ${res.status ?? res.signal}):\n${res.stdout}${res.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

/** Polls fn until it returns a truthy value or the deadline passes; failFast() names a reason to stop at once. */
/** How long one aim of the mouse waits for its hover before aiming again (hoverAt). */
const AIM_MS = 5_000;

async function pollUntil<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>,
  failFast: () => string | undefined = () => undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = failFast();
    if (reason) throw new Error(reason);
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100)); // poll interval, not a wait for the condition itself
  }
}

export interface StartOptions {
  workspace: string; // fixture folder; a fresh copy is opened, the original is never touched
  extensionsDir?: string; // default: a fresh empty folder
  settings?: Record<string, unknown>; // merged over DEFAULT_SETTINGS
  name?: string; // prefix for screenshots and the log file; default 'session'
  timeoutMs?: number; // default wait for any one condition; default 30000
  workspaceTrust?: boolean; // VS Code's workspace trust on (the workspace opens untrusted: restricted mode); default off
}

// Sessions still alive when the process ends (a crash, a test timeout, Ctrl+C) are killed here as a last
// resort: code-server runs in its own process group, so no signal to ours reaches it.
const live = new Set<CodeServerSession>();
process.on('exit', () => {
  for (const s of live) s.killServer();
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    for (const s of live) s.killServer();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

export class CodeServerSession {
  page!: Page;
  private context?: BrowserContext;
  private shots = 0;

  constructor(
    readonly url: string,
    readonly workspaceDir: string, // the fresh copy the editor works on
    readonly tmpDir: string,
    private readonly server: ChildProcess,
    private readonly logFile: string,
    readonly name: string,
    readonly timeoutMs: number,
  ) {
    live.add(this);
  }

  async openBrowser(): Promise<void> {
    this.context = await chromium.launchPersistentContext(join(this.tmpDir, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      env: isolatedEnv(this.tmpDir),
      viewport: { width: 1280, height: 800 },
      // Without the background-networking flags Chromium keeps calling out into this machine's closed network.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    await this.page.goto(this.url);
    await this.waitFor(SEL.workbench, 'the workbench', 60_000);
    await this.waitFor('.explorer-folders-view .monaco-list-row', 'the explorer to list the workspace', 60_000);
  }

  /** Waits for selector to be visible; the error names `what`, the selector and a failure screenshot. */
  async waitFor(selector: string, what: string, timeoutMs = this.timeoutMs): Promise<Locator> {
    const loc = this.page.locator(selector).first();
    try {
      await loc.waitFor({ state: 'visible', timeout: timeoutMs });
      return loc;
    } catch {
      const shot = await this.screenshot(`FAILED waiting for ${what}`).catch(() => '(no screenshot)');
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${selector}); screenshot: ${shot}`);
    }
  }

  /** Waits until the text of selector (all matches joined) satisfies expected. */
  async waitForText(selector: string, expected: string | RegExp, what: string, timeoutMs = this.timeoutMs): Promise<string> {
    const loc = this.page.locator(selector);
    let last = '';
    const ok = (t: string) => (typeof expected === 'string' ? t.includes(expected) : expected.test(t));
    try {
      return await pollUntil(what, timeoutMs, async () => {
        last = (await loc.allInnerTexts()).join('\n').replace(/\u00a0/g, ' '); // the editor renders spaces as U+00A0
        return ok(last) ? last : undefined;
      });
    } catch {
      const shot = await this.screenshot(`FAILED waiting for ${what}`).catch(() => '(no screenshot)');
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: wanted ${expected} in ${selector}, ` +
        `last saw ${JSON.stringify(last.slice(0, 500))}; screenshot: ${shot}`);
    }
  }

  /** Opens a workspace file by its path relative to the workspace, through Quick Open, and focuses the editor. */
  async openFile(relPath: string): Promise<void> {
    const name = basename(relPath);
    await this.page.keyboard.press('Control+P');
    await this.waitFor(`${SEL.quickInput} input`, 'Quick Open');
    await this.page.keyboard.type(relPath);
    // Wait until the file is the focused row: before the typed filter applies, the recently opened list shows the
    // file too, with focus on another row (Enter would open that one).
    await this.waitFor(`${SEL.quickInputRow}.focused[aria-label^=${css(name)}]`, `"${relPath}" focused in Quick Open`);
    await this.page.keyboard.press('Enter');
    await this.waitFor(SEL.activeTab(name), `the editor tab of ${relPath}`);
    await this.focusEditor(); // the cursor stays at 1:1
  }

  /** The visible lines of the active editor, top to bottom (the DOM keeps view lines in no fixed order). */
  async editorText(): Promise<string> {
    const lines = await this.page.locator(`${SEL.editorLines} .view-line`).evaluateAll((els) =>
      els.map((e: any) => ({ top: parseFloat(e.style.top) || 0, text: String(e.textContent) })));
    return lines.sort((a, b) => a.top - b.top).map((l) => l.text).join('\n').replace(/\u00a0/g, ' ');
  }

  /** Moves keyboard focus to the active editor (Ctrl+1) unless it is already there, e.g. after the Problems panel. */
  async focusEditor(): Promise<void> {
    const inEditor = () => this.page.evaluate(() =>
      Boolean((globalThis as any).document.activeElement?.closest('.editor-instance .monaco-editor')));
    if (await inEditor()) return;
    await this.page.keyboard.press('Control+1');
    await pollUntil('keyboard focus in the editor', this.timeoutMs, async () => (await inEditor()) || undefined);
  }

  /** Types into the active editor, as a person would, key by key. */
  async typeText(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Ctrl+Space; returns the suggestion labels once `expectLabel` (or any row) is shown. */
  async triggerSuggest(expectLabel?: string): Promise<string[]> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+Space');
    const rows = `${SEL.suggestRows} .label-name`;
    if (expectLabel) await this.waitForText(rows, expectLabel, `the suggestion "${expectLabel}"`);
    else await this.waitFor(rows, 'the suggest widget');
    return this.page.locator(rows).allInnerTexts();
  }

  /**
   * Hovers the first occurrence of `text` and returns the hover once it shows `expect`. The lines can move between measuring and moving the
   * mouse (a code lens arriving above them): a hover that shows something else is aimed again, measured afresh.
   */
  async hoverAt(text: string, expect?: string | RegExp): Promise<string> {
    if (!expect) return this.hoverOnce(text);
    const what = `a hover containing ${expect} over "${text}"`;
    const ok = (t: string) => (typeof expect === 'string' ? t.includes(expect) : expect.test(t));
    const hover = this.page.locator(SEL.hover);
    for (const deadline = Date.now() + this.timeoutMs - AIM_MS; Date.now() < deadline; ) {
      await this.hoverOnce(text, true);
      const shown = await pollUntil(what, AIM_MS, async () => {
        const t = (await hover.allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
        return ok(t) ? t : undefined;
      }).catch(() => undefined);
      if (shown) return shown;
    }
    await this.hoverOnce(text, true);
    return this.waitForText(SEL.hover, expect, what, AIM_MS);
  }

  /** Moves the mouse onto the first occurrence of `text` in the editor; the hover's text unless `aimOnly`. */
  private async hoverOnce(text: string, aimOnly = false): Promise<string> {
    const box = await this.page.evaluate((needle: string) => {
      // Runs in the page: find needle across the text nodes of one view line, measure it with a Range.
      const doc = (globalThis as any).document;
      for (const line of doc.querySelectorAll('.editor-instance .monaco-editor .view-line')) {
        const walker = doc.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
        const nodes: any[] = [];
        let all = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push({ n, start: all.length });
          all += n.textContent.replace(/\u00a0/g, ' ');
        }
        const at = all.indexOf(needle);
        if (at < 0) continue;
        const mid = at + Math.floor(needle.length / 2);
        const hit = nodes.filter((x) => x.start <= mid).pop();
        const range = doc.createRange();
        range.setStart(hit.n, mid - hit.start);
        range.setEnd(hit.n, Math.min(mid - hit.start + 1, hit.n.textContent.length));
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      return null;
    }, text);
    if (!box) throw new Error(`hoverAt: "${text}" is not visible in the editor`);
    await this.page.mouse.move(0, 0); // a move onto the same spot as the last hover would fire no event
    await this.page.mouse.move(box.x, box.y);
    return aimOnly ? '' : (await this.waitFor(SEL.hover, `a hover over "${text}"`)).innerText();
  }

  /** Runs a command by its palette label through F1 (e.g. "View: Toggle Word Wrap"). */
  async runCommand(label: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = await this.waitFor(`${SEL.quickInput} input`, 'the command palette');
    await input.fill(`>${label}`);
    // Click the row with this label, not the top one: a longer command may contain the same words.
    const row = await this.waitFor(`${SEL.quickInputRow}[aria-label*=${css(label)}]`, `the command "${label}" in the palette`);
    await row.click();
    // Done when the palette has closed or given way to the command's own quick pick (e.g. "Insert Quote…").
    const widget = this.page.locator(SEL.quickInput).first();
    await pollUntil(`the palette to run "${label}"`, this.timeoutMs, async () =>
      !(await widget.isVisible()) || !(await input.inputValue()).startsWith('>') || undefined);
  }

  /** Opens the Problems panel (Ctrl+Shift+M); with expected, waits for a row containing it. Returns the rows' labels. */
  async openProblemsPanel(expected?: string | RegExp): Promise<string[]> {
    await this.page.keyboard.press('Control+Shift+M');
    await this.waitFor('.markers-panel', 'the Problems panel');
    const labels = async () =>
      (await this.page.locator(SEL.problemRows).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '')));
    if (expected) {
      const match = (s: string) => (typeof expected === 'string' ? s.includes(expected) : expected.test(s));
      await pollUntil(`a problem matching ${expected}`, this.timeoutMs, async () => (await labels()).some(match) || undefined)
        .catch(async (e) => {
          const shot = await this.screenshot('FAILED problems').catch(() => '');
          throw new Error(`${e.message}; rows: ${JSON.stringify(await labels())}; screenshot: ${shot}`);
        });
    }
    return labels();
  }

  /** Saves a PNG of the page to test-results/e2e/<name>-NN-<step>.png and returns its path. */
  async screenshot(step: string): Promise<string> {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const slug = step.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const file = join(RESULTS_DIR, `${this.name}-${String(++this.shots).padStart(2, '0')}-${slug}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Kills code-server's whole process group (its file watcher and extension host outlive the main pid). */
  killServer(): void {
    if (!this.server.pid) return;
    try {
      process.kill(-this.server.pid, 'SIGKILL');
    } catch {
      // ESRCH: already gone.
    }
  }

  /** Closes the browser, kills code-server, keeps its log in test-results/e2e/ and removes the temp folder. */
  async dispose(): Promise<void> {
    if (!live.delete(this)) return; // already disposed
    await this.context?.close().catch(() => undefined);
    this.killServer();
    if (this.server.exitCode === null && this.server.signalCode === null) {
      await new Promise((r) => this.server.once('exit', r));
    }
    mkdirSync(RESULTS_DIR, { recursive: true });
    cpSync(this.logFile, join(RESULTS_DIR, `${this.name}-code-server.log`));
    rmSync(this.tmpDir, { recursive: true, force: true });
  }
}

/** Starts code-server on a fresh copy of opts.workspace, opens Chromium on it, and waits for the workbench. */
export async function startCodeServer(opts: StartOptions): Promise<CodeServerSession> {
  const install = requireCodeServer();
  const name = opts.name ?? 'session';
  const tmp = mkdtempSync(join(tmpdir(), 'verbatim-code-server-'));
  const workspaceDir = join(tmp, 'workspace');
  cpSync(opts.workspace, workspaceDir, { recursive: true });
  const udd = join(tmp, 'user-data');
  mkdirSync(join(udd, 'User'), { recursive: true });
  const trust = opts.workspaceTrust ? { 'security.workspace.trust.enabled': true } : {};
  writeFileSync(join(udd, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...trust, ...opts.settings }, null, 2));
  const extensionsDir = opts.extensionsDir ?? join(tmp, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });

  // Screenshots of an earlier run under the same name would be mistaken for this run's.
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const f of readdirSync(RESULTS_DIR)) if (f.startsWith(`${name}-`)) rmSync(join(RESULTS_DIR, f));

  const port = await freePort();
  const logFile = join(tmp, 'code-server.log');
  const log = createWriteStream(logFile);
  // detached: code-server leads its own process group, so dispose() can kill all of it at once.
  const server = spawn(install.node, [install.entry,
    '--config', join(udd, 'config.yaml'), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--extensions-dir', extensionsDir, '--user-data-dir', udd, workspaceDir],
  { env: isolatedEnv(tmp), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);

  const url = `http://127.0.0.1:${port}/`;
  const session = new CodeServerSession(url, workspaceDir, tmp, server, logFile, name, opts.timeoutMs ?? 30_000);
  try {
    let exited = '';
    server.once('exit', (code, sig) => (exited = `code-server exited (${code ?? sig})`));
    await pollUntil('code-server /healthz', 30_000, async () => (await fetch(`${url}healthz`)).ok || undefined, () => exited)
      .catch((e) => {
        throw new Error(`${e.message}\n--- code-server log ---\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
      });
    await session.openBrowser();
    return session;
  } catch (e) {
    await session.dispose();
    throw e;
  }
}
