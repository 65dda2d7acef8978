// The tests and benchmarks start the server as the VS Code client does: with the server's Node flags
// (server/src/nodeFlags.ts), over stdio and over node-ipc, so that what they measure is what the editor runs.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SERVER_NODE_FLAGS } from '../../server/src/nodeFlags';
import { FIXTURES, TestClient } from './helpers/lspClient';

for (const transport of ['stdio', 'ipc'] as const) {
  test(`over ${transport} the server runs with the client's Node flags`, { skip: !existsSync('/proc/self/cmdline') && 'no /proc' }, async (t) => {
    const { client } = await TestClient.ready({ transport, workspace: join(FIXTURES, 'workspace') });
    t.after(() => client.stop());
    const argv = readFileSync(`/proc/${client.proc.pid}/cmdline`, 'utf8').split('\0');
    const script = argv.findIndex((a) => a.endsWith('server.js'));
    assert.ok(script > 0, argv.join(' '));
    for (const f of SERVER_NODE_FLAGS) assert.ok(argv.slice(0, script).includes(f), `${f} in ${argv.join(' ')}`);
  });
}
