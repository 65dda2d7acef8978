// Once the index is ready, the server builds what completion and hover need in the background (lsp/warmUp.ts), so a
// writer's first completion does not wait for it. A completion asked for while that build is under way finishes it
// and answers the same as one asked for afterwards.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { FIXTURES, TestClient, uriOf, endOf } from './helpers/lspClient';

const WS = join(FIXTURES, 'workspace');
const warmedUp = (client: TestClient) => client.logs.find((l) => /^Verbatim: search indexes built in the background in \d+ ms \(\d+ parts?, the longest \d+ ms\)\.$/.test(l));

test('the search indexes are built in the background after "ready"; a completion during the build answers as one after it', async () => {
  const { client } = await TestClient.ready({ workspace: WS });
  try {
    const text = 'Biden told reporters: “I don’t acc';
    const uri = uriOf(join(WS, 'drafts', 'warm-up.md'));
    client.open(uri, text);
    const complete = () =>
      client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: endOf(text), context: { triggerKind: 1 } });
    // Asked for at once: the build may be under way (the request finishes it) or done.
    const early = await complete();
    await client.waitFor(() => warmedUp(client), 'the background build of the search indexes');
    const late = await complete();
    assert.ok(early && early.items.length > 0, 'a completion while the indexes are built');
    assert.deepEqual(late?.items.map((i) => i.label), early.items.map((i) => i.label));
    assert.match(early.items[0].label, /^I don’t accept anybody’s red lines/);
    // Names (built in the same background work) answer a hover.
    client.change(uri, 2, [{ text: 'Biden spoke.' }]);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.match(JSON.stringify(hover?.contents ?? ''), /Biden/);
  } finally {
    await client.stop();
  }
});
