// A huge source does not stop the server answering: it is analysed in a worker thread (server/src/node/analysisPool.ts)
// while the server answers completion and hover in an open draft. The sources are the bundled corpus, one small
// source and one of several megabytes (generated news text with quotes); files are indexed in order, so the progress
// report "2/3 files" says the small ones are in and the huge one is not. From then until the "ready" status, requests
// sent one after the other must keep being answered: with the analysis on the server's own thread, none could be
// (each would wait for the whole file). Ordering is by the messages on the wire, never by the clock.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { tempDir } from '../robustness/support/helpers';
import { bigSourceText } from '../support/bigSource';
import { TestClient, uriOf } from './helpers/lspClient';

const HUGE_BYTES = 5 * 1024 * 1024;
/** Requests answered while the huge source was analysed. A blocked server answers at most the few that slip in while it reads the file. */
const AT_LEAST = 20;

test('completion and hover in a draft are answered while a huge source is being indexed', { timeout: 600_000 }, async (t) => {
  const ws = tempDir('verbatim-huge-lsp-');
  mkdirSync(join(ws, 'sources'));
  writeFileSync(join(ws, 'sources', 'a-small.md'), '---\ntitle: Budget day\n---\n“We will not raise taxes this year,” said Ann Smith, the finance minister.\n');
  const huge = bigSourceText(HUGE_BYTES);
  writeFileSync(join(ws, 'sources', 'huge.md'), huge);

  const client = TestClient.start({ workspace: ws, progressDelay: 0 });
  t.after(() => client.stop());
  await client.initialize();
  const uri = uriOf(join(ws, 'draft.md'));
  const lines = ['The minister said “We will not raise', 'Ann Smith said '];
  client.open(uri, lines.join('\n'));

  const ready = () => client.statuses.some((s) => s.state === 'ready');
  const reported = (message: string) => client.progress.some((p) => p.value.kind === 'report' && p.value.message === message);
  await client.waitFor(() => reported('2/3 files') || ready(), 'the two small sources to be indexed', 300_000);
  assert.ok(!ready(), 'the huge source was still being indexed when the small ones were in');

  let answeredDuring = 0;
  let hovered = false;
  let failures = 0;
  // Enough to tell a server that answers from one that waits; then the indexing is left to finish in peace.
  for (let i = 0; !ready() && answeredDuring < 3 * AT_LEAST; i++) {
    try {
      if (i % 2 === 0) await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line: i % 4 === 0 ? 0 : 1, character: lines[i % 4 === 0 ? 0 : 1].length } });
      else await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 22 } });
    } catch (e) {
      failures++;
      t.diagnostic(`request failed: ${String(e)}`);
    }
    // The answer came before the server said "ready": it was given while the huge source was being analysed.
    if (!ready()) {
      answeredDuring++;
      if (i % 2 === 1) hovered = true;
    }
  }
  const status = await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 'the indexing to end', 300_000);
  t.diagnostic(`${answeredDuring} requests answered while a ${(huge.length / 1024 / 1024).toFixed(1)} MB source was indexed (${status.quotes} quotes in the index at the end)`);

  assert.equal(failures, 0, 'every request was answered without an error');
  assert.ok(answeredDuring >= AT_LEAST, `requests were answered while the huge source was analysed (${answeredDuring}, at least ${AT_LEAST})`);
  assert.ok(hovered, 'a hover was answered during the indexing');
  assert.equal(status.sources, 3, 'the huge source was indexed too');
  assert.ok(status.quotes > 1000, `the huge source's quotes are in the index (${status.quotes})`);
  // Inside the quotation, completion offers the small source's quote.
  const list = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: lines[0].length } });
  assert.ok(list?.items.some((item) => JSON.stringify(item).includes('We will not raise taxes this year')), 'after the indexing, completion offers the quote');
});
