// The analysis pool (server/src/node/analysisPool.ts): sources analysed in worker threads give exactly the index that
// analysing them one by one in this thread gives; results are added in file order; a worker that cannot start or that
// stops on a file is reported, never silent; idle workers go away.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AnalysisPool } from '../../../server/src/node/analysisPool';
import { eachInOrder } from '../../../server/src/node/inOrder';
import { loadIndex, POOL_FROM_FILES } from '../../../server/src/node/loadSources';
import { readSource } from '../../../server/src/node/readSource';
import { indexDump, waitUntil } from './support';

const ROOT = join(__dirname, '..', '..', '..');
const BBC = process.env.VERBATIM_BBC_DIR ?? join(ROOT, '..', 'shared', 'data', 'bbc-news');

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-pool-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the index built through the worker pool is the one built in this thread (seed corpus, fixtures, BBC when present)', { timeout: 900_000 }, async (t) => {
  const specs = [join(ROOT, 'test', 'fixtures', 'lsp'), join(ROOT, 'test', 'fixtures', 'drafts')];
  if (existsSync(BBC)) specs.push(BBC);
  else t.diagnostic(`the BBC News set is not at ${BBC}: compared on the seed corpus and the fixtures only`);
  const opts = { specs, cwd: ROOT, bundled: true };
  const inThread = await loadIndex(opts);
  const pool = new AnalysisPool({ size: 2 });
  t.after(() => pool.close());
  const pooled = await loadIndex({ ...opts, pool });

  assert.ok(inThread.index.sourceCount >= POOL_FROM_FILES, `enough files for the pool to be used (${inThread.index.sourceCount})`);
  assert.equal(pool.fallback, undefined, 'the workers started');
  assert.ok(pool.stats.inWorkers >= inThread.index.sourceCount, 'every file was analysed in a worker');
  assert.equal(pool.stats.inThread, 0, 'none in this thread');
  const a = indexDump(inThread.index);
  const b = indexDump(pooled.index);
  assert.deepEqual(b.perSource.map(([p]) => p), a.perSource.map(([p]) => p), 'the same sources in the same order');
  for (let i = 0; i < a.perSource.length; i++) assert.equal(b.perSource[i][1], a.perSource[i][1], `the analysis of ${a.perSource[i][0]}`);
  assert.ok(a.merged === b.merged, 'the same quotes (with their ids), merged entities and speakers');
  assert.deepEqual(pooled.problems, inThread.problems, 'the same problems, in the same order');
  t.diagnostic(`${a.perSource.length} sources, ${inThread.index.quoteCount} quotes, ${inThread.index.entityCount} entities compared`);
});

test('results come back in the order of the files, whichever job finishes first', async () => {
  const finishOrder: number[] = [];
  let running = 0;
  let most = 0;
  const job = (n: number) =>
    new Promise<number>((resolve) => {
      running++;
      most = Math.max(most, running);
      // Later items finish sooner.
      setTimeout(() => {
        running--;
        finishOrder.push(n);
        resolve(n * 10);
      }, (10 - n) * 3);
    });
  const seen: [number, number][] = [];
  await eachInOrder([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], job, 4, (n, r) => seen.push([n, r]) > 0);
  assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [n, n * 10]));
  assert.notDeepEqual(finishOrder, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'the jobs did finish out of order');
  assert.equal(most, 4, 'four jobs ran at once, never more');
});

test('a file the worker cannot use gets the same message as in this thread', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'empty.md'), '');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
  mkdirSync(join(dir, 'folder.md'));
  const pool = new AnalysisPool({ size: 1 });
  t.after(() => pool.close());
  for (const name of ['empty.md', 'binary.txt', 'folder.md', 'missing.md']) {
    const file = join(dir, name);
    const here = await readSource(file);
    const there = await pool.read(file);
    assert.ok(here.problems.length > 0, `${name} has a problem`);
    assert.deepEqual(there.problems, here.problems, name);
    assert.equal(!!there.source, !!here.source, name);
  }
  assert.equal(pool.stats.inWorkers, 4);
});

test('a worker that cannot start: the files are analysed in this thread, and the log says why', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.md'), '“We will not raise taxes,” said Ann Smith, the finance minister.\n');
  const logs: string[] = [];
  const missing = join(dir, 'no-such-worker.js');
  const pool = new AnalysisPool({ size: 2, workerFile: missing, log: (m) => logs.push(m) });
  t.after(() => pool.close());
  const [r1, r2] = await Promise.all([pool.read(join(dir, 'a.md')), pool.read(join(dir, 'a.md'))]);
  for (const r of [r1, r2]) {
    assert.deepEqual(r.problems, []);
    assert.equal(r.source?.quotes[0]?.speaker, 'Ann Smith');
  }
  assert.equal(logs.length, 1, `one note, not one per worker or file: ${logs.join(' | ')}`);
  assert.match(logs[0], /analysis worker .*no-such-worker\.js could not start \(.+\); sources are analysed in the server's own thread/);
  assert.ok(pool.fallback, 'the pool knows it runs in this thread');
  assert.equal(pool.stats.inThread, 2);
  assert.equal(pool.workers, 0);
});

test('workers without work are stopped after the idle time, and start again for new work', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.md'), '“Prices will fall,” said Ann Smith.\n');
  const pool = new AnalysisPool({ size: 2, idleMs: 50 });
  t.after(() => pool.close());
  await Promise.all([pool.read(join(dir, 'a.md')), pool.read(join(dir, 'a.md'))]);
  assert.ok(pool.workers > 0, 'workers were started');
  await waitUntil(() => pool.workers === 0, 'the idle workers to stop');
  const again = await pool.read(join(dir, 'a.md'));
  assert.equal(again.source?.quotes.length, 1, 'a stopped pool still analyses');
  assert.ok(pool.stats.workersStarted >= 2, 'a worker was started again');
  assert.equal(pool.stats.inThread, 0);
});
