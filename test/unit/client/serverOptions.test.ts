// The VS Code client starts the language server with the server's Node flags (server/src/nodeFlags.ts: a smaller
// young generation, for the server's resident memory), in run and in debug mode alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverOptions } from '../../../client/src/serverOptions';
import { SERVER_NODE_FLAGS } from '../../../server/src/nodeFlags';

interface ForkedModule {
  module: string;
  transport: number;
  options: { execArgv: string[] };
}

test('the client forks dist/server.js over node-ipc with the server flags, which cap the semi-spaces', () => {
  assert.ok(SERVER_NODE_FLAGS.some((f) => /^--max-semi-space-size=\d+$/.test(f)), 'a semi-space cap');
  const o = serverOptions('/ext/dist/server.js') as unknown as { run: ForkedModule; debug: ForkedModule };
  for (const mode of [o.run, o.debug]) {
    assert.equal(mode.module, '/ext/dist/server.js');
    assert.equal(mode.transport, 1, 'TransportKind.ipc');
    for (const f of SERVER_NODE_FLAGS) assert.ok(mode.options.execArgv.includes(f), f);
  }
  assert.ok(o.debug.options.execArgv.includes('--inspect=6009'));
});
