// The index cache: a second start reads the analysed sources back instead of analysing them, a changed file (size or
// modification time) is analysed again and only it, a cache that cannot be read is ignored, and the CLI's --cache
// gives the same output as no cache.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fs from 'node:fs';
import { describe, mock, test } from 'node:test';
import { runCli } from '../../../server/src/cli/main';
import { IndexCache } from '../../../server/src/node/indexCache';
import { loadIndex } from '../../../server/src/node/loadSources';
import { readSmallSource } from '../../../server/src/node/readSource';

function sources(): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-cache-'));
  mkdirSync(join(dir, 'src'));
  for (let i = 0; i < 5; i++) writeFileSync(join(dir, 'src', `s${i}.md`), `---\nid: s${i}\n---\n"We will not back down from fight number ${i}," Jane Roe said.\n`);
  return dir;
}

async function load(dir: string, cacheDir: string) {
  const cache = await IndexCache.open(cacheDir);
  const r = await loadIndex({ specs: ['src'], cwd: dir, bundled: false, read: (f) => cache.read(f) });
  await cache.save();
  return { ...r, cache };
}

describe('index cache', () => {
  test('the second load reads every source from the cache; a changed file alone is analysed again', async () => {
    const dir = sources();
    const cacheDir = join(dir, 'cache');
    const first = await load(dir, cacheDir);
    assert.deepEqual([first.cache.stats.hits, first.cache.stats.misses], [0, 5]);
    const second = await load(dir, cacheDir);
    assert.deepEqual([second.cache.stats.loaded, second.cache.stats.hits, second.cache.stats.misses], [5, 5, 0]);
    assert.deepEqual(
      second.index.quotes().map((q) => [q.sourceId, q.text, q.speaker]),
      first.index.quotes().map((q) => [q.sourceId, q.text, q.speaker]),
    );
    // Same size, new content and time: analysed again.
    const f = join(dir, 'src', 's2.md');
    writeFileSync(f, readFileSync(f, 'utf8').replace('Jane Roe', 'Joan Doe'));
    const later = new Date(Date.now() + 5000);
    utimesSync(f, later, later);
    const third = await load(dir, cacheDir);
    assert.deepEqual([third.cache.stats.hits, third.cache.stats.misses], [4, 1]);
    assert.equal(third.index.quotes().find((q) => q.sourceId === 's2')?.speaker, 'Joan Doe');
  });

  test('a file the cache has no record of is keyed by the stat of its own read: a cold start stats each file once', async () => {
    const dir = sources();
    const cacheDir = join(dir, 'cache');
    const cache = await IndexCache.open(cacheDir);
    const statSync = mock.method(fs, 'statSync');
    try {
      await loadIndex({ specs: ['src'], cwd: dir, bundled: false, read: (f) => cache.read(f) });
      assert.equal(statSync.mock.calls.filter((c) => String(c.arguments[0]).endsWith('.md')).length, 0, 'no stat besides the read');
    } finally {
      statSync.mock.restore();
    }
    await cache.save();
    const next = await load(dir, cacheDir);
    assert.deepEqual([next.cache.stats.hits, next.cache.stats.misses], [5, 0], 'the records are keyed by the files as they are');
  });

  test('a save lets other work run between records, and files analysed again meanwhile are saved by the next save', async () => {
    const dir = sources();
    const cacheDir = join(dir, 'cache');
    const cache = await IndexCache.open(cacheDir, undefined, { saveSliceMs: 0 });
    await loadIndex({ specs: ['src'], cwd: dir, bundled: false, read: (f) => cache.read(f) });
    let saved = false;
    const saving = cache.save({ inBackground: true }).then(() => (saved = true));
    // Turns of the event loop while the save runs, until it has opened its file and encoded a record or more; then
    // every source changes and is analysed again (as the server does on a file watcher's events).
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const tmp = join(cacheDir, `verbatim-sources.cache.${process.pid}.tmp`);
    while (!saved && !existsSync(tmp)) await turn();
    await turn();
    await turn();
    assert.equal(saved, false, 'the save gave the event loop turns while it wrote');
    const later = new Date(Date.now() + 5000);
    for (let i = 0; i < 5; i++) {
      const f = join(dir, 'src', `s${i}.md`);
      writeFileSync(f, readFileSync(f, 'utf8').replace('Jane Roe', 'Joan Doe'));
      utimesSync(f, later, later);
      await cache.read(f, async (file) => readSmallSource(file, 1 << 20)!);
    }
    await saving;
    await cache.save();
    const next = await load(dir, cacheDir);
    assert.deepEqual([next.cache.stats.hits, next.cache.stats.misses], [5, 0], 'every file from the cache, as analysed after the change');
    assert.deepEqual(new Set(next.index.quotes().map((q) => q.speaker)), new Set(['Joan Doe']));
  });

  test('a cache file that cannot be read is ignored and replaced', async () => {
    const dir = sources();
    const cacheDir = join(dir, 'cache');
    mkdirSync(cacheDir);
    const logs: string[] = [];
    await load(dir, cacheDir);
    writeFileSync(join(cacheDir, 'verbatim-sources.cache'), 'not a cache');
    const cache = await IndexCache.open(cacheDir, (m) => logs.push(m));
    assert.equal(cache.stats.loaded, 0);
    assert.match(logs.join('\n'), /cannot be read/);
    const r = await loadIndex({ specs: ['src'], cwd: dir, bundled: false, read: (f) => cache.read(f) });
    assert.equal(r.index.quotes().length, 5);
    await cache.save();
    assert.equal((await IndexCache.open(cacheDir)).stats.loaded, 5);
    // Our mark, then a header length of 2 GB: refused as it stands, without reading that much.
    const bogus = Buffer.alloc(4096);
    bogus.write('VRBT', 0, 'latin1');
    bogus.writeUInt32LE(0x7fffffff, 4);
    writeFileSync(join(cacheDir, 'verbatim-sources.cache'), bogus);
    const again = await IndexCache.open(cacheDir, (m) => logs.push(m));
    assert.equal(again.stats.loaded, 0);
    assert.match(logs.at(-1) ?? '', /not a Verbatim index cache/);
  });

  test('verbatim --cache DIR: the same output, from the cache the second time', async () => {
    const dir = sources();
    const run = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(args, { cwd: dir, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
      return { code, stdout, stderr };
    };
    const plain = await run(['quotes', '--no-bundled', '--sources', 'src', '--json']);
    const a = await run(['quotes', '--no-bundled', '--sources', 'src', '--json', '--cache', '.verbatim-cache']);
    const b = await run(['quotes', '--no-bundled', '--sources', 'src', '--json', '--cache', '.verbatim-cache']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, plain.stdout);
    assert.equal(b.stdout, plain.stdout);
    assert.ok(readFileSync(join(dir, '.verbatim-cache', 'verbatim-sources.cache')).length > 0);
  });
});
