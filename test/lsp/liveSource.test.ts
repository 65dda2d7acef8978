// Trusted workspace: a source edited in the editor is checked against what the writer sees, not what was last saved.
// Its unsaved text is indexed (debounced) and open drafts are rechecked; a full re-index keeps it; closing it without
// saving reads the disk again; and the index cache only ever holds the disk's version.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { FIXTURES, TestClient, endOf, startWithCache, uriOf } from './helpers/lspClient';
import type { StatusParams } from '../../server/src/protocol';

const QUOTE = 'The generators arrived this morning and the school will reopen on Monday';
const ADDED = `\n"${QUOTE}," Kovalenko said.\n`;
const DRAFT = `Kovalenko said: “${QUOTE}.”\n`;

function tempWorkspace(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-lsp-live-'));
  cpSync(join(FIXTURES, 'workspace', 'sources'), join(dir, 'sources'), { recursive: true });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(t: TestContext, workspace: string, cacheDir: string) {
  const started = await startWithCache(workspace, cacheDir);
  t.after(() => started.client.stop());
  return started;
}

const unverified = (p: PublishDiagnosticsParams | undefined) => !!p?.diagnostics.some((d) => d.code === 'unverified-quote');

/** The next diagnostics of `uri` published after the `seen` first ones that satisfy `check`. */
function nextDiagnostics(client: TestClient, uri: string, seen: number, check: (p: PublishDiagnosticsParams) => boolean, what: string) {
  return client.waitFor(() => client.diagnostics.get(uri)?.slice(seen).find(check), what);
}

test('an open source edited without saving is indexed from its text; closed, it is read from disk again', async (t) => {
  const ws = tempWorkspace(t);
  const { client, status } = await start(t, ws, join(ws, '.storage'));
  const draftUri = uriOf(join(ws, 'drafts', 'live.md'));
  client.open(draftUri, DRAFT);
  assert.ok(unverified(await client.diagnosticsFor(draftUri, 1)), 'the quotation is not in any source yet');

  const file = join(ws, 'sources', 'kyiv-interview.md');
  const sourceUri = uriOf(file);
  const disk = readFileSync(file, 'utf8');
  client.open(sourceUri, disk);
  // Pasted in two bursts of typing: indexed once the last has settled.
  const half = Math.floor(ADDED.length / 2);
  const statusesBefore = client.statuses.length;
  client.change(sourceUri, 2, [{ range: { start: endOf(disk), end: endOf(disk) }, text: ADDED.slice(0, half) }]);
  client.change(sourceUri, 3, [{ range: { start: endOf(disk + ADDED.slice(0, half)), end: endOf(disk + ADDED.slice(0, half)) }, text: ADDED.slice(half) }]);
  const seen = client.diagnostics.get(draftUri)!.length;
  await nextDiagnostics(client, draftUri, seen, (p) => !unverified(p), 'the draft verified against the unsaved source');
  assert.equal(readFileSync(file, 'utf8'), disk, 'nothing was saved');
  const live = client.statuses.at(-1)!;
  assert.equal(live.quotes, status.quotes + 1);
  assert.equal(client.statuses.length - statusesBefore, 1, 'the burst was indexed once');

  // A full re-index (what the Re-index command does) keeps the editor's text of a source still open.
  const reindexed = await client.request<StatusParams>('verbatim/reindex');
  assert.equal(reindexed.quotes, status.quotes + 1, 'the re-index kept the unsaved text');

  const closedAt = client.diagnostics.get(draftUri)!.length;
  client.close(sourceUri);
  await nextDiagnostics(client, draftUri, closedAt, unverified, 'the draft unverified again once the unsaved source is closed');
  assert.equal(client.statuses.at(-1)!.quotes, status.quotes);
});

test('the index cache holds the disk version of a source edited without saving', async (t) => {
  const ws = tempWorkspace(t);
  const cacheDir = join(ws, '.storage');
  const first = await start(t, ws, cacheDir);
  const file = join(ws, 'sources', 'kyiv-interview.md');
  const disk = readFileSync(file, 'utf8');
  first.client.open(uriOf(file), disk);
  first.client.change(uriOf(file), 2, [{ range: { start: endOf(disk), end: endOf(disk) }, text: ADDED }]);
  await first.client.waitFor(() => first.client.statuses.find((s) => s.quotes === first.status.quotes + 1), 'the unsaved text indexed');
  // A re-index reads every other file again and writes the cache; the shutdown writes it too.
  await first.client.request('verbatim/reindex');
  await first.client.stop();
  assert.ok(existsSync(join(cacheDir, 'verbatim-sources.cache')));

  const second = await start(t, ws, cacheDir);
  assert.equal(second.status.quotes, first.status.quotes, 'the restart indexed what is on disk');
  const line = second.client.logs.find((l) => /^Verbatim: indexed \d+ sources/.test(l));
  assert.match(line ?? '', /\((\d+) from the index cache\)/);
  const [, read, hits] = /indexed (\d+) sources in \d+ ms \((\d+) from the index cache\)/.exec(line!)!;
  assert.equal(hits, read, 'every source, the edited one too, came from the cache: its disk version');
  const draftUri = uriOf(join(ws, 'drafts', 'live.md'));
  second.client.open(draftUri, DRAFT);
  assert.ok(unverified(await second.client.diagnosticsFor(draftUri, 1)), 'the unsaved quotation is not in the cache');
});

test('a file event for a source being edited does not replace the editor\'s text with the disk\'s', async (t) => {
  const ws = tempWorkspace(t);
  const { client, status } = await start(t, ws, join(ws, '.storage'));
  const file = join(ws, 'sources', 'kyiv-interview.md');
  const disk = readFileSync(file, 'utf8');
  client.open(uriOf(file), disk);
  client.change(uriOf(file), 2, [{ range: { start: endOf(disk), end: endOf(disk) }, text: ADDED }]);
  await client.waitFor(() => client.statuses.find((s) => s.quotes === status.quotes + 1), 'the unsaved text indexed');
  // An earlier version saved (the watcher's event arrives late): the editor still shows the quotation.
  writeFileSync(file, `${disk}\nShe said little else.\n`);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 2 }] });
  const after = await client.request<StatusParams>('verbatim/status');
  assert.equal(after.quotes, status.quotes + 1, 'the editor\'s text is still indexed');
  assert.equal(client.statuses.at(-1)!.quotes, status.quotes + 1);
});

