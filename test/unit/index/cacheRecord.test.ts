// The index cache's records (node/cacheRecord.ts) and the cache file around them: an analysis read back from the cache
// is exactly the analysis written (compact or not), and a damaged, cut or replaced cache file costs an analysis again
// (with a note in the log), never a wrong index or a crash.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeSource } from '../../../server/src/core/sources/analyze';
import type { AnalyzedSource } from '../../../server/src/core/types';
import { decodeEntry, encodeEntry, isCompact, readHead, type CacheEntry } from '../../../server/src/node/cacheRecord';
import { IndexCache } from '../../../server/src/node/indexCache';
import { loadIndex, readSource } from '../../../server/src/node/loadSources';
import { sampleSources } from './support';

const entryOf = (source: AnalyzedSource): CacheEntry => ({
  size: source.text.length,
  mtimeMs: 1700000000000.25,
  source,
  problems: [{ path: source.path, severity: 'information', message: 'a note about the file' }],
});

function roundTrip(e: CacheEntry): { back: CacheEntry; compact: boolean } {
  const bytes = encodeEntry(e.source.path, e);
  // At an odd place in a larger buffer, as in a file read whole (the numbers are then copied, not viewed).
  const padded = Buffer.concat([Buffer.alloc(3), bytes]);
  assert.deepEqual(readHead(padded, 3), { path: e.source.path, size: e.size, mtimeMs: e.mtimeMs, end: 3 + bytes.length });
  return { back: decodeEntry(padded, 3), compact: isCompact(bytes) };
}

const NON_ASCII = `---\nid: kyiv-ü\ntitle: “Straße” — a test\n---\n“We won’t back down — not now, not ever,” said Volodymyr Zelenskiy, Ukraine’s president. 🇺🇦\n\nHe spoke in Kyiv. “Ça va,” Zelenskiy added.\n`;

describe('index cache records', () => {
  test('every analysis comes back exactly as written, in the compact form', () => {
    const sources = [...sampleSources(150), analyzeSource('/sources/kyiv-ü.md', NON_ASCII), analyzeSource('/sources/empty.md', '')];
    for (const s of sources) {
      const { back, compact } = roundTrip(entryOf(s));
      assert.ok(compact, s.path);
      assert.deepStrictEqual(back, entryOf(s), s.path);
    }
  });

  test('an analysis this code does not know the shape of is kept whole, as JSON', () => {
    const s = analyzeSource('/sources/a.md', '"We will not back down from this fight," Jane Roe said.\n');
    assert.ok(s.quotes.length > 0);
    const withField = { ...s, quotes: s.quotes.map((q) => ({ ...q, confidence: 0.5 })) } as AnalyzedSource;
    const otherText = { ...s, quotes: s.quotes.map((q) => ({ ...q, text: `${q.text} (normalised)` })) };
    const otherId = { ...s, entities: s.entities.map((e) => ({ ...e, mentions: e.mentions.map((m) => ({ ...m, sourceId: 'elsewhere' })) })) };
    for (const odd of [withField, otherText, otherId]) {
      const { back, compact } = roundTrip(entryOf(odd));
      assert.equal(compact, false);
      assert.deepStrictEqual(back, entryOf(odd));
    }
  });

  test('a damaged record is refused, not read as a wrong analysis', () => {
    const s = analyzeSource('/sources/a.md', '"We will not back down from this fight," Jane Roe said in London.\n');
    const bytes = encodeEntry(s.path, entryOf(s));
    // The last number is a mention's end: past the text.
    const spanPastText = Buffer.from(bytes);
    spanPastText.writeInt32LE(1_000_000, spanPastText.length - 4);
    assert.throws(() => decodeEntry(spanPastText, 0), /span outside the text/);
    // A count that claims more numbers than the record has.
    const cut = Buffer.from(bytes);
    cut.writeUInt32LE(cut.readUInt32LE(16) - 1, 16);
    assert.throws(() => decodeEntry(cut.subarray(0, cut.length - 4), 0));
  });
});

function sourcesDir(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-cache-records-'));
  mkdirSync(join(dir, 'src'));
  for (let i = 0; i < n; i++)
    writeFileSync(join(dir, 'src', `s${i}.md`), `---\nid: s${i}\n---\n"We will not back down from fight number ${i}," Jane Roe said in Kyiv. “Never — not once,” she added.\n`);
  return dir;
}

async function load(dir: string, cache?: IndexCache) {
  const r = await loadIndex({ specs: ['src'], cwd: dir, bundled: false, read: cache && ((f) => cache.read(f)) });
  return r.index;
}

