// What a start from the index cache saves, kept honest: sources decoded from the cache are handed to the index
// (their quotes numbered in place, not copied) while an analysis the cache still holds for its next save is copied,
// and merging entities leaves no role or affiliation set to undefined.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SourceIndex } from '../../../server/src/core/index/sourceIndex';
import { analyzeSource } from '../../../server/src/core/sources/analyze';
import type { Entity } from '../../../server/src/core/types';
import { IndexCache } from '../../../server/src/node/indexCache';
import { loadIndex } from '../../../server/src/node/loadSources';

const TEXT = (i: number) => `---\nid: s${i}\n---\n"We will not back down from fight number ${i}," Jane Roe said.\n`;

describe('a start from the index cache', () => {
  test('a source decoded from the cache is owned by the reader; one analysed since opening is not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-cache-start-'));
    mkdirSync(join(dir, 'src'));
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, 'src', `s${i}.md`), TEXT(i));
    const cacheDir = join(dir, 'cache');
    const first = await IndexCache.open(cacheDir);
    const file = join(dir, 'src', 's0.md');
    const analysed = await first.read(file);
    assert.ok(!analysed.owned, 'an analysis kept by the cache for its next save is shared');
    assert.ok(!(await first.read(file)).owned, 'and stays shared when asked for again');
    await loadIndex({ specs: ['src'], cwd: dir, bundled: false, read: (f) => first.read(f) });
    await first.save();
    const second = await IndexCache.open(cacheDir);
    const decoded = await second.read(file);
    assert.equal(second.stats.hits, 1);
    assert.ok(decoded.owned);
    assert.notEqual((await second.read(file)).source, decoded.source, 'each decoding makes new objects');
  });

  test('an adopted source keeps its quote objects, numbered by the index; another is copied and left alone', () => {
    const a = analyzeSource('/a.md', TEXT(1));
    const b = analyzeSource('/b.md', TEXT(2));
    const [qa, qb] = [a.quotes[0], b.quotes[0]];
    const idBefore = qb.id;
    const index = new SourceIndex();
    index.upsert(a, { adopt: true });
    index.upsert(b);
    assert.equal(index.sourceByPath('/a.md')!.quotes[0], qa);
    assert.equal(index.quote(qa.id), qa);
    assert.notEqual(index.sourceByPath('/b.md')!.quotes[0], qb);
    assert.equal(qb.id, idBefore);
    // The same index either way.
    const copied = new SourceIndex();
    copied.upsert(analyzeSource('/a.md', TEXT(1)));
    copied.upsert(analyzeSource('/b.md', TEXT(2)));
    assert.deepEqual(index.quotes(), copied.quotes());
    assert.deepEqual(index.entities(), copied.entities());
    // Its entities are handed over too, unless its id is taken and they must name the new one.
    const c = analyzeSource('/c.md', TEXT(3));
    index.upsert(c, { adopt: true });
    assert.equal(index.sourceByPath('/c.md')!.entities, c.entities);
    const dup = analyzeSource('/d.md', TEXT(3));
    index.upsert(dup, { adopt: true });
    assert.notEqual(index.sourceByPath('/d.md')!.entities, dup.entities);
    assert.ok(index.sourceByPath('/d.md')!.entities.every((e) => e.mentions.every((m) => m.sourceId === 's3-2')));
    // Quotes by id follow removals.
    assert.equal(index.quoteCount, 4);
    index.remove('/a.md');
    assert.equal(index.quote(qa.id), undefined);
    assert.equal(index.quoteCount, 3);
    assert.equal(index.quote(index.sourceByPath('/c.md')!.quotes[0].id)?.sourceId, 's3');
  });

  test('merging entities sets a role or affiliation only when a part has one', () => {
    const part = (path: string, extra: Partial<Entity>): Entity => ({ name: 'Jane Roe', type: 'person', aliases: [], mentions: [{ sourceId: path, span: { start: 0, end: 8 } }], ...extra });
    const index = new SourceIndex();
    const source = (path: string, e: Entity) => ({ path, meta: { id: path }, text: 'Jane Roe said it.', bodyStart: 0, quotes: [], entities: [e], problems: [] });
    index.upsert(source('a', part('a', {})));
    index.upsert(source('b', part('b', {})));
    const [merged] = index.entities();
    assert.equal(merged.mentions.length, 2);
    assert.ok(!('role' in merged) && !('affiliation' in merged), JSON.stringify(Object.keys(merged)));
    index.upsert(source('c', part('c', { role: 'minister' })));
    assert.equal(index.entities()[0].role, 'minister');
  });
});