test('a plain open of a source reads nothing: its changes on disk still come through the watcher', async (t) => {
  const ws = tempWorkspace(t);
  const { client, status } = await start(t, ws, join(ws, '.storage'));
  const file = join(ws, 'sources', 'kyiv-interview.md');
  const disk = readFileSync(file, 'utf8');
  client.open(uriOf(file), disk);
  writeFileSync(file, disk + ADDED);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 2 }] });
  await client.waitFor(() => client.statuses.find((s) => s.quotes === status.quotes + 1), 'the change on disk indexed');
  // Another source edited in the editor: its live analysis comes after any the plain open could have scheduled, which
  // would have put the opened (older) text back.
  const other = uriOf(join(ws, 'sources', 'other.md'));
  client.open(other, '');
  client.change(other, 2, [{ text: `"The second generator is on its way," Kovalenko said.\n` }]);
  await client.waitFor(() => client.statuses.find((s) => s.quotes === status.quotes + 2), 'both the disk change and the edited source indexed');
});

test('a source edited in the editor but never saved is kept by a re-index and leaves the index quietly when closed', async (t) => {
  const ws = tempWorkspace(t);
  const { client, status } = await start(t, ws, join(ws, '.storage'));
  const uri = uriOf(join(ws, 'sources', 'unsaved.md'));
  client.open(uri, '');
  client.change(uri, 2, [{ text: `"The second generator is on its way," Kovalenko said.\n` }]);
  await client.waitFor(() => client.statuses.find((s) => s.quotes === status.quotes + 1), 'the unsaved source indexed');
  // A full re-index lists the files on disk: the unsaved source, still open, is kept all the same.
  assert.equal((await client.request<StatusParams>('verbatim/reindex')).quotes, status.quotes + 1, 'the re-index kept the unsaved source');
  const n = client.statuses.length;
  client.close(uri);
  await client.waitFor(() => client.statuses.slice(n).find((s) => s.quotes === status.quotes), 'the unsaved source gone');
  assert.deepEqual(client.messages, [], 'no "cannot read" for a file that was never on disk');
});