/** A cache filled from the sources of `dir` and saved: the file a later start reads. */
async function savedCache(dir: string, cacheDir: string): Promise<IndexCache> {
  const cache = await IndexCache.open(cacheDir);
  await load(dir, cache);
  await cache.save();
  return cache;
}

/** What an index holds, for comparing one read from the cache with a fresh analysis. */
const view = (index: Awaited<ReturnType<typeof load>>) => ({
  sources: index.sources.map((s) => ({ ...s, quotes: s.quotes.map(({ id: _id, ...q }) => q) })),
  entities: index.entities(),
  speakers: index.speakers(),
});

describe('index cache file', () => {
  test('an index read from the cache equals a fresh analysis', async () => {
    const dir = sourcesDir(6);
    const cacheDir = join(dir, 'cache');
    const first = await savedCache(dir, cacheDir);
    const second = await IndexCache.open(cacheDir);
    const cached = await load(dir, second);
    assert.deepEqual([second.stats.hits, second.stats.misses], [6, 0]);
    assert.deepStrictEqual(view(cached), view(await load(dir)));
  });

  test('records are read through a window smaller than some of them, in whatever order they are asked for, as written', async () => {
    // A start reads the cache file through one reused window: records in file order come from it, a record past it
    // moves it, one asked for out of order is read alone, one larger than the window gets a larger one.
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-cache-window-'));
    mkdirSync(join(dir, 'src'));
    const line = (i: number, j: number) => `"Point ${j} of source ${i} stands," Jane Roe said in Kyiv.\n\n`;
    for (let i = 0; i < 12; i++)
      writeFileSync(join(dir, 'src', `s${String(i).padStart(2, '0')}.md`), `---\nid: s${i}\n---\n${Array.from({ length: i % 3 === 0 ? 40 : 1 }, (_, j) => line(i, j)).join('')}`);
    const cacheDir = join(dir, 'cache');
    const first = await savedCache(dir, cacheDir);
    const files = readdirSync(join(dir, 'src')).sort().map((f) => join(dir, 'src', f));
    const fresh = new Map(await Promise.all(files.map(async (f) => [f, await readSource(f)] as const)));
    const shuffled = [5, 0, 11, 3, 8, 1, 10, 2, 7, 4, 9, 6].map((i) => files[i]);
    for (const order of [files, [...files].reverse(), shuffled]) {
      const cache = await IndexCache.open(cacheDir, undefined, { windowBytes: 512 });
      for (const f of order) {
        const r = cache.read(f);
        assert.ok(!(r instanceof Promise), `${f} is decoded at once`);
        assert.deepStrictEqual(r.source, fresh.get(f)?.source, f);
        assert.deepStrictEqual(r.problems, fresh.get(f)?.problems, f);
      }
      assert.deepEqual([cache.stats.hits, cache.stats.misses, cache.stats.damaged], [12, 0, 0]);
      await cache.save();
    }
  });

  test('a damaged record: that file is analysed again, with a note; the others come from the cache', async () => {
    const dir = sourcesDir(4);
    const cacheDir = join(dir, 'cache');
    const first = await savedCache(dir, cacheDir);
    // Damage the last number of the last record (a mention's end) in the file.
    const bytes = readFileSync(first.file);
    bytes.writeInt32LE(-7, bytes.length - 4);
    writeFileSync(first.file, bytes);
    const logs: string[] = [];
    const second = await IndexCache.open(cacheDir, (m) => logs.push(m));
    const index = await load(dir, second);
    assert.deepEqual([second.stats.hits, second.stats.misses, second.stats.damaged], [3, 1, 1]);
    assert.match(logs.join('\n'), /s3\.md is damaged .*analysed again/);
    assert.deepStrictEqual(view(index), view(await load(dir)));
    // The record is written again, whole.
    await second.save();
    const third = await IndexCache.open(cacheDir);
    await load(dir, third);
    assert.deepEqual([third.stats.hits, third.stats.damaged], [4, 0]);
  });

  test('a cache file cut short: the sources before the cut come from it, the others are analysed again', async () => {
    const dir = sourcesDir(5);
    const cacheDir = join(dir, 'cache');
    const first = await savedCache(dir, cacheDir);
    const bytes = readFileSync(first.file);
    writeFileSync(first.file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const logs: string[] = [];
    const second = await IndexCache.open(cacheDir, (m) => logs.push(m));
    const index = await load(dir, second);
    assert.ok(second.stats.hits >= 1 && second.stats.hits < 5 && second.stats.hits + second.stats.misses === 5, JSON.stringify(second.stats));
    assert.match(logs.join('\n'), /cut short/);
    assert.deepStrictEqual(view(index), view(await load(dir)));
  });

  test('a record whose head claims more than the file holds: the cache is cut there, and nothing that large is read', async () => {
    const dir = sourcesDir(3);
    const cacheDir = join(dir, 'cache');
    const first = await savedCache(dir, cacheDir);
    // The second record's path length, then (another time) its text length, set to 2 GB.
    const bytes = readFileSync(first.file);
    const second = readHead(bytes, 8 + bytes.readUInt32LE(4) + ((4 - ((8 + bytes.readUInt32LE(4)) % 4)) % 4))!.end;
    for (const field of [4, 12]) {
      const damaged = Buffer.from(bytes);
      damaged.writeUInt32LE(0x7fffffff, second + field);
      writeFileSync(first.file, damaged);
      const logs: string[] = [];
      const cache = await IndexCache.open(cacheDir, (m) => logs.push(m));
      const index = await load(dir, cache);
      assert.deepEqual([cache.stats.loaded, cache.stats.hits, cache.stats.misses], [1, 1, 2], `field at ${field}`);
      assert.match(logs.join('\n'), /cut short after 1 sources/);
      assert.deepStrictEqual(view(index), view(await load(dir)));
    }
  });

  test('after a save the cache keeps no analysis: the next save copies the unchanged records from its file', async () => {
    const dir = sourcesDir(4);
    const cacheDir = join(dir, 'cache');
    const cache = await IndexCache.open(cacheDir);
    await load(dir, cache);
    await cache.save();
    // A file changes while the server runs (a watcher event): read again through the same cache, then saved.
    const f = join(dir, 'src', 's1.md');
    writeFileSync(f, readFileSync(f, 'utf8').replace('Jane Roe', 'Joan Doe'));
    const later = new Date(Date.now() + 5000);
    utimesSync(f, later, later);
    assert.equal((await cache.read(f)).source?.quotes[0].speaker, 'Joan Doe');
    // An unchanged file read again comes from the file written by the first save.
    assert.equal((await cache.read(join(dir, 'src', 's2.md'))).source?.meta.id, 's2');
    await cache.save();
    const next = await IndexCache.open(cacheDir);
    const index = await load(dir, next);
    assert.deepEqual([next.stats.hits, next.stats.misses], [4, 0]);
    assert.deepStrictEqual(view(index), view(await load(dir)));
  });

  test('a cache file of several megabytes is copied record by record, through the window that reads it, intact', async () => {
    // 40 sources of ~60 KB: the second save reads the first file in windows of 1 MB, so records straddle them.
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-cache-records-'));
    mkdirSync(join(dir, 'src'));
    const paragraph = (i: number, j: number) => `"Line ${j} of source ${i} will not be forgotten," Jane Roe said in Kyiv on day ${j}.\n\n`;
    for (let i = 0; i < 40; i++)
      writeFileSync(join(dir, 'src', `s${i}.md`), `---\nid: s${i}\n---\n${Array.from({ length: 700 }, (_, j) => paragraph(i, j)).join('')}`);
    const cacheDir = join(dir, 'cache');
    const cache = await IndexCache.open(cacheDir);
    await load(dir, cache);
    await cache.save();
    assert.ok(statSync(cache.file).size > 3 << 20, `a cache file of ${statSync(cache.file).size} bytes does not cross windows`);
    const f = join(dir, 'src', 's7.md');
    writeFileSync(f, readFileSync(f, 'utf8').replace('Jane Roe said in Kyiv on day 3.', 'Joan Doe said in Lviv on day 3.'));
    utimesSync(f, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    await load(dir, cache);
    await cache.save();
    const next = await IndexCache.open(cacheDir);
    const index = await load(dir, next);
    assert.deepEqual([next.stats.hits, next.stats.misses, next.stats.damaged], [40, 0, 0]);
    assert.deepStrictEqual(view(index), view(await load(dir)));
  });

  test('a cache file replaced by another process is not copied from: its records are analysed again later', async () => {
    const dir = sourcesDir(3);
    const cacheDir = join(dir, 'cache');
    const logs: string[] = [];
    const cache = await IndexCache.open(cacheDir, (m) => logs.push(m));
    await load(dir, cache);
    await cache.save();
    writeFileSync(cache.file, 'another process wrote this');
    const f = join(dir, 'src', 's0.md');
    writeFileSync(f, readFileSync(f, 'utf8').replace('Jane Roe', 'Joan Doe'));
    utimesSync(f, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    await cache.read(f);
    await cache.save();
    assert.match(logs.join('\n'), /changed by another process/);
    const next = await IndexCache.open(cacheDir);
    const index = await load(dir, next);
    assert.deepEqual([next.stats.hits, next.stats.misses], [1, 2]);
    assert.deepStrictEqual(view(index), view(await load(dir)));
  });
});
