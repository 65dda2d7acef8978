// The standalone server: the verbatim-language-server bin over --stdio and --node-ipc, the capabilities it announces,
// and a minimal client (no workspace/configuration, no dynamic registration, plain-text only, as older editors are)
// that passes settings through initializationOptions and didChangeConfiguration.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { CompletionList, DocumentSymbol, InitializeResult, SymbolInformation } from 'vscode-languageserver-protocol';
import { ensureBuilt, FIXTURES, ROOT, SERVER, TestClient, uriOf } from './helpers/lspClient';

const WS = join(FIXTURES, 'workspace');

describe('transports', () => {
  for (const transport of ['stdio', 'ipc'] as const) {
    test(`--${transport === 'ipc' ? 'node-ipc' : 'stdio'}: initialize announces every feature and answers a completion`, async (t) => {
      const { client, init } = await TestClient.ready({ transport, workspace: WS });
      t.after(() => client.stop());
      const caps = init.capabilities;
      assert.deepEqual(caps.completionProvider?.triggerCharacters, ['“', '"', '@', ' ']);
      for (const k of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'codeActionProvider', 'codeLensProvider'] as const)
        assert.ok(caps[k], k);
      assert.deepEqual(caps.executeCommandProvider?.commands, ['verbatim.server.reindex']);
      assert.equal(init.serverInfo?.name, 'verbatim-language-server');
      const uri = uriOf(join(WS, 'drafts', 'x.md'));
      client.open(uri, 'He said “red');
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 12 } });
      assert.ok(list.items.length > 0);
    });
  }

  test('the package bin runs as a program (shebang) with --stdio', async (t) => {
    ensureBuilt();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.equal(join(ROOT, pkg.bin['verbatim-language-server']), SERVER);
    const proc = spawn(SERVER, ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const c = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    c.listen();
    t.after(() => {
      c.dispose();
      proc.kill();
    });
    const init = await c.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.ok(init.capabilities.hoverProvider);
    await c.sendRequest('shutdown');
    await c.sendNotification('exit');
    const code = await new Promise<number | null>((r) => proc.once('exit', r));
    assert.equal(code, 0);
  });

  test('a minimal client: settings from initializationOptions and pushed configuration, flat symbols, plain text', async (t) => {
    const { client } = await TestClient.ready({
      workspace: WS,
      capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] } } },
      settings: { includeBundledCorpus: false },
    });
    t.after(() => client.stop());
    assert.ok(!client.serverRequests.includes('workspace/configuration'), 'the server does not ask a client that cannot answer');
    assert.ok(!client.serverRequests.includes('client/registerCapability'));
    assert.equal(client.statuses.at(-1)!.sources, 1, 'includeBundledCorpus: false from initializationOptions');
    const n = client.statuses.length;
    client.notify('workspace/didChangeConfiguration', { settings: { verbatim: { includeBundledCorpus: true } } });
    await client.waitFor(() => client.statuses.slice(n).find((s) => s.state === 'ready' && s.sources === 2), 'the pushed setting applied');
    const text = readFileSync(join(WS, 'drafts', 'summit.md'), 'utf8');
    const uri = uriOf(join(WS, 'drafts', 'summit.md'));
    client.open(uri, text);
    const symbols = await client.request<(SymbolInformation | DocumentSymbol)[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0);
    assert.ok(symbols.every((s) => 'location' in s && 'containerName' in s), 'SymbolInformation for a client without hierarchy');
  });
});
