// The language server killed in the middle of work, in a real VS Code (code-server) with the packaged verbatim.vsix:
// the draft's findings are underlined, the writer starts typing a new quotation, and halfway through the server
// process (node …/extensions/verbatim-dev.verbatim-*/dist/server.js --node-ipc) gets SIGKILL. The writer goes on
// typing. The language client must start a new server, hand it the open draft as it is now (with the words typed
// while no server ran); that one is killed too as it starts, and the client starts a third. The underlines, the status
// bar item and the code lens must come back: the four fixture findings and the new quotation's.
// Screenshots under test-results/e2e/restart-NN-<step>.png.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findCodeServer, installVsix, startCodeServer, type CodeServerSession } from './codeServer';
import { REQUIRED, WORKSPACE } from './env';
import { DRAFT_FINDINGS, DRAFT_TEXT } from './expected';
import { packagedVsix } from './vsix';
import { codeLenses, parkMouse, squiggles, statusText, waitUntil, type Squiggle } from './workbench';

/** The pids of Verbatim language servers started from this extensions folder (from /proc/<pid>/cmdline). */
function serverPids(extensionsDir: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    if (args.some((a) => a.startsWith(`${extensionsDir}/verbatim-dev.verbatim-`) && a.endsWith('/dist/server.js'))) pids.push(Number(name));
  }
  return pids;
}

/** What the Verbatim output channel holds: code-server writes each channel to logs/…/output_logging_…/N-Verbatim.log. */
function outputChannelLog(sessionDir: string): string {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^\d+-Verbatim\.log$/.test(e.name)) found.push(p);
    }
  };
  walk(join(sessionDir, 'user-data', 'logs'));
  return found.map((f) => readFileSync(f, 'utf8')).join('\n');
}

const install = findCodeServer();
const canSeeProcesses = process.platform === 'linux';

describe('VS Code (code-server): the language server killed in the middle of work', {
  skip: !canSeeProcesses ? 'finds the server through /proc (Linux only)'
    : !install && !REQUIRED ? 'code-server is not installed in .vscode-test/code-server (run: bash test/e2e/setup.sh)' : false,
}, () => {
  let s: CodeServerSession;
  let tmp = '';
  let extensions = '';

  before(async () => {
    if (!install) throw new Error('VERBATIM_E2E=1 but code-server is not installed in .vscode-test/code-server (run: bash test/e2e/setup.sh)');
    tmp = mkdtempSync(join(tmpdir(), 'verbatim-e2e-restart-'));
    const { vsix } = packagedVsix(tmp);
    extensions = join(tmp, 'extensions');
    installVsix(vsix, extensions);
    s = await startCodeServer({ workspace: WORKSPACE, extensionsDir: extensions, name: 'restart', settings: { 'editor.minimap.enabled': false } });
  }, { timeout: 300_000 });

  after(async () => {
    await s?.dispose();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('restarts the server, which gets the text typed meanwhile, and the diagnostics return', { timeout: 400_000 }, async () => {
    await s.openFile('draft.md');
    const findings: Squiggle[] = DRAFT_FINDINGS.map((f) => ({ line: f.line + 1, severity: f.severity === 1 ? 'error' : 'warning', text: f.underlined }));
    await waitUntil(s, 'the four findings to be underlined', async () =>
      JSON.stringify(await squiggles(s)) === JSON.stringify(findings) || undefined, () => squiggles(s), 180_000);
    const [first, ...others] = serverPids(extensions);
    assert.ok(first && others.length === 0, `one Verbatim server runs: ${serverPids(extensions)}`);
    const statusBefore = await statusText(s);
    await parkMouse(s);
    await s.screenshot('findings before the kill');

    // The new quotation goes on the draft's last line (the file ends with a line break, so that line is empty).
    const words = 'Nobody in this room has ever heard these exact words before today,';
    const typed = `“${words}” Ada Quill said.`;
    const lastLine = DRAFT_TEXT.split('\n').length;
    await s.focusEditor();
    await s.press('Control+End');
    const half = Math.floor(typed.length / 2);
    await s.page.keyboard.type(typed.slice(0, half), { delay: 15 });
    process.kill(first, 'SIGKILL'); // in the middle of the writer's typing: didChange notifications are in flight
    const killedAt = Date.now();
    await s.page.keyboard.type(typed.slice(half), { delay: 15 });
    await waitUntil(s, `line ${lastLine} to read what was typed`, async () => (await s.editorText()).split('\n')[lastLine - 1] === typed || undefined, () => s.editorText());
    await s.screenshot('typed through the kill');

    const restarted = await waitUntil(s, 'a new Verbatim server process', async () => {
      const pids = serverPids(extensions).filter((p) => p !== first);
      return pids.length === 1 ? pids[0] : undefined;
    }, async () => serverPids(extensions), 120_000);
    assert.ok(!serverPids(extensions).includes(first), 'the killed server is gone');
    // The new server killed too, while it starts (initialize, the first indexing): the client starts a third.
    process.kill(restarted, 'SIGKILL');
    const third = await waitUntil(s, 'a third Verbatim server process', async () => {
      const pids = serverPids(extensions).filter((p) => p !== first && p !== restarted);
      return pids.length === 1 ? pids[0] : undefined;
    }, async () => serverPids(extensions), 120_000);

    const want = [...findings, { line: lastLine, severity: 'warning', text: words }];
    await waitUntil(s, 'the four findings and the new quotation to be underlined again', async () =>
      JSON.stringify(await squiggles(s)) === JSON.stringify(want) || undefined, () => squiggles(s), 180_000);
    const backAfter = Date.now() - killedAt;
    await waitUntil(s, `the status bar item to read "${statusBefore}" again`, async () => (await statusText(s)) === statusBefore || undefined, () => statusText(s));
    const lens = '7 quotations · 3 verified · 1 misquoted · 1 wrong speaker · 2 unverified';
    await waitUntil(s, `the code lens "${lens}"`, async () => (await codeLenses(s)).includes(lens) || undefined, () => codeLenses(s), 60_000);
    // The client said what happened in the Verbatim output channel (its log file in the user data folder).
    const channel = outputChannelLog(s.tmpDir);
    const restarts = channel.match(/Connection to server got closed\. Server will restart\./g) ?? [];
    assert.equal(restarts.length, 2, `the client restarted the server twice; the Verbatim output channel:\n${channel.slice(-2000)}`);
    assert.doesNotMatch(channel, /will not be restarted/);
    await parkMouse(s);
    await s.screenshot('diagnostics back after the restart');
    console.log(`restart e2e: server ${first} killed while typing, ${restarted} killed while starting, ${third} runs; underlines back ${(backAfter / 1000).toFixed(1)} s after the first kill`);
  });
});
