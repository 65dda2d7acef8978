// The server's workspace with the analysis pool: a file on which the worker dies is reported by name (a problem of
// that file and a warning), and every other file is indexed; a cache hit goes to no worker, nor does a small changed file.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { AnalysisPool } from '../../../server/src/node/analysisPool';
import { IN_THREAD_MAX_BYTES, SourceWorkspace, type WorkspaceHost } from '../../../server/src/lsp/workspace';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { waitUntil } from './support';

function host(): WorkspaceHost & { logs: string[]; messages: string[] } {
  const logs: string[] = [];
  const messages: string[] = [];
  return {
    logs,
    messages,
    log: (m) => logs.push(m),
    showMessage: (type, m) => messages.push(`${type}: ${m}`),
    beginProgress: async () => undefined,
    onStatus: () => undefined,
    onIndexChanged: () => undefined,
  };
}

function workspaceWith(files: Record<string, string>, t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-ws-pool-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'sources'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'sources', name), text);
  return dir;
}

const NO_BUNDLED = { ...DEFAULT_SETTINGS, includeBundledCorpus: false };
const folder = (dir: string) => [{ uri: pathToFileURL(dir).href, path: dir, name: 'ws' }];

test('a source on which the analysis worker dies is reported by name, and the other sources are indexed', { timeout: 120_000 }, async (t) => {
  const dir = workspaceWith({
    'a.md': '“We will not raise taxes,” said Ann Smith, the finance minister.\n',
    'crash-b.md': '“This file kills its worker,” said Bob Jones.\n',
    'c.md': '“Growth will return next year,” said Carla Diaz, an economist.\n',
  }, t);
  const h = host();
  const pool = new AnalysisPool({ size: 2, workerFile: join(__dirname, 'crashingWorker.ts'), log: h.log });
  t.after(() => pool.close());
  const ws = new SourceWorkspace(h, { pool, inThreadMaxBytes: 0 });
  ws.settings = NO_BUNDLED;
  ws.folders = folder(dir);
  await ws.reindex();

  const file = (n: string) => join(dir, 'sources', n);
  assert.ok(ws.index.sourceByPath(file('a.md')), 'a.md is indexed');
  assert.ok(ws.index.sourceByPath(file('c.md')), 'c.md, after the crash, is indexed');
  assert.equal(ws.index.sourceByPath(file('crash-b.md')), undefined);
  assert.deepEqual(ws.index.quotes().map((q) => q.speaker), ['Ann Smith', 'Carla Diaz']);
  const problems = ws.problemsOf(file('crash-b.md'));
  assert.equal(problems.length, 1);
  assert.equal(problems[0].severity, 'warning');
  assert.match(problems[0].message, /could not be analysed: the analysis stopped on this file \(it exited with code 7\); it was not indexed/);
  assert.equal(ws.status().problems, 1, 'the status counts one source with a problem');
  assert.ok(h.messages.some((m) => m.startsWith('warning: Verbatim: sources/crash-b.md: could not be analysed')), `the user is told: ${h.messages.join(' | ')}`);
  assert.ok(h.logs.some((m) => m.includes('analysis worker stopped while reading') && m.includes('crash-b.md')), 'the log says which file');
  assert.equal(pool.stats.crashed, 1);
});

test('a cached source is not sent to a worker; a changed one is', { timeout: 120_000 }, async (t) => {
  const dir = workspaceWith({ 'a.md': '“Prices will fall,” said Ann Smith.\n', 'b.md': '“Prices will rise,” said Bob Jones.\n' }, t);
  const cacheDir = join(dir, 'cache');
  const run = async () => {
    const pool = new AnalysisPool({ size: 1 });
    t.after(() => pool.close());
    const ws = new SourceWorkspace(host(), { pool, inThreadMaxBytes: 0 });
    ws.settings = NO_BUNDLED;
    ws.folders = folder(dir);
    ws.cacheDir = cacheDir;
    await ws.reindex();
    return { ws, pool };
  };
  const first = await run();
  assert.equal(first.pool.stats.inWorkers, 2, 'both sources analysed in the worker');
  // The cache is written (to a temporary file, then renamed) just after the indexing.
  await waitUntil(() => existsSync(join(cacheDir, 'verbatim-sources.cache')), 'the index cache to be written');

  writeFileSync(join(dir, 'sources', 'b.md'), '“Prices will rise again,” said Bob Jones.\n');
  const second = await run();
  assert.equal(second.pool.stats.inWorkers, 1, 'only the changed file went to a worker');
  assert.equal(second.ws.index.sourceCount, 2);
  assert.ok(second.ws.index.quotes().some((q) => q.text === 'Prices will rise again,'));
});

test('a small source is analysed on the server thread; a large one in a worker', { timeout: 120_000 }, async (t) => {
  const dir = workspaceWith({ 'a.md': '“Prices will fall,” said Ann Smith.\n' }, t);
  const pool = new AnalysisPool({ size: 1 });
  t.after(() => pool.close());
  const ws = new SourceWorkspace(host(), { pool });
  ws.settings = NO_BUNDLED;
  ws.folders = folder(dir);
  await ws.reindex();
  const before = { ...pool.stats };

  const small = join(dir, 'sources', 'a.md');
  writeFileSync(small, '“Prices will fall again,” said Ann Smith.\n');
  assert.equal(await ws.fileChanged(pathToFileURL(small).href, 'changed'), true);
  assert.equal(pool.stats.inWorkers, before.inWorkers, 'the small file went to no worker');
  assert.ok(ws.index.quotes().some((q) => q.text === 'Prices will fall again,'), 'and its new quote is indexed');

  const large = join(dir, 'sources', 'large.md');
  writeFileSync(large, `“Rents will rise,” said Bob Jones.\n\n${'The council met again. '.repeat(Math.ceil((IN_THREAD_MAX_BYTES + 1) / 22))}\n`);
  assert.equal(await ws.fileChanged(pathToFileURL(large).href, 'created'), true);
  assert.equal(pool.stats.inWorkers, before.inWorkers + 1, 'the large file was analysed in a worker');
  assert.ok(ws.index.quotes().some((q) => q.speaker === 'Bob Jones'));
});
