// The passage index's documents against the reference way of making them: each source body through `tokenize`, ids
// from a Map in the order first seen, postings by a plain scan. The build interns words in one pass and finds a
// document's spans only when asked for (core/index/passageIndex.ts); both must give exactly the reference's words.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SourceIndex } from '../../../server/src/core/index/sourceIndex';
import { PassageIndex } from '../../../server/src/core/index/passageIndex';
import { tokenize } from '../../../server/src/core/text/normalize';
import { analyzeSource } from '../../../server/src/core/sources/analyze';
import type { AnalyzedSource } from '../../../server/src/core/types';
import { churn, sampleSources } from './support';

/** Checks every live document's ids, keys and spans, and every word's positions, against the reference. */
function checkAgainstReference(p: PassageIndex, sources: AnalyzedSource[]): void {
  const positions = new Map<number, number[]>();
  const live = p.docs.filter((d) => !d.dead);
  assert.deepEqual(live.map((d) => d.source.path).sort(), sources.map((s) => s.path).sort());
  for (const d of live) {
    const { text, bodyStart } = d.source;
    const want = tokenize(text, bodyStart, text.length);
    assert.equal(d.ids.length, want.length, d.source.path);
    assert.deepEqual(Array.from(d.starts), want.map((t) => t.start), d.source.path);
    assert.deepEqual(Array.from(d.ends), want.map((t) => t.end), d.source.path);
    const doc = p.docs.indexOf(d);
    want.forEach((t, k) => {
      assert.equal(d.ids[k], p.idOf(t.key), `"${t.key}" in ${d.source.path}`);
      assert.equal(p.keyOf(d.ids[k]), t.key);
      const list = positions.get(d.ids[k]) ?? [];
      list.push(p.base[doc] + k);
      positions.set(d.ids[k], list);
    });
  }
  for (const [id, list] of positions) {
    assert.deepEqual(Array.from(p.positions(id)), list.sort((a, b) => a - b), `positions of "${p.keyOf(id)}"`);
    assert.equal(p.df(id), list.length);
  }
}

describe('passage index words', () => {
  test('a fresh build has the ids, spans and postings of tokenize + a Map (ids in the order first seen)', () => {
    const sources = sampleSources(80);
    const index = new SourceIndex();
    for (const s of sources) index.upsert(s);
    const p = PassageIndex.for(index);
    checkAgainstReference(p, index.sources);
    const reference = new Map<string, number>();
    for (const s of index.sources) for (const t of tokenize(s.text, s.bodyStart, s.text.length)) if (!reference.has(t.key)) reference.set(t.key, reference.size);
    for (const [key, id] of reference) assert.equal(p.idOf(key), id, key);
  });

  test('built a part at a time (a server warming it between requests), stopped by a change: the reference words', () => {
    const index = new SourceIndex();
    for (const s of sampleSources(40)) index.upsert(s);
    // `more` says no at once: each part finds one source's words.
    assert.equal(PassageIndex.warm(index, () => false), false);
    assert.equal(PassageIndex.warm(index, () => false), false);
    const changed = index.sources[5];
    index.remove(changed.path);
    index.upsert(changed);
    let parts = 2;
    while (!PassageIndex.warm(index, () => false)) parts++;
    assert.ok(parts >= 40, `${parts} parts for 40 sources`);
    const p = PassageIndex.for(index);
    assert.equal(p.counters.rebuilds, 1, 'laid out once, from the words found in parts');
    checkAgainstReference(p, index.sources);
    churn(index, 3, 30, 10, () => {
      assert.equal(PassageIndex.warm(index, () => false), true);
      checkAgainstReference(p, index.sources);
    });
  });

  test('after sources are edited, removed and restored (appended documents and rebuilds), spans of a document asked for before and after', () => {
    const index = new SourceIndex();
    for (const s of sampleSources(40)) index.upsert(s);
    const p = PassageIndex.for(index);
    const first = p.docs[3].starts;
    churn(index, 7, 120, 10, () => {
      PassageIndex.for(index);
      checkAgainstReference(p, index.sources);
    });
    assert.ok(p.counters.updates > 0 && p.counters.rebuilds > 0, JSON.stringify(p.counters));
    assert.equal(first.length, tokenize(p.docs[3].source.text, p.docs[3].source.bodyStart).length);
  });

  test('documents share the global word array (no copy each), also when it outgrows its estimate; a removed one keeps its words', () => {
    // One word in two characters: past the build's estimate of one in four, so `all` grows while it is laid out.
    const dense = Array.from({ length: 60 }, (_, i) => analyzeSource(`d${i}.txt`, Array.from({ length: 3000 }, (_, k) => (k * 7 + i) % 10).join(' ')));
    const index = new SourceIndex();
    for (const s of [...sampleSources(5), ...dense]) index.upsert(s);
    const p = PassageIndex.for(index);
    checkAgainstReference(p, index.sources);
    for (const d of p.docs) assert.equal(d.ids.buffer, p.all.buffer, d.source.path);
    const gone = p.docs[7];
    const words = Array.from(gone.ids);
    index.remove(gone.source.path);
    PassageIndex.for(index);
    assert.equal(p.counters.updates, 1);
    assert.ok(gone.dead);
    assert.deepEqual(Array.from(gone.ids), words);
    checkAgainstReference(p, index.sources);
  });

  test('spans of a source with front matter, currency, curly apostrophes and accents', () => {
    const index = new SourceIndex();
    index.upsert(analyzeSource('a.md', '---\nid: a\ntitle: A\n---\nNato’s chief said: "We’ve spent $1,000,000 — 4.5% — in Zürich." Élysée'));
    const p = PassageIndex.for(index);
    checkAgainstReference(p, index.sources);
    const d = p.docs[0];
    assert.equal(d.source.text.slice(d.starts[0], d.ends[0]), 'Nato’s');
  });
});
