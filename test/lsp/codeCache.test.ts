// dist/server.js loads the server bundle through V8's code cache (server/src/serverBoot.ts): whatever the cache file
// next to the bundle holds (nothing, garbage, a cache for another bundle, one cut short, one whose bytes changed), the
// server starts and answers; a cache of its own is used.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ensureBuilt, ROOT } from './helpers/lspClient';

/** A copy of the two server files in a folder of its own, so the test's cache files touch nothing else. */
function serverCopy(): string {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-code-cache-'));
  for (const f of ['server.js', 'server-main.js']) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
  return dir;
}

async function initialize(dir: string): Promise<string | undefined> {
  const proc = spawn(process.execPath, [join(dir, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += String(d)));
  const c = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  c.listen();
  try {
    const exited = new Promise<never>((_, reject) => proc.once('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr}`))));
    const r = await Promise.race([c.sendRequest<{ serverInfo?: { name: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} }), exited]);
    return r.serverInfo?.name;
  } finally {
    c.dispose();
    proc.kill();
  }
}

const CACHE = 'server-main.js.v8cache';

test('the server starts whatever its code cache file holds', async () => {
  const dir = serverCopy();
  assert.equal(await initialize(dir), 'verbatim-language-server', 'without a cache');
  const cases: Array<[string, Buffer]> = [
    ['garbage', Buffer.from('not a code cache at all')],
    ['a header and no line end', Buffer.from('{"key":"x"')],
    ['a cache for another bundle', Buffer.concat([Buffer.from('{"key":"another bundle","sha1":"0"}\n'), Buffer.alloc(4096, 7)])],
  ];
  const own = join(ROOT, 'dist', CACHE);
  if (existsSync(own)) {
    const real = readFileSync(own);
    const eol = real.indexOf(10);
    cases.push(['its own cache', real]);
    cases.push(['its own cache cut short', real.subarray(0, eol + 1 + Math.floor((real.length - eol) / 2))]);
    const flipped = Buffer.from(real);
    flipped[eol + 1 + Math.floor((real.length - eol) / 3)] ^= 0xff;
    cases.push(['its own cache with a changed byte', flipped]);
  }
  for (const [what, bytes] of cases) {
    writeFileSync(join(dir, CACHE), bytes);
    assert.equal(await initialize(dir), 'verbatim-language-server', what);
  }
});
