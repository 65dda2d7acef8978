// Without an index cache, what the workspace reads is handed to the index to keep (numbered in place, not copied):
// nothing else holds it. With a cache, a fresh analysis is kept by the cache to be written, so the index copies it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { AnalysisPool } from '../../../server/src/node/analysisPool';
import { SourceWorkspace, type WorkspaceHost } from '../../../server/src/lsp/workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';

const host: WorkspaceHost = {
  log: () => undefined,
  showMessage: () => undefined,
  beginProgress: async () => undefined,
  onStatus: () => undefined,
  onIndexChanged: () => undefined,
};

async function adoptFlags(t: { after(fn: () => void): void }, withCache: boolean): Promise<{ adopted: boolean[]; speakers: (string | null)[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-ws-adopt-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'sources'));
  writeFileSync(join(dir, 'sources', 'a.md'), '“We will not raise taxes,” said Ann Smith, the finance minister.\n');
  writeFileSync(join(dir, 'sources', 'b.md'), '“Growth will return next year,” said Carla Diaz, an economist.\n');
  const pool = new AnalysisPool({ size: 1 });
  t.after(() => pool.close());
  const ws = new SourceWorkspace(host, { pool });
  ws.settings = { ...DEFAULT_SETTINGS, includeBundledCorpus: false };
  ws.folders = [{ uri: pathToFileURL(dir).href, path: dir, name: 'ws' }];
  if (withCache) ws.cacheDir = join(dir, 'cache');
  const adopted: boolean[] = [];
  const upsert = ws.index.upsert.bind(ws.index);
  ws.index.upsert = (source, opts) => {
    adopted.push(!!opts?.adopt);
    return upsert(source, opts);
  };
  await ws.reindex();
  await ws.flushCache(); // written now, before the folder is removed
  return { adopted, speakers: ws.index.quotes().map((q) => q.speaker) };
}

test('without a cache the index keeps what was read, with the same quotes', async (t) => {
  const r = await adoptFlags(t, false);
  assert.deepEqual(r.adopted, [true, true]);
  assert.deepEqual(r.speakers, ['Ann Smith', 'Carla Diaz']);
});

test('with a cache a fresh analysis is copied (the cache writes it later)', async (t) => {
  const r = await adoptFlags(t, true);
  assert.deepEqual(r.adopted, [false, false]);
  assert.deepEqual(r.speakers, ['Ann Smith', 'Carla Diaz']);
});
