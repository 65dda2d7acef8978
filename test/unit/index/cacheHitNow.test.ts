// A start from the index cache handles the files it holds without a turn of the event loop each: the cache answers
// at once (not a promise) for a record it decodes from the bytes read at opening, and eachInOrder hands such answers
// on at once, in order, with the files that must be awaited (analysed) in between.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { IndexCache } from '../../../server/src/node/indexCache';
import { eachInOrder } from '../../../server/src/node/inOrder';

const TEXT = (i: number) => `---\nid: s${i}\n---\n"We will not back down from fight number ${i}," Jane Roe said.\n`;

test('a file the cache holds unchanged is answered at once; a changed one is analysed (a promise)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-cache-now-'));
  mkdirSync(join(dir, 'src'));
  const files = [0, 1].map((i) => join(dir, 'src', `s${i}.md`));
  files.forEach((f, i) => writeFileSync(f, TEXT(i)));
  const cacheDir = join(dir, 'cache');
  const first = await IndexCache.open(cacheDir);
  for (const f of files) assert.ok(first.read(f) instanceof Promise, 'not cached yet: analysed');
  await Promise.all(files.map((f) => first.read(f)));
  await first.save();
  writeFileSync(files[1], TEXT(1) + 'More text.\n');
  const second = await IndexCache.open(cacheDir);
  const hit = second.read(files[0]);
  assert.ok(!(hit instanceof Promise), 'decoded at once');
  assert.equal(hit.source?.meta.id, 's0');
  const changed = second.read(files[1]);
  assert.ok(changed instanceof Promise, 'a changed file is analysed again');
  assert.match((await changed).source!.text, /More text/);
  assert.deepEqual([second.stats.hits, second.stats.misses], [1, 1]);
});

test('eachInOrder hands on answers in order, at once or awaited, keeps `ahead` started, and stops on false', async () => {
  const handed: string[] = [];
  let started = 0;
  const start = (n: number) => {
    started++;
    return n % 3 === 0 ? new Promise<string>((r) => setTimeout(() => r(`a${n}`), 5 - n / 3)) : `s${n}`;
  };
  await eachInOrder([0, 1, 2, 3, 4, 5, 6, 7], start, 3, (n, r) => {
    handed.push(r);
    assert.ok(started <= Math.min(8, n + 4), 'never more than `ahead` beyond the one handed on');
    return n < 6;
  });
  assert.deepEqual(handed, ['a0', 's1', 's2', 'a3', 's4', 's5', 'a6']);
  // A synchronous `each` chain does not wait for the event loop between answers given at once.
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  await eachInOrder(Array.from({ length: 1000 }, (_, i) => i), (n) => n, 4, () => true);
  clearInterval(timer);
  assert.equal(ticks, 0);
});
