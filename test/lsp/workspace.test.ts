// The sources of a workspace as the server keeps them: file watchers registered per folder, a changed source updating
// itself alone and rechecking open drafts, settings taking effect without a restart, bad sources reported while the
// rest is indexed, progress for slow indexing, restricted mode, and Verbatim's own requests.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import type { CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { FIXTURES, TestClient, uriOf } from './helpers/lspClient';
import type { SourceSummary, StatusParams } from '../../server/src/protocol';

function tempWorkspace(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-lsp-ws-'));
  cpSync(join(FIXTURES, 'workspace'), dir, { recursive: true });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const NEW_SOURCE = `---
id: lviv-2021-12-09-mayor
title: "Lviv mayor on the summit"
outlet: Verbatim test fixtures
date: 2021-12-09
---
Andriy Sadovyi, the mayor of Lviv, spoke on December 9.

"Our city will keep its schools and hospitals open whatever happens next," Sadovyi said.
`;
const QUOTE = 'Our city will keep its schools and hospitals open whatever happens next';

const lastStatus = (c: TestClient) => c.statuses.at(-1)!;

describe('sources in the workspace', () => {
  test('watchers are registered per folder; a created, changed and deleted source updates the index and rechecks open drafts', async (t) => {
    const ws = tempWorkspace(t);
    const { client } = await TestClient.ready({ workspace: ws });
    t.after(() => client.stop());
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watch?.registerOptions, { watchers: [{ globPattern: { baseUri: uriOf(ws), pattern: 'sources/**/*.{md,txt}' } }] });
    const before = lastStatus(client);
    assert.equal(before.sources, 2);

    const draftUri = uriOf(join(ws, 'drafts', 'lviv.md'));
    const draft = `The mayor said: “${QUOTE}.”\n`;
    client.open(draftUri, draft);
    const first = await client.diagnosticsFor(draftUri, 1);
    assert.ok(first.diagnostics.some((d) => d.code === 'unverified-quote') || first.diagnostics.length === 0);

    const file = join(ws, 'sources', 'lviv.md');
    writeFileSync(file, NEW_SOURCE);
    const n = client.statuses.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 1 }] });
    const after = await client.waitFor(() => client.statuses.slice(n).find((s) => s.state === 'ready' && s.sources === 3), 'the new source indexed');
    assert.ok(after.quotes > before.quotes);
    const rechecked = await client.waitFor(() => client.diagnostics.get(draftUri)!.length > 1 && client.diagnostics.get(draftUri)!.at(-1), 'the open draft rechecked');
    assert.equal(rechecked.version, 1);
    assert.ok(!rechecked.diagnostics.some((d) => d.code === 'unverified-quote'), JSON.stringify(rechecked.diagnostics));

    const list = await client.request<SourceSummary[]>('verbatim/listSources');
    const lviv = list.find((s) => s.id === 'lviv-2021-12-09-mayor')!;
    assert.ok(lviv.quotes.some((q) => q.text.startsWith(QUOTE)));

    writeFileSync(file, NEW_SOURCE.replace('schools and hospitals', 'schools, theatres and hospitals'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 2 }] });
    const k = client.statuses.length;
    await client.waitFor(() => client.statuses.length > k && client.statuses.at(-1), 'status after the change');
    assert.equal(lastStatus(client).sources, 3);
    const sources2 = await client.request<SourceSummary[]>('verbatim/listSources');
    assert.ok(sources2.find((s) => s.id === 'lviv-2021-12-09-mayor')!.quotes.some((q) => q.text.includes('theatres')), 'the changed file was read again');

    unlinkSync(file);
    const m = client.statuses.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 3 }] });
    await client.waitFor(() => client.statuses.slice(m).find((s) => s.sources === 2), 'the deleted source removed');
  });

  test('a workspace folder added while the server runs is indexed and watched; a removed one leaves the index', async (t) => {
    const ws = tempWorkspace(t);
    const second = mkdtempSync(join(tmpdir(), 'verbatim-lsp-ws2-'));
    t.after(() => rmSync(second, { recursive: true, force: true }));
    mkdirSync(join(second, 'sources'));
    writeFileSync(join(second, 'sources', 'lviv.md'), NEW_SOURCE);
    const { client, init } = await TestClient.ready({ workspace: ws });
    t.after(() => client.stop());
    assert.equal(init.capabilities.workspace?.workspaceFolders?.changeNotifications, true);
    assert.equal(lastStatus(client).sources, 2);

    const draftUri = uriOf(join(ws, 'drafts', 'lviv.md'));
    client.open(draftUri, `The mayor said: “${QUOTE}.”\n`);
    const unverified = (p: { diagnostics: { code?: unknown }[] } | undefined) => !!p?.diagnostics.some((d) => d.code === 'unverified-quote');
    assert.ok(unverified(await client.diagnosticsFor(draftUri, 1)), 'the quote is in no source yet');

    const folder = { uri: uriOf(second), name: 'second' };
    const n = client.statuses.length;
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
    await client.waitFor(() => client.statuses.slice(n).find((s) => s.state === 'ready' && s.sources === 3), 'the added folder indexed');
    const watched = () => client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').at(-1)?.registerOptions as { watchers: { globPattern: { baseUri: string } }[] } | undefined;
    await client.waitFor(() => watched()?.watchers.some((w) => w.globPattern.baseUri === folder.uri), 'the added folder watched');
    await client.waitFor(() => !unverified(client.diagnostics.get(draftUri)!.at(-1)), 'the open draft rechecked against the added folder');
    const listed = await client.request<SourceSummary[]>('verbatim/listSources');
    assert.ok(listed.some((s) => s.id === 'lviv-2021-12-09-mayor'));

    const m = client.statuses.length;
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
    await client.waitFor(() => client.statuses.slice(m).find((s) => s.state === 'ready' && s.sources === 2), "the removed folder's source dropped");
    await client.waitFor(() => unverified(client.diagnostics.get(draftUri)!.at(-1)), 'the open draft rechecked without it');
    assert.ok(!watched()?.watchers.some((w) => w.globPattern.baseUri === folder.uri), 'the removed folder is no longer watched');
  });

  test('a change of verbatim.sources or includeBundledCorpus re-indexes without a restart', async (t) => {
    const ws = tempWorkspace(t);
    mkdirSync(join(ws, 'notes'));
    writeFileSync(join(ws, 'notes', 'lviv.md'), NEW_SOURCE);
    const { client } = await TestClient.ready({ workspace: ws });
    t.after(() => client.stop());
    assert.equal(lastStatus(client).sources, 2);
    client.settings = { sources: ['notes/**/*.md'], includeBundledCorpus: false };
    const n = client.statuses.length;
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const s = await client.waitFor(() => client.statuses.slice(n).find((x) => x.state === 'ready'), 'the re-index');
    assert.equal(s.sources, 1);
    const ids = (await client.request<SourceSummary[]>('verbatim/listSources')).map((x) => x.id);
    assert.deepEqual(ids, ['lviv-2021-12-09-mayor']);
    const watchers = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').at(-1)!;
    assert.deepEqual(watchers.registerOptions, { watchers: [{ globPattern: { baseUri: uriOf(ws), pattern: 'notes/**/*.md' } }] });
  });

  test('unreadable sources are reported with window/showMessage and the rest is still indexed', async (t) => {
    const ws = tempWorkspace(t);
    writeFileSync(join(ws, 'sources', 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
    const huge = join(ws, 'sources', 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 60 * 1024 * 1024); // sparse: over the size limit without writing 60 MB
    const { client } = await TestClient.ready({ workspace: ws });
    t.after(() => client.stop());
    const msg = await client.waitFor(() => client.messages.find((m) => m.type === 2), 'a warning message');
    assert.match(msg.message, /2 sources have problems/);
    assert.match(msg.message, /photo\.txt/);
    assert.match(msg.message, /huge\.txt/);
    const s = lastStatus(client);
    assert.equal(s.sources, 2, 'the bundled corpus and the readable source are indexed');
    assert.equal(s.problems, 2);
  });

  test('indexing that takes longer than the delay shows work-done progress, begun and ended', async (t) => {
    const ws = tempWorkspace(t);
    const { client } = await TestClient.ready({ workspace: ws, progressDelay: 0 });
    t.after(() => client.stop());
    await client.waitFor(() => client.progress.find((p) => p.value.kind === 'end'), 'the end of the progress');
    assert.ok(client.serverRequests.includes('window/workDoneProgress/create'));
    const begin = client.progress.find((p) => p.value.kind === 'begin')!;
    assert.equal(begin.value.title, 'Verbatim: indexing sources');
  });

  test('verbatim/status, verbatim/reindex and the reindex command', async (t) => {
    const { client } = await TestClient.ready({ workspace: join(FIXTURES, 'workspace') });
    t.after(() => client.stop());
    const status = await client.request<StatusParams>('verbatim/status');
    assert.equal(status.state, 'ready');
    assert.equal(status.sources, 2);
    assert.ok(status.quotes >= 50);
    const re = await client.request<StatusParams>('verbatim/reindex');
    assert.deepEqual({ ...re }, { ...status });
    const viaCommand = await client.request<StatusParams>('workspace/executeCommand', { command: 'verbatim.server.reindex', arguments: [] });
    assert.equal(viaCommand.sources, 2);
    const sources = await client.request<SourceSummary[]>('verbatim/listSources');
    const kyiv = sources.find((s) => s.id === 'kyiv-2021-12-08-interview')!;
    assert.equal(kyiv.bundled, false);
    assert.equal(sources.find((s) => s.bundled)?.id, 'bne-2021-12-07-putin-biden-summit');
    assert.match(kyiv.uri, /^file:\/\/.*sources\/kyiv-interview\.md$/);
    const q = kyiv.quotes.find((x) => x.text.startsWith('We are not waiting'))!;
    assert.equal(q.range.start.line, 9);
    assert.match(q.insertText, /^(“We are not waiting for anyone to come and save us,” .+ said|.+ said: “We are not waiting for anyone to come and save us,?”|“We are not waiting for anyone to come and save us,?”) \[@kyiv-2021-12-08-interview\]$/);
  });
});

