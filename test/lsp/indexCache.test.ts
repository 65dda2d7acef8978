// initializationOptions.cacheDir: the server keeps the analysed sources there, and a restart reads them back (the same
// status), while a source changed on disk meanwhile is analysed again.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, startWithCache, TestClient } from './helpers/lspClient';

const start = startWithCache;

/** What the output says of the first indexing: how many sources were read, and how many of them the cache held. */
function indexedLog(client: TestClient): { read: number; fromCache: number } {
  const line = client.logs.find((l) => /^Verbatim: indexed \d+ sources/.test(l));
  const m = line && /indexed (\d+) sources in \d+ ms \((\d+) from the index cache\)/.exec(line);
  assert.ok(m, `the output says how the sources were indexed: ${client.logs.join(' | ')}`);
  return { read: Number(m[1]), fromCache: Number(m[2]) };
}

test('a restart reads the index cache; a source changed meanwhile is read again', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'verbatim-lsp-cache-'));
  cpSync(join(FIXTURES, 'workspace', 'sources'), join(ws, 'sources'), { recursive: true });
  const cacheDir = join(ws, '.storage');
  const first = await start(ws, cacheDir);
  // Written right after the first indexing (asynchronously): wait for it with a deadline.
  for (const deadline = Date.now() + 10_000; !existsSync(join(cacheDir, 'verbatim-sources.cache')) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
  const cold = indexedLog(first.client);
  assert.ok(cold.read > 1 && cold.fromCache === 0, `a first start analyses every source: ${JSON.stringify(cold)}`);
  await first.client.stop();
  assert.ok(existsSync(join(cacheDir, 'verbatim-sources.cache')), 'the cache is written after indexing');

  const second = await start(ws, cacheDir);
  assert.deepEqual({ ...second.status }, { ...first.status });
  assert.deepEqual(indexedLog(second.client), { read: cold.read, fromCache: cold.read }, 'every source came from the cache');
  await second.client.stop();

  const file = join(ws, 'sources', 'kyiv-interview.md');
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n"A sentence added while the editor was closed," said Jane Tester.\n`);
  const third = await start(ws, cacheDir);
  assert.equal(third.status.quotes, first.status.quotes + 1, 'the changed source was analysed again');
  assert.deepEqual(indexedLog(third.client), { read: cold.read, fromCache: cold.read - 1 }, 'only the changed source was analysed again');
  await third.client.stop();
});