describe('restricted mode (untrusted workspace)', () => {
  test('only the bundled corpus is read from disk; an open source in a workspace folder is indexed from the editor', async (t) => {
    const ws = tempWorkspace(t);
    const { client } = await TestClient.ready({ workspace: ws, trusted: false });
    t.after(() => client.stop());
    const s = lastStatus(client);
    assert.equal(s.trusted, false);
    assert.equal(s.sources, 1);
    assert.match(s.message!, /Restricted mode/);
    assert.ok(!client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'no watchers on the workspace');

    const complete = async (uri: string, text: string) => {
      client.open(uri, text);
      const list = await client.request<CompletionList>('textDocument/completion', {
        textDocument: { uri },
        position: { line: 0, character: text.length },
        context: { triggerKind: 1 },
      });
      return list.items.map((i) => (i.textEdit as TextEdit).newText);
    };
    assert.ok(!(await complete(uriOf(join(ws, 'drafts', 'a.md')), 'She said “We are not wai')).some((x) => x.startsWith('We are not waiting')));

    const sourceFile = join(ws, 'sources', 'kyiv-interview.md');
    const { readFileSync } = await import('node:fs');
    const n = client.statuses.length;
    client.open(uriOf(sourceFile), readFileSync(sourceFile, 'utf8'));
    await client.waitFor(() => client.statuses.slice(n).find((x) => x.sources === 2), 'the open source indexed from its text');
    assert.ok((await complete(uriOf(join(ws, 'drafts', 'b.md')), 'She said “We are not wai')).some((x) => x.startsWith('We are not waiting')));

    // A source outside the workspace folders is never indexed, even when opened.
    const outside = mkdtempSync(join(tmpdir(), 'verbatim-outside-'));
    t.after(() => rmSync(outside, { recursive: true, force: true }));
    mkdirSync(join(outside, 'sources'));
    writeFileSync(join(outside, 'sources', 'x.md'), NEW_SOURCE);
    const m = client.statuses.length;
    client.open(uriOf(join(outside, 'sources', 'x.md')), NEW_SOURCE);
    client.close(uriOf(sourceFile));
    await client.waitFor(() => client.statuses.slice(m).find((x) => x.sources === 1), 'the closed source removed');
    assert.ok(!client.statuses.slice(m).some((x) => x.sources === 3));

    // Trust granted: the workspace's sources are read from disk.
    const k = client.statuses.length;
    client.notify('verbatim/setTrusted', { trusted: true });
    const trusted = await client.waitFor(() => client.statuses.slice(k).find((x) => x.state === 'ready'), 'the re-index after trust');
    assert.equal(trusted.sources, 2);
    assert.equal(trusted.trusted, true);
  });
});
